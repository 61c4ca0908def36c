package prerender

import (
	"errors"
	"strings"
)

// LaterAttr marks the elements of Later that hold HTML back.
const LaterAttr = "data-pk-later"

// The tags of Later's elements. A script of type text/plain is never
// run, and a browser only looks for its end tag in it: it costs next to
// nothing to parse, where the same HTML as elements (even in an inert
// <template>) would be made into nodes.
const (
	laterOpen  = `<script type="text/plain" ` + LaterAttr + `>`
	laterClose = `</script>`
)

// The sizes Later works to, in bytes of HTML. The first screen of a view
// is about FirstScreen: in a window 1,000 pixels high, the health check's
// title, introduction, questions about the respondent and first
// questions fill more than two screens, the MOU builder's first fields
// as much (TestPrerenderLater checks that the window is full). Each
// element then holds back at most Chunk (or one larger element), what a
// browser parses and lays out in a few milliseconds, so that putting one
// back does not hold up what the user types for long.
const (
	FirstScreen = 10 << 10
	Chunk       = 12 << 10
)

// Later returns page with all but the first screen of each view (an
// element with a data-view attribute) held back, as text, in
// <script type="text/plain" data-pk-later> elements: the browser does not
// make nodes of it, style it, lay it out or look for form fields in it
// before the first paint, and boot.js puts each back, in order, once the
// page is painted (and all at once when the WebAssembly takes the page
// over). With every such element replaced by the HTML it holds the page
// is page again: Later only ever holds back whole elements, siblings
// within a div, a section or a fieldset (never its legend), never a
// list's or a table's parts, and never HTML that has a script's end tag
// or a comment in it (which would end the text early or change how it
// is read).
//
// page is HTML as package app renders it. Where it is not what Later
// can read (a tag that is not closed, a close tag with no open one),
// Later returns it as it is.
func Later(page string) string {
	out, err := later(page, FirstScreen, Chunk)
	if err != nil {
		return page
	}
	return out
}

// node is an element of the page, by its offsets: page[start:end] is
// the element and page[innerStart:innerEnd] its content.
type node struct {
	name                 string
	start, end           int
	innerStart, innerEnd int
	view                 bool // it has a data-view attribute
	kids                 []*node
}

// voids are the elements with no content and no close tag.
var voids = map[string]bool{"area": true, "base": true, "br": true, "col": true, "embed": true, "hr": true, "img": true, "input": true, "link": true, "meta": true, "source": true, "track": true, "wbr": true}

// raws are the elements whose content is text up to their close tag.
var raws = map[string]bool{"script": true, "style": true, "textarea": true, "title": true}

// splittable are the elements Later may hold back parts of, between
// their children.
var splittable = map[string]bool{"div": true, "section": true, "fieldset": true}

// kept are the elements Later never holds back: an aside stands beside
// a view's main column, on its first screen whatever its place in the
// HTML; a legend names its fieldset, which shows it first.
var kept = map[string]bool{"aside": true, "legend": true}

var errUnreadable = errors.New("prerender: the page's HTML is not what Later reads")

// parse reads page's elements into a tree under a root that stands for
// the whole page.
func parse(page string) (*node, error) {
	root := &node{end: len(page), innerEnd: len(page)}
	stack := []*node{root}
	for i := 0; i < len(page); {
		lt := strings.IndexByte(page[i:], '<')
		if lt < 0 {
			break
		}
		i += lt
		switch {
		case strings.HasPrefix(page[i:], "<!--"):
			end := strings.Index(page[i+4:], "-->")
			if end < 0 {
				return nil, errUnreadable
			}
			i += 4 + end + 3
			continue
		case strings.HasPrefix(page[i:], "<!"):
			end := strings.IndexByte(page[i:], '>')
			if end < 0 {
				return nil, errUnreadable
			}
			i += end + 1
			continue
		case strings.HasPrefix(page[i:], "</"):
			name, n := tagName(page[i+2:])
			end := strings.IndexByte(page[i:], '>')
			top := stack[len(stack)-1]
			if n == 0 || end < 0 || len(stack) == 1 || top.name != name {
				return nil, errUnreadable
			}
			top.innerEnd, top.end = i, i+end+1
			stack = stack[:len(stack)-1]
			i += end + 1
			continue
		}
		name, n := tagName(page[i+1:])
		if n == 0 { // a "<" in text
			i++
			continue
		}
		end, view, ok := tagEnd(page, i+1+n)
		if !ok {
			return nil, errUnreadable
		}
		el := &node{name: name, start: i, innerStart: end, view: view}
		parent := stack[len(stack)-1]
		parent.kids = append(parent.kids, el)
		switch {
		case voids[name] || page[end-2] == '/':
			el.innerEnd, el.end = end, end
			i = end
		case raws[name]:
			close := indexFold(page[end:], "</"+name)
			if close < 0 {
				return nil, errUnreadable
			}
			el.innerEnd = end + close
			gt := strings.IndexByte(page[el.innerEnd:], '>')
			if gt < 0 {
				return nil, errUnreadable
			}
			el.end = el.innerEnd + gt + 1
			i = el.end
		default:
			stack = append(stack, el)
			i = end
		}
	}
	if len(stack) != 1 {
		return nil, errUnreadable
	}
	return root, nil
}

