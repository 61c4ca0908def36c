package evaluation

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/partnerkit/partnerkit/finding"
	"github.com/partnerkit/partnerkit/partnership"
	"github.com/partnerkit/partnerkit/schemas"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseFrameworkContract(t *testing.T) {
	f := mini(t)
	assert.Equal(t, "mini-health-check", f.ID)
	assert.Equal(t, "1.0.0", f.Version)
	assert.Equal(t, Scale{Min: 1, Max: 5, AllowNotApplicable: true,
		Labels: []string{"Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree"}}, f.Scale)
	require.Len(t, f.Dimensions, 2)
	assert.Equal(t, 2.0, f.Dimensions[0].Weight)
	assert.Equal(t, 0.0, f.Dimensions[1].Weight, "an absent weight is 0, meaning 1")
	assert.Equal(t, 2.0, f.Dimensions[0].Questions[1].Weight)
	assert.True(t, f.Dimensions[0].Questions[2].Reverse)
	assert.Equal(t, []Band{
		{Min: 0, Label: "Concern", Advice: "Discuss these areas before committing further resources."},
		{Min: 50, Label: "Borderline", Advice: "Working, with room to strengthen."},
		{Min: 75, Label: "Strength", Advice: "Keep up the momentum."},
	}, f.Bands)
	assert.Equal(t, 5, f.Questions())
	assert.Empty(t, f.Check())

	want := miniGo()
	want.prep = f.prep
	assert.Equal(t, want, f, "parsing gives the framework built in Go")
}

func TestFrameworkJSONRoundTrip(t *testing.T) {
	f := mini(t)
	data, err := json.Marshal(f)
	require.NoError(t, err)
	assert.JSONEq(t, string(readFile(t, dataDir+"framework-mini.json")), string(data))
	again, err := ParseFramework(data)
	require.NoError(t, err)
	assert.Equal(t, f.Dimensions, again.Dimensions)
}

func TestScaleLabel(t *testing.T) {
	s := mini(t).Scale
	assert.Equal(t, 5, s.Points())
	assert.Equal(t, "Strongly disagree", s.Label(1))
	assert.Equal(t, "Agree", s.Label(4))
	assert.Equal(t, "", s.Label(6))
	assert.Equal(t, "", Scale{Min: 1, Max: 3}.Label(2), "no labels")
	assert.Equal(t, 0, Scale{Min: 5, Max: 1}.Points())
}

