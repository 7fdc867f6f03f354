package validate

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing/fstest"

	"github.com/customslint/customslint/xsd"
)

// Profile names a message family and phase.
type Profile string

// Profiles.
const (
	ProfileAuto  Profile = "auto"   // tell from each message
	ProfileCDS   Profile = "cds"    // CDS DMS declarations and notifications
	ProfileCTCP4 Profile = "ctc-p4" // NCTS phase 4 (CTC Traders API 1.0)
	ProfileCTCP5 Profile = "ctc-p5" // NCTS phase 5 (API 2.1, XSD 51.8.x)
	ProfileCTCP6 Profile = "ctc-p6" // NCTS phase 6 (API 3.0, XSD 60.4.x)
)

// ParseProfile accepts auto, cds, ctc-p4, ctc-p5 and ctc-p6 ("" is auto).
func ParseProfile(s string) (Profile, error) {
	switch p := Profile(s); p {
	case "":
		return ProfileAuto, nil
	case ProfileAuto, ProfileCDS, ProfileCTCP4, ProfileCTCP5, ProfileCTCP6:
		return p, nil
	}
	return "", fmt.Errorf("unknown profile %q (want auto, cds, ctc-p4, ctc-p5 or ctc-p6)", s)
}

// schemaSet is the schemas of one profile in one bundle: which entry document
// validates which message type.
type schemaSet struct {
	profile Profile
	bundle  *xsd.Bundle
	entries map[string]string // message type -> entry document in the bundle
	origin  string            // "embedded" or the --schemas directory
}

// Entry documents of HMRC's CDS DMS bundle (v2.15 layout).
const (
	cdsSubmitEntry       = "customs/wrapper_submit.xsd"
	cdsCancelEntry       = "customs/wrapper_cancel.xsd"
	cdsNotificationEntry = "customslint/wrapper_notification.xsd"
)

// cdsNotificationWrapper is the entry document for DMS notifications. HMRC's
// bundle has none (customs-declarations validates only what traders send);
// customslint adds this one beside customs/, mirroring wrapper_submit.xsd.
const cdsNotificationWrapper = `<?xml version="1.0" encoding="UTF-8"?>
<!-- Added by customslint: entry document for DMS notifications (Response). -->
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"
           targetNamespace="urn:wco:datamodel:WCO:DocumentMetaData-DMS:2"
           elementFormDefault="qualified">
  <xs:include schemaLocation="../wco/notification/DocumentMetaData_2_DMS.xsd"/>
  <xs:import namespace="urn:wco:datamodel:WCO:RES-DMS:2" schemaLocation="../wco/notification/WCO_RES_2_DMS.xsd"/>
</xs:schema>
`

var (
	ctcEntryRE      = regexp.MustCompile(`(?i)^(cc[0-9]{3}[a-c])\.xsd$`)
	schemaVersionRE = regexp.MustCompile(`<xs:schema\b[^>]*?\sversion="([0-9]+)\.`)
)

// ErrNotBundle is wrapped by errors about a --schemas directory that holds no
// HMRC schema bundle.
var ErrNotBundle = errors.New("not an HMRC schema bundle")

