package mou

import (
	"strings"
	"testing"
	"unicode"

	"github.com/stretchr/testify/require"
)

// wordsByFields and normalByFields are Words and normalName as they were
// first written, on strings.Fields: the reference the one-pass versions
// are held to.
func wordsByFields(s string) int {
	n := 0
	for _, f := range strings.Fields(s) {
		if strings.IndexFunc(f, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0 {
			n++
		}
	}
	return n
}

func normalByFields(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }

func TestWordsAndNormalNameAgreeWithFields(t *testing.T) {
	cases := []string{
		"", " ", "a", " a ", "Sam  Patel", "\tSam\nPatel\r", "— – -", "a - b", "x\vy\fz", "ÉCOLE  Été",
		"Sam\u00a0Patel", "Sam\u0085Patel", "Sam\u2003Patel", "\xff\xfe bad", "1 2 3", "!!! ...", "İstanbul",
		"Riverside Academy Trust works with Hillview Primary to raise attainment in mathematics.",
	}
	// every string of up to three of these pieces
	pieces := []string{"", "a", "Z", " ", "\t", "é", "\u00a0", "-", "9", "\xff", "ǅ"}
	for _, a := range pieces {
		for _, b := range pieces {
			for _, c := range pieces {
				cases = append(cases, a+b+c)
			}
		}
	}
	for _, s := range cases {
		require.Equal(t, wordsByFields(s), Words(s), "%q", s)
		require.Equal(t, normalByFields(s), normalName(s), "%q", s)
	}
}

func FuzzWords(f *testing.F) {
	f.Add("Sam  Patel")
	f.Add("\tÉcole\u00a0d'été ")
	f.Fuzz(func(t *testing.T, s string) {
		require.Equal(t, wordsByFields(s), Words(s))
		require.Equal(t, normalByFields(s), normalName(s))
	})
}
