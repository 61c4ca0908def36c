package text

import (
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
)

func TestCapital(t *testing.T) {
	tests := []struct{ in, want string }{
		{"ŵyr", "Ŵyr"},                     // Welsh: grandchildren
		{"ysgol gynradd", "Ysgol gynradd"}, // primary school
		{"ŷd", "Ŷd"},                       // corn
		{"already", "Already"},
		{"Ŵyr", "Ŵyr"},
		{"ǆungla", "ǅungla"}, // a digraph takes its title case
		{"", ""},
		{"\xffbad", "\xffbad"},
		{"1st", "1st"},
	}
	for _, tt := range tests {
		got := Capital(tt.in)
		assert.Equal(t, tt.want, got, tt.in)
		assert.Equal(t, utf8.ValidString(tt.in), utf8.ValidString(got), "never breaks UTF-8: %q", tt.in)
	}
}

func TestLowerFirst(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Ŵyr", "ŵyr"},
		{"Ysgol", "ysgol"},
		{"URN", "URN"},
		{"CPD for staff", "CPD for staff"},
		{"Ŵ", "ŵ"},
		{"a", "a"},
		{"", ""},
		{"\xff", "\xff"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, LowerFirst(tt.in), tt.in)
	}
	assert.True(t, Abbreviation("ŴŶ"))
	assert.False(t, Abbreviation("Ŵy"))
}

func TestSentence(t *testing.T) {
	tests := []struct{ in, want string }{
		{"ŵyr yn yr ysgol", "Ŵyr yn yr ysgol."},
		{"a URN is six digits", "A URN is six digits."},
		{"done.", "Done."},
		{"why?", "Why?"},
		{"Diolch!", "Diolch!"},
		{"", ""},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, Sentence(tt.in), tt.in)
	}
}

func TestCounts(t *testing.T) {
	assert.Equal(t, "1 ysgol", Count(1, "ysgol", "ysgolion"))
	assert.Equal(t, "3 ysgolion", Count(3, "ysgol", "ysgolion"))
	assert.Equal(t, "0 findings", Count(0, "finding", "findings"))
	assert.Equal(t, "1,200 findings", Count(1200, "finding", "findings"))
	for in, want := range map[int]string{0: "0", 999: "999", 1000: "1,000", 349980: "349,980", 1234567: "1,234,567", -1000: "-1,000", -100: "-100"} {
		assert.Equal(t, want, Thousands(in), in)
	}
	assert.Equal(t, "is", Plural(1, "is", "are"))
	assert.Equal(t, "are", Plural(2, "is", "are"))
}

func TestLists(t *testing.T) {
	assert.Equal(t, "", AndList(nil))
	assert.Equal(t, "nothing", OrList(nil))
	assert.Equal(t, "Caerdydd", AndList([]string{"Caerdydd"}))
	assert.Equal(t, "Caerdydd and Abertawe", AndList([]string{"Caerdydd", "Abertawe"}))
	assert.Equal(t, "Bangor, Caerdydd or Abertawe", OrList([]string{"Bangor", "Caerdydd", "Abertawe"}))
}

func TestSentenceList(t *testing.T) {
	tests := []struct {
		in   []string
		want string
	}{
		{[]string{"Ŵyr", "Ŷd"}, "Ŵyr and ŷd"},
		{[]string{"Teaching", "CPD"}, "Teaching and CPD"},
		{[]string{"Ŵyr", "Pupil voice", "URN checks"}, "Ŵyr, pupil voice and URN checks"},
		{[]string{"ŵyr"}, "ŵyr"},
		{nil, ""},
	}
	for _, tt := range tests {
		in := append([]string(nil), tt.in...)
		got := SentenceList(in)
		assert.Equal(t, tt.want, got)
		assert.True(t, utf8.ValidString(got))
		assert.Equal(t, tt.in, in, "the items are not changed")
	}
}