// officialSets recognises an HMRC schema bundle in dir, as published: the CDS
// DMS set (customs/wrapper_submit.xsd ...) or a CTC set (cc015b.xsd for
// phase 4; cc015c.xsd for phase 5 or 6, told apart by the schemas' version
// attribute, 51.x or 60.x).
func officialSets(dir string) ([]*schemaSet, error) {
	if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(cdsSubmitEntry))); err == nil {
		abs, err := filepath.Abs(dir)
		if err != nil {
			return nil, fmt.Errorf("schemas %s: %w", dir, err)
		}
		base, err := xsd.ConfinedFS(abs)
		if err != nil {
			return nil, fmt.Errorf("schemas %s: %w", dir, err)
		}
		fsys := overlayFS{base: base, extra: fstest.MapFS{
			cdsNotificationEntry: {Data: []byte(cdsNotificationWrapper)},
		}}
		set := &schemaSet{profile: ProfileCDS, bundle: xsd.FSBundle(abs, fsys), origin: dir, entries: map[string]string{
			TypeCDSDeclaration:  cdsSubmitEntry,
			TypeCDSAmendment:    cdsSubmitEntry,
			TypeCDSGoodsPresent: cdsSubmitEntry,
			TypeCDSNotification: cdsNotificationEntry,
		}}
		if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(cdsCancelEntry))); err == nil {
			set.entries[TypeCDSCancellation] = cdsCancelEntry
		} else {
			set.entries[TypeCDSCancellation] = cdsSubmitEntry
		}
		return []*schemaSet{set}, nil
	}
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("schemas: %w", err)
	}
	b, err := xsd.DirBundle(dir)
	if err != nil {
		return nil, err
	}
	byProfile := map[Profile]*schemaSet{}
	var names []string
	for _, e := range ents {
		m := ctcEntryRE.FindStringSubmatch(e.Name())
		if m == nil || e.IsDir() {
			continue
		}
		names = append(names, e.Name())
	}
	sort.Strings(names)
	ctcC, err := phaseOfFolder(dir, b.FS(), names)
	if err != nil {
		return nil, err
	}
	for _, name := range names {
		msg := strings.ToUpper(strings.TrimSuffix(strings.TrimSuffix(name, ".xsd"), ".XSD"))
		p := ProfileCTCP4
		if strings.HasSuffix(msg, "C") {
			p = ctcC
		}
		set := byProfile[p]
		if set == nil {
			set = &schemaSet{profile: p, bundle: b, origin: dir, entries: map[string]string{}}
			byProfile[p] = set
		}
		set.entries[msg] = name
	}
	if len(byProfile) == 0 {
		return nil, fmt.Errorf("schemas %s: %w: expected customs/wrapper_submit.xsd (CDS DMS) or ccNNNx.xsd files such as cc015b.xsd or cc015c.xsd (CTC)%s", dir, ErrNotBundle, bundleHint(dir, ents))
	}
	var sets []*schemaSet
	for _, p := range []Profile{ProfileCTCP4, ProfileCTCP5, ProfileCTCP6} {
		if s := byProfile[p]; s != nil {
			sets = append(sets, s)
		}
	}
	return sets, nil
}

// phaseOfFolder tells whether the ccNNNc.xsd files of a folder are NCTS
// phase 5 (version 51.x) or phase 6 (60.x). The files of one folder share
// their included type files, so they are one phase: the one most of them
// declare (HMRC's phase 6 bundle carries a cc228c.xsd still labelled
// 51.8.6 that includes the phase 6 types).
func phaseOfFolder(dir string, fsys fs.FS, names []string) (Profile, error) {
	votes := map[Profile]int{}
	for _, name := range names {
		if !strings.HasSuffix(strings.ToUpper(strings.TrimSuffix(strings.TrimSuffix(name, ".xsd"), ".XSD")), "C") {
			continue
		}
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return "", fmt.Errorf("schemas %s: %w (files are read inside the folder only)", dir, err)
		}
		m := schemaVersionRE.FindSubmatch(data)
		switch {
		case m != nil && string(m[1]) == "51":
			votes[ProfileCTCP5]++
		case m != nil && string(m[1]) == "60":
			votes[ProfileCTCP6]++
		default:
			return "", fmt.Errorf("schemas %s: cannot tell whether %s is NCTS phase 5 (version 51.x) or phase 6 (version 60.x) from its version attribute", dir, name)
		}
	}
	if votes[ProfileCTCP6] > votes[ProfileCTCP5] {
		return ProfileCTCP6, nil
	}
	return ProfileCTCP5, nil
}

// bundleHint names sub-folders that hold a bundle, for a --schemas folder
// one level too high (cds/schemas instead of cds/schemas/v2.15).
func bundleHint(dir string, ents []fs.DirEntry) string {
	var found []string
	for _, e := range ents {
		if !e.IsDir() {
			continue
		}
		sub := filepath.Join(dir, e.Name())
		if _, err := os.Stat(filepath.Join(sub, filepath.FromSlash(cdsSubmitEntry))); err == nil {
			found = append(found, sub)
			continue
		}
		if subEnts, err := os.ReadDir(sub); err == nil {
			for _, se := range subEnts {
				if ctcEntryRE.MatchString(se.Name()) {
					found = append(found, sub)
					break
				}
			}
		}
	}
	if len(found) == 0 {
		return ""
	}
	return "; did you mean " + strings.Join(found, " or ") + "?"
}

// overlayFS serves extra files on top of a base file system.
type overlayFS struct {
	base  fs.FS
	extra fstest.MapFS
}

func (o overlayFS) Open(name string) (fs.File, error) {
	if _, ok := o.extra[name]; ok {
		return o.extra.Open(name)
	}
	return o.base.Open(name)
}