// Each rule fires for exactly the problem it names, at the right path.
func TestFrameworkRules(t *testing.T) {
	tests := []struct {
		name   string
		change func(f *Framework)
		want   []string // code and path of each finding
	}{
		{"valid", func(*Framework) {}, []string{}},
		{"framework id", func(f *Framework) { f.ID = "mini check" }, []string{"id.invalid /id"}},
		{"empty dimension id", func(f *Framework) { f.Dimensions[1].ID = "" }, []string{"id.invalid /dimensions/1/id"}},
		{"question id", func(f *Framework) { f.Dimensions[1].Questions[0].ID = "-gv1" }, []string{"id.invalid /dimensions/1/questions/0/id"}},
		{"duplicate question", func(f *Framework) { f.Dimensions[1].Questions[1].ID = "sg2" }, []string{"framework.duplicate-id /dimensions/1/questions/1/id"}},
		{"question shares a dimension's id", func(f *Framework) { f.Dimensions[1].Questions[0].ID = "shared-goals" }, []string{"framework.duplicate-id /dimensions/1/questions/0/id"}},
		{"duplicate dimension", func(f *Framework) { f.Dimensions[1].ID = "shared-goals" }, []string{"framework.duplicate-id /dimensions/1/id"}},
		{"max equals min", func(f *Framework) { f.Scale.Max = 1; f.Scale.Labels = nil }, []string{"scale.invalid /scale/max"}},
		{"max below min", func(f *Framework) { f.Scale.Min, f.Scale.Max = 5, 1 }, []string{"scale.invalid /scale/max"}},
		{"huge scale", func(f *Framework) { f.Scale.Max = 2_000_000 }, []string{"scale.invalid /scale"}},
		{"too few labels", func(f *Framework) { f.Scale.Labels = f.Scale.Labels[:4] }, []string{"scale.labels /scale/labels"}},
		{"empty labels", func(f *Framework) { f.Scale.Labels = []string{} }, []string{"scale.labels /scale/labels"}},
		{"no labels is fine", func(f *Framework) { f.Scale.Labels = nil }, []string{}},
		{"scale 0 to 10 needs 11 labels", func(f *Framework) { f.Scale.Min, f.Scale.Max = 0, 10 }, []string{"scale.labels /scale/labels"}},
		{"no dimensions", func(f *Framework) { f.Dimensions = nil }, []string{"dimensions.missing /dimensions"}},
		{"no questions", func(f *Framework) { f.Dimensions[0].Questions = nil }, []string{"questions.missing /dimensions/0/questions"}},
		{"negative dimension weight", func(f *Framework) { f.Dimensions[1].Weight = -1 }, []string{"weight.invalid /dimensions/1/weight"}},
		{"NaN question weight", func(f *Framework) { f.Dimensions[0].Questions[0].Weight = nan() }, []string{"weight.invalid /dimensions/0/questions/0/weight"}},
		{"weight too large", func(f *Framework) { f.Dimensions[0].Questions[0].Weight = 1e7 }, []string{"weight.invalid /dimensions/0/questions/0/weight"}},
		{"largest weight", func(f *Framework) { f.Dimensions[0].Questions[0].Weight = MaxWeight }, []string{}},
		{"tiny weight", func(f *Framework) { f.Dimensions[0].Questions[0].Weight = 1e-9 }, []string{}},
		{"no bands", func(f *Framework) { f.Bands = nil }, []string{"bands.missing /bands"}},
		{"first band above 0", func(f *Framework) { f.Bands[0].Min = 10 }, []string{"bands.start /bands/0/min"}},
		{"bands out of order", func(f *Framework) { f.Bands[2].Min = 40 }, []string{"bands.order /bands/2/min"}},
		{"bands equal", func(f *Framework) { f.Bands[2].Min = 50 }, []string{"bands.order /bands/2/min"}},
		{"band above 100", func(f *Framework) { f.Bands[2].Min = 101 }, []string{"bands.range /bands/2/min"}},
		{"band below 0", func(f *Framework) { f.Bands[0].Min = -1 }, []string{"bands.range /bands/0/min"}},
		{"a single band", func(f *Framework) { f.Bands = f.Bands[:1] }, []string{}},
		{"no advice", func(f *Framework) { f.Dimensions[1].Advice = "" }, []string{"dimension.no-advice /dimensions/1/advice"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := miniGo()
			tt.change(f)
			fs := f.Check()
			assert.Equal(t, tt.want, codes(fs))
			for _, fd := range fs {
				assert.NotEmpty(t, fd.Message)
				assert.Regexp(t, `^[A-Z"].*\.$`, fd.Message, "a finding's message is a sentence")
			}
			_, err := f.Score(answers(nil))
			if finding.Valid(fs) {
				assert.NoError(t, err)
			} else {
				inv := requireInvalid(t, err)
				assert.Equal(t, schemas.Framework, inv.Document, "scoring with an invalid framework reports the framework")
			}
		})
	}
}

func nan() float64 {
	zero := 0.0
	return zero / zero
}

func TestRuleSeverities(t *testing.T) {
	f := miniGo()
	f.Dimensions[0].Advice = ""
	f.Bands[0].Min = 5
	fs := f.Check()
	require.Len(t, fs, 2)
	assert.Equal(t, finding.Info, fs[0].Severity, "missing advice is a suggestion")
	assert.Equal(t, finding.Error, fs[1].Severity)
}

// Every code the package can report is listed in Rules, once.
func TestRulesListEveryCode(t *testing.T) {
	listed := map[string]bool{}
	for _, r := range Rules() {
		assert.False(t, listed[r.Code], "%s is listed twice", r.Code)
		listed[r.Code] = true
		assert.NotEmpty(t, r.When)
	}
	files, err := filepath.Glob("*.go")
	require.NoError(t, err)
	used := regexp.MustCompile(`\.add\("([a-z.-]+)"`)
	n := 0
	for _, file := range files {
		if strings.HasSuffix(file, "_test.go") {
			continue
		}
		for _, m := range used.FindAllStringSubmatch(string(readFile(t, file)), -1) {
			n++
			assert.True(t, listed[m[1]], "%s: code %s is not in Rules", file, m[1])
		}
	}
	assert.Greater(t, n, 20)
}

