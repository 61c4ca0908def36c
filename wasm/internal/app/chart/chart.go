package chart

import (
	"html"
	"math"
	"strconv"
	"strings"
)

// Series is one set of bars: a value for each category, nil where there
// is none (it is drawn as "no score").
type Series struct {
	Name   string
	Values []*float64
}

// Bars is a grouped horizontal bar chart on a scale from 0 to 100.
type Bars struct {
	Title      string // the chart's accessible name, shown above it
	Desc       string // what it shows, for a screen reader
	Categories []string
	Series     []Series
}

// palette holds the series' colours, in order: the GOV.UK blue, orange,
// green, purple, pink and brown, each with a contrast of at least 3:1
// against white. A seventh series takes the first colour again.
var palette = [...]string{"#1d70b8", "#b35900", "#00703c", "#4c2c92", "#b0185f", "#6f4e37"}

// Colour returns the fill of the i-th series.
func Colour(i int) string { return palette[i%len(palette)] }

// The chart's geometry, in SVG user units (1 unit is a CSS pixel at
// 100%).
const (
	width      = 720
	labelWidth = 220 // the category labels' column
	valueRoom  = 56  // room right of a bar of 100 for its value
	barHeight  = 16
	barGap     = 3
	groupGap   = 14
	top        = 28 // room for the scale's labels
	legendRow  = 22
	fontSize   = 13
)

// SVG renders the chart as an svg element whose ids start with id. All
// text is escaped.
func (c Bars) SVG(id string) string {
	esc := html.EscapeString
	n := max(len(c.Series), 1)
	plot := float64(width - labelWidth - valueRoom)
	group := n*barHeight + (n-1)*barGap
	legend := legendRow * ((len(c.Series) + 1) / 2)
	height := top + len(c.Categories)*(group+groupGap) + legend + 8
	var b strings.Builder
	b.Grow(1024 + 400*len(c.Categories)*n)
	b.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" class="pk-chart" id="` + esc(id) + `" viewBox="0 0 ` + itoa(width) + " " + itoa(height) +
		`" width="` + itoa(width) + `" height="` + itoa(height) + `" role="img" aria-labelledby="` + esc(id) + `-title" aria-describedby="` + esc(id) + `-desc" font-size="` + itoa(fontSize) + `" font-family="system-ui, sans-serif">` + "\n")
	b.WriteString(`<title id="` + esc(id) + `-title">` + esc(c.Title) + "</title>\n")
	b.WriteString(`<desc id="` + esc(id) + `-desc">` + esc(c.describe()) + "</desc>\n")
	// The scale: a line and a label every 20 points.
	for v := 0; v <= 100; v += 20 {
		x := labelWidth + plot*float64(v)/100
		b.WriteString(`<line x1="` + num(x) + `" y1="` + itoa(top-6) + `" x2="` + num(x) + `" y2="` + itoa(top+len(c.Categories)*(group+groupGap)-groupGap/2) +
			`" stroke="#b1b4b6" stroke-width="1" aria-hidden="true"/>` + "\n")
		b.WriteString(`<text x="` + num(x) + `" y="` + itoa(top-10) + `" text-anchor="middle" fill="#505a5f" aria-hidden="true">` + itoa(v) + "</text>\n")
	}
	for i, cat := range c.Categories {
		y0 := top + i*(group+groupGap)
		b.WriteString(`<g class="pk-chart-group">` + "\n")
		b.WriteString(`<text x="` + itoa(labelWidth-8) + `" y="` + num(float64(y0)+float64(group)/2+4) + `" text-anchor="end" fill="#0b0c0c">` + esc(clip(cat, 32)) + "</text>\n")
		for s, ser := range c.Series {
			y := y0 + s*(barHeight+barGap)
			var v *float64
			if i < len(ser.Values) {
				v = ser.Values[i]
			}
			label := ser.Name + ", " + cat + ": "
			if v == nil || math.IsNaN(*v) {
				b.WriteString(`<text x="` + itoa(labelWidth+4) + `" y="` + itoa(y+barHeight-4) + `" fill="#505a5f"><title>` + esc(label+"no score") + "</title>no score</text>\n")
				continue
			}
			x := math.Max(0, math.Min(100, *v))
			w := plot * x / 100
			b.WriteString(`<rect x="` + itoa(labelWidth) + `" y="` + itoa(y) + `" width="` + num(w) + `" height="` + itoa(barHeight) + `" fill="` + Colour(s) + `"><title>` +
				esc(label+Format(*v)) + "</title></rect>\n")
			b.WriteString(`<text x="` + num(labelWidth+w+4) + `" y="` + itoa(y+barHeight-4) + `" fill="#0b0c0c" aria-hidden="true">` + Format(*v) + "</text>\n")
		}
		b.WriteString("</g>\n")
	}
	ly := top + len(c.Categories)*(group+groupGap) + 4
	for s, ser := range c.Series {
		x := labelWidth + (s%2)*230
		y := ly + (s/2)*legendRow
		b.WriteString(`<g class="pk-chart-key"><rect x="` + itoa(x) + `" y="` + itoa(y) + `" width="14" height="14" fill="` + Colour(s) + `" aria-hidden="true"/>` +
			`<text x="` + itoa(x+20) + `" y="` + itoa(y+12) + `" fill="#0b0c0c">` + esc(clip(ser.Name, 30)) + "</text></g>\n")
	}
	b.WriteString("</svg>")
	return b.String()
}

// describe says what the chart shows, in words, for its desc element.
func (c Bars) describe() string {
	var names []string
	for _, s := range c.Series {
		names = append(names, s.Name)
	}
	d := c.Desc
	if d != "" && !strings.HasSuffix(d, ".") {
		d += "."
	}
	if len(names) > 0 {
		if d != "" {
			d += " "
		}
		d += "Bars for " + strings.Join(names, ", ") + ", on a scale from 0 to 100, for each of " + itoa(len(c.Categories)) + " categories."
	}
	return d
}

// Format writes a score rounded to one decimal place.
func Format(v float64) string {
	return strconv.FormatFloat(math.Round(v*10)/10, 'f', -1, 64)
}

// clip shortens a label to at most n characters, with an ellipsis.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

func itoa(i int) string { return strconv.Itoa(i) }

func num(f float64) string { return strconv.FormatFloat(math.Round(f*10)/10, 'f', -1, 64) }
