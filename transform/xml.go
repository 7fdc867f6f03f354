package transform

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/customslint/customslint/internal/jsondoc"
)

// DecodeJSON parses a JSON message keeping numbers as written (see
// jsondoc.Decode: duplicate keys, invalid UTF-8 and nesting deeper than 256
// are refused). Empty objects and arrays are nil maps and slices.
func DecodeJSON(data []byte) (any, error) {
	d, err := jsondoc.Decode(data)
	if err != nil {
		return nil, err
	}
	return d.Value, nil
}

// xmlWriter writes indented XML.
type xmlWriter struct {
	b      bytes.Buffer
	prefix map[string]string // namespace -> prefix ("" for the default namespace)
}

var (
	textEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", "\r", "&#13;")
	attrEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;", "\n", "&#10;", "\r", "&#13;", "\t", "&#9;")
)

func (w *xmlWriter) qname(n *Node) string {
	if n.Namespace == "" {
		return n.Name
	}
	if p := w.prefix[n.Namespace]; p != "" {
		return p + ":" + n.Name
	}
	return n.Name
}

// scalar renders a JSON leaf as XML text; ok is false for objects and
// arrays.
func scalar(v any) (string, bool) {
	switch x := v.(type) {
	case string:
		return x, true
	case json.Number:
		return string(x), true
	case bool:
		return strconv.FormatBool(x), true
	case nil:
		return "", true
	}
	return "", false
}

// ToXML writes the XML message of a JSON message of this view. Elements
// come out in the model's order. Problems list JSON members the view does
// not know or of the wrong shape (left out); the error is for JSON that is
// not a message of this type at all.
func (v *View) ToXML(data []byte) ([]byte, []Problem, error) {
	doc, err := DecodeJSON(data)
	if err != nil {
		return nil, nil, fmt.Errorf("not JSON: %w", err)
	}
	return v.ValueToXML(doc)
}

// ValueToXML is ToXML of a message already decoded (DecodeJSON's value).
func (v *View) ValueToXML(doc any) ([]byte, []Problem, error) {
	top, ok := doc.(map[string]any)
	if !ok {
		return nil, nil, errors.New("the JSON message is not an object")
	}
	body, ok := top[v.RootKey]
	if !ok {
		return nil, nil, fmt.Errorf("the JSON message has no %q member", v.RootKey)
	}
	var probs []Problem
	for k := range top {
		if k != v.RootKey && k != DocumentKey && !strings.HasPrefix(k, "@xmlns") { // DocumentKey: see EnvelopeOf
			probs = append(probs, Problem{"/" + escapePointer(k), "member not in the model; left out of the XML"})
		}
	}
	w := &xmlWriter{prefix: v.namespacePrefixes()}
	w.b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	v.writeElement(w, body, v.Root, "/"+escapePointer(v.RootKey), 0, true, &probs)
	return w.b.Bytes(), probs, nil
}

// namespacePrefixes chooses the prefixes of the XML: the root's namespace
// gets its usual prefix, the other namespaces prefixes of their own, the
// first of them the default namespace when no element is unqualified.
func (v *View) namespacePrefixes() map[string]string {
	var nss []string
	seen := map[string]bool{}
	unqualified := false
	var walk func(n *Node)
	walk = func(n *Node) {
		if n.Namespace == "" {
			unqualified = true
		} else if !seen[n.Namespace] {
			seen[n.Namespace] = true
			nss = append(nss, n.Namespace)
		}
		for _, c := range n.Children {
			walk(c)
		}
	}
	walk(v.Root)
	out := map[string]string{}
	for i, ns := range nss {
		p, known := xmlPrefixes[ns]
		switch {
		case known:
		case i == 1 && !unqualified:
			p = "" // the default namespace
		default:
			p = "ns" + strconv.Itoa(i)
		}
		out[ns] = p
	}
	return out
}

func (v *View) rootNamespaces(w *xmlWriter) string {
	var decls []string
	for ns, p := range w.prefix {
		if p == "" {
			decls = append(decls, ` xmlns="`+attrEscaper.Replace(ns)+`"`)
		} else {
			decls = append(decls, ` xmlns:`+p+`="`+attrEscaper.Replace(ns)+`"`)
		}
	}
	sort.Strings(decls)
	return strings.Join(decls, "")
}

