package rules

import "testing"

// TestMRNCheckCharacterByHand checks the ISO 6346 letter values and check
// characters against values worked by hand (the CDS and CTC MRN rules
// share the computation).
func TestMRNCheckCharacterByHand(t *testing.T) {
	for c, want := range map[byte]int{'A': 10, 'B': 12, 'J': 20, 'K': 21, 'L': 23, 'U': 32, 'V': 34, 'Z': 38} {
		if got, ok := mrnCharValue(c); !ok || got != want {
			t.Errorf("value of %c = %d, %v; want %d", c, got, ok, want)
		}
	}
	// 00AA000000000000A: A at positions 2, 3 and 16: 10*4 + 10*8 + 10*65536
	// = 655480; 655480 mod 11 = 1.
	if got, ok := mrnCheckCharacter("00AA000000000000A"); !ok || got != '1' {
		t.Errorf("check of 00AA000000000000A = %c, %v; want 1", got, ok)
	}
	if _, ok := mrnCheckCharacter("00aa000000000000A"); ok {
		t.Error("lower case accepted")
	}
}
