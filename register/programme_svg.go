package register

import (
	"fmt"
	"html"
	"strings"
)

// bandColours colour a chart's bands, lowest first; a framework with more
// bands repeats the last.
var bandColours = [...]string{"#b3261e", "#c26a00", "#5b7f00", "#1b6e3a", "#0b4f6c"}

// rollUpSVG draws a dimension's roll-up as a small bar chart: one bar per
// stage, split by band, with a text equivalent for screen readers.
func rollUpSVG(ru DimensionRollUp) string {
	const width, barX, barW, rowH = 320, 80, 230, 22
	h := rowH*len(ru.ByStage) + 26
	title := ru.Title
	if title == "" {
		title = ru.Dimension
	}
	var desc []string
	var b strings.Builder
	for i, s := range ru.ByStage {
		total := 0
		for _, n := range s.Counts {
			total += n
		}
		stage := string(s.Stage)
		if stage == "" {
			stage = "no stage"
		}
		y := i * rowH
		fmt.Fprintf(&b, `<text x="0" y="%d" font-size="12">%s</text>`, y+15, html.EscapeString(stage))
		fmt.Fprintf(&b, `<rect x="%d" y="%d" width="%d" height="16" fill="#eeeeee"/>`, barX, y+3, barW)
		var parts []string
		x := float64(barX)
		for bi, n := range s.Counts {
			if n == 0 || total == 0 {
				continue
			}
			w := float64(barW) * float64(n) / float64(total)
			fmt.Fprintf(&b, `<rect x="%.1f" y="%d" width="%.1f" height="16" fill="%s"><title>%s, %s: %d</title></rect>`,
				x, y+3, w, bandColours[min(bi, len(bandColours)-1)], html.EscapeString(stage), html.EscapeString(ru.Bands[bi]), n)
			x += w
			parts = append(parts, fmt.Sprintf("%s %d", ru.Bands[bi], n))
		}
		if len(parts) == 0 {
			parts = []string{"none scored"}
		}
		desc = append(desc, stage+": "+strings.Join(parts, ", "))
	}
	// The legend, lowest band first.
	x := 0
	for bi, label := range ru.Bands {
		fmt.Fprintf(&b, `<rect x="%d" y="%d" width="10" height="10" fill="%s"/><text x="%d" y="%d" font-size="11">%s</text>`,
			x, h-12, bandColours[min(bi, len(bandColours)-1)], x+13, h-3, html.EscapeString(label))
		x += 13 + 7*len(label) + 10
	}
	label := html.EscapeString(title + " across the programme by stage. " + strings.Join(desc, "; ") + ".")
	return fmt.Sprintf(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" width="%d" height="%d" role="img" aria-label="%s"><title>%s</title>%s</svg>`,
		max(width, x), h, max(width, x), h, label, label, b.String())
}
