package partnership

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/partnerkit/partnerkit/finding"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseDate(t *testing.T) {
	tests := []struct {
		in   string
		want Date
		ok   bool
	}{
		{"2027-07-16", Date{2027, time.July, 16}, true},
		{"2028-02-29", Date{2028, time.February, 29}, true},
		{"2027-02-29", Date{}, false},
		{"2027-02-30", Date{}, false},
		{"16/07/2027", Date{}, false},
		{"2027-7-16", Date{}, false},
		{"2027-07-16T00:00:00Z", Date{}, false},
		{"2100-02-29", Date{}, false},
		{"2000-02-29", Date{2000, time.February, 29}, true},
		{"2027-13-01", Date{}, false},
		{"2027-00-10", Date{}, false},
		{"2027-04-31", Date{}, false},
		{"+027-04-01", Date{}, false},
		{"2027-04-0a", Date{}, false},
		{"", Date{}, false},
	}
	for _, tt := range tests {
		d, err := ParseDate(tt.in)
		if !tt.ok {
			var de *DateError
			require.ErrorAs(t, err, &de, tt.in)
			assert.Contains(t, err.Error(), "YYYY-MM-DD")
			continue
		}
		require.NoError(t, err, tt.in)
		assert.Equal(t, tt.want, d)
		assert.Equal(t, tt.in, d.String())
	}
	assert.Panics(t, func() { MustParseDate("31/12/2026") })
}

// ParseDate accepts exactly the dates time.Parse accepts.
func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2027-07-16", "2028-02-29", "2027-02-29", "0000-01-01", "9999-12-31", "2027-1-016"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s)
		want, werr := time.Parse(time.DateOnly, s)
		if werr != nil {
			require.Error(t, err, s)
			return
		}
		require.NoError(t, err, s)
		require.Equal(t, DateOf(want), d)
		require.Equal(t, s, d.String())
	})
}

func TestDateOrderingAndArithmetic(t *testing.T) {
	a, b := MustParseDate("2026-09-01"), MustParseDate("2027-08-31")
	assert.True(t, a.Before(b))
	assert.True(t, b.After(a))
	assert.Equal(t, 0, a.Compare(a))
	assert.Equal(t, 364, b.DaysSince(a))
	assert.Equal(t, -364, a.DaysSince(b))
	assert.Equal(t, 1, MustParseDate("2024-03-01").DaysSince(MustParseDate("2024-02-29")))
	assert.Equal(t, 1, MustParseDate("2026-03-30").DaysSince(MustParseDate("2026-03-29")), "British Summer Time does not make a short day")
	assert.True(t, Date{}.IsZero())
	assert.Equal(t, "", Date{}.String())
	assert.Equal(t, a, DateOf(a.Time()))
}

func TestDateJSON(t *testing.T) {
	var v struct {
		D Date `json:"d"`
		E Date `json:"e,omitzero"`
	}
	require.NoError(t, json.Unmarshal([]byte(`{"d":"2027-01-15"}`), &v))
	assert.Equal(t, MustParseDate("2027-01-15"), v.D)
	out, err := json.Marshal(v)
	require.NoError(t, err)
	assert.JSONEq(t, `{"d":"2027-01-15"}`, string(out))
	assert.Error(t, json.Unmarshal([]byte(`{"d":"15/01/2027"}`), &v))
}

func school(id string, role Role) Partner {
	return Partner{ID: id, Name: "School " + id, Type: TypeSchool, Role: role}
}

func codes(fs []finding.Finding) []string {
	out := []string{}
	for _, f := range fs {
		out = append(out, f.Code+" "+f.Path)
	}
	return out
}

