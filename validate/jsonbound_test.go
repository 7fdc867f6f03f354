package validate

import (
	"context"
	"errors"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/customslint/customslint/internal/jsondoc"
	"github.com/customslint/customslint/transform"
)

// countdown is a context that is cancelled once Err has been asked n
// times: the stage under test, not a clock, decides when it ends.
type countdown struct {
	context.Context
	n atomic.Int64
}

func (c *countdown) Err() error {
	if c.n.Add(-1) < 0 {
		return context.Canceled
	}
	return nil
}

func (c *countdown) Deadline() (time.Time, bool) { return time.Time{}, false }

// wideMessage is a CC015C whose Consignment holds n house consignments
// of items goods items each: with many, values for the bounding walk to
// read, within the model's limits (99 and 999).
func wideMessage(t *testing.T, n, items int) *jsondoc.Doc {
	t.Helper()
	item := goodsItem(t)
	hc := `{"sequenceNumber": 1, "ConsignmentItem": [` + strings.Repeat(item+",", items-1) + item + `]}`
	data := `{"n1:CC015C": {"Consignment": {"HouseConsignment": [` + strings.Repeat(hc+",", n-1) + hc + `]}}}`
	doc, err := jsondoc.Decode([]byte(data))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// goodsItem is a goods item with every member its model requires, of
// the right kinds, down to its leaves ("x" or 1: not valid, their facets
// aside, but not wrong at a glance).
func goodsItem(t *testing.T) string {
	view, err := transform.ViewFor("ctc-p5", "CC015C")
	if err != nil {
		t.Fatal(err)
	}
	return glanceValid(view.Root.Child("Consignment").Child("HouseConsignment").Child("ConsignmentItem"))
}

func glanceValid(n *transform.Node) string {
	switch n.Kind {
	case transform.String:
		return `"x"`
	case transform.Number, transform.Integer:
		return "1"
	}
	var members []string
	for _, a := range n.Attrs {
		if a.Required {
			members = append(members, `"@`+a.Name+`": "x"`)
		}
	}
	for _, c := range n.Children {
		switch {
		case c.Min == 0:
		case c.Array:
			members = append(members, `"`+c.Key+`": [`+glanceValid(c)+`]`)
		default:
			members = append(members, `"`+c.Key+`": `+glanceValid(c))
		}
	}
	return "{" + strings.Join(members, ", ") + "}"
}

// TestSchemaCheckHonoursItsContext: the JSON Schema stage returns the
// context's error when the context ended before it, and when it ends
// while the bounding walk reads a large message.
func TestSchemaCheckHonoursItsContext(t *testing.T) {
	view, err := transform.ViewFor("ctc-p5", "CC015C")
	if err != nil {
		t.Fatal(err)
	}
	doc := wideMessage(t, 99, 1)
	if errs, err := schemaCheck(context.Background(), view, doc.Value); err != nil || len(errs) == 0 {
		t.Fatalf("without an end: %v, %d errors", err, len(errs))
	}
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := schemaCheck(cancelled, view, doc.Value); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled before: %v, want context.Canceled", err)
	}
	// About 100,000 goods items: the walk looks at its context about 24
	// times.
	big := wideMessage(t, 99, 999)
	for _, asks := range []int64{1, 2, 20} {
		ctx := &countdown{Context: context.Background()}
		ctx.n.Store(asks)
		_, _, err := boundInstance(ctx, view, big.Value)
		if !errors.Is(err, context.Canceled) {
			t.Errorf("cancelled after %d looks: %v, want context.Canceled", asks, err)
		}
	}
	if _, _, err := boundInstance(context.Background(), view, big.Value); err != nil {
		t.Errorf("without an end: %v", err)
	}
}
