package rules_test

import (
	"testing"

	"github.com/customslint/customslint/codelists"
	"github.com/customslint/customslint/rules"
)

// CL289 (countries whose declarations need no place of loading) is not
// built in; ctc-c0409's testdata uses a test list holding CH only.
func init() {
	testConfigs["ctc-c0409"] = func(t *testing.T) rules.Config {
		cl289 := codelists.NewList("CL289", "CountryPlaceOfLoadingNotRequired", "test", map[string]string{"CH": "test entry"})
		return rules.Config{CodeLists: codelists.Builtin().With(codelists.NewSet(cl289))}
	}
}
