package rules

import (
	"fmt"
	"strings"
	"time"

	"github.com/customslint/customslint/xsd"
)

// acceptanceWindow is how far before the reference time CDS takes an
// acceptance date: 180 days of 24 hours (CDS12016).
const acceptanceWindow = 180 * 24 * time.Hour

// The largest offsets from UTC there are, east and west, which bound the
// instants a date without a time (formatCode 102) may stand for.
const (
	maxOffsetEast = 14 * time.Hour
	maxOffsetWest = 12 * time.Hour
)

// cdsAcceptanceDate checks a declaration's AcceptanceDateTime against the
// reference time.
var cdsAcceptanceDate = &Rule{
	ID:           "cds-acceptance-date",
	Codes:        []string{"CDS12016"},
	Summary:      "AcceptanceDateTime is not after the reference time and not more than 180 days before it (error with --now, warning against the wall clock)",
	Severity:     Error,
	MessageTypes: []string{cdsDEC},
	Doc: `A declaration may state when it is to be taken as accepted: Declaration/AcceptanceDateTime
(WCO 42A/023). HMRC's samples carry it on supplementary declarations (types Y and Z, and EIDR
declarations, where it matches the CLE date in DE 2/1), and on some frontier and pre-lodged ones,
whose annotations say to set it to the day the declaration is sent. When it is present, CDS
rejects a date in the future or more than 180 days in the past with CDS12016 (HMRC's annotated
import TT_IM014a, with acceptance date 31 December 2020, was answered on 26 August 2022 with
CDS12016 at 42A/023).

The date is read by its formatCode and converted to UTC: 304 is CCYYMMDDhhmmss followed by Z or
a signed offset of hours (20201231010000+01 is 2020-12-31 00:00:00 UTC); 102 is a date alone,
CCYYMMDD, which is taken as the whole day in any time zone (future only when the day has not
begun anywhere, too old only when it has ended everywhere). The value may be at most 180 × 24
hours before the reference time: exactly 180 days is accepted, one second more is not. A value
that does not have the form of its formatCode, or another formatCode, is left to cds-datetime
and the schema. Amendments, cancellations and goods presentations are not checked: CDS12016 is a
declaration's error.

The reference time is set with --now (RFC 3339), now: in .customslint.yaml or
validate.Options.Now; findings are then errors. Without it the rule compares with the wall clock
and reports warnings only, so that a folder of fixtures does not turn red months after it was
written; set the reference time in CI to the day the declarations are meant to be sent.

Failing (with --now 2022-08-26T11:11:02Z: more than 180 days before):

    <AcceptanceDateTime>
      <DateTimeString formatCode="304">20201231010000+01</DateTimeString>
    </AcceptanceDateTime>

Passing (with the same --now):

    <AcceptanceDateTime>
      <DateTimeString formatCode="304">20220825090000+01</DateTimeString>
    </AcceptanceDateTime>
`,
	Check: func(p *Pass) {
		now, sev, clock, layout := p.Config.Now, Error, "", time.RFC3339
		if now.IsZero() {
			// The wall clock's times are quoted to the day, so that two
			// runs of one file on one day say the same.
			now, sev, layout = time.Now(), Warning, time.DateOnly
			clock = " (the wall clock: set --now or now: in .customslint.yaml to check against the day the declaration is sent)"
		}
		for _, at := range elementsAt(p.Root, "Declaration/AcceptanceDateTime") {
			checkAcceptanceDate(p, at, now.UTC(), sev, clock, layout)
		}
	},
}

// acceptanceSpan is the earliest and latest instant an AcceptanceDateTime
// value may stand for: one instant for formatCode 304, a day in any time
// zone for 102.
type acceptanceSpan struct {
	earliest, latest time.Time
	utc              string // the value in UTC, for messages
}

