package app

import (
	"strings"

	"github.com/partnerkit/partnerkit/schemas"
	"github.com/partnerkit/partnerkit/wasm/form"
)

// hints are the hints the page shows in place of a schema's
// descriptions where those are written for developers ("The id of the
// partner…"): by schema, then by the path of member names from the
// document's root, "[]" standing for every item of a list.
var hints = map[string]map[string]string{
	schemas.MOU: {
		"id":                                "Made for you: it tells this MOU apart from any other. There is no need to change it.",
		"legallyBinding":                    "An MOU records what the partners mean to do together; it is not normally a contract. Leave this unticked unless the partners want it to bind them in law.",
		"activities/[]/ledBy":               "The partner that leads this activity.",
		"activities/[]/objectives":          "The objectives this activity works towards.",
		"monitoring/collection/[]/evidence": "One of the kinds of evidence listed above.",
		"monitoring/collection/[]/by":       "The partner that gathers this evidence.",
		"monitoring/theoryOfChange/outputs/[]/activities":  "The activities that produce this output.",
		"monitoring/theoryOfChange/outputs/[]/outcomes":    "The outcomes this output leads to.",
		"monitoring/theoryOfChange/outcomes/[]/objectives": "The objectives of this MOU that the outcome serves.",
		"governance/members/[]/partner":                    "The partner this member represents.",
		"finance/currency":                                 "The currency of the amounts, such as GBP for pounds sterling.",
		"finance/contributions/[]/partner":                 "The partner making this contribution.",
		"signatures/[]/partner":                            "The partner signing.",
	},
	schemas.Partnership: {
		"id":               "Made for you: it tells this partnership apart from any other. There is no need to change it.",
		"partners/[]/id":   "A short name for this partner that the rest of the document uses, such as st-aidans: lower-case letters, digits and hyphens.",
		"partners/[]/role": "Choose Lead for the one partner that leads the partnership (a hub-and-spoke or formal-structure partnership has exactly one), and Member for the others.",
		"leads/[]/partner": "The partner this person leads for.",
	},
	schemas.Assessment: {
		"respondent/partner": "The school or organisation you belong to, by its short name in the MOU, such as st-aidans.",
		"respondent/role":    "Your part in the partnership, such as partnership lead or governor.",
		"respondent/name":    "Leave it empty to answer without your name.",
		"respondent/review":  "Self-review if you belong to the partnership you are reviewing; peer review if you are visiting from another school.",
		"date":               "The day you gave these answers.",
	},
}

// withHints returns the form of schema name with the page's hints and
// labels in place of the schema's descriptions and titles. The fields on the way to a hint are
// copied, not changed: compiled fields may be shared.
func withHints(name string, root *form.Field) *form.Field {
	table := map[string]string{}
	for path, h := range hints[name] {
		table[path] = h
	}
	if name == schemas.MOU {
		for path, h := range hints[schemas.Partnership] {
			if path != "id" {
				table["partnership/"+path] = h
			}
		}
	}
	for path, h := range table {
		root = change(root, strings.Split(path, "/"), func(fd *form.Field) { fd.Description = h })
	}
	for path, t := range titles[name] {
		root = change(root, strings.Split(path, "/"), func(fd *form.Field) { fd.Title = t })
	}
	if name == schemas.Assessment {
		root = change(root, []string{"respondent", "review"}, func(fd *form.Field) {
			fd.Options = append([]form.Option(nil), fd.Options...)
			for i, o := range fd.Options {
				switch o.Value {
				case "self":
					fd.Options[i].Label = "Self-review"
				case "peer":
					fd.Options[i].Label = "Peer review"
				}
			}
		})
	}
	return root
}

// titles are the labels the page shows in place of a schema's titles.
var titles = map[string]map[string]string{
	schemas.Assessment: {
		"respondent/partner": "Your school or organisation",
		"respondent/role":    "Your role",
		"respondent/name":    "Your name",
		"respondent/review":  "Kind of review",
		"date":               "Date of your answers",
	},
}

// change returns a copy of fd with the field at the path's end changed
// by set, or fd itself when there is no field there.
func change(fd *form.Field, path []string, set func(*form.Field)) *form.Field {
	if fd == nil {
		return nil
	}
	c := *fd
	if len(path) == 0 {
		set(&c)
		return &c
	}
	if path[0] == "[]" {
		if fd.Items == nil {
			return fd
		}
		c.Items = change(fd.Items, path[1:], set)
		return &c
	}
	for i, p := range fd.Properties {
		if p.Name == path[0] {
			c.Properties = append([]*form.Field(nil), fd.Properties...)
			c.Properties[i] = change(p, path[1:], set)
			return &c
		}
	}
	return fd
}
