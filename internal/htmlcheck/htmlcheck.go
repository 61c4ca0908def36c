package htmlcheck

import (
	"fmt"
	"strings"
)

// Problems returns what is wrong with page's references and structure:
// ids that are not unique; a label's for, an aria-describedby or an
// aria-labelledby that names no id on the page; fieldsets that are not
// closed or have no legend; divs that are not closed.
func Problems(page string) []string {
	out := References(page)
	count := func(s string) int { return strings.Count(page, s) }
	if open, closed := count("<fieldset"), count("</fieldset>"); open != closed {
		out = append(out, fmt.Sprintf("%d fieldsets open and %d close", open, closed))
	}
	if fieldsets, legends := count("<fieldset"), count("<legend"); fieldsets != legends {
		out = append(out, fmt.Sprintf("%d fieldsets have %d legends: every fieldset has one", fieldsets, legends))
	}
	if open, closed := count("<div"), count("</div>"); open != closed {
		out = append(out, fmt.Sprintf("%d divs open and %d close", open, closed))
	}
	return out
}

// References returns the problems of Problems that are about ids: each
// id used more than once, and each for, aria-describedby and
// aria-labelledby that names an id not on the page.
func References(page string) []string {
	var out []string
	ids := map[string]int{}
	for _, id := range AttrValues(page, "id") {
		ids[id]++
		if ids[id] == 2 {
			out = append(out, fmt.Sprintf("id %q is used more than once", id))
		}
	}
	for _, id := range AttrValues(page, "for") {
		if ids[id] == 0 {
			out = append(out, fmt.Sprintf("a label is for %q, which is not there", id))
		}
	}
	for _, attr := range []string{"aria-describedby", "aria-labelledby"} {
		for _, list := range AttrValues(page, attr) {
			for _, id := range strings.Fields(list) {
				if ids[id] == 0 {
					out = append(out, fmt.Sprintf("%s names %q, which is not there", attr, id))
				}
			}
		}
	}
	return out
}

// AttrValues returns the values of every attribute called name in page,
// in order, as written between its double quotes.
func AttrValues(page, name string) []string {
	var out []string
	needle := " " + name + `="`
	for {
		i := strings.Index(page, needle)
		if i < 0 {
			return out
		}
		page = page[i+len(needle):]
		j := strings.IndexByte(page, '"')
		if j < 0 {
			return out
		}
		out = append(out, page[:j])
		page = page[j:]
	}
}
