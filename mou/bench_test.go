package mou

import (
	"encoding/json"
	"fmt"
	"os"
	"testing"

	"github.com/partnerkit/partnerkit/schemas"
	"github.com/stretchr/testify/require"
)

func BenchmarkCheck(b *testing.B) {
	contract, err := os.ReadFile(contractMOU)
	require.NoError(b, err)
	toc, err := os.ReadFile(tocMOU)
	require.NoError(b, err)
	for _, bc := range []struct {
		name string
		data []byte
	}{
		{"contract", contract},
		{"with-plan-and-theory-of-change", toc},
		{"100-partners-200-objectives", largeMOU(b, 100, 200)},
	} {
		b.Run(bc.name, func(b *testing.B) {
			require.True(b, Check(bc.data).Valid, "the benchmark document is valid")
			b.SetBytes(int64(len(bc.data)))
			b.ReportAllocs()
			for b.Loop() {
				Check(bc.data)
			}
		})
	}
}

// largeMOU builds a valid MOU with the given numbers of partners and
// objectives, one activity per objective.
func largeMOU(tb testing.TB, partners, objectives int) []byte {
	data, err := os.ReadFile(contractMOU)
	require.NoError(tb, err)
	m, err := Parse(data)
	require.NoError(tb, err)
	m.Partnership.Model = "broad-area"
	m.Partnership.Partners = nil
	m.Partnership.Leads = nil
	m.Signatures = nil
	m.Governance.Members = nil
	m.Finance.Contributions = nil
	var budget float64
	for i := range partners {
		id := fmt.Sprintf("school-%03d", i)
		m.Partnership.Partners = append(m.Partnership.Partners, partnerFor(id, i))
		m.Partnership.Leads = append(m.Partnership.Leads, leadFor(id, i))
		m.Signatures = append(m.Signatures, Signature{Partner: id, Name: fmt.Sprintf("Head %d", i), Date: m.Term.Start})
		m.Governance.Members = append(m.Governance.Members, Member{Partner: id, Name: fmt.Sprintf("Lead %d", i)})
		amount := float64(100 + i)
		budget += amount
		m.Finance.Contributions = append(m.Finance.Contributions, Contribution{Partner: id, Amount: &amount})
	}
	m.Finance.Budget = &budget
	o, a := m.Objectives[0], m.Activities[0]
	m.Objectives, m.Activities = nil, nil
	for i := range objectives {
		o.ID = fmt.Sprintf("o%d", i)
		a.ID = fmt.Sprintf("a%d", i)
		a.Objectives = []string{o.ID}
		a.LedBy = fmt.Sprintf("school-%03d", i%partners)
		m.Objectives = append(m.Objectives, o)
		m.Activities = append(m.Activities, a)
	}
	out, err := json.Marshal(m)
	require.NoError(tb, err)
	return out
}

func BenchmarkCheckPhases(b *testing.B) {
	data, err := os.ReadFile(contractMOU)
	require.NoError(b, err)
	doc, err := schemas.Decode(data)
	require.NoError(b, err)
	b.Run("decode", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			schemas.Decode(data)
		}
	})
	b.Run("schema", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			schemas.MustLookup(schemas.MOU).Validate(doc)
		}
	})
	b.Run("rules", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			m := FromValue(doc)
			m.rules()
		}
	})
}
