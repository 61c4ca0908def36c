package mou

import (
	"encoding/xml"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// wellFormed reports an error if s is not well-formed XML.
func wellFormed(s string) error {
	d := xml.NewDecoder(strings.NewReader(s))
	for {
		_, err := d.Token()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

func TestTheoryOfChangeSVGGolden(t *testing.T) {
	m, err := Parse(mustRead(t, tocMOU))
	require.NoError(t, err)
	svg := TheoryOfChangeSVG(m, "toc")
	renderGolden(t, "toc.svg", []byte(svg+"\n"))
	require.NoError(t, wellFormed(svg))
	// Two activities, two outputs, three outcomes, the impact: a1 → out1 →
	// oc1 and oc2, a2 → out2 → oc3, and every outcome → the impact.
	assert.Equal(t, 2+3+3, strings.Count(svg, `marker-end="url(#toc-arrow)"`))
	assert.Equal(t, 2+2+3+1, strings.Count(svg, "<rect "))
	assert.NotContains(t, svg, "stroke-dasharray", "every box is linked")
	assert.Contains(t, svg, `<desc id="toc-desc">The chain from 2 activities through 2 outputs and 3 outcomes to the partnership&#39;s impact, with 8 links.`)
}

func TestTheoryOfChangeSVG(t *testing.T) {
	tests := []struct {
		name     string
		toc      string
		arrows   int
		dashed   int
		contains []string
	}{
		{"none", ``, 0, 0, nil},
		{"an empty chain", `{}`, 0, 3, []string{"Not yet agreed."}}, // the MOU's two activities and the impact
		{"an activity that leads nowhere", `{"impact": "Pupils thrive.", "outputs": [{"id": "out1", "title": "Lessons", "activities": ["a1"], "outcomes": ["oc1"]}], "outcomes": [{"id": "oc1", "statement": "Pupils learn."}]}`,
			3, 1, []string{"no indicator yet", "Lessons", "Pupils thrive."}},
		{"links to ids that do not exist", `{"impact": "x", "outputs": [{"id": "out1", "activities": ["nope"], "outcomes": ["nope"]}], "outcomes": []}`,
			0, 4, []string{"Output out1"}},
		{"the same link twice", `{"impact": "x", "outputs": [{"id": "out1", "activities": ["a1", "a1"], "outcomes": ["oc1", "oc1"]}], "outcomes": [{"id": "oc1", "statement": "y", "indicators": [{"id": "i1"}]}]}`,
			3, 1, []string{"1 indicator"}},
		{"hostile text is escaped", `{"impact": "<script>alert(1)</script>", "outputs": [{"id": "\"><svg onload=x>", "title": "a & b </text>"}], "outcomes": []}`,
			0, 4, []string{"&lt;script&gt;alert(1)&lt;/script&gt;", "a &amp; b &lt;/text&gt;", "&#34;&gt;&lt;svg onload=x&gt;"}},
		{"a long statement is wrapped and cut", `{"impact": "` + strings.Repeat("word ", 60) + `", "outcomes": [{"id": "oc1", "statement": "` + strings.Repeat("x", 75) + `"}]}`,
			1, 2, []string{"…", strings.Repeat("x", tocLineChars) + "</text>"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := contractDoc(t)
			mon := doc["monitoring"].(map[string]any)
			if tt.toc != "" {
				mon["theoryOfChange"] = obj(tt.toc)
			}
			m := FromValue(doc)
			svg := TheoryOfChangeSVG(&m, "d")
			if tt.toc == "" {
				assert.Empty(t, svg)
				return
			}
			require.NoError(t, wellFormed(svg), svg)
			assert.Equal(t, tt.arrows, strings.Count(svg, "marker-end="), svg)
			assert.Equal(t, tt.dashed, strings.Count(svg, "stroke-dasharray"), svg)
			for _, s := range tt.contains {
				assert.Contains(t, svg, s)
			}
			assert.NotContains(t, svg, "<script")
			assert.NotContains(t, svg, "<svg onload")
		})
	}
	assert.Empty(t, TheoryOfChangeSVG(nil, "d"))
}

func TestWrap(t *testing.T) {
	assert.Equal(t, []string{""}, wrap(""))
	assert.Equal(t, []string{"one two"}, wrap("  one   two "))
	assert.Equal(t, []string{"aaaaaaaaaa bbbbbbbbbb cccc", "dd"}, wrap("aaaaaaaaaa bbbbbbbbbb cccc dd"))
	assert.Equal(t, []string{"aaaaaaaaaa bbbbbbbbbb", "ccccc"}, wrap("aaaaaaaaaa bbbbbbbbbb ccccc"))
	long := wrap(strings.Repeat("é", 200))
	require.Len(t, long, tocMaxLines)
	for _, l := range long {
		assert.LessOrEqual(t, len([]rune(l)), tocLineChars)
	}
	assert.True(t, strings.HasSuffix(long[tocMaxLines-1], "…"))
}
