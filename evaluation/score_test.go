package evaluation

import (
	"encoding/json"
	"sync"
	"testing"

	"github.com/google/uuid"
	"github.com/partnerkit/partnerkit/partnership"
	"github.com/partnerkit/partnerkit/schemas"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The contract's assessment scores exactly as score.expected.json says.
func TestScoreContract(t *testing.T) {
	f := mini(t)
	a, err := ParseAssessment(readFile(t, dataDir+"assessment-mini.json"))
	require.NoError(t, err)
	s, err := f.Score(a)
	require.NoError(t, err)

	data, err := json.Marshal(s)
	require.NoError(t, err)
	var got, want map[string]any
	require.NoError(t, json.Unmarshal(data, &got))
	require.NoError(t, json.Unmarshal(readFile(t, dataDir+"score-mini.expected.json"), &want))
	for key, w := range want {
		assertJSONNear(t, key, w, got[key])
	}
	// And in Go.
	require.NotNil(t, s.Overall)
	assert.InDelta(t, 50, *s.Overall, 0.01)
	assert.Equal(t, "Borderline", s.Band)
	assert.Equal(t, []Flag{{Code: FlagConcern, Dimension: "governance"}}, s.Flags)
	assert.Equal(t, "riverside-primary", s.Partner)
	assert.Equal(t, ReviewSelf, s.Review)
	assert.Equal(t, uuid.MustParse("9b2f3c4d-5e6f-4a1b-8c7d-0e1f2a3b4c5d"), s.Assessment)
}

// assertJSONNear compares decoded JSON: numbers to within 0.01, and objects
// by the keys want has (the score may have more).
func assertJSONNear(t *testing.T, path string, want, got any) {
	t.Helper()
	switch w := want.(type) {
	case float64:
		g, ok := got.(float64)
		if assert.True(t, ok, "%s: want a number, got %v", path, got) {
			assert.InDelta(t, w, g, 0.01, path)
		}
	case map[string]any:
		g, ok := got.(map[string]any)
		if assert.True(t, ok, "%s: want an object, got %v", path, got) {
			for k, v := range w {
				assertJSONNear(t, path+"."+k, v, g[k])
			}
		}
	case []any:
		g, ok := got.([]any)
		if assert.True(t, ok, "%s: want a list, got %v", path, got) && assert.Len(t, g, len(w), path) {
			for i := range w {
				assertJSONNear(t, path+"["+string(rune('0'+i))+"]", w[i], g[i])
			}
		}
	default:
		assert.Equal(t, want, got, path)
	}
}

type dimWant struct {
	score    any // a float64, or nil for no score
	coverage any // a float64, or nil when no question applies
	band     string
}

func TestScore(t *testing.T) {
	// The mini health check: shared-goals (weight 2) has sg1, sg2 (weight
	// 2) and sg3 (reverse); governance has gv1 and gv2. On 1 to 5 an
	// answer v scores (v - 1) × 25.
	tests := []struct {
		name     string
		answers  map[string]*int
		overall  any // a float64, or nil
		band     string
		coverage float64
		sg, gv   dimWant
		flags    []Flag
	}{
		{
			// sg: (75 + 2×50 + (100-25)) / 4 = 62.5; gv: 25; overall (2×62.5 + 25) / 3 = 50
			name:    "the contract",
			answers: map[string]*int{"sg1": ptr(4), "sg2": ptr(3), "sg3": ptr(2), "gv1": ptr(2), "gv2": nil},
			overall: 50.0, band: "Borderline", coverage: 1,
			sg:    dimWant{62.5, 1.0, "Borderline"},
			gv:    dimWant{25.0, 1.0, "Concern"},
			flags: []Flag{{Code: FlagConcern, Dimension: "governance"}},
		},
		{
			// sg: (100 + 2×100 + (100-100)) / 4 = 75; gv: 100; overall (150 + 100) / 3
			name:    "strongly agree with everything, including the reverse-coded statement",
			answers: map[string]*int{"sg1": ptr(5), "sg2": ptr(5), "sg3": ptr(5), "gv1": ptr(5), "gv2": ptr(5)},
			overall: 250.0 / 3, band: "Strength", coverage: 1,
			sg: dimWant{75.0, 1.0, "Strength"},
			gv: dimWant{100.0, 1.0, "Strength"},
		},
		{
			// sg: (0 + 0 + (100-0)) / 4 = 25; gv: 0; overall 50 / 3
			name:    "strongly disagree with everything: the reverse-coded statement scores 100",
			answers: map[string]*int{"sg1": ptr(1), "sg2": ptr(1), "sg3": ptr(1), "gv1": ptr(1), "gv2": ptr(1)},
			overall: 50.0 / 3, band: "Concern", coverage: 1,
			sg:    dimWant{25.0, 1.0, "Concern"},
			gv:    dimWant{0.0, 1.0, "Concern"},
			flags: []Flag{{Code: FlagConcern, Dimension: "shared-goals"}, {Code: FlagConcern, Dimension: "governance"}},
		},
		{
			// sg: (0 + 2×100 + 0) / 4 = 50 (sg2 counts twice); gv: 50; overall 50
			name:    "question weights",
			answers: map[string]*int{"sg1": ptr(1), "sg2": ptr(5), "sg3": ptr(5), "gv1": ptr(3), "gv2": ptr(3)},
			overall: 50.0, band: "Borderline", coverage: 1,
			sg: dimWant{50.0, 1.0, "Borderline"},
			gv: dimWant{50.0, 1.0, "Borderline"},
		},
		{
			// sg: 100; gv: 0; overall (2×100 + 0) / 3: shared-goals counts twice
			name:    "dimension weights",
			answers: map[string]*int{"sg1": ptr(5), "sg2": ptr(5), "sg3": ptr(1), "gv1": ptr(1), "gv2": ptr(1)},
			overall: 200.0 / 3, band: "Borderline", coverage: 1,
			sg:    dimWant{100.0, 1.0, "Strength"},
			gv:    dimWant{0.0, 1.0, "Concern"},
			flags: []Flag{{Code: FlagConcern, Dimension: "governance"}},
		},
		{
			// gv2 missing: gv scores 75 on 1 of 2 applicable; overall coverage 5/6
			name:    "a missing answer counts against coverage",
			answers: map[string]*int{"sg1": ptr(4), "sg2": ptr(4), "sg3": ptr(2), "gv1": ptr(4)},
			overall: 75.0, band: "Strength", coverage: 5.0 / 6,
			sg: dimWant{75.0, 1.0, "Strength"},
			gv: dimWant{75.0, 0.5, "Strength"},
		},
		{
			// gv2 null: left out of score and coverage alike
			name:    "null (not applicable) does not",
			answers: map[string]*int{"sg1": ptr(4), "sg2": ptr(4), "sg3": ptr(2), "gv1": ptr(4), "gv2": nil},
			overall: 75.0, band: "Strength", coverage: 1,
			sg: dimWant{75.0, 1.0, "Strength"},
			gv: dimWant{75.0, 1.0, "Strength"},
		},
		{
			// gv has no score and is left out of the overall, which is sg's 50
			name:    "a dimension that is all not applicable",
			answers: map[string]*int{"sg1": ptr(3), "sg2": ptr(3), "sg3": ptr(3), "gv1": nil, "gv2": nil},
			overall: 50.0, band: "Borderline", coverage: 1,
			sg: dimWant{50.0, 1.0, "Borderline"},
			gv: dimWant{nil, nil, ""}, // nothing applies: no coverage, as no score
		},
		{
			// only sg2 (weight 2) of 6: coverage 1/3
			name:    "low coverage",
			answers: map[string]*int{"sg2": ptr(5)},
			overall: 100.0, band: "Strength", coverage: 2.0 / 6,
			sg:    dimWant{100.0, 0.5, "Strength"},
			gv:    dimWant{nil, 0.0, ""},
			flags: []Flag{{Code: FlagLowCoverage}},
		},
		{
			// applicable: sg1 1 + sg2 2 + sg3 1 + gv1 1 = 5; answered sg2 + gv1 = 3: exactly 0.6
			name:    "coverage of exactly 0.6 is not low",
			answers: map[string]*int{"sg2": ptr(3), "gv1": ptr(3), "gv2": nil},
			overall: 50.0, band: "Borderline", coverage: 0.6,
			sg: dimWant{50.0, 0.5, "Borderline"},
			gv: dimWant{50.0, 1.0, "Borderline"},
		},
		{
			// sg: (75 + 2×75 + 75) / 4 = 75 exactly: the band starting at 75
			name:    "a score on a band's start takes that band",
			answers: map[string]*int{"sg1": ptr(4), "sg2": ptr(4), "sg3": ptr(2), "gv1": ptr(3), "gv2": ptr(3)},
			overall: 200.0 / 3, band: "Borderline", coverage: 1,
			sg: dimWant{75.0, 1.0, "Strength"},
			gv: dimWant{50.0, 1.0, "Borderline"},
		},
		{
			name:    "nothing answered: no overall score or band",
			answers: map[string]*int{},
			overall: nil, band: "", coverage: 0,
			sg:    dimWant{nil, 0.0, ""},
			gv:    dimWant{nil, 0.0, ""},
			flags: []Flag{{Code: FlagLowCoverage}},
		},
		{
			name:    "everything not applicable",
			answers: map[string]*int{"sg1": nil, "sg2": nil, "sg3": nil, "gv1": nil, "gv2": nil},
			overall: nil, band: "", coverage: 0,
			sg:    dimWant{nil, nil, ""},
			gv:    dimWant{nil, nil, ""},
			flags: []Flag{{Code: FlagLowCoverage}},
		},
	}
	for _, parsed := range []bool{true, false} {
		f := miniGo()
		name := "built in Go"
		if parsed {
			f, name = mini(t), "parsed"
		}
		for _, tt := range tests {
			t.Run(name+"/"+tt.name, func(t *testing.T) {
				s, err := f.Score(answers(tt.answers))
				require.NoError(t, err)
				assertNumber(t, tt.overall, s.Overall, "overall")
				assert.Equal(t, tt.band, s.Band)
				assert.InDelta(t, tt.coverage, s.Coverage, 1e-12)
				require.Len(t, s.Dimensions, 2)
				for i, want := range []dimWant{tt.sg, tt.gv} {
					d := s.Dimensions[i]
					assertNumber(t, want.score, d.Score, d.ID)
					assertNumber(t, want.coverage, d.Coverage, d.ID+" coverage")
					assert.Equal(t, want.band, d.Band, d.ID)
				}
				if tt.flags == nil {
					tt.flags = []Flag{}
				}
				assert.Equal(t, tt.flags, s.Flags)
			})
		}
	}
}

func assertNumber(t *testing.T, want any, got *float64, name string) {
	t.Helper()
	if want == nil {
		assert.Nil(t, got, name)
		return
	}
	if assert.NotNil(t, got, name) {
		assert.InDelta(t, want.(float64), *got, 1e-9, name)
	}
}

func TestScoreOtherScales(t *testing.T) {
	tests := []struct {
		name     string
		min, max int
		reverse  bool
		answer   int
		want     float64
	}{
		{"0 to 10", 0, 10, false, 7, 70},      // (7-0)/10
		{"1 to 4", 1, 4, false, 2, 100.0 / 3}, // (2-1)/3
		{"1 to 4 reversed", 1, 4, true, 2, 200.0 / 3},
		{"lowest", -2, 2, false, -2, 0},
		{"highest reversed", -2, 2, true, 2, 0},
		{"middle of an even scale", 1, 6, false, 3, 40}, // (3-1)/5
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := &Framework{ID: "f", Title: "F", Scale: Scale{Min: tt.min, Max: tt.max},
				Dimensions: []Dimension{{ID: "d", Title: "D", Questions: []Question{{ID: "q", Text: "Q.", Reverse: tt.reverse}}}},
				Bands:      []Band{{Min: 0, Label: "Any"}}}
			s, err := f.Score(&Assessment{Framework: "f", Answers: map[string]Answer{"q": Rating(tt.answer)}})
			require.NoError(t, err)
			assert.InDelta(t, tt.want, *s.Dimensions[0].Score, 1e-9)
			assert.InDelta(t, tt.want, *s.Overall, 1e-9)
			assert.Equal(t, []Flag{{Code: FlagConcern, Dimension: "d"}}, s.Flags, "with one band, every score is in the lowest")
		})
	}
}

