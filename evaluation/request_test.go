package evaluation

import (
	"errors"
	"strings"
	"testing"

	"github.com/partnerkit/partnerkit/schemas"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func decoded(t *testing.T, s string) any {
	t.Helper()
	doc, err := schemas.Decode([]byte(s))
	require.NoError(t, err)
	return doc
}

func TestScoreRequest(t *testing.T) {
	fw := string(readFile(t, dataDir+"framework-mini.json"))
	a := string(readFile(t, dataDir+"assessment-mini.json"))
	other := strings.Replace(a, "3f0e8f5e-4a8b-4b8e-9a59-2f1f7c1d9a10", "11111111-2222-4333-8444-555555555555", 1)
	tests := []struct {
		name     string
		body     string
		document string   // the InvalidError's Document, or "" for success
		findings []string // "code path" of each finding, in order
		results  int
		combined bool
	}{
		{name: "one", body: `{"framework": ` + fw + `, "assessments": [` + a + `]}`, results: 1},
		{name: "two combine", body: `{"framework": ` + fw + `, "assessments": [` + a + `, ` + a + `]}`, results: 2, combined: true},
		{name: "not an object", body: `[]`, document: schemas.ScoreRequest, findings: []string{"schema "}},
		{name: "no members", body: `{}`, document: schemas.ScoreRequest, findings: []string{"schema /assessments", "schema /framework"}},
		{name: "unknown member", body: `{"framework": "partnership-health-check", "assessments": [{}], "extra": 1}`, document: schemas.ScoreRequest, findings: []string{"schema /extra"}},
		{name: "framework a number", body: `{"framework": 3, "assessments": [{}]}`, document: schemas.ScoreRequest, findings: []string{"schema /framework"}},
		{name: "unknown built-in", body: `{"framework": "nope", "assessments": [{}]}`, document: schemas.ScoreRequest, findings: []string{"framework.unknown /framework"}},
		{name: "no assessments", body: `{"framework": "partnership-health-check", "assessments": []}`, document: schemas.ScoreRequest, findings: []string{"schema /assessments"}},
		{name: "assessment not an object", body: `{"framework": ` + fw + `, "assessments": [1]}`, document: schemas.Assessment, findings: []string{"schema /assessments/0"}},
		{name: "answer off the scale", body: `{"framework": ` + fw + `, "assessments": [` + a + `, ` + strings.Replace(a, `"sg2": 3`, `"sg2": 9`, 1) + `]}`,
			document: schemas.Assessment, findings: []string{"answer.out-of-scale /assessments/1/answers/sg2"}},
		{name: "two partnerships", body: `{"framework": ` + fw + `, "assessments": [` + a + `, ` + other + `]}`, document: schemas.ScoreRequest, findings: []string{"assessments.mismatch /assessments/1/partnership"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := ScoreRequest(decoded(t, tt.body))
			if tt.document == "" {
				require.NoError(t, err)
				assert.Len(t, res.Results, tt.results)
				assert.Equal(t, tt.combined, res.Combined != nil)
				return
			}
			var inv *InvalidError
			require.True(t, errors.As(err, &inv), "%v", err)
			assert.Equal(t, tt.document, inv.Document)
			var got []string
			for _, f := range inv.Findings {
				got = append(got, f.Code+" "+f.Path)
				assert.NotEmpty(t, f.Message)
				assert.NotContains(t, f.Message, "evaluation:")
			}
			if tt.name == "two partnerships" {
				assert.ErrorIs(t, err, ErrMismatch)
				assert.Equal(t, "Assessment 2 is of partnership 11111111-2222-4333-8444-555555555555, but the ones before it are of 3f0e8f5e-4a8b-4b8e-9a59-2f1f7c1d9a10: only assessments of one partnership, made with one version of the framework, can be combined.", inv.Findings[0].Message)
			}
			assert.Equal(t, tt.findings, got)
		})
	}
}

func TestScorer(t *testing.T) {
	f := mini(t)
	sc := NewScorer(f)
	assert.Nil(t, sc.Combined(), "nothing added")
	a, err := ParseAssessment(readFile(t, dataDir+"assessment-mini.json"))
	require.NoError(t, err)
	for range 3 {
		s, err := sc.Add(a)
		require.NoError(t, err)
		assertNumber(t, 50.0, s.Overall, "overall")
	}
	require.NotNil(t, sc.Combined())
	assert.Equal(t, 3, sc.Combined().Respondents)

	b := *a
	b.Partnership[0] ^= 0xff
	_, err = sc.Add(&b)
	var m *MismatchError
	require.ErrorAs(t, err, &m)
	assert.Equal(t, 3, m.Index)
	assert.Equal(t, b.Partnership, m.Partnership)
	assert.Equal(t, a.Partnership, m.Before)
	assert.Equal(t, 3, sc.Combined().Respondents, "a mismatch adds nothing")

	bad := *a
	bad.Answers = map[string]Answer{"sg2": Rating(9)}
	_, err = sc.Add(&bad)
	var inv *InvalidError
	require.ErrorAs(t, err, &inv)
	assert.True(t, inv.Has("answer.out-of-scale"))
}
