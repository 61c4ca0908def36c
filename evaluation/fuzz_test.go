package evaluation

import (
	"encoding/json"
	"os"
	"testing"

	"github.com/partnerkit/partnerkit/finding"
	"github.com/stretchr/testify/require"
)

func frameworkSeeds(tb testing.TB) [][]byte {
	var seeds [][]byte
	// Small seeds keep the fuzzer quick: it minimises every new input.
	for _, name := range []string{dataDir + "framework-mini.json", "testdata/framework-invalid.json"} {
		if data, err := os.ReadFile(name); err == nil {
			seeds = append(seeds, data)
		}
	}
	for _, s := range []string{
		`{}`, `[]`, `null`, `{"id":"f","title":"F","scale":{"min":1,"max":1e30},"dimensions":[],"bands":[]}`,
		`{"id":"f","title":"F","scale":{"min":-5,"max":5,"labels":[]},"dimensions":[{"id":"d","title":"D","weight":1e-320,"questions":[{"id":"q","text":"Q","weight":1e6}]}],"bands":[{"min":0,"label":"B"},{"min":100,"label":"C"}]}`,
		`{"id":"f","title":"F","scale":{"min":0,"max":1},"dimensions":[{"id":"d","title":"D","questions":[{"id":"q","text":"Q","reverse":true}]},{"id":"e","title":"E","weight":1e6,"questions":[{"id":"r","text":"R","weight":1e-300}]}],"bands":[{"min":0,"label":"B"}]}`,
	} {
		seeds = append(seeds, []byte(s))
	}
	return seeds
}

// ParseFramework never panics; it fails exactly when CheckFramework finds
// an error; and a framework it accepts checks clean and round-trips.
func FuzzParseFramework(f *testing.F) {
	for _, s := range frameworkSeeds(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		fw, err := ParseFramework(data)
		fs := CheckFramework(data)
		for _, fd := range fs {
			require.NotEmpty(t, fd.Code)
			require.NotEmpty(t, fd.Message)
		}
		if err != nil {
			require.Nil(t, fw)
			inv := requireInvalid(t, err)
			require.Equal(t, fs, inv.Findings)
			require.False(t, finding.Valid(fs))
			return
		}
		require.True(t, finding.Valid(fs))
		require.True(t, finding.Valid(fw.Check()))
		out, err := json.Marshal(fw)
		require.NoError(t, err)
		again, err := ParseFramework(out)
		require.NoError(t, err, "%s", out)
		require.Equal(t, fw.Dimensions, again.Dimensions)
		require.Equal(t, fw.Bands, again.Bands)
		s, err := fw.Score(&Assessment{Framework: fw.ID})
		require.NoError(t, err)
		require.Nil(t, s.Overall)
	})
}

// Scoring never panics, and gives scores within 0..100 and coverage within
// 0..1, whatever the framework and the answers.
func FuzzScore(f *testing.F) {
	assessments := []string{
		string(readFile(f, dataDir+"assessment-mini.json")),
		`{"framework":"mini-health-check","answers":{}}`,
		`{"framework":"mini-health-check","answers":{"sg1":1,"sg2":5,"sg3":null,"gv1":5,"gv2":1}}`,
		`{"framework":"mini-health-check","frameworkVersion":"2","answers":{"sg1":9,"zz":1}}`,
		`{"framework":"partnership-health-check","answers":{"sg1":5,"mb3":1,"im10":null,"gs2":3}}`,
		`{"framework":"f","answers":{"q":1,"r":0}}`,
		`{"framework":"f","answers":{"q":-5,"r":5}}`,
	}
	for _, fw := range frameworkSeeds(f) {
		for _, a := range assessments {
			f.Add(fw, []byte(a))
		}
	}
	f.Fuzz(func(t *testing.T, framework, assessment []byte) {
		fw, err := ParseFramework(framework)
		if err != nil {
			return
		}
		a, err := ParseAssessment(assessment)
		if err != nil {
			return
		}
		s, err := fw.Score(a)
		if err != nil {
			requireInvalid(t, err)
			require.Error(t, fw.Validate(a))
			return
		}
		require.NoError(t, fw.Validate(a))
		inRange := func(x *float64) {
			if x != nil {
				require.GreaterOrEqual(t, *x, 0.0)
				require.LessOrEqual(t, *x, 100.0)
			}
		}
		inRange(s.Overall)
		require.GreaterOrEqual(t, s.Coverage, 0.0)
		require.LessOrEqual(t, s.Coverage, 1.0)
		require.Equal(t, s.Overall == nil, s.Band == "")
		require.Len(t, s.Dimensions, len(fw.Dimensions))
		for _, d := range s.Dimensions {
			inRange(d.Score)
			if d.Coverage != nil {
				require.GreaterOrEqual(t, *d.Coverage, 0.0)
				require.LessOrEqual(t, *d.Coverage, 1.0)
			}
			require.Equal(t, d.Score == nil, d.Band == "")
		}
		_, err = json.Marshal(s)
		require.NoError(t, err)

		c, err := Combine(fw, []*Score{s, s})
		require.NoError(t, err)
		for _, d := range c.Dimensions {
			if d.Spread != nil {
				require.Zero(t, *d.Spread)
				inRange(d.Mean)
			}
		}
	})
}

// Effect never panics: it gives a finite effect size with g inside its
// confidence interval, or an *InvalidError.
func FuzzEffect(f *testing.F) {
	f.Add(104.2, 14.8, 86, 100.1, 15.3, 91)
	f.Add(0.0, 0.0, 0, 0.0, 0.0, 0)
	f.Add(1e308, 1e-300, 2, -1e308, 1e300, 1<<62)
	f.Fuzz(func(t *testing.T, m1, sd1 float64, n1 int, m2, sd2 float64, n2 int) {
		e, err := Effect(Group{Mean: m1, SD: sd1, N: n1}, Group{Mean: m2, SD: sd2, N: n2})
		if err != nil {
			requireInvalid(t, err)
			return
		}
		require.True(t, finite(e.G) && finite(e.SE))
		require.LessOrEqual(t, e.CILow, e.G)
		require.GreaterOrEqual(t, e.CIHigh, e.G)
		require.LessOrEqual(t, e.Months, 12)
		require.GreaterOrEqual(t, e.Months, -12)
	})
}
