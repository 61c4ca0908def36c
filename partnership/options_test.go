package partnership

import (
	"errors"
	"strconv"
	"testing"

	"github.com/partnerkit/partnerkit/finding"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func hub(schools int) *Partnership {
	p := &Partnership{Model: ModelHubAndSpoke}
	for i := range schools {
		id := "s" + strconv.Itoa(i)
		role := RoleMember
		if i == 0 {
			role = RoleLead
		}
		p.Partners = append(p.Partners, Partner{ID: id, Name: "School " + id, Type: TypeSchool, Role: role})
		p.Leads = append(p.Leads, Lead{Partner: id, Name: "Lead " + id})
	}
	return p
}

func TestOptionsHubSchools(t *testing.T) {
	tests := []struct {
		schools, option int
		byDefault, with bool
	}{
		{5, 0, false, false},
		{6, 0, true, true},
		{6, 6, true, false},
		{4, 3, false, true},
		{3, 3, false, false},
		{9, 8, true, true},
	}
	for _, tt := range tests {
		t.Run(strconv.Itoa(tt.schools)+" schools, at most "+strconv.Itoa(tt.option), func(t *testing.T) {
			p := hub(tt.schools)
			def := p.Check()
			got, err := Options{HubSchools: tt.option}.Check(p)
			require.NoError(t, err)
			has := func(fs []finding.Finding) bool {
				for _, f := range fs {
					if f.Code == "model.hub-too-large" {
						return true
					}
				}
				return false
			}
			assert.Equal(t, tt.byDefault, has(def))
			assert.Equal(t, tt.with, has(got))
			assert.Len(t, got, len(def)-map[bool]int{true: 1}[tt.byDefault]+map[bool]int{true: 1}[tt.with], "nothing else changes")
		})
	}
}

func TestOptionsInvalid(t *testing.T) {
	_, err := Options{HubSchools: -1}.Check(hub(2))
	var oe *OptionError
	require.True(t, errors.As(err, &oe))
	assert.Equal(t, "/hubSchools", oe.Option)
	assert.Equal(t, "option /hubSchools: the most schools in a hub is a whole number of 1 or more (0 means 5), not -1", err.Error())
	assert.Equal(t, Options{HubSchools: 5}, Options{}.Resolved())
	assert.Equal(t, Options{HubSchools: 7}, Options{HubSchools: 7}.Resolved())
}