func TestCheckFrameworkDocument(t *testing.T) {
	fs := CheckFramework(readFile(t, "testdata/framework-invalid.json"))
	assert.Equal(t, []string{
		"schema /dimensions/0/weight",
		"schema /dimensions/1/questions/0/weight",
		"scale.labels /scale/labels",
		"dimension.no-advice /dimensions/0/advice",
		"framework.duplicate-id /dimensions/0/questions/1/id",
		"framework.duplicate-id /dimensions/1/questions/0/id",
		"bands.start /bands/0/min",
		"bands.order /bands/2/min",
	}, codes(fs), "the rules do not repeat what the schema said about the weights")
	assert.Equal(t, "A weight is a number above 0, like 1 or 2.", fs[0].Message)
	assert.Equal(t, `The id "q2" is already used at dimensions[1].id: give each dimension and question its own id.`, fs[5].Message)
	assert.Equal(t, "The scale has 5 points (1 to 5) but 2 labels: give one label for each point, lowest first.", fs[2].Message)

	_, err := ParseFramework(readFile(t, "testdata/framework-invalid.json"))
	inv := requireInvalid(t, err)
	assert.Equal(t, fs, inv.Findings)
	assert.Equal(t, "evaluation: invalid framework: dimensions[0].weight: a weight is a number above 0, like 1 or 2 (and 6 more)", err.Error())
	assert.True(t, inv.Has("bands.order"))
	assert.False(t, inv.Has("bands.range"))
	assert.Nil(t, errors.Unwrap(err))
}

func TestCheckFrameworkSchemaAndRulesTogether(t *testing.T) {
	tests := []struct {
		name string
		doc  string
		want []string
	}{
		{"contract", string(readFile(t, dataDir+"framework-mini.json")), []string{}},
		{"not an object", `[]`, []string{"schema "}},
		{"no scale", `{"id":"f","title":"F","dimensions":[{"id":"d","title":"D","advice":"A.","questions":[{"id":"q","text":"Q"}]}],"bands":[{"min":0,"label":"B"}]}`,
			[]string{"schema /scale"}},
		{"scale backwards", `{"id":"f","title":"F","scale":{"min":5,"max":1},"dimensions":[{"id":"d","title":"D","advice":"A.","questions":[{"id":"q","text":"Q"}]}],"bands":[{"min":0,"label":"B"}]}`,
			[]string{"scale.invalid /scale/max"}},
		{"weight as text", `{"id":"f","title":"F","scale":{"min":1,"max":5},"dimensions":[{"id":"d","title":"D","advice":"A.","questions":[{"id":"q","text":"Q","weight":"2"}]}],"bands":[{"min":0,"label":"B"}]}`,
			[]string{"schema /dimensions/0/questions/0/weight"}},
		{"huge scale", `{"id":"f","title":"F","scale":{"min":1,"max":1e30},"dimensions":[{"id":"d","title":"D","advice":"A.","questions":[{"id":"q","text":"Q"}]}],"bands":[{"min":0,"label":"B"}]}`,
			[]string{"scale.invalid /scale"}},
		{"huge weight", `{"id":"f","title":"F","scale":{"min":1,"max":5},"dimensions":[{"id":"d","title":"D","advice":"A.","questions":[{"id":"q","text":"Q","weight":1e400}]}],"bands":[{"min":0,"label":"B"}]}`,
			[]string{"weight.invalid /dimensions/0/questions/0/weight"}},
		{"empty questions", `{"id":"f","title":"F","scale":{"min":1,"max":5},"dimensions":[{"id":"d","title":"D","advice":"A.","questions":[]}],"bands":[{"min":0,"label":"B"}]}`,
			[]string{"schema /dimensions/0/questions"}},
		{"duplicate ids across dimensions", `{"id":"f","title":"F","scale":{"min":1,"max":5},"dimensions":[{"id":"d","title":"D","advice":"A.","questions":[{"id":"q","text":"Q"}]},{"id":"e","title":"E","advice":"A.","questions":[{"id":"q","text":"Q"}]}],"bands":[{"min":0,"label":"B"}]}`,
			[]string{"framework.duplicate-id /dimensions/1/questions/0/id"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, codes(CheckFramework([]byte(tt.doc))))
		})
	}
}

