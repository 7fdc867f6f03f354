package transform

import (
	"sync"

	"github.com/customslint/customslint/model"
)

var (
	viewsMu sync.Mutex
	views   = map[[2]string]*View{}
)

// ViewFor returns the view of a message type from the embedded models of a
// profile (cds, ctc-p4, ctc-p5, ctc-p6). Views are built once and shared.
func ViewFor(profile, messageType string) (*View, error) {
	key := [2]string{profile, messageType}
	viewsMu.Lock()
	defer viewsMu.Unlock()
	if v, ok := views[key]; ok {
		return v, nil
	}
	set, err := model.Lookup(profile)
	if err != nil {
		return nil, err
	}
	v, err := NewView(set, messageType)
	if err != nil {
		return nil, err
	}
	views[key] = v
	return v, nil
}