func TestScoreAdvice(t *testing.T) {
	s, err := mini(t).Score(answers(map[string]*int{"sg1": ptr(4), "sg2": ptr(3), "sg3": ptr(2), "gv1": ptr(2)}))
	require.NoError(t, err)
	assert.Equal(t, "Working, with room to strengthen.", s.Advice, "the overall band's advice")
	assert.Equal(t, "Working, with room to strengthen.", s.Dimensions[0].Advice, "the band's advice above the lowest band")
	assert.Equal(t, "Share leadership so that the partnership does not depend on one person.", s.Dimensions[1].Advice, "the dimension's own advice in the lowest band")
	assert.Equal(t, 3, s.Dimensions[0].Answered)
	assert.Equal(t, 1, s.Dimensions[1].Answered)
	assert.Equal(t, 4, s.Answered)
}

func TestScoreInvalidAssessment(t *testing.T) {
	strict := miniGo()
	strict.Scale.AllowNotApplicable = false
	unversioned := miniGo()
	unversioned.Version = ""
	tests := []struct {
		name   string
		f      *Framework
		change func(a *Assessment)
		want   []string
	}{
		{"unknown question", miniGo(), func(a *Assessment) { a.Answers["sg9"] = Rating(3) }, []string{"answer.unknown-question /answers/sg9"}},
		{"below the scale", miniGo(), func(a *Assessment) { a.Answers["sg2"] = Rating(0) }, []string{"answer.out-of-scale /answers/sg2"}},
		{"above the scale", miniGo(), func(a *Assessment) { a.Answers["gv1"] = Rating(6) }, []string{"answer.out-of-scale /answers/gv1"}},
		{"not applicable where not allowed", strict, func(a *Assessment) { a.Answers["gv2"] = NotApplicable() }, []string{"answer.not-applicable /answers/gv2"}},
		{"another framework", miniGo(), func(a *Assessment) { a.Framework = "partnership-health-check" }, []string{"framework.mismatch /framework"}},
		{"another version", miniGo(), func(a *Assessment) { a.FrameworkVersion = "2.0.0" }, []string{"framework.version-mismatch /frameworkVersion"}},
		{"no version is fine", miniGo(), func(a *Assessment) { a.FrameworkVersion = "" }, []string{}},
		{"a framework with no version takes any", unversioned, func(a *Assessment) { a.FrameworkVersion = "9" }, []string{}},
		{"everything at once, in order", strict, func(a *Assessment) {
			a.Framework = "other"
			a.Answers["zz"] = Rating(1)
			a.Answers["aa"] = Rating(1)
			a.Answers["gv2"] = NotApplicable()
			a.Answers["sg1"] = Rating(-3)
		}, []string{
			"framework.mismatch /framework",
			"answer.out-of-scale /answers/sg1",
			"answer.not-applicable /answers/gv2",
			"answer.unknown-question /answers/aa",
			"answer.unknown-question /answers/zz",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := answers(map[string]*int{"sg1": ptr(4), "sg2": ptr(3), "sg3": ptr(2), "gv1": ptr(2)})
			tt.change(a)
			_, err := tt.f.Score(a)
			verr := tt.f.Validate(a)
			if len(tt.want) == 0 {
				assert.NoError(t, err)
				assert.NoError(t, verr)
				return
			}
			inv := requireInvalid(t, err)
			assert.Equal(t, schemas.Assessment, inv.Document)
			assert.Equal(t, tt.want, codes(inv.Findings))
			assert.Equal(t, err, verr, "Validate finds what Score finds")
		})
	}
}

