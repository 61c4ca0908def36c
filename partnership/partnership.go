package partnership

import (
	"github.com/google/uuid"
	"github.com/partnerkit/partnerkit/internal/jsontree"
)

// Model is how the partners are organised.
type Model string

const (
	// ModelHubAndSpoke is a small group, generally no more than four or five
	// schools, one of which leads.
	ModelHubAndSpoke Model = "hub-and-spoke"
	// ModelBroadArea is schools working together as equal partners, with no lead.
	ModelBroadArea Model = "broad-area"
	// ModelFormalStructure is a lead sponsor working with partner schools to
	// support a new or existing academy, for example within a multi-academy trust.
	ModelFormalStructure Model = "formal-structure"
)

// Stage is where a partnership is in its life.
type Stage string

const (
	StageBuild   Stage = "build"   // leaders learn to find and address improvement areas together
	StageEmbed   Stage = "embed"   // collaboration becomes part of everyday improvement
	StageSustain Stage = "sustain" // the partnership owns its collaborative journey
)

// FocusArea is an area a partnership works on.
type FocusArea string

const (
	FocusTeaching           FocusArea = "teaching"
	FocusCurriculum         FocusArea = "curriculum"
	FocusLeadership         FocusArea = "leadership"
	FocusTargetedSupport    FocusArea = "targeted-support"
	FocusAcademySponsorship FocusArea = "academy-sponsorship"
	FocusCPD                FocusArea = "cpd"
	FocusTransition         FocusArea = "transition"
	FocusFacilities         FocusArea = "facilities"
	FocusEnrichment         FocusArea = "enrichment"
	FocusCommunity          FocusArea = "community"
)

// PartnerType is the kind of institution a partner is.
type PartnerType string

const (
	TypeSchool         PartnerType = "school"
	TypeCollege        PartnerType = "college"
	TypeUniversity     PartnerType = "university"
	TypeCharity        PartnerType = "charity"
	TypeLocalAuthority PartnerType = "local-authority"
	TypeBusiness       PartnerType = "business"
	TypeOther          PartnerType = "other"
)

// Sector is whether a school or college is state-funded or independent.
type Sector string

const (
	SectorState       Sector = "state"
	SectorIndependent Sector = "independent"
)

// Phase is a school's or college's phase of education.
type Phase string

const (
	PhaseNursery          Phase = "nursery"
	PhasePrimary          Phase = "primary"
	PhaseSecondary        Phase = "secondary"
	PhaseAllThrough       Phase = "all-through"
	PhaseSpecial          Phase = "special"
	PhaseSixthForm        Phase = "sixth-form"
	PhaseFurtherEducation Phase = "further-education"
)

// Role is a partner's role in the partnership. The empty Role means member.
type Role string

const (
	RoleLead   Role = "lead"
	RoleMember Role = "member"
)

// Partnership is a school partnership: the partnership document of the
// contract, and the partnership part of an MOU.
type Partnership struct {
	Schema      string      `json:"$schema,omitempty"`
	ID          uuid.UUID   `json:"id,omitzero"`
	Name        string      `json:"name"`
	Description string      `json:"description,omitempty"`
	Model       Model       `json:"model"`
	Stage       Stage       `json:"stage,omitempty"`
	FocusAreas  []FocusArea `json:"focusAreas,omitempty"`
	Partners    []Partner   `json:"partners,omitempty"`
	Leads       []Lead      `json:"leads,omitempty"`
}

// Partner is one institution in a partnership.
type Partner struct {
	ID      string      `json:"id"` // a short slug, unique in the partnership
	Name    string      `json:"name"`
	Type    PartnerType `json:"type"`
	Sector  Sector      `json:"sector,omitempty"`
	Phase   Phase       `json:"phase,omitempty"`
	Role    Role        `json:"role,omitempty"`
	URN     string      `json:"urn,omitempty"` // six digits, for schools in England and Wales
	Website string      `json:"website,omitempty"`
}

