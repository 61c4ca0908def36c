package evaluation

import (
	"math/rand/v2"
	"strconv"
	"testing"

	"github.com/stretchr/testify/require"
)

// healthCheckAssessments makes n assessments of the health check with
// random answers from 10 partners, self and peer, a few not applicable
// and a few unanswered.
func healthCheckAssessments(tb testing.TB, n int) (*Framework, []*Assessment) {
	f, ok := Builtin(HealthCheck)
	require.True(tb, ok)
	r := rand.New(rand.NewPCG(1, 2))
	out := make([]*Assessment, n)
	for i := range out {
		a := &Assessment{
			Framework:        HealthCheck,
			FrameworkVersion: f.Version,
			Respondent:       Respondent{Partner: "school-" + strconv.Itoa(i%10), Review: []Review{ReviewSelf, ReviewPeer}[i%2]},
			Answers:          make(map[string]Answer, 44),
		}
		for _, d := range f.Dimensions {
			for _, q := range d.Questions {
				switch x := r.IntN(20); {
				case x == 0: // unanswered
				case x == 1:
					a.Answers[q.ID] = NotApplicable()
				default:
					a.Answers[q.ID] = Rating(1 + r.IntN(5))
				}
			}
		}
		out[i] = a
	}
	return f, out
}

func BenchmarkScore(b *testing.B) {
	f, as := healthCheckAssessments(b, 1)
	a := as[0]
	_, err := f.Score(a)
	require.NoError(b, err)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := f.Score(a); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseAssessment(b *testing.B) {
	data := readFile(b, dataDir+"assessment-mini.json")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseAssessment(data); err != nil {
			b.Fatal(err)
		}
	}
}

// Combining 10,000 respondents' scores.
func BenchmarkCombine(b *testing.B) {
	f, as := healthCheckAssessments(b, 10_000)
	scores := make([]*Score, len(as))
	for i, a := range as {
		var err error
		scores[i], err = f.Score(a)
		require.NoError(b, err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Combine(f, scores); err != nil {
			b.Fatal(err)
		}
	}
}

// Scoring 10,000 assessments and combining them as they come.
func BenchmarkScoreAndCombine(b *testing.B) {
	f, as := healthCheckAssessments(b, 10_000)
	b.ReportAllocs()
	for b.Loop() {
		c := NewCombiner(f)
		for _, a := range as {
			s, err := f.Score(a)
			if err != nil {
				b.Fatal(err)
			}
			if err := c.Add(s); err != nil {
				b.Fatal(err)
			}
		}
		if c.Result().Respondents != len(as) {
			b.Fatal("lost a respondent")
		}
	}
}
