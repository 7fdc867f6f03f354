package validate_test

import (
	"context"
	"math/rand"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/customslint/customslint/internal/mutate"
	"github.com/customslint/customslint/internal/oracle"
	"github.com/customslint/customslint/model/schemas"
	"github.com/customslint/customslint/validate"
)

// embeddedScope is every message type the embedded schemas must cover, by
// profile.
var embeddedScope = map[string][]string{
	"cds": {"CDS-COR", "CDS-DEC", "CDS-GPR", "CDS-INV", "CDS-RES"},
	"ctc-p4": {"CC007A", "CC008A", "CC009A", "CC014A", "CC015B", "CC016A", "CC025A", "CC028A", "CC029B",
		"CC043A", "CC044A", "CC045A", "CC051B", "CC054A", "CC055A", "CC058A", "CC060A", "CC928A"},
}

func TestEmbeddedSchemasCoverTheScope(t *testing.T) {
	for profile, want := range embeddedScope {
		var got []string
		for _, s := range schemas.Sets {
			if s.Profile == profile {
				for mt := range s.Entries {
					got = append(got, mt)
				}
			}
		}
		sort.Strings(got)
		for _, mt := range want {
			if !slices.Contains(got, mt) {
				t.Errorf("profile %s: no embedded schema for %s (embedded: %v)", profile, mt, got)
			}
		}
	}
}

// embeddedCorpus is a group of official samples of embedded profiles, with
// the official bundles that judge them and the project's own example
// messages (testdata/messages/DIR) of the same profiles.
type embeddedCorpus struct {
	name    string // subtest prefix
	profile validate.Profile
	bundles []string // relative to the official dir
	dirs    []string // relative to the official dir
	own     []string // folders of testdata/messages
	perKind int      // mutants of each kind per valid sample
}

var embeddedCorpora = []embeddedCorpus{
	{"cds+p4", validate.ProfileAuto, []string{"cds/schemas/v2.15", "ctc/phase4/xsd"},
		[]string{"cds/examples", "cds/notifications", "ctc/phase4/examples"}, []string{"cds", "ctc-p4"}, 1},
	{"ctc-p5", validate.ProfileCTCP5, []string{"ctc/phase5/xsd"}, []string{"ctc/phase5/examples"}, []string{"ctc-p5"}, 15},
	{"ctc-p6", validate.ProfileCTCP6, []string{"ctc/phase6/xsd"}, []string{"ctc/phase6/examples"}, []string{"ctc-p6"}, 15},
}

// engines returns an engine on the embedded schemas and one on HMRC's.
func (c embeddedCorpus) engines(t *testing.T, off string) (embedded, official *validate.Engine) {
	t.Helper()
	var dirs []string
	for _, b := range c.bundles {
		dirs = append(dirs, filepath.Join(off, b))
	}
	return newEngine(t, validate.Options{Profile: c.profile}), newEngine(t, validate.Options{Schemas: dirs, Profile: c.profile})
}

func sameVerdict(a, b oracle.Ours) bool {
	return a.Comparable == b.Comparable && a.Verdict == b.Verdict &&
		cmp.Equal(oracle.Sorted(a.SchemaLines), oracle.Sorted(b.SchemaLines)) &&
		cmp.Equal(oracle.Sorted(a.ParseLines), oracle.Sorted(b.ParseLines))
}

// sample is one file with HMRC's verdict on it.
type sample struct {
	name     string
	data     []byte
	official oracle.Ours
}