func TestParseFrameworkSyntaxError(t *testing.T) {
	_, err := ParseFramework([]byte("{\n  \"id\": \"f\",\n  \"title\" \"F\"\n}"))
	inv := requireInvalid(t, err)
	require.Len(t, inv.Findings, 1)
	assert.Equal(t, schemas.CodeSyntax, inv.Findings[0].Code)
	assert.Contains(t, inv.Findings[0].Message, "line 3, column 11")
	var se *schemas.SyntaxError
	require.ErrorAs(t, err, &se, "the syntax error is wrapped")
	assert.Equal(t, 3, se.Line)
	assert.Equal(t, 11, se.Column)
	assert.Equal(t, CheckFramework([]byte("{\n  \"id\": \"f\",\n  \"title\" \"F\"\n}")), inv.Findings)
}

func TestMustParseFramework(t *testing.T) {
	assert.Equal(t, "mini-health-check", MustParseFramework(readFile(t, dataDir+"framework-mini.json")).ID)
	assert.Panics(t, func() { MustParseFramework([]byte(`{}`)) })
}

func TestBuiltins(t *testing.T) {
	assert.Equal(t, []string{HealthCheck, PeerReviewReadiness}, BuiltinIDs())
	all := Builtins()
	require.Len(t, all, 2)
	for _, f := range all {
		t.Run(f.ID, func(t *testing.T) {
			// The embedded file passes the schema and every rule, with not
			// even a suggestion.
			data := readFile(t, "frameworks/"+f.ID+".json")
			assert.Empty(t, CheckFramework(data))
			parsed, err := ParseFramework(data)
			require.NoError(t, err)
			assert.Equal(t, parsed.Dimensions, f.Dimensions)
			assert.Equal(t, map[string]string{HealthCheck: "2.0.0", PeerReviewReadiness: "1.0.0"}[f.ID], f.Version)
			assert.NotEmpty(t, f.Description)

			reverse := 0
			for _, d := range f.Dimensions {
				assert.NotEmpty(t, d.Advice, d.ID)
				assert.NotEmpty(t, d.Description, d.ID)
				assert.GreaterOrEqual(t, len(d.Questions), 4, d.ID)
				assert.LessOrEqual(t, len(d.Questions), 7, d.ID)
				for _, q := range d.Questions {
					if q.Reverse {
						reverse++
					}
					assert.NotContains(t, q.Text, "  ")
					assert.True(t, strings.HasSuffix(q.Text, "."), q.ID)
				}
			}
			assert.GreaterOrEqual(t, reverse, 4, "some questions are reverse-coded")
			assert.Equal(t, f.Scale.Points(), len(f.Scale.Labels))
			for _, b := range f.Bands {
				assert.NotEmpty(t, b.Advice)
			}
			// American spellings have no place in the text.
			for _, us := range []string{"organiz", "color", "behavior", "center", "program ", "judgment", "analyze", "prioritiz"} {
				assert.NotContains(t, strings.ToLower(string(data)), us)
			}
		})
	}

	hc, ok := Builtin(HealthCheck)
	require.True(t, ok)
	var ids []string
	for _, d := range hc.Dimensions {
		ids = append(ids, d.ID)
	}
	assert.Equal(t, []string{"shared-goals", "mutual-benefit", "strengths", "communication", "governance", "resourcing", "impact", "inclusion"}, ids)
	assert.Equal(t, Scale{Min: 1, Max: 5, AllowNotApplicable: true,
		Labels: []string{"Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree"}}, hc.Scale)

	pr, ok := Builtin(PeerReviewReadiness)
	require.True(t, ok)
	phases := map[partnership.Stage]int{}
	for _, d := range pr.Dimensions {
		phases[d.Phase]++
	}
	assert.Equal(t, map[partnership.Stage]int{partnership.StageBuild: 2, partnership.StageEmbed: 2, partnership.StageSustain: 2}, phases)

	_, ok = Builtin("no-such-framework")
	assert.False(t, ok)
}

func TestBuiltinReturnsACopy(t *testing.T) {
	f, _ := Builtin(HealthCheck)
	f.Dimensions[0].Questions[0].Text = "changed"
	f.Scale.Labels[0] = "changed"
	f.Bands[0].Label = "changed"
	g, _ := Builtin(HealthCheck)
	assert.NotEqual(t, "changed", g.Dimensions[0].Questions[0].Text)
	assert.NotEqual(t, "changed", g.Scale.Labels[0])
	assert.NotEqual(t, "changed", g.Bands[0].Label)
}