func (v *View) writeElement(w *xmlWriter, val any, n *Node, ptr string, depth int, root bool, probs *[]Problem) {
	indent := strings.Repeat("  ", depth)
	name := w.qname(n)
	w.b.WriteString(indent + "<" + name)
	if root {
		w.b.WriteString(v.rootNamespaces(w))
	}
	obj, isObj := val.(map[string]any)
	// Attributes: "@name" members.
	if isObj {
		v.writeAttrs(w, obj, n, ptr, probs)
	}
	switch {
	case n.Kind != Object && !isObj:
		s, ok := scalar(val)
		if !ok {
			*probs = append(*probs, Problem{ptr, "an array where a value belongs; left out"})
		}
		w.b.WriteString(">" + textEscaper.Replace(s) + "</" + name + ">\n")
	case n.Kind != Object:
		// A value with attributes: {"#": value, "@a": ...}.
		s, ok := scalar(obj["#"])
		if !ok {
			*probs = append(*probs, Problem{ptr + "/#", "not a value; left out"})
		}
		for k := range obj {
			if k != "#" && !strings.HasPrefix(k, "@") {
				*probs = append(*probs, Problem{ptr + "/" + escapePointer(k), "member not in the model; left out of the XML"})
			}
		}
		w.b.WriteString(">" + textEscaper.Replace(s) + "</" + name + ">\n")
	case !isObj:
		*probs = append(*probs, Problem{ptr, fmt.Sprintf("%s holds elements: an object belongs here", n.Name)})
		w.b.WriteString("/>\n")
	default:
		for k := range obj {
			if !strings.HasPrefix(k, "@") && k != "#" && n.Child(k) == nil {
				*probs = append(*probs, Problem{ptr + "/" + escapePointer(k), "member not in the model; left out of the XML"})
			}
		}
		var inner bytes.Buffer
		sub := &xmlWriter{prefix: w.prefix}
		for _, c := range n.Children {
			cv, ok := obj[c.Key]
			if !ok {
				continue
			}
			cptr := ptr + "/" + escapePointer(c.Key)
			if c.Array {
				arr, ok := cv.([]any)
				if !ok {
					*probs = append(*probs, Problem{cptr, c.Name + " repeats: an array belongs here"})
					arr = []any{cv}
				}
				for i, item := range arr {
					v.writeElement(sub, item, c, cptr+"/"+strconv.Itoa(i), depth+1, false, probs)
				}
				continue
			}
			if arr, ok := cv.([]any); ok {
				*probs = append(*probs, Problem{cptr, c.Name + " occurs once: a single value or object belongs here"})
				if len(arr) == 0 {
					continue
				}
				cv = arr[0]
			}
			v.writeElement(sub, cv, c, cptr, depth+1, false, probs)
		}
		inner.Write(sub.b.Bytes())
		if inner.Len() == 0 {
			w.b.WriteString("/>\n")
			return
		}
		w.b.WriteString(">\n")
		w.b.Write(inner.Bytes())
		w.b.WriteString(indent + "</" + name + ">\n")
	}
}

func (v *View) writeAttrs(w *xmlWriter, obj map[string]any, n *Node, ptr string, probs *[]Problem) {
	for _, a := range n.Attrs {
		val, ok := obj["@"+a.Name]
		if !ok {
			continue
		}
		s, ok := scalar(val)
		if !ok {
			*probs = append(*probs, Problem{ptr + "/@" + a.Name, "not a value; left out"})
			continue
		}
		w.b.WriteString(" " + a.Name + `="` + attrEscaper.Replace(s) + `"`)
	}
	var xsi []string
	for k := range obj {
		switch {
		case strings.HasPrefix(k, "@xsi:"):
			xsi = append(xsi, k)
		case strings.HasPrefix(k, "@xmlns"):
		case strings.HasPrefix(k, "@"):
			known := false
			for _, a := range n.Attrs {
				known = known || "@"+a.Name == k
			}
			if !known {
				*probs = append(*probs, Problem{ptr + "/" + escapePointer(k), "attribute not in the model; left out of the XML"})
			}
		}
	}
	sort.Strings(xsi)
	if len(xsi) > 0 {
		w.b.WriteString(` xmlns:xsi="` + xsiNS + `"`)
	}
	for _, k := range xsi {
		s, _ := scalar(obj[k])
		w.b.WriteString(" " + k[1:] + `="` + attrEscaper.Replace(s) + `"`)
	}
}