func TestCheck(t *testing.T) {
	withLeads := func(p *Partnership) *Partnership {
		for _, pt := range p.Partners {
			p.Leads = append(p.Leads, Lead{Partner: pt.ID, Name: "Lead of " + pt.ID})
		}
		return p
	}
	tests := []struct {
		name string
		p    *Partnership
		want []string
	}{
		{"hub with one lead", withLeads(New("P", ModelHubAndSpoke, school("a", RoleLead), school("b", ""))), []string{}},
		{"broad area of equals", withLeads(New("P", ModelBroadArea, school("a", ""), school("b", RoleMember))), []string{}},
		{"one partner", withLeads(New("P", ModelBroadArea, school("a", ""))), []string{"partners.too-few /partners"}},
		{"duplicate ids", withLeads(New("P", ModelBroadArea, school("a", ""), school("a", ""))), []string{"partners.duplicate-id /partners/1/id", "partners.too-few /partners", "lead.duplicate /leads/1/partner"}},
		{"no leads", New("P", ModelBroadArea, school("a", ""), school("b", "")), []string{"lead.missing /partners/0", "lead.missing /partners/1"}},
		{"hub of six schools", withLeads(New("P", ModelHubAndSpoke, school("a", RoleLead), school("b", ""), school("c", ""), school("d", ""), school("e", ""), school("f", ""))), []string{"model.hub-too-large /partners"}},
		{"hub of five schools and a university", withLeads(New("P", ModelHubAndSpoke, school("a", RoleLead), school("b", ""), school("c", ""), school("d", ""), school("e", ""), Partner{ID: "u", Name: "U", Type: TypeUniversity})), []string{}},
		{"formal structure with two leads", withLeads(New("P", ModelFormalStructure, school("a", RoleLead), school("b", RoleLead))), []string{"model.lead-count /partners"}},
		{"broad area with a lead", withLeads(New("P", ModelBroadArea, school("a", RoleLead), school("b", ""))), []string{"model.broad-area-lead /partners/0/role"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, codes(tt.p.Check()))
		})
	}
	p := New("P", ModelBroadArea, school("a", ""), school("b", ""))
	p.Leads = []Lead{{Partner: "a", Name: "A"}, {Partner: "b", Name: "B"}, {Partner: "zz", Name: "Z"}}
	assert.Equal(t, []string{"lead.unknown-partner /leads/2/partner"}, codes(p.Check()))
}

func TestNewAssignsAnID(t *testing.T) {
	a, b := New("A", ModelBroadArea), New("B", ModelBroadArea)
	assert.NotEqual(t, uuid.Nil, a.ID)
	assert.NotEqual(t, a.ID, b.ID)
	assert.Equal(t, uuid.Version(4), a.ID.Version())
}

func TestLookups(t *testing.T) {
	p := New("P", ModelHubAndSpoke, school("a", RoleLead), Partner{ID: "u", Type: TypeUniversity})
	p.Leads = []Lead{{Partner: "a", Name: "Amara"}}
	assert.True(t, p.HasPartner("a"))
	assert.False(t, p.HasPartner("b"))
	assert.Equal(t, "School a", p.PartnerName("a"))
	assert.Equal(t, "u", p.PartnerName("u"), "a partner with no name shows its id")
	l, ok := p.LeadFor("a")
	assert.True(t, ok)
	assert.Equal(t, "Amara", l.Name)
	_, ok = p.LeadFor("u")
	assert.False(t, ok)
	assert.Equal(t, 1, p.Schools())
}

func TestFromValueReadsTolerantly(t *testing.T) {
	var doc any
	require.NoError(t, json.Unmarshal([]byte(`{"id":"3f0e8f5e-4a8b-4b8e-9a59-2f1f7c1d9a10","name":7,"model":"broad-area",
		"focusAreas":["teaching",3],"partners":[{"id":"a","name":"A","type":"school","urn":100001}, "junk"],"leads":{"not":"a list"}}`), &doc))
	p := FromValue(doc)
	assert.Equal(t, uuid.MustParse("3f0e8f5e-4a8b-4b8e-9a59-2f1f7c1d9a10"), p.ID)
	assert.Equal(t, "", p.Name)
	assert.Equal(t, ModelBroadArea, p.Model)
	assert.Equal(t, []FocusArea{FocusTeaching}, p.FocusAreas)
	require.Len(t, p.Partners, 2)
	assert.Equal(t, Partner{ID: "a", Name: "A", Type: TypeSchool}, p.Partners[0])
	assert.Equal(t, Partner{}, p.Partners[1])
	assert.Nil(t, p.Leads)
	assert.Equal(t, Partnership{}, FromValue("not an object"))
}

// The rules' index finds exactly the partner that HasPartner and
// PartnerName find by scanning, duplicates and empty ids included.
func TestIndexAgreesWithScans(t *testing.T) {
	ids := []string{"", "a", "b"}
	for _, partners := range [][]Partner{
		nil,
		{{ID: "a", Name: "A"}},
		{{ID: "a"}, {ID: "a", Name: "A"}},
		{{ID: "a", Name: "A"}, {ID: "a", Name: "B"}},
		{{ID: "", Name: "A"}, {ID: "b", Name: ""}, {ID: "b", Name: "B"}},
	} {
		p := &Partnership{Partners: partners}
		x := indexPartners(p)
		for _, id := range append(ids, "z") {
			assert.Equal(t, p.HasPartner(id), x.has(id), id)
			assert.Equal(t, p.PartnerName(id), x.name(id), id)
		}
	}
}
