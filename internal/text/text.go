// Package text holds the few English text helpers partnerkit's messages
// and pages share: capitals, sentences, counts and lists. Every helper is
// rune-aware, so Welsh and any other script come through whole: "ŵyr"
// becomes "Ŵyr", never invalid UTF-8.
package text

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Capital puts the first letter of s in capitals, in any script: "ŵyr"
// becomes "Ŵyr". Text that does not start with a valid character is
// returned as it is.
func Capital(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError || unicode.IsUpper(r) {
		return s
	}
	return string(unicode.ToTitle(r)) + s[size:]
}

// LowerFirst puts the first letter of s in lower case, unless s starts
// with an abbreviation such as URN or CPD (two capitals): "Ŵyr" becomes
// "ŵyr", "URN" stays.
func LowerFirst(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError || !unicode.IsUpper(r) && !unicode.IsTitle(r) {
		return s
	}
	if Abbreviation(s) {
		return s
	}
	return string(unicode.ToLower(r)) + s[size:]
}

// Abbreviation reports whether s begins with two capital letters, as CPD
// and URN do.
func Abbreviation(s string) bool {
	first, size := utf8.DecodeRuneInString(s)
	second, _ := utf8.DecodeRuneInString(s[size:])
	return unicode.IsUpper(first) && unicode.IsUpper(second)
}

// Sentence makes s a sentence to show on its own: a capital letter, and a
// full stop unless it already ends with one, a question mark or an
// exclamation mark.
func Sentence(s string) string {
	if s == "" {
		return s
	}
	s = Capital(s)
	if !strings.HasSuffix(s, ".") && !strings.HasSuffix(s, "?") && !strings.HasSuffix(s, "!") {
		s += "."
	}
	return s
}

// Plural returns one when n is 1, else many.
func Plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// Count writes n with its noun: "1 respondent", "3 respondents",
// "1,200 findings".
func Count(n int, one, many string) string {
	return Thousands(n) + " " + Plural(n, one, many)
}

// Thousands writes n with commas between groups of three digits: 349,980.
func Thousands(n int) string {
	s := strconv.Itoa(n)
	start := 0
	if n < 0 {
		start = 1
	}
	for i := len(s) - 3; i > start; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// AndList joins items as a list in a sentence: "a, b and c"; "" for none.
func AndList(items []string) string { return list(items, " and ", "") }

// OrList joins items as a choice in a sentence: "a, b or c"; "nothing"
// for none.
func OrList(items []string) string { return list(items, " or ", "nothing") }

// SentenceList joins labels, each written as on its own, as a list in a
// sentence: "Teaching, ŵyr and CPD" from "Teaching", "Ŵyr" and "CPD". The
// labels after the first begin in lower case, but for abbreviations
// (LowerFirst). items is not changed.
func SentenceList(items []string) string {
	out := make([]string, len(items))
	for i, it := range items {
		if i > 0 {
			it = LowerFirst(it)
		}
		out[i] = it
	}
	return AndList(out)
}

func list(items []string, last, none string) string {
	switch len(items) {
	case 0:
		return none
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + last + items[len(items)-1]
}