func TestScoreErrorMessages(t *testing.T) {
	a := answers(map[string]*int{"sg1": ptr(4), "sg2": ptr(7), "gv1": ptr(2)})
	a.Answers["sg9"] = Rating(1)
	_, err := mini(t).Score(a)
	inv := requireInvalid(t, err)
	assert.Equal(t, "The answer 7 is outside the scale: give a rating from 1 to 5.", inv.Findings[0].Message)
	assert.Equal(t, `The framework "mini-health-check" has no question "sg9": check the id, or remove the answer.`, inv.Findings[1].Message)
	assert.Equal(t, "evaluation: invalid assessment: answers.sg2: the answer 7 is outside the scale: give a rating from 1 to 5 (and 1 more)", err.Error())

	_, err = mini(t).Score(nil)
	assert.EqualError(t, err, "evaluation: no assessment (nil)")
}

func TestScoreJSONNulls(t *testing.T) {
	s, err := mini(t).Score(answers(map[string]*int{"sg1": nil}))
	require.NoError(t, err)
	data, err := json.Marshal(s)
	require.NoError(t, err)
	assert.JSONEq(t, `{
		"framework": "mini-health-check", "frameworkVersion": "1.0.0",
		"overall": null, "band": null, "coverage": 0, "answered": 0,
		"dimensions": [
			{"id": "shared-goals", "score": null, "coverage": 0, "band": null, "answered": 0},
			{"id": "governance", "score": null, "coverage": 0, "band": null, "answered": 0}
		],
		"flags": [{"code": "coverage.low"}]
	}`, string(data))

	var back Score
	require.NoError(t, json.Unmarshal(data, &back))
	assert.Equal(t, *s, back, "a score round-trips through JSON")

	s, err = mini(t).Score(answers(map[string]*int{"sg1": ptr(4), "sg2": ptr(3), "sg3": ptr(2), "gv1": ptr(2), "gv2": nil}))
	require.NoError(t, err)
	data, err = json.Marshal(s)
	require.NoError(t, err)
	back = Score{}
	require.NoError(t, json.Unmarshal(data, &back))
	assert.Equal(t, *s, back)
	assert.Equal(t, "Borderline", back.Band)
}

