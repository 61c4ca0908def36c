package partnership

import (
	"strconv"

	"github.com/partnerkit/partnerkit/finding"
	"github.com/partnerkit/partnerkit/internal/pointer"
)

// MaxHubSchools is the most schools a hub-and-spoke partnership should
// have: the guidance says generally no more than four or five.
const MaxHubSchools = 5

var rules = finding.NewTable(
	finding.Rule{Code: "partners.too-few", Severity: finding.Error, When: "fewer than two distinct partners"},
	finding.Rule{Code: "partners.duplicate-id", Severity: finding.Error, When: "two partners share an id"},
	finding.Rule{Code: "lead.missing", Severity: finding.Error, When: "a partner has no entry in `partnership.leads`"},
	finding.Rule{Code: "lead.unknown-partner", Severity: finding.Error, When: "a lead names a partner id that does not exist"},
	finding.Rule{Code: "lead.duplicate", Severity: finding.Warning, When: "a partner has more than one lead (the guidance asks for one from each institution)"},
	finding.Rule{Code: "model.hub-too-large", Severity: finding.Warning, When: "a hub-and-spoke partnership has more than " + strconv.Itoa(MaxHubSchools) + " schools"},
	finding.Rule{Code: "model.lead-count", Severity: finding.Error, When: "a hub-and-spoke or formal-structure partnership does not have exactly one partner with role `lead`"},
	finding.Rule{Code: "model.broad-area-lead", Severity: finding.Warning, When: "a broad-area partnership names a lead (its partners are equals)"},
)

// Rules returns the partnership checks that Check runs, in the order it
// runs them: a copy, which the caller may change.
func Rules() []finding.Rule { return rules.Rules() }

// Check applies the partnership rules and returns what it finds, with paths
// relative to the partnership document. Check does not validate against the
// schema: see package schemas.
//
// Check uses the default thresholds; [Options.Check] takes a programme's.
func (p *Partnership) Check() []finding.Finding {
	fs, _ := Options{}.Check(p) // the zero Options are valid
	return fs
}

type checker struct {
	ids  partnerIndex
	opts Options // resolved: every default filled in
	*finding.List
}

// partnerIndex finds partners by id in constant time, as Partner,
// HasPartner and PartnerName find them by a scan of the list: the first
// partner with the id. The rules look a partner up for every lead, so a
// scan would make them grow with the square of the partners.
type partnerIndex struct {
	p     *Partnership
	first map[string]int
}

func indexPartners(p *Partnership) partnerIndex {
	first := make(map[string]int, len(p.Partners))
	for i, pt := range p.Partners {
		if _, ok := first[pt.ID]; !ok {
			first[pt.ID] = i
		}
	}
	return partnerIndex{p: p, first: first}
}

// has is p.HasPartner(id).
func (x partnerIndex) has(id string) bool {
	_, ok := x.first[id]
	return ok
}

// name is p.PartnerName(id).
func (x partnerIndex) name(id string) string {
	if i, ok := x.first[id]; ok && x.p.Partners[i].Name != "" {
		return x.p.Partners[i].Name
	}
	return id
}

func (c *checker) partners(p *Partnership) {
	seen := map[string]bool{}
	for i, pt := range p.Partners {
		if pt.ID == "" {
			continue
		}
		if seen[pt.ID] {
			c.Add("partners.duplicate-id", pointer.Join(pointer.Index("/partners", i), "id"),
				"Another partner already has the id %q: give each partner its own id.", pt.ID)
		}
		seen[pt.ID] = true
	}
	if len(seen) < 2 {
		c.Add("partners.too-few", "/partners",
			"A partnership needs at least two partners: add every institution taking part (%d so far).", len(seen))
	}
}

func (c *checker) leads(p *Partnership) {
	led := map[string]int{}
	for i, l := range p.Leads {
		if l.Partner == "" {
			continue
		}
		if !c.ids.has(l.Partner) {
			c.Add("lead.unknown-partner", pointer.Join(pointer.Index("/leads", i), "partner"),
				"No partner has the id %q: choose one of the partners listed above.", l.Partner)
			continue
		}
		led[l.Partner]++
		if led[l.Partner] == 2 {
			c.Add("lead.duplicate", pointer.Join(pointer.Index("/leads", i), "partner"),
				"%s already has a lead: name one lead for each institution.", c.ids.name(l.Partner))
		}
	}
	seen := map[string]bool{}
	for i, pt := range p.Partners {
		if pt.ID == "" || seen[pt.ID] {
			continue
		}
		seen[pt.ID] = true
		if led[pt.ID] == 0 {
			c.Add("lead.missing", pointer.Index("/partners", i),
				"Name a partnership lead for %s: each institution needs one person who leads its part of the work.", c.ids.name(pt.ID))
		}
	}
}

func (c *checker) model(p *Partnership) {
	leads := 0
	for _, pt := range p.Partners {
		if pt.Role == RoleLead {
			leads++
		}
	}
	switch p.Model {
	case ModelHubAndSpoke:
		if n := p.Schools(); n > c.opts.HubSchools {
			c.Add("model.hub-too-large", "/partners",
				"This hub-and-spoke partnership has %d schools; the model works best with no more than %d. Consider a broad-area partnership, or several hubs.", n, c.opts.HubSchools)
		}
		c.leadCount(leads, "hub-and-spoke")
	case ModelFormalStructure:
		c.leadCount(leads, "formal-structure")
	case ModelBroadArea:
		for i, pt := range p.Partners {
			if pt.Role == RoleLead {
				c.Add("model.broad-area-lead", pointer.Join(pointer.Index("/partners", i), "role"),
					"%s is marked as the lead, but in a broad-area partnership the partners are equals: make it a member, or choose the hub-and-spoke model.", c.ids.name(pt.ID))
			}
		}
	}
}

func (c *checker) leadCount(leads int, model string) {
	if leads == 1 {
		return
	}
	if leads == 0 {
		c.Add("model.lead-count", "/partners",
			"A %s partnership has exactly one lead partner, but no partner has the role lead: set one partner's role to lead.", model)
		return
	}
	c.Add("model.lead-count", "/partners",
		"A %s partnership has exactly one lead partner, but %d partners have the role lead: set all but one of them to member.", model, leads)
}
