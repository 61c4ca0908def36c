package chart_test

import (
	"encoding/xml"
	"errors"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/partnerkit/partnerkit/wasm/internal/app/chart"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

func f(v float64) *float64 { return &v }

func TestBarsGolden(t *testing.T) {
	for _, tc := range []struct {
		name string
		bars chart.Bars
	}{
		{"partners", chart.Bars{
			Title: "Dimension scores by partner", Desc: "Mean score of each dimension, for each partner shown",
			Categories: []string{"Shared vision and purpose", "Leadership and governance", "Communication"},
			Series: []chart.Series{
				{Name: "Riverside High School", Values: []*float64{f(72.5), f(40), f(100)}},
				{Name: "Northgate Primary", Values: []*float64{f(55.55), nil, f(0)}},
			},
		}},
		{"self-peer", chart.Bars{
			Title: "Self-review against peer review", Categories: []string{"Vision", "Impact"},
			Series: []chart.Series{{Name: "Self-review", Values: []*float64{f(90), f(62.25)}}, {Name: "Peer review", Values: []*float64{f(60), f(64)}}},
		}},
		{"escaped", chart.Bars{
			Title: `<script>alert("t")</script>`, Desc: `a & b`,
			Categories: []string{`<img src=x onerror=alert(1)>`, "A dimension whose title is far too long to fit beside its bars"},
			Series:     []chart.Series{{Name: `"quoted" & <b>`, Values: []*float64{f(-5), f(150)}}},
		}},
		{"empty", chart.Bars{Title: "Nothing yet"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := tc.bars.SVG("chart-" + tc.name)
			wellFormed(t, got)
			path := filepath.Join("testdata", tc.name+".svg")
			if *update {
				require.NoError(t, os.WriteFile(path, []byte(got+"\n"), 0o644))
			}
			want, err := os.ReadFile(path)
			require.NoError(t, err, "run go test ./wasm/app/chart -update")
			assert.Equal(t, string(want), got+"\n")
		})
	}
}

// wellFormed decodes the SVG as XML: every element closed, every text
// escaped.
func wellFormed(t *testing.T, svg string) {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(svg))
	d.Strict = true
	var names []string
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		require.NoError(t, err)
		if s, ok := tok.(xml.StartElement); ok {
			names = append(names, s.Name.Local)
		}
	}
	require.NotEmpty(t, names)
	assert.Equal(t, "svg", names[0])
	assert.NotContains(t, names, "script")
	assert.NotContains(t, names, "img")
}

func TestBarsAccessible(t *testing.T) {
	svg := chart.Bars{Title: "Change since the previous round", Desc: "Each dimension's mean", Categories: []string{"Vision"},
		Series: []chart.Series{{Name: "Spring", Values: []*float64{f(50)}}, {Name: "Autumn", Values: []*float64{f(61.04)}}}}.SVG("c")
	assert.Contains(t, svg, `role="img" aria-labelledby="c-title" aria-describedby="c-desc"`)
	assert.Contains(t, svg, `<title id="c-title">Change since the previous round</title>`)
	assert.Contains(t, svg, `<desc id="c-desc">Each dimension&#39;s mean. Bars for Spring, Autumn, on a scale from 0 to 100, for each of 1 categories.</desc>`)
	assert.Contains(t, svg, `<title>Autumn, Vision: 61</title>`, "each bar says what it is")
	assert.Contains(t, svg, `>61</text>`, "and its value is written beside it")
	assert.Contains(t, svg, `<title>Spring, Vision: 50</title>`)
}

func TestBarsClamp(t *testing.T) {
	svg := chart.Bars{Categories: []string{"a"}, Series: []chart.Series{{Name: "s", Values: []*float64{f(250)}}}}.SVG("c")
	assert.Contains(t, svg, `width="444"`, "a value above 100 is drawn as 100")
	assert.Contains(t, svg, ">250</text>", "and written as it is")
}

func TestFormat(t *testing.T) {
	for in, want := range map[float64]string{72.5: "72.5", 55.55: "55.6", 100: "100", 0: "0", 33.333: "33.3"} {
		assert.Equal(t, want, chart.Format(in))
	}
}