func TestFrameworkDimension(t *testing.T) {
	f := mini(t)
	d, ok := f.Dimension("governance")
	require.True(t, ok)
	assert.Equal(t, "Governance and sustainability", d.Title)
	_, ok = f.Dimension("nope")
	assert.False(t, ok)
	b, ok := f.Band(74.9)
	require.True(t, ok)
	assert.Equal(t, "Borderline", b.Label)
	_, ok = (&Framework{}).Band(10)
	assert.False(t, ok)
}

// The schema files the package relies on are unchanged in what matters:
// the framework schema allows a phase on a dimension.
func TestSchemaAllowsPhase(t *testing.T) {
	_, err := os.Stat("../schemas/framework.json")
	require.NoError(t, err)
	assert.Contains(t, string(schemas.MustLookup(schemas.Framework).Bytes()), `"phase"`)
}

// A number with a huge exponent is reported (schemas.MaxExponent), not
// read as infinity or 0, and never a panic.
func TestUnreadableNumbers(t *testing.T) {
	doc := `{"id":"f","title":"F","scale":{"min":1,"max":5},"dimensions":[{"id":"d","title":"D","advice":"A.","weight":1e655555555555555555,"questions":[{"id":"q","text":"Q"}]}],"bands":[{"min":0,"label":"B"}]}`
	_, err := ParseFramework([]byte(doc))
	inv := requireInvalid(t, err)
	assert.Equal(t, []string{"number.not-finite /dimensions/0/weight"}, codes(inv.Findings))
	_, err = ParseAssessment([]byte(`{"framework":"f","answers":{"q":1e999999999999999999}}`))
	assert.Equal(t, []string{"number.not-finite /answers/q"}, codes(requireInvalid(t, err).Findings))
	_, err = ParseStudy([]byte(`{"intervention":{"mean":1e999999999999999999,"sd":1,"n":2},"comparison":{"mean":1,"sd":1,"n":2}}`))
	assert.Equal(t, []string{"number.not-finite /intervention/mean"}, codes(requireInvalid(t, err).Findings))
	_, err = ParseStudy([]byte(`{"intervention":{"mean":1e-999999999999999999,"sd":1,"n":2},"comparison":{"mean":1,"sd":1,"n":2}}`))
	assert.Equal(t, []string{"number.not-finite /intervention/mean"}, codes(requireInvalid(t, err).Findings), "too small to tell from 0: reported, not rounded")
}

// Version 2.0.0 of the health check: one idea per statement, statements
// rated by degree, objectives and impact kept apart, and the areas the
// sources stress that version 1.0.0 missed. Statements that kept their
// meaning kept their ids; the others have new ids.
func TestHealthCheckVersion2(t *testing.T) {
	f, ok := Builtin(HealthCheck)
	require.True(t, ok)
	assert.Equal(t, "2.0.0", f.Version)
	texts := map[string]string{}
	dimOf := map[string]string{}
	for _, d := range f.Dimensions {
		for _, q := range d.Questions {
			texts[q.ID] = q.Text
			dimOf[q.ID] = d.ID
		}
	}
	for _, id := range strings.Fields("sg1 sg3 sg4 sg5 mb1 mb2 mb3 mb4 mb5 ls1 ls2 ls3 ls4 ct1 ct2 ct3 ct4 gs2 gs3 rs2 rs3 rs4 im3 im4 im5") {
		assert.Contains(t, texts, id, "a statement that kept its meaning keeps its id")
	}
	for _, id := range strings.Fields("sg2 ct5 gs1 gs4 gs5 rs1 im1 im2 im6") {
		assert.NotContains(t, texts, id, "a statement whose meaning changed is retired")
	}
	for id, text := range texts {
		assert.NotContains(t, text, ", and ", "%s joins two statements in one", id)
		assert.False(t, strings.HasPrefix(text, "A ") || strings.HasPrefix(text, "We have "), "%s states a yes-or-no fact: %q", id, text)
	}
	// Objectives belong to shared goals, their measurement to impact.
	for id, text := range texts {
		if strings.Contains(text, "baseline") {
			assert.Equal(t, "impact", dimOf[id], id)
		}
	}
	var disadvantaged, sectors int
	for _, text := range texts {
		if strings.Contains(text, "disadvantaged pupils") {
			disadvantaged++
		}
		if strings.Contains(text, "sector") && strings.Contains(text, "phase") {
			sectors++
		}
	}
	assert.GreaterOrEqual(t, disadvantaged, 2)
	assert.GreaterOrEqual(t, sectors, 2)
	assert.Len(t, texts, 44)
}