func TestParseAssessment(t *testing.T) {
	data := readFile(t, dataDir+"assessment-mini.json")
	a, err := ParseAssessment(data)
	require.NoError(t, err)
	assert.Equal(t, &Assessment{
		ID:               uuid.MustParse("9b2f3c4d-5e6f-4a1b-8c7d-0e1f2a3b4c5d"),
		Framework:        "mini-health-check",
		FrameworkVersion: "1.0.0",
		Partnership:      uuid.MustParse("3f0e8f5e-4a8b-4b8e-9a59-2f1f7c1d9a10"),
		Respondent:       Respondent{Partner: "riverside-primary", Role: "partnership-lead", Review: ReviewSelf},
		Date:             partnership.MustParseDate("2027-01-10"),
		Answers:          map[string]Answer{"sg1": Rating(4), "sg2": Rating(3), "sg3": Rating(2), "gv1": Rating(2), "gv2": NotApplicable()},
		Notes:            map[string]string{"gv1": "Everything still runs through one person at St Aidan's."},
	}, a)

	out, err := json.Marshal(a)
	require.NoError(t, err)
	assert.JSONEq(t, string(data), string(out), "an assessment round-trips")

	var viaJSON Assessment
	require.NoError(t, json.Unmarshal(data, &viaJSON))
	assert.Equal(t, a, &viaJSON, "encoding/json reads what ParseAssessment reads")
}

