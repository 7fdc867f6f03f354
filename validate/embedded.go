package validate

import (
	"github.com/customslint/customslint/model/schemas"
	"github.com/customslint/customslint/xsd"
)

// embeddedSets returns the schema sets built into the binary, generated from
// customslint's own message models (model/src -> model/schemas). They are
// used when no --schemas folder is given; a message type no embedded set
// covers gets a message-type finding that says how to validate it against
// HMRC's published schemas instead.
func embeddedSets() []*schemaSet {
	var out []*schemaSet
	for _, s := range schemas.Sets {
		out = append(out, &schemaSet{
			profile: Profile(s.Profile),
			bundle:  xsd.ShippedBundle("embedded:"+s.Name, s.Files()),
			entries: s.Entries,
			origin:  "embedded",
		})
	}
	return out
}
