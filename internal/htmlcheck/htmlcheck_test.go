package htmlcheck

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestProblems(t *testing.T) {
	for _, tt := range []struct {
		name, page string
		want       []string
	}{
		{"well formed", `<div><fieldset aria-describedby="h m"><legend id="l">L</legend><div id="h"></div><div id="m"></div>` +
			`<label for="x">X</label><input id="x" aria-labelledby="l"></fieldset></div>`, nil},
		{"an id twice", `<div id="a"></div><div id="a"></div><div id="a"></div>`, []string{`id "a" is used more than once`}},
		{"a label for nothing", `<label for="x">X</label>`, []string{`a label is for "x", which is not there`}},
		{"a description that is not there", `<input id="x" aria-describedby="x-hint">`, []string{`aria-describedby names "x-hint", which is not there`}},
		{"a label that is not there", `<section aria-labelledby="t"></section>`, []string{`aria-labelledby names "t", which is not there`}},
		{"a fieldset without a legend", `<fieldset></fieldset>`, []string{"1 fieldsets have 0 legends: every fieldset has one"}},
		{"an open fieldset", `<fieldset><legend>L</legend>`, []string{"1 fieldsets open and 0 close"}},
		{"an open div", `<div><div></div>`, []string{"2 divs open and 1 close"}},
		{"an attribute never closed", `<div id="a>`, []string{"1 divs open and 0 close"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, Problems(tt.page))
		})
	}
}

func TestAttrValues(t *testing.T) {
	assert.Equal(t, []string{"a", "b c", ""}, AttrValues(`<p id="a"><p id="b c"><p id=""><p data-id="no">`, "id"))
	assert.Nil(t, AttrValues(`<p class="x">`, "id"))
}