// Lead is the person who leads the partnership's work at one partner.
type Lead struct {
	Partner string `json:"partner"` // the partner's id
	Name    string `json:"name"`
	Role    string `json:"role,omitempty"` // job title
	Email   string `json:"email,omitempty"`
	Phone   string `json:"phone,omitempty"`
}

// New returns a partnership with a new random id.
func New(name string, model Model, partners ...Partner) *Partnership {
	return &Partnership{ID: uuid.New(), Name: name, Model: model, Partners: partners}
}

// Partner returns the partner with the given id.
func (p *Partnership) Partner(id string) (Partner, bool) {
	for _, pt := range p.Partners {
		if pt.ID == id {
			return pt, true
		}
	}
	return Partner{}, false
}

// HasPartner reports whether a partner has the given id.
func (p *Partnership) HasPartner(id string) bool {
	_, ok := p.Partner(id)
	return ok
}

// PartnerName returns the name of the partner with the given id, or the id
// itself when the partner has no name or does not exist.
func (p *Partnership) PartnerName(id string) string {
	if pt, ok := p.Partner(id); ok && pt.Name != "" {
		return pt.Name
	}
	return id
}

// LeadFor returns the lead named for a partner.
func (p *Partnership) LeadFor(partnerID string) (Lead, bool) {
	for _, l := range p.Leads {
		if l.Partner == partnerID {
			return l, true
		}
	}
	return Lead{}, false
}

// Schools counts the partners that are schools.
func (p *Partnership) Schools() int {
	n := 0
	for _, pt := range p.Partners {
		if pt.Type == TypeSchool {
			n++
		}
	}
	return n
}

// FromValue builds a Partnership from a JSON document decoded into any, as
// schemas.Decode or encoding/json produce it. It reads tolerantly: a value
// of the wrong type is left at its zero value, so validate the document
// against the partnership schema first to report such values.
func FromValue(v any) Partnership { return FromTree(jsontree.FromAny(v).Root()) }

// FromTree is FromValue on a value of a jsontree.Tree, as mou.Check reads
// a document; its argument's type is internal to partnerkit, so it is for
// partnerkit's own packages.
func FromTree(m jsontree.Value) Partnership {
	p := Partnership{
		Schema:      m.GetString("$schema"),
		Name:        m.GetString("name"),
		Description: m.GetString("description"),
		Model:       Model(m.GetString("model")),
		Stage:       Stage(m.GetString("stage")),
	}
	if id, err := uuid.Parse(m.GetString("id")); err == nil {
		p.ID = id
	}
	for _, f := range m.GetStrings("focusAreas") {
		p.FocusAreas = append(p.FocusAreas, FocusArea(f))
	}
	partners := m.Get("partners")
	if partners.Len() > 0 {
		p.Partners = make([]Partner, 0, partners.Len())
	}
	// Each partner's and lead's members in one pass, each to its field: a
	// member given twice ends with the last, as Get reads it, and one that
	// is not a string reads as "", as GetString reads it.
	for o := range partners.Items() {
		var pt Partner
		for k, v := range o.Members() {
			s, _ := v.Str()
			switch k {
			case "id":
				pt.ID = s
			case "name":
				pt.Name = s
			case "type":
				pt.Type = PartnerType(s)
			case "sector":
				pt.Sector = Sector(s)
			case "phase":
				pt.Phase = Phase(s)
			case "role":
				pt.Role = Role(s)
			case "urn":
				pt.URN = s
			case "website":
				pt.Website = s
			}
		}
		p.Partners = append(p.Partners, pt)
	}
	leads := m.Get("leads")
	if leads.Len() > 0 {
		p.Leads = make([]Lead, 0, leads.Len())
	}
	for o := range leads.Items() {
		var l Lead
		for k, v := range o.Members() {
			s, _ := v.Str()
			switch k {
			case "partner":
				l.Partner = s
			case "name":
				l.Name = s
			case "role":
				l.Role = s
			case "email":
				l.Email = s
			case "phone":
				l.Phone = s
			}
		}
		p.Leads = append(p.Leads, l)
	}
	return p
}