// tagName reads an element's name at the start of s, lower-cased, and
// its length.
func tagName(s string) (string, int) {
	n := 0
	for n < len(s) && (s[n] >= 'a' && s[n] <= 'z' || s[n] >= 'A' && s[n] <= 'Z' || n > 0 && (s[n] >= '0' && s[n] <= '9' || s[n] == '-')) {
		n++
	}
	return strings.ToLower(s[:n]), n
}

// tagEnd finds the end of the open tag whose attributes start at i in
// page (just after its ">"), and whether it has a data-view attribute.
func tagEnd(page string, i int) (int, bool, bool) {
	view := false
	for i < len(page) {
		switch c := page[i]; c {
		case '>':
			return i + 1, view, true
		case '"', '\'':
			end := strings.IndexByte(page[i+1:], c)
			if end < 0 {
				return 0, false, false
			}
			i += end + 2
		default:
			if strings.HasPrefix(page[i:], " data-view=") {
				view = true
			}
			i++
		}
	}
	return 0, false, false
}

// indexFold is strings.Index, ignoring ASCII case (the standard library
// has no such search; the pages are small and built once).
func indexFold(s, sub string) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		if strings.EqualFold(s[i:i+len(sub)], sub) {
			return i
		}
	}
	return -1
}

// later is Later with its sizes.
func later(page string, first, chunk int) (string, error) {
	root, err := parse(page)
	if err != nil {
		return "", err
	}
	var groups [][2]int // the offsets of the HTML each element holds back, in order
	var views func(n *node)
	views = func(n *node) {
		for _, k := range n.kids {
			if k.view {
				left := first
				split(k, &left, chunk, &groups)
			} else {
				views(k)
			}
		}
	}
	views(root)
	var b strings.Builder
	b.Grow(len(page) + len(groups)*len(laterOpen+laterClose))
	at := 0
	for _, g := range groups {
		held := page[g[0]:g[1]]
		if indexFold(held, "</script") >= 0 || strings.Contains(held, "<!--") {
			continue // kept on the page
		}
		b.WriteString(page[at:g[0]])
		b.WriteString(laterOpen)
		b.WriteString(held)
		b.WriteString(laterClose)
		at = g[1]
	}
	b.WriteString(page[at:])
	return b.String(), nil
}

// split keeps n's children on the page while they fit in what is left
// of the first screen, going into a div, a section or a fieldset too
// large to keep whole (but not into a small one, a question or a
// checkbox, which is kept or held back whole), and holds back the
// children after them, but for the kept.
func split(n *node, left *int, chunk int, groups *[][2]int) {
	for i, k := range n.kids {
		size := k.end - k.start
		if size <= *left || kept[k.name] {
			*left -= size
			continue
		}
		if *left > 0 && splittable[k.name] && size > chunk/4 && len(k.kids) > 0 {
			*left -= k.innerStart - k.start
			split(k, left, chunk, groups)
			continue
		}
		*left = 0
		hold(n.kids[i:], chunk, groups)
		return
	}
}

// hold puts kids into groups of at most chunk bytes (or one element
// larger), each one element's to hold back. The kept stay on the page; a div, a
// section or a fieldset larger than two chunks stays too, its children
// held back in groups of their own.
func hold(kids []*node, chunk int, groups *[][2]int) {
	start, end, size := -1, 0, 0
	flush := func() {
		if start >= 0 {
			*groups = append(*groups, [2]int{start, end})
		}
		start, size = -1, 0
	}
	for _, k := range kids {
		s := k.end - k.start
		switch {
		case kept[k.name]:
			flush()
		case splittable[k.name] && s > 2*chunk && len(k.kids) > 0:
			flush()
			hold(k.kids, chunk, groups)
		default:
			if size > 0 && size+s > chunk {
				flush()
			}
			if start < 0 {
				start = k.start
			}
			end, size = k.end, size+s
		}
	}
	flush()
}
