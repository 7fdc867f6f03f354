package rules

import "strings"

// Nearest returns the candidate nearest to s (a misspelt rule ID or
// configuration key), or "" when none is near: more than a third of its
// letters, and more than two, would have to change. Case is ignored; a
// swap of two neighbouring letters is one change.
func Nearest(s string, candidates []string) string {
	if len(s) > 64 {
		return "" // no rule ID or key is that long
	}
	best, bestD := "", -1
	for _, c := range candidates {
		if d := distance(strings.ToLower(s), strings.ToLower(c)); bestD < 0 || d < bestD {
			best, bestD = c, d
		}
	}
	if bestD < 0 || bestD > max(2, len(best)/3) {
		return ""
	}
	return best
}

// NearestID is the rule ID nearest to s, or "".
func NearestID(s string) string {
	ids := make([]string, 0, len(registry))
	for _, r := range All() {
		ids = append(ids, r.ID)
	}
	return Nearest(s, ids)
}

// distance is the edit distance of a and b in bytes, a swap of two
// neighbours counting as one edit (optimal string alignment).
func distance(a, b string) int {
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(a)][len(b)]
}
