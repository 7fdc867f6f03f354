package main

import (
	"bytes"
	"embed"
	"html/template"
	"io/fs"
	"net/http"
	"path"
	"strings"

	"github.com/customslint/customslint/rules"
)

// webFS holds the page served at / and its assets: everything the page
// needs comes from the service itself, nothing from another host.
//
//go:embed web
var webFS embed.FS

// pageCSP is the Content-Security-Policy of every HTML answer: scripts,
// styles and requests from the service only, no inline script or style,
// no plugins, no framing, no form posted elsewhere.
const pageCSP = "default-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; object-src 'none'"

// pageTemplates are the HTML pages rendered on the server: the rule
// documentation and the list of rules.
var pageTemplates = template.Must(template.New("").ParseFS(webFS, "web/*.tmpl"))

// assetTypes are the content types of the files under /assets/.
var assetTypes = map[string]string{
	".css": "text/css; charset=utf-8",
	".js":  "text/javascript; charset=utf-8",
	".svg": "image/svg+xml",
}

// pageRoute answers for the page's paths: GET /, /assets/NAME, /rules/
// and /rules/RULE. ok is false for other paths.
func (s *server) pageRoute(p string) (method string, h func(*http.Request) reply, ok bool) {
	switch {
	case p == "/":
		return "GET", s.page, true
	case strings.HasPrefix(p, "/assets/"):
		return "GET", s.asset, true
	case p == "/rules/" || p == "/rules":
		return "GET", s.rulesPage, true
	case strings.HasPrefix(p, "/rules/"):
		return "GET", s.rulePage, true
	}
	return "", nil, false
}

// htmlReply is an HTML answer under the page's security headers.
func htmlReply(status int, body []byte) reply {
	return reply{status: status, contentType: "text/html; charset=utf-8", header: pageHeaders(), body: body}
}

// pageHeaders are the header fields of the page and its assets.
func pageHeaders() map[string]string {
	return map[string]string{
		"Content-Security-Policy": pageCSP,
		"X-Content-Type-Options":  "nosniff",
		"Referrer-Policy":         "no-referrer",
		"Cache-Control":           "no-cache",
	}
}

// page is GET /: the page to paste or drop messages and check them.
func (s *server) page(r *http.Request) reply {
	body, err := webFS.ReadFile("web/index.html")
	if err != nil {
		return respond(http.StatusInternalServerError, presentationError{"The page is missing from the build.", "INTERNAL_SERVER_ERROR"})
	}
	return htmlReply(http.StatusOK, body)
}

// asset is GET /assets/NAME: a file of the page (script, style).
func (s *server) asset(r *http.Request) reply {
	name := strings.TrimPrefix(r.URL.Path, "/assets/")
	ct, known := assetTypes[path.Ext(name)]
	if !known || name == "" || strings.Contains(name, "/") {
		return respond(http.StatusNotFound, presentationError{"No such resource: " + r.URL.Path, "NOT_FOUND"})
	}
	body, err := fs.ReadFile(webFS, "web/"+name)
	if err != nil {
		return respond(http.StatusNotFound, presentationError{"No such resource: " + r.URL.Path, "NOT_FOUND"})
	}
	rp := reply{status: http.StatusOK, contentType: ct, header: pageHeaders(), body: body}
	return rp
}

// docBlock is one block of a rule's documentation: a paragraph, a list
// or preformatted text (an example, a table).
type docBlock struct {
	Kind  string // "p", "ul" or "pre"
	Text  string
	Items []string
}

// rulePageData is what rule.tmpl shows: the text `customslint explain
// RULE` prints, in blocks.
type rulePageData struct {
	ID, Summary, Severity, Types string
	Codes                        []string
	Doc                          []docBlock
}

// rulePage is GET /rules/RULE: the rule's documentation, as explain
// prints it; 404 for an unknown rule.
func (s *server) rulePage(r *http.Request) reply {
	id := strings.TrimPrefix(r.URL.Path, "/rules/")
	rule, ok := rules.Lookup(id)
	if !ok {
		return s.renderPage(http.StatusNotFound, "missing.tmpl", id)
	}
	data := rulePageData{ID: rule.ID, Summary: rule.Summary, Severity: string(rule.Severity), Types: explainTypes(rule), Codes: rule.Codes, Doc: docBlocks(rule.Documentation())}
	return s.renderPage(http.StatusOK, "rule.tmpl", data)
}

// rulesPage is GET /rules/: every rule, linked to its page.
func (s *server) rulesPage(r *http.Request) reply {
	return s.renderPage(http.StatusOK, "rules.tmpl", ruleInfos())
}

// renderPage executes the template name with data (html/template escapes
// every value).
func (s *server) renderPage(status int, name string, data any) reply {
	var b bytes.Buffer
	if err := pageTemplates.ExecuteTemplate(&b, name, data); err != nil {
		s.errLog.Printf("page %s: %v", name, err)
		return respond(http.StatusInternalServerError, presentationError{"Internal server error", "INTERNAL_SERVER_ERROR"})
	}
	return htmlReply(status, b.Bytes())
}

// docBlocks splits a rule's Doc into blocks at blank lines: a block whose
// lines are all indented is preformatted (examples, tables; the common
// indentation removed), one whose lines start with "- " a list, any
// other a paragraph.
func docBlocks(doc string) []docBlock {
	var blocks []docBlock
	for _, chunk := range splitBlocks(doc) {
		switch {
		case allIndented(chunk):
			blocks = append(blocks, docBlock{Kind: "pre", Text: dedent(chunk)})
		case strings.HasPrefix(chunk[0], "- "):
			blocks = append(blocks, docBlock{Kind: "ul", Items: listItems(chunk)})
		default:
			blocks = append(blocks, docBlock{Kind: "p", Text: strings.Join(trimAll(chunk), " ")})
		}
	}
	return blocks
}

// splitBlocks cuts text into runs of non-blank lines.
func splitBlocks(text string) [][]string {
	var (
		blocks [][]string
		cur    []string
	)
	for _, line := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
		if strings.TrimSpace(line) == "" {
			if cur != nil {
				blocks = append(blocks, cur)
				cur = nil
			}
			continue
		}
		cur = append(cur, strings.TrimRight(line, " \t"))
	}
	if cur != nil {
		blocks = append(blocks, cur)
	}
	return blocks
}

// allIndented reports whether every line starts with a tab or two spaces.
func allIndented(lines []string) bool {
	for _, l := range lines {
		if !strings.HasPrefix(l, "\t") && !strings.HasPrefix(l, "  ") {
			return false
		}
	}
	return true
}

// dedent removes the indentation the lines share and joins them.
func dedent(lines []string) string {
	common := -1
	for _, l := range lines {
		n := len(l) - len(strings.TrimLeft(l, " \t"))
		if common < 0 || n < common {
			common = n
		}
	}
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = l[common:]
	}
	return strings.Join(out, "\n")
}

// listItems joins each "- " line with the lines that continue it.
func listItems(lines []string) []string {
	var items []string
	for _, l := range lines {
		t := strings.TrimSpace(l)
		if rest, ok := strings.CutPrefix(t, "- "); ok || len(items) == 0 {
			items = append(items, rest)
			continue
		}
		items[len(items)-1] += " " + t
	}
	return items
}

// trimAll trims the spaces around each line.
func trimAll(lines []string) []string {
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = strings.TrimSpace(l)
	}
	return out
}
