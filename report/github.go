package report

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/customslint/customslint/rules"
	"github.com/customslint/customslint/validate"
)

// githubWriter prints GitHub Actions workflow commands, one per finding,
// as results arrive: ::error file=F,line=L,col=C,title=customslint RULE::message.
type githubWriter struct {
	w *bufio.Writer
	n tally
}

// NewGitHub returns the writer of GitHub Actions workflow commands: an
// annotation per finding and per input not checked, then a summary line.
func NewGitHub(w io.Writer) Writer { return &githubWriter{w: bufio.NewWriter(w)} }

var (
	ghData     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	ghProperty = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)

func (g *githubWriter) File(f validate.FileReport) {
	for _, x := range f.Findings {
		cmd := map[rules.Severity]string{rules.Error: "error", rules.Warning: "warning", rules.Info: "notice"}[x.Severity]
		props := "file=" + ghProperty.Replace(workspacePath(f.Path))
		if x.Line > 0 {
			props += fmt.Sprintf(",line=%d", x.Line)
			if x.Column > 0 {
				props += fmt.Sprintf(",col=%d", x.Column)
			}
		}
		props += ",title=" + ghProperty.Replace("customslint "+ruleAndCode(x))
		fmt.Fprintf(g.w, "::%s %s::%s\n", cmd, props, ghData.Replace(x.Message))
	}
	g.n.add(f)
	g.w.Flush()
}

// Close annotates each input not checked as an error, then prints the
// summary line.
func (g *githubWriter) Close(end End) error {
	for _, u := range end.Unchecked {
		fmt.Fprintf(g.w, "::error file=%s,title=%s::%s\n", ghProperty.Replace(workspacePath(u.Path)), ghProperty.Replace("customslint not checked"), ghData.Replace("not checked: "+u.Reason))
	}
	fmt.Fprintln(g.w, g.n.line(end, false))
	return g.w.Flush()
}

// workspacePath is a path for a workflow command's file property: relative
// to the working directory (the checkout) with forward slashes, not
// percent-encoded; absolute outside it; "stdin" for standard input.
func workspacePath(p string) string {
	if p == "<stdin>" {
		return "stdin"
	}
	return filepath.ToSlash(filepath.Clean(underWorkingDir(p)))
}

// underWorkingDir makes an absolute path inside the working directory
// relative to it; other paths are returned as they are.
func underWorkingDir(p string) string {
	if !filepath.IsAbs(p) {
		return p
	}
	wd, err := os.Getwd()
	if err != nil {
		return p
	}
	rel, err := filepath.Rel(wd, p)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return p
	}
	return rel
}