func TestParseAssessmentErrors(t *testing.T) {
	tests := []struct {
		name string
		doc  string
		want []string
		msg  string // the first finding's message
	}{
		{"not an integer", `{"framework":"f","answers":{"q1":2.5}}`, []string{"schema /answers/q1"}, "An answer is a whole number on the scale, or null for not applicable."},
		{"text", `{"framework":"f","answers":{"q1":"4"}}`, []string{"schema /answers/q1"}, ""},
		{"far too large", `{"framework":"f","answers":{"q1":1e300}}`, []string{"answer.out-of-scale /answers/q1"}, "The answer 1e300 is far outside any scale: give a rating on the framework's scale."},
		{"no answers", `{"framework":"f"}`, []string{"schema /answers"}, "Answers is required."},
		{"bad review", `{"framework":"f","answers":{},"respondent":{"review":"mutual"}}`, []string{"schema /respondent/review"}, "The review is self or peer."},
		{"syntax", "{\"framework\": \"f\",\n\"answers\": {\"q1\": 4,}}", []string{"syntax "}, "The document is not valid JSON at line 2, column 20: a trailing ',' before '}'; remove the trailing comma."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseAssessment([]byte(tt.doc))
			inv := requireInvalid(t, err)
			assert.Equal(t, schemas.Assessment, inv.Document)
			assert.Equal(t, tt.want, codes(inv.Findings))
			if tt.msg != "" {
				assert.Equal(t, tt.msg, inv.Findings[0].Message)
			}
		})
	}
}