// checkAcceptanceDate reports an AcceptanceDateTime after now or more than
// 180 days before it, quoting the reference times in layout.
func checkAcceptanceDate(p *Pass, at xsd.Element, now time.Time, sev Severity, clock, layout string) {
	dts := firstAt(at, "DateTimeString")
	if !dts.Valid() {
		return // the schema reports it
	}
	code, _ := dts.Attr("formatCode")
	v := strings.TrimSpace(dts.Text())
	span, ok := parseAcceptance(strings.TrimSpace(code), v)
	if !ok {
		return // cds-datetime and the schema report it
	}
	ref := now.Format(layout)
	switch oldest := now.Add(-acceptanceWindow); {
	case span.earliest.After(now):
		p.ReportSeverity(at, sev, "AcceptanceDateTime %q (%s) is after the reference time %s%s: CDS rejects an acceptance date in the future with CDS12016; declare when the declaration is made, or earlier", v, span.utc, ref, clock)
	case span.latest.Before(oldest):
		p.ReportSeverity(at, sev, "AcceptanceDateTime %q (%s) is %s before the reference time %s%s: CDS rejects an acceptance date more than 180 days in the past with CDS12016; the earliest it takes is %s", v, span.utc, daysLabel(now.Sub(span.latest)), ref, clock, oldest.Format(layout))
	}
}

// daysLabel says how many days of 24 hours d is: "603 days", or "more
// than 180 days" when it is not a whole number of days.
func daysLabel(d time.Duration) string {
	days := int64(d / (24 * time.Hour))
	if d%(24*time.Hour) != 0 {
		return fmt.Sprintf("more than %d days", days)
	}
	return fmt.Sprintf("%d days", days)
}

// parseAcceptance reads a DateTimeString by its formatCode; false when it
// does not have that form or is not a real date and time.
func parseAcceptance(code, v string) (acceptanceSpan, bool) {
	switch code {
	case "102":
		if len(v) != 8 || !dtDigits(v) || checkCDSDate(v) != "" {
			return acceptanceSpan{}, false
		}
		day := time.Date(dtNumber(v[0:4]), time.Month(dtNumber(v[4:6])), dtNumber(v[6:8]), 0, 0, 0, 0, time.UTC)
		return acceptanceSpan{
			earliest: day.Add(-maxOffsetEast),
			latest:   day.Add(24*time.Hour + maxOffsetWest - time.Second),
			utc:      "the day " + day.Format("2006-01-02") + " in any time zone",
		}, true
	case "304":
		t, ok := parse304(v)
		if !ok {
			return acceptanceSpan{}, false
		}
		return acceptanceSpan{earliest: t, latest: t, utc: t.Format(time.RFC3339)}, true
	}
	return acceptanceSpan{}, false
}

// parse304 reads CCYYMMDDhhmmss followed by Z or a signed offset of two
// digits of hours (at most 14), the form cds-datetime accepts, as UTC.
func parse304(v string) (time.Time, bool) {
	if len(v) < 15 || !dtDigits(v[:14]) || checkCDSDate(v[:8]) != "" || checkCDSTime(v[8:14]) != "" {
		return time.Time{}, false
	}
	offset := 0
	switch zone := v[14:]; {
	case zone == "Z":
	case len(zone) == 3 && (zone[0] == '+' || zone[0] == '-') && dtDigits(zone[1:]) && dtNumber(zone[1:]) <= 14:
		offset = dtNumber(zone[1:]) * 3600
		if zone[0] == '-' {
			offset = -offset
		}
	default:
		return time.Time{}, false
	}
	local := time.Date(dtNumber(v[0:4]), time.Month(dtNumber(v[4:6])), dtNumber(v[6:8]),
		dtNumber(v[8:10]), dtNumber(v[10:12]), dtNumber(v[12:14]), 0, time.FixedZone(fmt.Sprintf("UTC%+d", offset/3600), offset))
	return local.UTC(), true
}

func init() {
	register(cdsAcceptanceDate)
}