// samples checks the corpus's official files, and the project's own
// example messages of its profiles (which cover message types HMRC
// publishes no sample of, such as the phase 4 messages traders receive),
// against HMRC's bundles and groups those the bundles validate by message
// type.
func (c embeddedCorpus) samples(t *testing.T, off string, ref *validate.Engine) map[string][]sample {
	t.Helper()
	out := map[string][]sample{}
	files := oracle.XMLFilesAll(t, off, c.dirs)
	own, err := filepath.Abs(filepath.Join("..", "testdata", "messages"))
	if err != nil {
		t.Fatal(err)
	}
	for _, dir := range c.own {
		for _, f := range oracle.XMLFiles(t, own, dir) {
			files = append(files, filepath.Join(own, f))
		}
	}
	for _, f := range files {
		p := f
		if !filepath.IsAbs(f) {
			p = filepath.Join(off, f)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		rep, err := ref.Check(context.Background(), f, data)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		o := oracle.OursFromReport(rep)
		if o.Comparable {
			out[rep.MessageType] = append(out[rep.MessageType], sample{f, data, o})
		}
	}
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func compareEmbedded(t *testing.T, emb *validate.Engine, name, what string, data []byte, want oracle.Ours) {
	t.Helper()
	rep, err := emb.Check(context.Background(), name, data)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	got := oracle.OursFromReport(rep)
	if !sameVerdict(got, want) {
		t.Errorf("%s%s: embedded %s %v %v %s; official %s %v %v", name, what, got.Verdict, got.SchemaLines, got.ParseLines, got.Why, want.Verdict, want.SchemaLines, want.ParseLines)
	}
}

// TestEmbeddedMatchesOfficialOnCorpus checks every official sample of the
// embedded profiles (and the project's example messages) with the embedded
// schemas and with HMRC's, and requires the same verdict and the same error
// lines. Subtests are per corpus and message type
// (go test -run 'TestEmbeddedMatchesOfficialOnCorpus/cds\+p4/CC015B').
func TestEmbeddedMatchesOfficialOnCorpus(t *testing.T) {
	off := oracle.OfficialDir(t)
	min := map[string]int{"cds+p4": 840, "ctc-p5": 85, "ctc-p6": 85}
	for _, c := range embeddedCorpora {
		t.Run(c.name, func(t *testing.T) {
			emb, ref := c.engines(t, off)
			samples := c.samples(t, off, ref)
			total := 0
			for _, mt := range sortedKeys(samples) {
				total += len(samples[mt])
				t.Run(mt, func(t *testing.T) {
					for _, s := range samples[mt] {
						compareEmbedded(t, emb, s.name, "", s.data, s.official)
					}
				})
			}
			t.Logf("%d samples of %d message types", total, len(samples))
			if total < min[c.name] {
				t.Errorf("only %d samples to compare", total)
			}
		})
	}
}

// TestEmbeddedMatchesOfficialOnMutants derives variants from every
// schema-valid sample (an element removed, repeated, swapped, an unknown
// element inserted, overlong, wrongly typed, empty or padded values, bad
// dates) and requires the embedded schemas to agree with HMRC's on each:
// at least 2,000 per corpus.
func TestEmbeddedMatchesOfficialOnMutants(t *testing.T) {
	off := oracle.OfficialDir(t)
	for _, c := range embeddedCorpora {
		t.Run(c.name, func(t *testing.T) {
			emb, ref := c.engines(t, off)
			samples := c.samples(t, off, ref)
			rng := rand.New(rand.NewSource(20261121))
			type mutant struct {
				sample string
				m      mutate.Mutant
			}
			byType := map[string][]mutant{}
			byKind := map[mutate.Kind]int{}
			total := 0
			for _, mt := range sortedKeys(samples) {
				for _, s := range samples[mt] {
					if s.official.Verdict != oracle.Valid {
						continue
					}
					perKind := c.perKind
					if strings.Contains(s.name, "ctc") && perKind < 12 {
						perKind = 12 // few phase 4 samples: more variants of each
					}
					ms, err := mutate.All(s.data, perKind, rng)
					if err != nil {
						t.Fatalf("%s: %v", s.name, err)
					}
					for _, m := range ms {
						byType[mt] = append(byType[mt], mutant{s.name, m})
						byKind[m.Kind]++
						total++
					}
				}
			}
			t.Logf("%d mutants: %v", total, byKind)
			if total < 2000 {
				t.Errorf("only %d mutants, want at least 2,000", total)
			}
			for _, mt := range sortedKeys(byType) {
				t.Run(mt, func(t *testing.T) {
					for _, x := range byType[mt] {
						rep, err := ref.Check(context.Background(), x.sample, x.m.Data)
						if err != nil {
							t.Fatal(err)
						}
						compareEmbedded(t, emb, x.sample, ", "+x.m.Desc, x.m.Data, oracle.OursFromReport(rep))
					}
				})
			}
		})
	}
}

// TestEmbeddedMatchesOfficialOnBoundaries probes each distinct leaf element
// of the valid samples at its length limits: HMRC's schema is searched for
// the longest value it accepts (the sample's own value stretched), and the
// embedded schema must agree there, one character beyond, at 0 and 1
// characters and at 600. This catches a wrong maxLength, totalDigits or
// pattern width that the fixed mutations cannot.
func TestEmbeddedMatchesOfficialOnBoundaries(t *testing.T) {
	off := oracle.OfficialDir(t)
	for _, c := range embeddedCorpora {
		t.Run(c.name, func(t *testing.T) {
			emb, ref := c.engines(t, off)
			samples := c.samples(t, off, ref)
			verdict := func(e *validate.Engine, name string, data []byte) oracle.Ours {
				rep, err := e.Check(context.Background(), name, data)
				if err != nil {
					t.Fatal(err)
				}
				return oracle.OursFromReport(rep)
			}
			probed := 0
			for _, mt := range sortedKeys(samples) {
				t.Run(mt, func(t *testing.T) {
					seen := map[string]bool{}
					for _, s := range samples[mt] {
						if s.official.Verdict != oracle.Valid {
							continue
						}
						leaves, err := mutate.Leaves(s.data)
						if err != nil {
							t.Fatal(err)
						}
						for _, l := range leaves {
							if seen[l.Path] {
								continue
							}
							seen[l.Path] = true
							probed++
							orig := string(s.data[l.TextStart:l.TextEnd])
							at := func(n int) []byte { return mutate.WithText(s.data, l, mutate.Stretch(orig, n)) }
							lengths := []int{0, 1, 600}
							// Longest accepted length, if acceptance is monotonic
							// above the sample's own length.
							lo, hi := len([]rune(strings.TrimSpace(orig))), 600
							if lo > 0 && verdict(ref, s.name, at(lo)).Verdict == oracle.Valid && verdict(ref, s.name, at(hi)).Verdict != oracle.Valid {
								for hi-lo > 1 {
									mid := (lo + hi) / 2
									if verdict(ref, s.name, at(mid)).Verdict == oracle.Valid {
										lo = mid
									} else {
										hi = mid
									}
								}
								lengths = append(lengths, lo, hi)
							}
							for _, n := range lengths {
								data := at(n)
								compareEmbedded(t, emb, s.name, ", "+l.Path+" stretched to "+strconv.Itoa(n), data, verdict(ref, s.name, data))
							}
						}
					}
				})
			}
			t.Logf("%d leaf elements probed", probed)
		})
	}
}
