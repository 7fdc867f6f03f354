package rules

import (
	"fmt"
	"strings"
	"time"

	"github.com/customslint/customslint/xsd"
)

// dtDigits reports whether s is non-empty and only ASCII digits.
func dtDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// dtNumber reads a run of ASCII digits (already checked) as a number.
func dtNumber(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}

// checkCDSDate says what is wrong with a date written CCYYMMDD, or "".
func checkCDSDate(s string) string {
	y, m, d := dtNumber(s[0:4]), dtNumber(s[4:6]), dtNumber(s[6:8])
	if m < 1 || m > 12 {
		return fmt.Sprintf("there is no month %02d", m)
	}
	last := time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
	if d < 1 || d > last {
		return fmt.Sprintf("%s %d has no day %02d", time.Month(m), y, d)
	}
	return ""
}

// checkCDSTime says what is wrong with a time written hhmmss, or "".
func checkCDSTime(s string) string {
	h, m, sec := dtNumber(s[0:2]), dtNumber(s[2:4]), dtNumber(s[4:6])
	switch {
	case h > 23:
		return fmt.Sprintf("there is no hour %02d (00 to 23)", h)
	case m > 59:
		return fmt.Sprintf("there is no minute %02d (00 to 59)", m)
	case sec > 59:
		return fmt.Sprintf("there is no second %02d (00 to 59)", sec)
	}
	return ""
}

// cdsDateTime checks DateTimeString values against their formatCode.
var cdsDateTime = &Rule{
	ID:           "cds-datetime",
	Summary:      "a DateTimeString matches its formatCode (102 CCYYMMDD, 304 CCYYMMDDhhmmss with Z or an offset) and is a real date and time",
	Severity:     Error,
	MessageTypes: []string{cdsDEC, cdsCOR, cdsINV, cdsGPR, cdsRES},
	Doc: `Every date in a CDS declaration or DMS notification is a DateTimeString whose formatCode says
how it is written:

  - 102: a date, CCYYMMDD (20260314);
  - 304: a date and time, CCYYMMDDhhmmss followed by Z for UTC or by a signed offset in
    hours (20260314093412Z, 20260314103412+01).

The schema's pattern accepts either form whatever the formatCode says and does not know the
calendar, so it lets through a 304 value without its time, a 102 value with one, 20260230 and
hours such as 25. CDS reads the value by its formatCode and rejects a value it cannot read.
This rule reports a value that does not have the form of its formatCode, a month, day, hour,
minute or second that does not exist, and an offset of more than 14 hours. A DateTimeString
without a formatCode, or with a formatCode other than 102 and 304, is left to the schema.

Failing (a date with formatCode 304; and 30 February):

    <IssueDateTime>
      <DateTimeString formatCode="304">20260314</DateTimeString>
    </IssueDateTime>
    ...
      <DateTimeString formatCode="102">20260230</DateTimeString>

Passing:

    <IssueDateTime>
      <DateTimeString formatCode="102">20260314</DateTimeString>
    </IssueDateTime>
`,
	Check: func(p *Pass) {
		check := func(e xsd.Element) {
			code, ok := e.Attr("formatCode")
			if !ok {
				return
			}
			v := strings.TrimSpace(e.Text())
			switch strings.TrimSpace(code) {
			case "102":
				if len(v) != 8 || !dtDigits(v) {
					p.Reportf(e, "DateTimeString %q does not match formatCode 102: expected a date of 8 digits, CCYYMMDD (e.g. 20260314)%s", v, hint102(v))
					return
				}
				if why := checkCDSDate(v); why != "" {
					p.Reportf(e, "DateTimeString %q (formatCode 102, CCYYMMDD) is not a real date: %s", v, why)
				}
			case "304":
				if len(v) < 15 || !dtDigits(v[:14]) {
					p.Reportf(e, "DateTimeString %q does not match formatCode 304: expected CCYYMMDDhhmmss followed by Z or an offset in hours such as +01 (e.g. 20260314093412Z)%s", v, hint304(v))
					return
				}
				zone := v[14:]
				if zone != "Z" && !((zone[0] == '+' || zone[0] == '-') && len(zone) == 3 && dtDigits(zone[1:])) {
					p.Reportf(e, "DateTimeString %q does not match formatCode 304: after CCYYMMDDhhmmss expected Z or a signed offset of two digits of hours such as +01 or -05, not %q", v, zone)
					return
				}
				if why := checkCDSDate(v[:8]); why != "" {
					p.Reportf(e, "DateTimeString %q (formatCode 304, CCYYMMDDhhmmss) is not a real date: %s", v, why)
					return
				}
				if why := checkCDSTime(v[8:14]); why != "" {
					p.Reportf(e, "DateTimeString %q (formatCode 304, CCYYMMDDhhmmss) is not a real time: %s", v, why)
					return
				}
				if zone != "Z" && dtNumber(zone[1:]) > 14 {
					p.Reportf(e, "DateTimeString %q (formatCode 304) has offset %s: UTC offsets are at most 14 hours", v, zone)
				}
			}
		}
		for _, e := range p.Named("DateTimeString").All() {
			check(e)
		}
	},
}

// hint102 explains a likely mix-up of a 102 value.
func hint102(v string) string {
	if len(v) >= 14 && dtDigits(v[:14]) {
		return "; this is a date and time: drop the time or use formatCode 304"
	}
	return ""
}

// hint304 explains a likely mix-up of a 304 value.
func hint304(v string) string {
	switch {
	case len(v) == 8 && dtDigits(v):
		return "; this is a date without a time: use formatCode 102 or add the time and zone"
	case len(v) == 14 && dtDigits(v):
		return "; the zone is missing: add Z for UTC"
	}
	return ""
}

func init() {
	register(cdsDateTime)
}
