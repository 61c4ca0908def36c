package mou

import (
	"encoding/json"
	"fmt"
	"os"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/partnerkit/partnerkit/internal/cputime"
	"github.com/partnerkit/partnerkit/internal/jsontree"
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
		{"3000-partners-200-objectives", largeMOU(b, 3000, 200)},
		{"contract-invalid", invalidMOU(b)},
	} {
		b.Run(bc.name, func(b *testing.B) {
			require.Equal(b, bc.name != "contract-invalid", Check(bc.data).Valid, "the benchmark document is valid, or not")
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

// invalidMOU is the contract MOU with four schema violations and some
// findings of the rules, as a first draft might have.
func invalidMOU(tb testing.TB) []byte {
	data, err := os.ReadFile(contractMOU)
	require.NoError(tb, err)
	s := string(data)
	for _, r := range [][2]string{
		{`"urn": "100002"`, `"urn": "10002"`},
		{`"deadline": "2027-07-16"`, `"deadline": "16/07/2027"`},
		{`"budget": 8000`, `"budget": "8000"`},
		{`"legallyBinding": false`, `"legallyBinding": "no"`},
		{`"name": "Sam Patel"`, `"name": ""`},
	} {
		require.Contains(tb, s, r[0])
		s = strings.Replace(s, r[0], r[1], 1)
	}
	return []byte(s)
}

// BenchmarkCheckPhases times the phases of Check on a valid MOU: decoding
// the text into a tree, the schema's fast path on the tree, and reading
// the MOU from it with the rules.
func BenchmarkCheckPhases(b *testing.B) {
	data, err := os.ReadFile(contractMOU)
	require.NoError(b, err)
	tree, err := jsontree.ParseTree(data)
	require.NoError(b, err)
	s := schemas.MustLookup(schemas.MOU)
	require.True(b, s.ValidTree(tree))
	b.Run("decode", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			jsontree.ParseTree(data)
		}
	})
	b.Run("schema", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			s.ValidTree(tree)
		}
	})
	b.Run("rules", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			m := fromTree(tree.Root())
			m.rules(Options{}.settings())
		}
	})
}

// A number written with a million digits, the attack of issue 9: its
// check takes time linear in its length (it took 1.6 s when it reached
// big.Rat; now about the time to scan a megabyte).
func BenchmarkCheckLongNumber(b *testing.B) {
	contract, err := os.ReadFile(contractMOU)
	require.NoError(b, err)
	for _, bc := range []struct{ name, number string }{
		{"integer", strings.Repeat("7", 1_000_000)},
		{"fraction", "0." + strings.Repeat("0", 1_000_000) + "1"},
	} {
		data := []byte(strings.Replace(string(contract), `"budget": 8000`, `"budget": `+bc.number, 1))
		require.NotEqual(b, contract, data)
		b.Run(bc.name, func(b *testing.B) {
			r := Check(data)
			require.False(b, r.Valid)
			require.Equal(b, "/finance/budget", r.Findings[0].Path)
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				Check(data)
			}
		})
	}
}

// BenchmarkCheckVsJSONValid measures the full check of the contract MOU
// (parsing included) against encoding/json.Valid on the same bytes, the
// floor for anything that reads the whole text; the target is at most 2×.
// The two take turns in rounds (the order swapping each round), so that a
// busy spell of a shared machine falls on both; each round's ratio
// compares the two sides of that round, by wall time and by CPU time (the
// process's, every thread: the garbage collector's included). It reports
// the medians over the rounds, and logs every round's ratios (-v):
//
//	go test -run '^$' -bench CheckVsJSONValid -v ./mou
func BenchmarkCheckVsJSONValid(b *testing.B) {
	data, err := os.ReadFile(contractMOU)
	require.NoError(b, err)
	require.True(b, Check(data).Valid)
	require.True(b, json.Valid(data))
	const (
		rounds = 21
		slice  = 40 * time.Millisecond // each side, each round
	)
	sides := [2]func(){
		func() { json.Valid(data) },
		func() { Check(data) },
	}
	var wall, cpu [2][]float64 // ns an operation, by side, by round
	var wallRatio, cpuRatio []float64
	for b.Loop() {
		wall, cpu, wallRatio, cpuRatio = [2][]float64{}, [2][]float64{}, nil, nil
		for round := range rounds {
			for i := range sides {
				side := (i + round) % len(sides)
				w, c := timeSlice(sides[side], slice)
				wall[side] = append(wall[side], w)
				cpu[side] = append(cpu[side], c)
			}
			wallRatio = append(wallRatio, wall[1][round]/wall[0][round])
			cpuRatio = append(cpuRatio, cpu[1][round]/cpu[0][round])
		}
	}
	b.Logf("check ÷ json.Valid by wall time, each round: %s", ratioList(wallRatio))
	b.Logf("check ÷ json.Valid by CPU time, each round: %s", ratioList(cpuRatio))
	b.ReportMetric(0, "ns/op")
	b.ReportMetric(medianOf(wall[0]), "valid-ns/op")
	b.ReportMetric(medianOf(wall[1]), "check-ns/op")
	b.ReportMetric(medianOf(wallRatio), "ratio")
	if cpu[0][0] > 0 {
		b.ReportMetric(medianOf(cpu[0]), "valid-cpu-ns/op")
		b.ReportMetric(medianOf(cpu[1]), "check-cpu-ns/op")
		b.ReportMetric(medianOf(cpuRatio), "cpu-ratio")
	}
}

// timeSlice runs f for about d, after a garbage collection so that one
// side's garbage is not collected in the other's time, and returns the
// wall and CPU nanoseconds a call.
func timeSlice(f func(), d time.Duration) (wall, cpu float64) {
	runtime.GC()
	n := 0
	startCPU := cputime.Process()
	start := time.Now()
	for time.Since(start) < d {
		for range 32 {
			f()
		}
		n += 32
	}
	elapsed := time.Since(start)
	return float64(elapsed.Nanoseconds()) / float64(n), float64((cputime.Process() - startCPU).Nanoseconds()) / float64(n)
}

func ratioList(vs []float64) string {
	each := make([]string, len(vs))
	for i, r := range vs {
		each[i] = fmt.Sprintf("%.2f", r)
	}
	return strings.Join(each, ", ")
}

func medianOf(vs []float64) float64 {
	vs = slices.Clone(vs)
	slices.Sort(vs)
	if len(vs)%2 == 1 {
		return vs[len(vs)/2]
	}
	return (vs[len(vs)/2-1] + vs[len(vs)/2]) / 2
}