func TestAnswerJSON(t *testing.T) {
	for _, tt := range []struct {
		a    Answer
		json string
	}{{Rating(4), "4"}, {Rating(-2), "-2"}, {NotApplicable(), "null"}, {Rating(0), "0"}} {
		data, err := json.Marshal(tt.a)
		require.NoError(t, err)
		assert.Equal(t, tt.json, string(data))
		var back Answer
		require.NoError(t, json.Unmarshal(data, &back))
		assert.Equal(t, tt.a, back)
	}
	var a Answer
	assert.Error(t, json.Unmarshal([]byte("2.5"), &a))
	assert.Error(t, json.Unmarshal([]byte(`"3"`), &a))
	assert.Error(t, json.Unmarshal([]byte("1e300"), &a))
	require.NoError(t, json.Unmarshal([]byte("4.0"), &a))
	assert.Equal(t, Rating(4), a)
	assert.Equal(t, "n/a", NotApplicable().String())
	assert.Equal(t, "3", Rating(3).String())
}

func TestScoreBuiltin(t *testing.T) {
	f, _ := Builtin(HealthCheck)
	a := &Assessment{Framework: HealthCheck, FrameworkVersion: "2.0.0", Answers: map[string]Answer{}}
	for _, d := range f.Dimensions {
		for _, q := range d.Questions {
			if q.Reverse {
				a.Answers[q.ID] = Rating(2) // disagree with a bad sign: 75
			} else {
				a.Answers[q.ID] = Rating(4) // agree: 75
			}
		}
	}
	s, err := f.Score(a)
	require.NoError(t, err)
	for _, d := range s.Dimensions {
		assert.InDelta(t, 75, *d.Score, 1e-9, d.ID)
		assert.Equal(t, "Established", d.Band)
	}
	assert.InDelta(t, 75, *s.Overall, 1e-9)
	assert.Empty(t, s.Flags)
}

// Scoring a shared framework from many goroutines is safe (run with -race).
func TestScoreConcurrently(t *testing.T) {
	f := mini(t)
	g := miniGo()
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 100 {
				for _, fw := range []*Framework{f, g} {
					s, err := fw.Score(answers(map[string]*int{"sg1": ptr(4), "sg2": ptr(3), "sg3": ptr(2), "gv1": ptr(2), "gv2": nil}))
					if assert.NoError(t, err) {
						assert.InDelta(t, 50, *s.Overall, 1e-9)
					}
				}
			}
		})
	}
	wg.Wait()
}

// A framework changed after parsing so that it cannot score is reported,
// not a panic.
func TestScoreFrameworkChangedAfterParsing(t *testing.T) {
	f := mini(t)
	f.Bands = nil
	_, err := f.Score(answers(nil))
	assert.True(t, requireInvalid(t, err).Has("bands.missing"))
	f = mini(t)
	f.Scale.Max = f.Scale.Min
	_, err = f.Score(answers(nil))
	assert.True(t, requireInvalid(t, err).Has("scale.invalid"))
}

// A framework changed after parsing is checked again: a new question is
// known, a duplicate id or a bad weight is an error, never a wrong score.
func TestScoreFrameworkChangedAfterParsingIsCheckedAgain(t *testing.T) {
	f := mini(t)
	f.Dimensions[1].Questions = append(f.Dimensions[1].Questions, Question{ID: "gv3", Text: "New."})
	a := answers(map[string]*int{"gv1": ptr(1), "gv2": ptr(1), "gv3": ptr(5)})
	s, err := f.Score(a)
	require.NoError(t, err)
	assert.InDelta(t, 100.0/3, *s.Dimensions[1].Score, 1e-9, "(0 + 0 + 100) / 3")

	f = mini(t)
	f.Dimensions[1].Questions[1].ID = "gv1"
	_, err = f.Score(answers(nil))
	assert.True(t, requireInvalid(t, err).Has("framework.duplicate-id"))

	f = mini(t)
	f.Dimensions[0].Weight = -2
	_, err = f.Score(answers(nil))
	assert.True(t, requireInvalid(t, err).Has("weight.invalid"))

	f = mini(t)
	f.Bands[1].Min = 80
	_, err = f.Score(answers(nil))
	assert.True(t, requireInvalid(t, err).Has("bands.order"))

	// A built-in framework is a copy the caller may change.
	hc, _ := Builtin(HealthCheck)
	hc.Dimensions[0].Questions[0].ID = "mine"
	_, err = hc.Score(&Assessment{Framework: HealthCheck, Answers: map[string]Answer{"mine": Rating(3)}})
	assert.NoError(t, err)
}
