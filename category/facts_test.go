package category_test

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/customslint/customslint/category"
	"github.com/customslint/customslint/category/internal/factsgen"
)

// TestFactsTableIsFresh fails when data/facts.csv changed without
// `go generate ./category`, or facts_gen.go was edited by hand.
func TestFactsTableIsFresh(t *testing.T) {
	csvData, err := os.ReadFile("data/facts.csv")
	if err != nil {
		t.Fatal(err)
	}
	rows, err := factsgen.Parse(bytes.NewReader(csvData))
	if err != nil {
		t.Fatalf("data/facts.csv: %v", err)
	}
	want, err := factsgen.Render(rows)
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("facts_gen.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatal("facts_gen.go is stale: run go generate ./category")
	}
	facts := category.Facts()
	if len(facts) != len(rows) {
		t.Fatalf("Facts() has %d facts, the CSV %d rows", len(facts), len(rows))
	}
	for i, r := range rows {
		f := facts[i]
		got := []string{f.ID, f.Rule, f.Direction, f.Key, string(f.Category), f.Evidence, f.Source, f.SourceDate, f.Note}
		want := []string{r.ID, r.Rule, r.Direction, r.Key, r.Category, r.Evidence, r.Source, r.SourceDate, r.Note}
		if strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("fact %d: table %q, CSV %q", i, got, want)
		}
	}
}

func TestFactsParseRejects(t *testing.T) {
	head := strings.Join(factsgen.Header, ",") + "\n"
	good := "a,procedure,import,40,H1,page,https://example.invalid,undated,n\n"
	cases := map[string]string{
		"no rows":           head,
		"wrong header":      "id,rule\n" + good,
		"unknown category":  head + "a,procedure,import,40,H9,page,s,d,n\n",
		"unknown rule":      head + "a,guess,import,40,H1,page,s,d,n\n",
		"unknown direction": head + "a,procedure,both,40,H1,page,s,d,n\n",
		"unknown evidence":  head + "a,procedure,import,40,H1,hearsay,s,d,n\n",
		"no source":         head + "a,procedure,import,40,H1,page,,d,n\n",
		"no date":           head + "a,procedure,import,40,H1,page,s,,n\n",
		"repeated id":       head + good + "a,procedure,import,42,H1,page,s,d,n\n",
		"repeated key":      head + good + "b,procedure,import,40,H2,page,s,d,n\n",
		"short row":         head + "a,procedure,import\n",
	}
	for name, in := range cases {
		if _, err := factsgen.Parse(strings.NewReader(in)); err == nil {
			t.Errorf("%s: Parse accepted it", name)
		}
	}
	if rows, err := factsgen.Parse(strings.NewReader(head + good)); err != nil || len(rows) != 1 {
		t.Errorf("good CSV: %v, %d rows", err, len(rows))
	}
}
