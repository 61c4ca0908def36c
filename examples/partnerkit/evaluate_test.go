package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/partnerkit/partnerkit/evaluation"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const (
	evalData      = "testdata/evaluate/"
	miniFramework = evalData + "mini-framework.json"
	lead          = evalData + "riverside-lead.json"     // the contract's assessment: 62.5, 25, overall 50
	governor      = evalData + "riverside-governor.json" // 100, 50, overall 250/3
	peer          = evalData + "st-aidans-peer.json"     // 31.25, 12.5, overall 25
)

// evalRun runs the command in-process and returns its exit status and output.
func evalRun(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(args, strings.NewReader(stdin), &out, &errOut)
	return code, out.String(), errOut.String()
}

// evalGolden compares output with a golden file; set
// PARTNERKIT_UPDATE_GOLDEN=1 to rewrite it.
func evalGolden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join(evalData, name+".golden")
	if os.Getenv("PARTNERKIT_UPDATE_GOLDEN") == "1" {
		require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "set PARTNERKIT_UPDATE_GOLDEN=1 to create %s", path)
	assert.Equal(t, string(want), got)
}

func TestEvaluateCommands(t *testing.T) {
	tests := []struct {
		name     string
		stdin    string
		args     []string
		code     int
		stdout   []string // parts of standard output
		stderr   []string // parts of standard error
		goldenAs string
	}{
		{name: "score one assessment", args: []string{"evaluate", "score", "--framework", miniFramework, lead}, code: 0,
			stdout: []string{"riverside-lead.json: Mini partnership health check", "Overall: 50 out of 100, Borderline.",
				"Shared goals                    62.5  Borderline", "Governance and sustainability     25  Concern",
				"Coverage: 100% of the questions that apply were answered.",
				"- Governance and sustainability: Share leadership"}},
		{name: "score several and combine", args: []string{"evaluate", "score", "--framework", miniFramework, lead, governor, peer}, code: 0,
			goldenAs: "score-several"},
		{name: "flags after the files", args: []string{"evaluate", "score", lead, "--framework", miniFramework}, code: 0,
			stdout: []string{"Overall: 50 out of 100"}},
		{name: "built-in framework by id", args: []string{"evaluate", "score", "--framework", "partnership-health-check", evalData + "health-check-lead.json"}, code: 0,
			stdout: []string{"Partnership health check", "Governance and sustainability     30  Needs attention", "Overall: 64.6 out of 100, Established."}},
		{name: "assessment from standard input", stdin: mustReadEval(t, lead), args: []string{"evaluate", "score", "--framework", miniFramework, "-"}, code: 0,
			stdout: []string{"<stdin>: Mini partnership health check", "Overall: 50 out of 100"}},
		{name: "framework from standard input", stdin: mustReadEval(t, miniFramework), args: []string{"evaluate", "score", "--framework", "-", lead}, code: 0,
			stdout: []string{"Overall: 50 out of 100"}},
		{name: "nothing answered", stdin: `{"framework": "mini-health-check", "answers": {}}`, args: []string{"evaluate", "score", "--framework", miniFramework, "-"}, code: 0,
			stdout: []string{"Overall: no score yet, as no question has been answered.", "not scored: no question answered", "That is under 60%, so read these scores with care."}},
		{name: "invalid assessment", args: []string{"evaluate", "score", "--framework", miniFramework, evalData + "invalid-assessment.json"}, code: 1,
			stderr: []string{
				"invalid-assessment.json: answers.sg2: The answer 7 is outside the scale: give a rating from 1 to 5. [answer.out-of-scale]",
				`invalid-assessment.json: answers.sg9: The framework "mini-health-check" has no question "sg9"`}},
		{name: "malformed assessment gives line and column", args: []string{"evaluate", "score", "--framework", miniFramework, evalData + "malformed.json"}, code: 1,
			stderr: []string{"malformed.json: The document is not valid JSON at line 3, column 24", "[syntax]"}},
		{name: "an assessment of another framework", args: []string{"evaluate", "score", "--framework", miniFramework, evalData + "health-check-lead.json"}, code: 1,
			stderr: []string{`health-check-lead.json: framework: This assessment answers the framework "partnership-health-check", not "mini-health-check"`, "[framework.mismatch]"}},
		{name: "valid and invalid together", args: []string{"evaluate", "score", "--framework", miniFramework, lead, evalData + "malformed.json"}, code: 1,
			stdout: []string{"Overall: 50 out of 100", "Combined: 1 respondent"}, stderr: []string{"malformed.json"}},
		{name: "invalid framework file", args: []string{"evaluate", "score", "--framework", evalData + "framework-invalid.json", lead}, code: 1,
			stderr: []string{"framework-invalid.json: bands[2].min: List the bands in ascending order", "framework-invalid.json: scale.labels:"}},
		{name: "malformed framework file", stdin: "{\n  \"id\": \"x\",,\n}", args: []string{"evaluate", "score", "--framework", "-", lead}, code: 1,
			stderr: []string{"<stdin>: The document is not valid JSON at line 2"}},
		{name: "unknown framework", args: []string{"evaluate", "score", "--framework", "no-such-check", lead}, code: 2,
			stderr: []string{"no-such-check is neither a file nor a built-in framework (the built-ins are partnership-health-check, peer-review-readiness)"}},
		{name: "no framework", args: []string{"evaluate", "score", lead}, code: 2, stderr: []string{"name the framework with --framework"}},
		{name: "no assessment", args: []string{"evaluate", "score", "--framework", miniFramework}, code: 2, stderr: []string{"name at least one ASSESSMENT"}},
		{name: "missing assessment file", args: []string{"evaluate", "score", "--framework", miniFramework, lead, "nope.json"}, code: 2,
			stdout: []string{"Overall: 50 out of 100"}, stderr: []string{"partnerkit: evaluate score: open nope.json: no such file or directory"}},
		{name: "standard input twice", stdin: "{}", args: []string{"evaluate", "score", "--framework", miniFramework, "-", "-"}, code: 2,
			stderr: []string{"standard input (-) can be read only once"}},
		{name: "bad flag", args: []string{"evaluate", "score", "--jsn", lead}, code: 2, stderr: []string{"flag provided but not defined: -jsn"}},
		{name: "score help", args: []string{"evaluate", "score", "--help"}, code: 0, stdout: []string{"partnerkit evaluate score --framework FILE|ID", "-framework FILE", "Exit status"}},

		{name: "progress", args: []string{"evaluate", "progress", evalData + "indicators.json"}, code: 0, stdout: []string{
			"indicators.json, as of 2027-01-31:",
			"ks2-science  on track    46% of the way, with 48% of the time gone",
			"absence      off track   25% of the way, with 52% of the time gone (as of 2027-02-14)",
			"mentors      met        120% of the way",
			"clubs        at risk",
			"1 met, 1 on track, 1 at risk, 1 off track."}},
		{name: "progress from standard input", stdin: mustReadEval(t, evalData+"indicators.json"), args: []string{"evaluate", "progress", "-"}, code: 0,
			stdout: []string{"<stdin>, as of 2027-01-31:"}},
		{name: "invalid indicators", args: []string{"evaluate", "progress", evalData + "indicators-invalid.json"}, code: 1, stderr: []string{
			"indicators-invalid.json: indicators[0].target: The target equals the baseline (50), so progress cannot be measured",
			"indicators-invalid.json: indicators[1].deadline: The deadline (2026-09-01) must be after the start (2027-07-16). [indicator.dates]",
			"indicators-invalid.json: indicators[2].start: 01/09/2026 looks like a day-month-year date"}},
		{name: "malformed indicators", stdin: `{"indicators": [}`, args: []string{"evaluate", "progress", "-"}, code: 1, stderr: []string{"<stdin>: The document is not valid JSON at line 1, column 17"}},
		{name: "progress needs one file", args: []string{"evaluate", "progress"}, code: 2, stderr: []string{"name one FILE"}},
		{name: "progress takes one file", args: []string{"evaluate", "progress", "a.json", "b.json"}, code: 2, stderr: []string{"name one FILE"}},
		{name: "progress of a missing file", args: []string{"evaluate", "progress", "nope.json"}, code: 2, stderr: []string{"open nope.json"}},
		{name: "progress help", args: []string{"evaluate", "progress", "--help"}, code: 0, stdout: []string{"partnerkit evaluate progress [--json] [OPTIONS] FILE"}},

		{name: "effect", args: []string{"evaluate", "effect", evalData + "effect.json"}, code: 0, stdout: []string{
			"effect.json: Year 6 science test score",
			"Hedges' g = 0.27 (95% confidence interval -0.03 to 0.57)",
			"About 4 months of additional progress",
			"The interval includes 0"}},
		{name: "negative effect", stdin: `{"intervention": {"mean": 95, "sd": 10, "n": 200}, "comparison": {"mean": 100, "sd": 10, "n": 200}}`,
			args: []string{"evaluate", "effect", "-"}, code: 0, stdout: []string{"Hedges' g = -0.50", "About 6 months less progress than the comparison group"}},
		{name: "invalid effect", args: []string{"evaluate", "effect", evalData + "effect-invalid.json"}, code: 1, stderr: []string{
			"effect-invalid.json: intervention.n: A group has a whole number of at least 2 pupils. [schema]",
			"effect-invalid.json: comparison.sd:"}},
		{name: "malformed effect", stdin: "{\"intervention\": }", args: []string{"evaluate", "effect", "-"}, code: 1, stderr: []string{"line 1, column 18"}},
		{name: "effect help", args: []string{"evaluate", "effect", "--help"}, code: 0, stdout: []string{"Hedges' g"}},

		{name: "evaluate help", args: []string{"evaluate", "--help"}, code: 0, stdout: []string{"partnerkit evaluate progress [--json] [OPTIONS] FILE"}},
		{name: "evaluate alone", args: []string{"evaluate"}, code: 2, stderr: []string{"Usage:"}},
		{name: "unknown evaluate command", args: []string{"evaluate", "grade"}, code: 2, stderr: []string{`unknown command "grade"`}},

		{name: "framework list", args: []string{"framework", "list"}, code: 0, stdout: []string{
			"partnership-health-check  Partnership health check (8 dimensions, 44 questions)",
			"peer-review-readiness     Peer review readiness (6 dimensions, 25 questions)"}},
		{name: "framework list takes no arguments", args: []string{"framework", "list", "x"}, code: 2, stderr: []string{"takes no arguments"}},
		{name: "framework show unknown", args: []string{"framework", "show", "nope"}, code: 2, stderr: []string{`there is no built-in framework "nope"`}},
		{name: "framework show needs an id", args: []string{"framework", "show"}, code: 2, stderr: []string{"name one framework ID"}},
		{name: "framework help", args: []string{"framework", "--help"}, code: 0, stdout: []string{"partnerkit framework show ID"}},
		{name: "framework list help", args: []string{"framework", "list", "--help"}, code: 0, stdout: []string{"Lists the built-in frameworks."}},
		{name: "framework show help", args: []string{"framework", "show", "--help"}, code: 0, stdout: []string{"ready to copy and adapt"}},
		{name: "framework alone", args: []string{"framework"}, code: 2, stderr: []string{"Usage:"}},
		{name: "unknown framework command", args: []string{"framework", "edit"}, code: 2, stderr: []string{`unknown command "edit"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := evalRun(t, tt.stdin, tt.args...)
			assert.Equal(t, tt.code, code, "exit status; stderr: %s", stderr)
			for _, s := range tt.stdout {
				assert.Contains(t, stdout, s)
			}
			for _, s := range tt.stderr {
				assert.Contains(t, stderr, s)
			}
			if len(tt.stderr) == 0 && !strings.HasSuffix(tt.name, "help") {
				assert.Empty(t, stderr)
			}
			if tt.goldenAs != "" {
				evalGolden(t, tt.goldenAs, stdout)
			}
		})
	}
}

func mustReadEval(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	require.NoError(t, err)
	return string(b)
}

// Assessments of two partnerships are not combined, and the message says
// why in words, without Go's error chain.
func TestEvaluateScoreMismatch(t *testing.T) {
	self := "../../internal/apitest/data/assessment-self.json"
	data, err := os.ReadFile("../../internal/apitest/data/assessment-peer.json")
	require.NoError(t, err)
	other := filepath.Join(t.TempDir(), "other.json")
	require.NoError(t, os.WriteFile(other, bytes.Replace(data, []byte("3f0e8f5e-4a8b-4b8e-9a59-2f1f7c1d9a10"), []byte("11111111-2222-4333-8444-555555555555"), 1), 0o644))
	code, _, stderr := evalRun(t, "", "evaluate", "score", "--framework", "../../internal/apitest/data/framework-mini.json", self, other)
	assert.Equal(t, exitUsage, code)
	assert.Equal(t, "partnerkit: evaluate score: "+other+" is of partnership 11111111-2222-4333-8444-555555555555, but the files before it are of 3f0e8f5e-4a8b-4b8e-9a59-2f1f7c1d9a10: only assessments of one partnership, made with one version of the framework, can be combined\n", stderr)
	assert.NotContains(t, stderr, "evaluation:")
}

// One assessment's --json has the shape of several: {"results": [the
// contract's score object, with its file]}, and no combination, as the API
// answers.
func TestEvaluateScoreJSON(t *testing.T) {
	code, stdout, stderr := evalRun(t, "", "evaluate", "score", "--json", "--framework", miniFramework, lead)
	require.Equal(t, 0, code, stderr)
	want, err := os.ReadFile("../data/score-mini.expected.json")
	require.NoError(t, err)
	var got struct {
		Results  []map[string]any `json:"results"`
		Combined *json.RawMessage `json:"combined"`
	}
	var exp map[string]any
	require.NoError(t, json.Unmarshal([]byte(stdout), &got))
	require.NoError(t, json.Unmarshal(want, &exp))
	require.Len(t, exp, 6)
	require.Len(t, got.Results, 1)
	assert.Equal(t, lead, got.Results[0]["file"])
	assertSubset(t, "results/0", exp, got.Results[0])
	assert.Nil(t, got.Combined, "no combination of one assessment")
	assert.NotContains(t, stdout, `"combined"`)
}

// assertSubset checks that got has every member want has, with the same
// value; objects in got may have more members.
func assertSubset(t *testing.T, path string, want, got any) {
	t.Helper()
	switch w := want.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if assert.True(t, ok, "%s: want an object, got %v", path, got) {
			for k, v := range w {
				assertSubset(t, path+"."+k, v, g[k])
			}
		}
	case []any:
		g, ok := got.([]any)
		if assert.True(t, ok, "%s: want a list, got %v", path, got) && assert.Len(t, g, len(w), path) {
			for i := range w {
				assertSubset(t, path, w[i], g[i])
			}
		}
	case float64:
		assert.InDelta(t, w, got, 0.01, path)
	default:
		assert.Equal(t, want, got, path)
	}
}

// Several assessments' --json has each result and the combination.
func TestEvaluateScoreSeveralJSON(t *testing.T) {
	code, stdout, stderr := evalRun(t, "", "evaluate", "score", "--json", "--framework", miniFramework, lead, governor, peer)
	require.Equal(t, 0, code, stderr)
	var out struct {
		Results []struct {
			File    string   `json:"file"`
			Overall *float64 `json:"overall"`
			Band    string   `json:"band"`
		} `json:"results"`
		Combined struct {
			Respondents int `json:"respondents"`
			Dimensions  []struct {
				ID     string  `json:"id"`
				Mean   float64 `json:"mean"`
				Spread float64 `json:"spread"`
				Self   float64 `json:"self"`
				Peer   float64 `json:"peer"`
			} `json:"dimensions"`
			Partners []evaluation.PartnerMean `json:"partners"`
			Flags    []evaluation.Flag        `json:"flags"`
		} `json:"combined"`
	}
	require.NoError(t, json.Unmarshal([]byte(stdout), &out))
	require.Len(t, out.Results, 3)
	assert.Equal(t, lead, out.Results[0].File)
	assert.InDelta(t, 50, *out.Results[0].Overall, 1e-9)
	assert.InDelta(t, 250.0/3, *out.Results[1].Overall, 1e-9) // (2×100 + 50) / 3
	assert.InDelta(t, 25, *out.Results[2].Overall, 1e-9)      // (2×31.25 + 12.5) / 3
	assert.Equal(t, "Concern", out.Results[2].Band)

	c := out.Combined
	assert.Equal(t, 3, c.Respondents)
	require.Len(t, c.Dimensions, 2)
	sg, gv := c.Dimensions[0], c.Dimensions[1]
	assert.Equal(t, "shared-goals", sg.ID)
	assert.InDelta(t, (62.5+100+31.25)/3, sg.Mean, 1e-9)
	assert.InDelta(t, 100-31.25, sg.Spread, 1e-9)
	assert.InDelta(t, (62.5+100)/2, sg.Self, 1e-9)
	assert.InDelta(t, 31.25, sg.Peer, 1e-9)
	assert.InDelta(t, (25+50+12.5)/3, gv.Mean, 1e-9)
	assert.InDelta(t, 37.5, gv.Spread, 1e-9)
	require.Len(t, c.Partners, 2)
	assert.InDelta(t, (50+250.0/3)/2, c.Partners[0].Overall, 1e-9)
	assert.Equal(t, []evaluation.Flag{
		{Code: "respondents.disagree", Dimension: "shared-goals"},
		{Code: "respondents.disagree", Dimension: "governance"},
		{Code: "partners.imbalance", Partners: []string{"st-aidans", "riverside-primary"}},
		{Code: "review.gap", Dimension: "shared-goals"},
		{Code: "review.gap", Dimension: "governance"},
	}, c.Flags)
}

func TestEvaluateProgressJSON(t *testing.T) {
	code, stdout, stderr := evalRun(t, "", "evaluate", "progress", "--json", evalData+"indicators.json")
	require.Equal(t, 0, code, stderr)
	var out struct {
		Indicators []struct {
			ID       string  `json:"id"`
			AsOf     string  `json:"asOf"`
			Progress float64 `json:"progress"`
			Expected float64 `json:"expected"`
			Status   string  `json:"status"`
		} `json:"indicators"`
	}
	require.NoError(t, json.Unmarshal([]byte(stdout), &out))
	require.Len(t, out.Indicators, 4)
	first := out.Indicators[0]
	assert.Equal(t, "ks2-science", first.ID)
	assert.InDelta(t, 6.0/13, first.Progress, 1e-9)    // (68 - 62) / (75 - 62)
	assert.InDelta(t, 152.0/318, first.Expected, 1e-9) // 152 of 318 days
	assert.Equal(t, "on-track", first.Status)
	var statuses []string
	for _, p := range out.Indicators {
		statuses = append(statuses, p.Status)
	}
	assert.Equal(t, []string{"on-track", "off-track", "met", "at-risk"}, statuses)
	assert.Equal(t, "2027-02-14", out.Indicators[1].AsOf)
}

func TestEvaluateEffectJSON(t *testing.T) {
	code, stdout, stderr := evalRun(t, "", "evaluate", "effect", evalData+"effect.json", "--json")
	require.Equal(t, 0, code, stderr)
	var e struct {
		G, CILow, CIHigh float64
		Months           int
	}
	require.NoError(t, json.Unmarshal([]byte(stdout), &e))
	assert.InDelta(t, 0.27109, e.G, 1e-5)
	assert.InDelta(t, -0.02502, e.CILow, 1e-5)
	assert.InDelta(t, 0.56720, e.CIHigh, 1e-5)
	assert.Equal(t, 4, e.Months)
	assert.Contains(t, stdout, `"ciLow"`)
}

func TestFrameworkListJSON(t *testing.T) {
	code, stdout, _ := evalRun(t, "", "framework", "list", "--json")
	require.Equal(t, 0, code)
	var list []struct {
		ID         string `json:"id"`
		Dimensions int    `json:"dimensions"`
		Questions  int    `json:"questions"`
	}
	require.NoError(t, json.Unmarshal([]byte(stdout), &list))
	require.Len(t, list, 2)
	assert.Equal(t, "partnership-health-check", list[0].ID)
	assert.Equal(t, 8, list[0].Dimensions)
	assert.Equal(t, "peer-review-readiness", list[1].ID)
}

// framework show prints a framework that parses back to the built-in, and
// that scores as the built-in does.
func TestFrameworkShow(t *testing.T) {
	for _, id := range evaluation.BuiltinIDs() {
		code, stdout, stderr := evalRun(t, "", "framework", "show", id)
		require.Equal(t, 0, code, stderr)
		f, err := evaluation.ParseFramework([]byte(stdout))
		require.NoError(t, err)
		builtin, _ := evaluation.Builtin(id)
		assert.Equal(t, builtin.Dimensions, f.Dimensions)
		assert.Equal(t, builtin.Bands, f.Bands)
	}
	dir := t.TempDir()
	_, stdout, _ := evalRun(t, "", "framework", "show", "partnership-health-check")
	file := filepath.Join(dir, "hc.json")
	require.NoError(t, os.WriteFile(file, []byte(stdout), 0o644))
	code, out, stderr := evalRun(t, "", "evaluate", "score", "--framework", file, evalData+"health-check-lead.json")
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, out, "Overall: 64.6 out of 100, Established.")
}
