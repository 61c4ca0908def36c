package mou

import (
	"html"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The Theory of Change as a diagram: four columns (activities, outputs,
// outcomes, impact), a box for each, and an arrow for each link the
// document makes, drawn in pure Go as inline SVG so that it shows in the
// browser and prints with the rendered MOU, without a script or a fetch.
// The table beside it in the rendered MOU holds the same links in text.

const (
	tocColumnWidth = 220 // a box's width
	tocColumnGap   = 56  // room between the columns for the arrows
	tocLineHeight  = 16
	tocPad         = 8  // inside a box, above and below the text
	tocBoxGap      = 14 // between two boxes of a column
	tocTop         = 34 // room for the columns' headings
	tocLineChars   = 26 // characters on a line of a box: 26 of 13-pixel type fit its 204 pixels
	tocMaxLines    = 4
	tocFontSize    = 13
)

// tocNode is one box of the diagram.
type tocNode struct {
	id, kind string // kind is "activity", "output", "outcome" or "impact"
	lines    []string
	note     string // a last, quieter line, such as the number of indicators
	linked   bool   // whether a link reaches it or leaves it
	y, h     int
}

type tocEdge struct{ from, to *tocNode }

// TheoryOfChangeSVG draws the MOU's Theory of Change as an svg element
// whose ids start with id: the MOU's activities, the outputs, the
// outcomes and the impact in four columns, with an arrow for each link
// from an activity to an output, an output to an outcome, and each
// outcome to the impact. A box that no link reaches or leaves has a
// dashed border, as the toc.* checks would warn of it. All text is
// escaped. The svg is as wide as its container, its height in proportion.
// It returns "" when the MOU has no Theory of Change.
func TheoryOfChangeSVG(m *MOU, id string) string {
	if m == nil || m.Monitoring == nil || m.Monitoring.TheoryOfChange == nil {
		return ""
	}
	t := m.Monitoring.TheoryOfChange
	var cols [4][]*tocNode
	byID := [3]map[string]*tocNode{{}, {}, {}}
	for i, a := range m.Activities {
		n := &tocNode{id: a.ID, kind: "activity", lines: wrap(orName(a.Title, activityName(a, i)))}
		cols[0] = append(cols[0], n)
		if _, dup := byID[0][a.ID]; !dup && a.ID != "" {
			byID[0][a.ID] = n
		}
	}
	for i, o := range t.Outputs {
		n := &tocNode{id: o.ID, kind: "output", lines: wrap(orName(o.Title, "Output "+orName(o.ID, strconv.Itoa(i+1))))}
		cols[1] = append(cols[1], n)
		if _, dup := byID[1][o.ID]; !dup && o.ID != "" {
			byID[1][o.ID] = n
		}
	}
	for i, oc := range t.Outcomes {
		n := &tocNode{id: oc.ID, kind: "outcome", lines: wrap(orName(oc.Statement, outcomeName(oc, i)))}
		switch k := len(oc.Indicators); k {
		case 0:
			n.note = "no indicator yet"
		case 1:
			n.note = "1 indicator"
		default:
			n.note = strconv.Itoa(k) + " indicators"
		}
		cols[2] = append(cols[2], n)
		if _, dup := byID[2][oc.ID]; !dup && oc.ID != "" {
			byID[2][oc.ID] = n
		}
	}
	impact := &tocNode{kind: "impact", lines: wrap(orName(t.Impact, missingText))}
	cols[3] = []*tocNode{impact}

	var edges []tocEdge
	link := func(from, to *tocNode) {
		if from == nil || to == nil {
			return
		}
		for _, e := range edges {
			if e.from == from && e.to == to {
				return
			}
		}
		from.linked, to.linked = true, true
		edges = append(edges, tocEdge{from, to})
	}
	for i, o := range t.Outputs {
		out := cols[1][i]
		for _, a := range o.Activities {
			link(byID[0][a], out)
		}
		for _, oc := range o.Outcomes {
			link(out, byID[2][oc])
		}
	}
	if !blank(t.Impact) {
		for _, n := range cols[2] {
			link(n, impact)
		}
	}

	height := tocTop
	for _, col := range cols {
		y := tocTop
		for _, n := range col {
			lines := len(n.lines)
			if n.note != "" {
				lines++
			}
			n.y, n.h = y, 2*tocPad+lines*tocLineHeight
			y += n.h + tocBoxGap
		}
		height = max(height, y)
	}
	width := 4*tocColumnWidth + 3*tocColumnGap
	x := func(col int) int { return col * (tocColumnWidth + tocColumnGap) }
	column := map[string]int{"activity": 0, "output": 1, "outcome": 2, "impact": 3}

	esc := html.EscapeString
	var b strings.Builder
	b.Grow(2048 + 512*(len(cols[0])+len(cols[1])+len(cols[2])) + 160*len(edges))
	b.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" class="mou-toc-diagram" id="` + esc(id) + `" viewBox="0 0 ` + strconv.Itoa(width) + " " + strconv.Itoa(height) +
		`" width="100%" role="img" aria-labelledby="` + esc(id) + `-title" aria-describedby="` + esc(id) +
		`-desc" font-size="` + strconv.Itoa(tocFontSize) + `" font-family="system-ui, sans-serif">` + "\n")
	b.WriteString(`<title id="` + esc(id) + `-title">Theory of Change</title>` + "\n")
	b.WriteString(`<desc id="` + esc(id) + `-desc">` + esc(tocDescribe(cols, edges)) + "</desc>\n")
	b.WriteString(`<defs><marker id="` + esc(id) + `-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">` +
		`<path d="M 0 0 L 10 5 L 0 10 z" fill="#505a5f"/></marker></defs>` + "\n")
	for i, heading := range []string{"Activities", "Outputs", "Outcomes", "Impact"} {
		b.WriteString(`<text x="` + strconv.Itoa(x(i)+tocColumnWidth/2) + `" y="20" text-anchor="middle" font-weight="bold" fill="#0b0c0c">` + heading + "</text>\n")
	}
	for _, e := range edges {
		x1, y1 := x(column[e.from.kind])+tocColumnWidth, e.from.y+e.from.h/2
		x2, y2 := x(column[e.to.kind]), e.to.y+e.to.h/2
		mid := (x1 + x2) / 2
		b.WriteString(`<path d="M ` + strconv.Itoa(x1) + " " + strconv.Itoa(y1) + " C " + strconv.Itoa(mid) + " " + strconv.Itoa(y1) + ", " +
			strconv.Itoa(mid) + " " + strconv.Itoa(y2) + ", " + strconv.Itoa(x2-1) + " " + strconv.Itoa(y2) +
			`" fill="none" stroke="#505a5f" stroke-width="1.5" marker-end="url(#` + esc(id) + `-arrow)" aria-hidden="true"/>` + "\n")
	}
	fills := map[string]string{"activity": "#f3f2f1", "output": "#e8f1f8", "outcome": "#e6f2ea", "impact": "#fff7e6"}
	for c, col := range cols {
		for _, n := range col {
			b.WriteString(`<g class="mou-toc-` + n.kind + `">`)
			label := n.kind
			if n.id != "" {
				label += " " + n.id
			}
			b.WriteString(`<title>` + esc(label+": "+strings.Join(n.lines, " ")) + "</title>")
			dash := ""
			if !n.linked {
				dash = ` stroke-dasharray="5 4"`
			}
			b.WriteString(`<rect x="` + strconv.Itoa(x(c)) + `" y="` + strconv.Itoa(n.y) + `" width="` + strconv.Itoa(tocColumnWidth) + `" height="` + strconv.Itoa(n.h) +
				`" rx="4" fill="` + fills[n.kind] + `" stroke="#0b0c0c" stroke-width="1"` + dash + "/>")
			for i, l := range n.lines {
				b.WriteString(`<text x="` + strconv.Itoa(x(c)+tocPad) + `" y="` + strconv.Itoa(n.y+tocPad+(i+1)*tocLineHeight-4) + `" fill="#0b0c0c">` + esc(l) + "</text>")
			}
			if n.note != "" {
				b.WriteString(`<text x="` + strconv.Itoa(x(c)+tocPad) + `" y="` + strconv.Itoa(n.y+tocPad+(len(n.lines)+1)*tocLineHeight-4) + `" fill="#505a5f" font-style="italic">` + esc(n.note) + "</text>")
			}
			b.WriteString("</g>\n")
		}
	}
	b.WriteString("</svg>")
	return b.String()
}

func orName(s, name string) string {
	if s = oneLine(s); s != "" {
		return s
	}
	return name
}

// wrap breaks s into lines of at most tocLineChars characters at spaces,
// at most tocMaxLines of them, the last ending in "…" when s is longer.
func wrap(s string) []string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(s) {
		for utf8.RuneCountInString(w) > tocLineChars { // a word longer than a line
			if line != "" {
				lines, line = append(lines, line), ""
			}
			r := []rune(w)
			lines, w = append(lines, string(r[:tocLineChars])), string(r[tocLineChars:])
		}
		switch {
		case line == "":
			line = w
		case utf8.RuneCountInString(line)+1+utf8.RuneCountInString(w) <= tocLineChars:
			line += " " + w
		default:
			lines, line = append(lines, line), w
		}
	}
	if line != "" {
		lines = append(lines, line)
	}
	if len(lines) > tocMaxLines {
		lines = lines[:tocMaxLines]
		last := []rune(lines[tocMaxLines-1])
		if len(last) >= tocLineChars {
			last = last[:tocLineChars-1]
		}
		lines[tocMaxLines-1] = string(last) + "…"
	}
	if len(lines) == 0 {
		lines = []string{""}
	}
	return lines
}

// tocDescribe says what the diagram shows, for its desc element.
func tocDescribe(cols [4][]*tocNode, edges []tocEdge) string {
	count := func(n int, one, many string) string {
		if n == 1 {
			return "1 " + one
		}
		return strconv.Itoa(n) + " " + many
	}
	return "The chain from " + count(len(cols[0]), "activity", "activities") + " through " + count(len(cols[1]), "output", "outputs") +
		" and " + count(len(cols[2]), "outcome", "outcomes") + " to the partnership's impact, with " + count(len(edges), "link", "links") +
		". The Theory of Change table beside it lists the same links."
}
