package main

import (
	"bytes"
	"encoding/json"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// replayCase is one of HMRC's test cases as a request to serve and the
// answer HMRC's test expects.
type replayCase struct {
	src         string // HMRC's tests: file@commit:line — "test name", several joined by "; "
	name        string
	server      string // which server answers: "" default, "p5" (--api-versions 2.1,3.0), "lrn" (--lrn-regex ^[a-zA-Z]{1,35}$), "lrn5" (both)
	msgType     string
	version     string // APIVersion; noHeader for none
	contentType string // noHeader for none
	body        []byte
	status      int
	// want is the body HMRC's test expects, compared as JSON with the
	// validationErrors in any order (HMRC's JSON validator reports them
	// in a set's order); "" for no body.
	want string
	// shape, instead of want, where HMRC's test asserts only the kind of
	// answer: "xml" or "json" schema errors, each well formed.
	shape string
	// hmrcSide marks a case HMRC's test runs on its business rules alone
	// with a message that fails its own schema: HMRC's endpoint, like
	// serve, answers the schema errors first, and the case checks that.
	hmrcSide bool
}

// hmrcStyle lays out a fixture as HMRC's XML fixtures are: the document
// element on line 1 (no declaration, no comment before it), four spaces
// of indentation a level.
func hmrcStyle(t *testing.T, xml []byte) []byte {
	t.Helper()
	i := bytes.Index(xml, []byte("<ncts:"))
	if i < 0 {
		t.Fatal("no ncts: document element")
	}
	lead := regexp.MustCompile(`(?m)^( +)`)
	return lead.ReplaceAllFunc(xml[i:], func(sp []byte) []byte { return bytes.Repeat(sp, 2) })
}

// edit replaces the first old in b with new; the fixture must hold old.
func edit(t *testing.T, b []byte, old, new string) []byte {
	t.Helper()
	if !bytes.Contains(b, []byte(old)) {
		t.Fatalf("fixture has no %q", old)
	}
	return bytes.Replace(b, []byte(old), []byte(new), 1)
}

// editJSON decodes a JSON message, lets change edit it and encodes it
// again (members in key order, which HMRC's schema allows).
func editJSON(t *testing.T, js []byte, change func(root map[string]any)) []byte {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(js))
	dec.UseNumber()
	var doc map[string]any
	if err := dec.Decode(&doc); err != nil {
		t.Fatal(err)
	}
	for k, v := range doc {
		if strings.HasPrefix(k, "n1:") {
			change(v.(map[string]any))
		}
	}
	out, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// at walks a path of member names and array indexes ("Guarantee/0") to
// the object holding its last step, and that step's name.
func at(t *testing.T, root map[string]any, path string) (map[string]any, string) {
	t.Helper()
	steps := strings.Split(path, "/")
	var cur any = root
	for _, s := range steps[:len(steps)-1] {
		switch c := cur.(type) {
		case map[string]any:
			cur = c[s]
		case []any:
			i, _ := strconv.Atoi(s)
			if i >= len(c) {
				t.Fatalf("no %s in %s", s, path)
			}
			cur = c[i]
		}
		if cur == nil {
			t.Fatalf("no %s in %s", s, path)
		}
	}
	obj, ok := cur.(map[string]any)
	if !ok {
		t.Fatalf("%s: not an object", path)
	}
	last := steps[len(steps)-1]
	if _, ok := obj[last]; !ok {
		t.Fatalf("no %s", path)
	}
	return obj, last
}

func setJSON(t *testing.T, path string, v any) func(map[string]any) {
	return func(root map[string]any) {
		obj, k := at(t, root, path)
		obj[k] = v
	}
}

func delJSON(t *testing.T, path string) func(map[string]any) {
	return func(root map[string]any) {
		obj, k := at(t, root, path)
		delete(obj, k)
	}
}

// xmlErr and jsonErr write one expected schema error.
func xmlErr(line, col int, msg string) string {
	b, _ := json.Marshal(map[string]any{"lineNumber": line, "columnNumber": col, "message": msg})
	return string(b)
}

func jsonErr(schemaPath, msg string) string {
	b, _ := json.Marshal(map[string]string{"schemaPath": schemaPath, "message": msg})
	return string(b)
}

func errorsBody(errs ...string) string {
	return `{"validationErrors":[` + strings.Join(errs, ",") + `]}`
}

func presentation(code, msg string) string {
	b, _ := json.Marshal(map[string]string{"code": code, "message": msg})
	return string(b)
}

// amendBodies are customslint's IE013 with an MRN only, an LRN only,
// neither and both, as XML or JSON.
func amendBodies(t *testing.T, ct string, x, js []byte) (mrnOnly, lrnOnly, neither, both []byte) {
	t.Helper()
	mrn := regexp.MustCompile(`<MRN>[^<]*</MRN>`)
	m := mrn.Find(x)
	if m == nil {
		t.Fatal("the IE013 fixture has no MRN")
	}
	if ct == xmlCT {
		return x, mrn.ReplaceAll(x, []byte("<LRN>AMEND0001</LRN>")), mrn.ReplaceAll(x, nil), mrn.ReplaceAll(x, append([]byte("<LRN>AMEND0001</LRN>"), m...))
	}
	setLRN := func(root map[string]any) {
		op := root["TransitOperation"].(map[string]any)
		op["LRN"] = "AMEND0001"
	}
	return js,
		editJSON(t, js, func(root map[string]any) { setLRN(root); delJSON(t, "TransitOperation/MRN")(root) }),
		editJSON(t, js, delJSON(t, "TransitOperation/MRN")),
		editJSON(t, js, setLRN)
}

// replayRequest sends c to base and returns the answer.
func replayRequest(client *http.Client, base string, c replayCase) (response, error) {
	req, err := http.NewRequest(http.MethodPost, base+"/messages/"+c.msgType+"/validation", bytes.NewReader(c.body))
	if err != nil {
		return response{}, err
	}
	if c.version != noHeader {
		req.Header["APIVersion"] = []string{c.version}
	}
	if c.contentType != noHeader {
		req.Header.Set("Content-Type", c.contentType)
	}
	res, err := client.Do(req)
	if err != nil {
		return response{}, err
	}
	defer res.Body.Close()
	var b bytes.Buffer
	_, err = b.ReadFrom(res.Body)
	return response{res.StatusCode, b.String()}, err
}

// sameBody compares bodies as JSON, the validationErrors in any order.
func sameBody(got, want string) bool {
	norm := func(s string) (string, bool) {
		var v map[string]any
		if err := json.Unmarshal([]byte(s), &v); err != nil {
			return "", false
		}
		if errs, ok := v["validationErrors"].([]any); ok {
			var keys []string
			for _, e := range errs {
				b, _ := json.Marshal(e)
				keys = append(keys, string(b))
			}
			slices.Sort(keys)
			v["validationErrors"] = keys
		}
		b, _ := json.Marshal(v)
		return string(b), true
	}
	g, ok1 := norm(got)
	w, ok2 := norm(want)
	return ok1 && ok2 && g == w
}

// rightShape checks a body HMRC's test only classes: schema errors of the
// kind, each with its members filled in HMRC's style.
func rightShape(body, kind string) bool {
	var v struct {
		Errs []map[string]any `json:"validationErrors"`
	}
	if json.Unmarshal([]byte(body), &v) != nil || len(v.Errs) == 0 {
		return false
	}
	for _, e := range v.Errs {
		msg, _ := e["message"].(string)
		switch kind {
		case "xml":
			line, _ := e["lineNumber"].(float64)
			col, _ := e["columnNumber"].(float64)
			if line < 1 || col < 1 || !strings.HasPrefix(msg, "cvc-") || len(e) != 3 {
				return false
			}
		case "json":
			sp, _ := e["schemaPath"].(string)
			if !strings.HasPrefix(sp, "#/") || !strings.HasPrefix(msg, "$") || len(e) != 2 {
				return false
			}
		}
	}
	return true
}

// TestHMRCReplay replays HMRC's test cases against serve: every status
// and every body must be what HMRC's tests expect.
func TestHMRCReplay(t *testing.T) {
	servers := map[string]*testService{}
	servers[""], _ = startServer(t, serveConfig{})
	servers["p5"], _ = startServer(t, serveConfig{apiVersions: bothVersion})
	servers["lrn"], _ = startServer(t, serveConfig{lrnRegex: "^[a-zA-Z]{1,35}$"})
	servers["lrn5"], _ = startServer(t, serveConfig{apiVersions: bothVersion, lrnRegex: "^[a-zA-Z]{1,35}$"})
	cases := replayCases(t)
	statuses, bodies, withBody, hmrcSide := 0, 0, 0, 0
	for _, c := range cases {
		ts := servers[c.server]
		res, err := replayRequest(ts.Client(), ts.URL, c)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if c.hmrcSide {
			hmrcSide++
		}
		if res.status == c.status {
			statuses++
		} else {
			t.Errorf("%s: status %d, want %d (%s)\n  body %s", c.name, res.status, c.status, c.src, res.body)
		}
		switch {
		case c.shape != "":
			withBody++
			if rightShape(res.body, c.shape) {
				bodies++
			} else {
				t.Errorf("%s: body %s, want %s schema errors (%s)", c.name, res.body, c.shape, c.src)
			}
		case c.want != "":
			withBody++
			if sameBody(res.body, c.want) {
				bodies++
			} else {
				t.Errorf("%s: body\n  %s\nwant\n  %s\n(%s)", c.name, res.body, c.want, c.src)
			}
		case res.body != "":
			t.Errorf("%s: body %s, want none (%s)", c.name, res.body, c.src)
		}
	}
	tests, _ := citedTests(cases)
	cited := 0
	for _, lines := range tests {
		cited += len(lines)
	}
	t.Logf("HMRC replay: %d cases replaying %d of HMRC's tests in %d files: %d of %d statuses, %d of %d bodies as HMRC's tests expect (%d cases where HMRC's rule-stage test meets a schema error first)",
		len(cases), cited, len(tests), statuses, len(cases), bodies, withBody, hmrcSide)
}

// TestServeAPIVersionsFlag: --api-versions takes only the versions
// customslint answers for.
func TestServeAPIVersionsFlag(t *testing.T) {
	for _, bad := range []string{"4.0", "", "3.0,1.0"} {
		var out, errOut bytes.Buffer
		if code := runServe(t.Context(), []string{"--addr", "127.0.0.1:0", "--api-versions", bad}, &out, &errOut); code != exitUsage || !strings.Contains(errOut.String(), "--api-versions") {
			t.Errorf("--api-versions %q: exit %d, %s", bad, code, errOut.String())
		}
	}
}
