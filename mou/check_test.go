package mou

import (
	"encoding/json"
	"math/big"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/partnerkit/partnerkit/finding"
	"github.com/partnerkit/partnerkit/internal/corpus"
	"github.com/partnerkit/partnerkit/internal/pointer"
	"github.com/partnerkit/partnerkit/partnership"
	"github.com/partnerkit/partnerkit/schemas"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// edit changes a decoded copy of the contract MOU.
type edit func(t *testing.T, doc map[string]any)

// set puts value at a JSON Pointer, creating the last member.
func set(path string, value any) edit {
	return func(t *testing.T, doc map[string]any) {
		t.Helper()
		parent, last := locate(t, doc, path)
		switch p := parent.(type) {
		case map[string]any:
			p[last] = value
		case []any:
			i, err := strconv.Atoi(last)
			require.NoError(t, err)
			p[i] = value
		}
	}
}

// del removes the member or element at a JSON Pointer.
func del(path string) edit {
	return func(t *testing.T, doc map[string]any) {
		t.Helper()
		parent, last := locate(t, doc, path)
		switch p := parent.(type) {
		case map[string]any:
			delete(p, last)
		case []any:
			i, err := strconv.Atoi(last)
			require.NoError(t, err)
			grand, gl := locate(t, doc, path[:strings.LastIndex(path, "/")])
			shrunk := append(p[:i:i], p[i+1:]...)
			switch g := grand.(type) {
			case map[string]any:
				g[gl] = shrunk
			case []any:
				n, _ := strconv.Atoi(gl)
				g[n] = shrunk
			}
		}
	}
}

// add appends value to the array at a JSON Pointer.
func add(path string, value any) edit {
	return func(t *testing.T, doc map[string]any) {
		t.Helper()
		parent, last := locate(t, doc, path)
		p := parent.(map[string]any)
		p[last] = append(p[last].([]any), value)
	}
}

func edits(es ...edit) edit {
	return func(t *testing.T, doc map[string]any) {
		t.Helper()
		for _, e := range es {
			e(t, doc)
		}
	}
}

func locate(t *testing.T, doc map[string]any, path string) (any, string) {
	t.Helper()
	tokens := pointer.Tokens(path)
	require.NotEmpty(t, tokens)
	var cur any = doc
	for _, tok := range tokens[:len(tokens)-1] {
		switch c := cur.(type) {
		case map[string]any:
			cur = c[tok]
		case []any:
			i, err := strconv.Atoi(tok)
			require.NoError(t, err)
			cur = c[i]
		}
		require.NotNil(t, cur, "no value at %s in %s", tok, path)
	}
	return cur, tokens[len(tokens)-1]
}

func contractDoc(t *testing.T) map[string]any {
	t.Helper()
	data, err := os.ReadFile(contractMOU)
	require.NoError(t, err)
	doc, err := schemas.Decode(data)
	require.NoError(t, err)
	return doc.(map[string]any)
}

func obj(s string) any {
	v, err := schemas.Decode([]byte(s))
	if err != nil {
		panic(err)
	}
	return v
}

func TestContractMOUChecksClean(t *testing.T) {
	for _, file := range []string{planMOU, tocMOU} {
		data, err := os.ReadFile(file)
		require.NoError(t, err)
		r := Check(data)
		assert.True(t, r.Valid, file)
		assert.Empty(t, r.Findings, file)
	}

	// Without the plan, the contract's MOU is valid and gets the plan's warnings.
	data, err := os.ReadFile(contractMOU)
	require.NoError(t, err)
	r := Check(data)
	assert.True(t, r.Valid)
	assert.Equal(t, []string{
		"evaluation-plan.no-rationale /monitoring",
		"evaluation-plan.no-resources /monitoring",
		"evaluation-plan.no-collection /monitoring/evidence/0",
		"evaluation-plan.no-collection /monitoring/evidence/1",
		"evaluation-plan.no-collection /monitoring/evidence/2",
		"evaluation-plan.no-collection /monitoring/evidence/3",
		"evaluation-plan.no-tools /monitoring",
		"evaluation-plan.no-ethics /monitoring",
		"data-protection.no-security /monitoring/dataProtection",
	}, codesAndPaths(r))
}

func codesAndPaths(r *Report) []string {
	out := make([]string, len(r.Findings))
	for i, f := range r.Findings {
		out[i] = f.Code + " " + f.Path
	}
	return out
}

// plan gives the contract MOU the full evaluation plan of mou-evaluation-plan.json.
func plan(t *testing.T, doc map[string]any) { monitoringOf(t, doc, planMOU) }

// theory gives the contract MOU the evaluation plan and the Theory of
// Change of mou-theory-of-change.json.
func theory(t *testing.T, doc map[string]any) { monitoringOf(t, doc, tocMOU) }

func monitoringOf(t *testing.T, doc map[string]any, file string) {
	t.Helper()
	data, err := os.ReadFile(file)
	require.NoError(t, err)
	full, err := schemas.Decode(data)
	require.NoError(t, err)
	doc["monitoring"] = full.(map[string]any)["monitoring"]
}

// Every finding code has a document that fires it, at the expected path,
// and a close variant that does not.
func TestEveryCodeFiresExactlyWhenItsRuleHolds(t *testing.T) {
	words := func(n int) string { return strings.TrimSpace(strings.Repeat("word ", n)) }
	schools := func(n int) edit {
		return func(t *testing.T, doc map[string]any) {
			var ps, ls []any
			for i := range n {
				id := "s" + strconv.Itoa(i)
				role := "member"
				if i == 0 {
					role = "lead"
				}
				ps = append(ps, map[string]any{"id": id, "name": "School " + id, "type": "school", "role": role})
				ls = append(ls, map[string]any{"partner": id, "name": "Lead " + id})
			}
			p := doc["partnership"].(map[string]any)
			p["partners"], p["leads"] = ps, ls
		}
	}
	pennies := set("/finance/contributions", []any{obj(`{"partner":"st-aidans","amount":0.1}`), obj(`{"partner":"uni-riverside","amount":0.2}`)})
	tests := []struct {
		code  string
		path  string // where the finding points
		fires edit
		not   edit
	}{
		{"schema", "/partnership/partners/0/urn", set("/partnership/partners/0/urn", "10001"), set("/partnership/partners/0/urn", "100010")},
		{"mission.missing", "/missionStatement", set("/missionStatement", " \n\t "), set("/missionStatement", "Science for all.")},
		{"mission.missing", "/missionStatement", del("/missionStatement"), set("/missionStatement", "Gwyddoniaeth i bawb.")},
		{"mission.too-long", "/missionStatement", set("/missionStatement", words(51)), set("/missionStatement", words(50)+" — ")},
		{"partners.too-few", "/partnership/partners", edits(set("/partnership/partners/1/id", "st-aidans"), set("/partnership/partners/2/id", "st-aidans")), set("/partnership/partners/2/id", "st-aidans")},
		{"partners.duplicate-id", "/partnership/partners/2/id", set("/partnership/partners/2/id", "st-aidans"), set("/partnership/partners/2/id", "st-aidans-2")},
		{"lead.missing", "/partnership/partners/1", del("/partnership/leads/1"), set("/partnership/leads/1/name", "Someone Else")},
		{"lead.unknown-partner", "/partnership/leads/2/partner", set("/partnership/leads/2/partner", "uni"), set("/partnership/leads/2/partner", "uni-riverside")},
		{"lead.duplicate", "/partnership/leads/3/partner", add("/partnership/leads", obj(`{"partner":"st-aidans","name":"Second Lead"}`)), edits(add("/partnership/partners", obj(`{"id":"riverside-trust","name":"Riverside Trust","type":"charity"}`)), add("/partnership/leads", obj(`{"partner":"riverside-trust","name":"Second Lead"}`)))},
		{"model.hub-too-large", "/partnership/partners", schools(6), schools(5)},
		{"model.lead-count", "/partnership/partners", del("/partnership/partners/0/role"), set("/partnership/partners/1/role", "member")},
		{"model.lead-count", "/partnership/partners", set("/partnership/partners/1/role", "lead"), set("/partnership/partners/0/role", "lead")},
		{"model.lead-count", "/partnership/partners", edits(set("/partnership/model", "formal-structure"), set("/partnership/partners/1/role", "lead")), set("/partnership/model", "formal-structure")},
		{"model.broad-area-lead", "/partnership/partners/0/role", set("/partnership/model", "broad-area"), edits(set("/partnership/model", "broad-area"), del("/partnership/partners/0/role"))},
		{"term.invalid", "/term/end", set("/term/end", "2026-09-01"), set("/term/end", "2026-09-02")},
		{"objectives.missing", "/objectives", set("/objectives", []any{}), del("/objectives/1")},
		{"objective.duplicate-id", "/objectives/1/id", set("/objectives/1/id", "o1"), set("/objectives/1/id", "o3")},
		{"objective.not-measurable", "/objectives/0/measure", del("/objectives/0/measure/baseline"), set("/objectives/0/measure/baseline", 0)},
		{"objective.not-measurable", "/objectives/1/measure", del("/objectives/1/measure"), set("/objectives/1/measure/indicator", "Teachers trained")},
		{"objective.not-measurable", "/objectives/1/measure", set("/objectives/1/measure/indicator", "  "), set("/objectives/1/measure/unit", "")},
		{"objective.target-equals-baseline", "/objectives/0/measure/target", set("/objectives/0/measure/target", 62), set("/objectives/0/measure/target", 62.5)},
		{"objective.implausible-target", "/objectives/0/measure/target", set("/objectives/0/measure/target", 101), set("/objectives/0/measure/target", 100)},
		{"objective.implausible-target", "/objectives/0/measure/baseline", set("/objectives/0/measure/baseline", -1), set("/objectives/0/measure/baseline", 0)},
		{"objective.implausible-target", "/objectives/1/measure/target", edits(set("/objectives/1/measure/unit", "per cent"), set("/objectives/1/measure/target", 400)), edits(set("/objectives/1/measure/unit", "per cent"), set("/objectives/1/measure/target", 40))},
		{"objective.not-time-bound", "/objectives/0/deadline", del("/objectives/0/deadline"), set("/objectives/0/deadline", "2027-08-31")},
		{"objective.not-time-bound", "/objectives/0/deadline", set("/objectives/0/deadline", "2027-09-01"), set("/objectives/0/deadline", "2026-09-01")},
		{"objective.not-time-bound", "/objectives/0/deadline", set("/objectives/0/deadline", "2026-08-31"), set("/objectives/0/deadline", "2027-08-31")},
		{"objective.not-specific", "/objectives/1", del("/objectives/1/subjects"), edits(del("/objectives/1/subjects"), set("/objectives/1/yearGroups", []any{"Y5"}))},
		{"objective.no-activity", "/objectives/1", set("/activities/1/objectives", []any{"o1"}), set("/activities/1/objectives", []any{"o1", "o2"})},
		{"activities.missing", "/activities", del("/activities"), del("/activities/1/frequency")},
		{"activity.duplicate-id", "/activities/1/id", set("/activities/1/id", "a1"), set("/activities/1/id", "a3")},
		{"activity.unknown-objective", "/activities/1/objectives/1", set("/activities/1/objectives", []any{"o2", "o3"}), set("/activities/1/objectives", []any{"o2", "o1"})},
		{"activity.unknown-partner", "/activities/0/ledBy", set("/activities/0/ledBy", "st-aidan"), set("/activities/0/ledBy", "riverside-primary")},
		{"monitoring.missing", "/monitoring", del("/monitoring"), del("/monitoring/reporting")},
		{"monitoring.no-review", "/monitoring/reviews", set("/monitoring/reviews", []any{"2027-09-01"}), set("/monitoring/reviews", []any{"2027-09-01", "2027-08-31"})},
		{"monitoring.no-review", "/monitoring/reviews", del("/monitoring/reviews"), set("/monitoring/reviews", []any{"2026-09-01"})},
		{"evidence.numbers-only", "/monitoring/evidence", set("/monitoring/evidence", []any{"attainment", "participation", "survey"}), set("/monitoring/evidence", []any{"attainment", "case-study"})},
		{"evidence.numbers-only", "/monitoring/evidence", del("/monitoring/evidence"), set("/monitoring/evidence", []any{"observation"})},
		{"data-protection.missing", "/monitoring/dataProtection/retention", set("/monitoring/dataProtection/retention", ""), set("/monitoring/dataProtection/personalData", false)},
		{"data-protection.missing", "/monitoring/dataProtection/consent", del("/monitoring/dataProtection/consent"), del("/monitoring/dataProtection/lawfulBasis")},
		{"evaluation-plan.no-rationale", "/monitoring", edits(plan, set("/monitoring/rationale", " \n ")), edits(plan, set("/monitoring/rationale", "To learn what works."))},
		{"evaluation-plan.no-rationale", "/monitoring", del("/monitoring/reporting"), plan},
		{"evaluation-plan.no-resources", "/monitoring", edits(plan, del("/monitoring/resources")), edits(plan, set("/monitoring/resources", "Half a day a term."))},
		{"evaluation-plan.no-collection", "/monitoring/evidence/2", edits(plan, del("/monitoring/collection/2")), edits(plan, set("/monitoring/collection/2/dates", []any{"2027-08-31"}))},
		{"evaluation-plan.no-collection", "/monitoring/evidence/3", edits(plan, set("/monitoring/collection/3/dates", []any{})), edits(plan, set("/monitoring/collection/3/dates", []any{"2026-09-01"}), del("/monitoring/collection/3/by"))},
		{"evaluation-plan.no-collection", "/monitoring/evidence/4", edits(plan, add("/monitoring/evidence", "observation")), edits(plan, add("/monitoring/evidence", "observation"), add("/monitoring/collection", obj(`{"evidence":"observation","dates":["2027-05-05"]}`)))},
		{"evaluation-plan.collection-unlisted", "/monitoring/collection/4/evidence", edits(plan, add("/monitoring/collection", obj(`{"evidence":"survey","dates":["2027-05-05"]}`))), edits(plan, add("/monitoring/evidence", "survey"), add("/monitoring/collection", obj(`{"evidence":"survey","dates":["2027-05-05"]}`)))},
		{"evaluation-plan.collection-unknown-partner", "/monitoring/collection/1/by", edits(plan, set("/monitoring/collection/1/by", "st-aidan")), edits(plan, set("/monitoring/collection/1/by", "uni-riverside"))},
		{"evaluation-plan.collection-outside-term", "/monitoring/collection/0/dates/1", edits(plan, set("/monitoring/collection/0/dates/1", "2027-09-01")), edits(plan, set("/monitoring/collection/0/dates/1", "2027-08-31"))},
		{"evaluation-plan.collection-outside-term", "/monitoring/collection/2/dates/0", edits(plan, set("/monitoring/collection/2/dates/0", "2026-08-31")), edits(plan, set("/monitoring/collection/2/dates/0", "2026-09-01"))},
		{"evaluation-plan.no-tools", "/monitoring", edits(plan, set("/monitoring/tools", []any{})), edits(plan, set("/monitoring/tools", []any{"A survey"}))},
		{"evaluation-plan.no-tools", "/monitoring", edits(plan, del("/monitoring/tools")), plan},
		{"evaluation-plan.no-ethics", "/monitoring", edits(plan, set("/monitoring/ethics", "\t")), edits(plan, set("/monitoring/ethics", "We found no ethical issues."))},
		{"evaluation-plan.no-sharing", "/monitoring", edits(plan, del("/monitoring/reporting")), edits(plan, set("/monitoring/reporting", "A termly report."))},
		{"data-protection.no-security", "/monitoring/dataProtection", edits(plan, set("/monitoring/dataProtection/security", " ")), edits(plan, set("/monitoring/dataProtection/security", " "), set("/monitoring/dataProtection/personalData", false))},
		{"toc.no-impact", "/monitoring/theoryOfChange", edits(theory, set("/monitoring/theoryOfChange/impact", " ")), edits(theory, set("/monitoring/theoryOfChange/impact", "Better science."))},
		{"toc.duplicate-id", "/monitoring/theoryOfChange/outcomes/1/id", edits(theory, set("/monitoring/theoryOfChange/outcomes/1/id", "oc1")), edits(theory, set("/monitoring/theoryOfChange/outcomes/1/id", "oc4"))},
		{"toc.duplicate-id", "/monitoring/theoryOfChange/outputs/1/id", edits(theory, set("/monitoring/theoryOfChange/outputs/1/id", "out1")), edits(theory, set("/monitoring/theoryOfChange/outputs/1/id", "out3"))},
		{"toc.unknown-link", "/monitoring/theoryOfChange/outputs/0/outcomes/1", edits(theory, set("/monitoring/theoryOfChange/outputs/0/outcomes/1", "oc9")), edits(theory, set("/monitoring/theoryOfChange/outputs/0/outcomes/1", "oc3"))},
		{"toc.unknown-link", "/monitoring/theoryOfChange/outputs/1/activities/0", edits(theory, set("/monitoring/theoryOfChange/outputs/1/activities/0", "a9")), edits(theory, set("/monitoring/theoryOfChange/outputs/1/activities/0", "a1"))},
		{"toc.unknown-link", "/monitoring/theoryOfChange/outcomes/2/objectives/0", edits(theory, set("/monitoring/theoryOfChange/outcomes/2/objectives/0", "o9")), edits(theory, set("/monitoring/theoryOfChange/outcomes/2/objectives/0", "o1"))},
		{"toc.activity-no-outcome", "/activities/1", edits(theory, set("/monitoring/theoryOfChange/outputs/1/outcomes", []any{})), edits(theory, set("/monitoring/theoryOfChange/outputs/1/outcomes", []any{}), set("/monitoring/theoryOfChange/outputs/0/activities", []any{"a1", "a2"}))},
		{"toc.activity-no-outcome", "/activities/1", edits(theory, set("/monitoring/theoryOfChange/outputs/1/outcomes", []any{"oc9"})), edits(theory, set("/monitoring/theoryOfChange/outputs/1/outcomes", []any{"oc9", "oc3"}))},
		{"toc.activity-no-outcome", "/activities/0", edits(theory, del("/monitoring/theoryOfChange/outputs/0")), edits(theory, del("/monitoring/theoryOfChange/outputs/0/title"))},
		{"toc.outcome-no-indicator", "/monitoring/theoryOfChange/outcomes/0", edits(theory, del("/monitoring/theoryOfChange/outcomes/0/indicators")), edits(theory, del("/monitoring/theoryOfChange/outcomes/0/indicators/0/actual"))},
		{"toc.outcome-no-indicator", "/monitoring/theoryOfChange/outcomes/2", edits(theory, set("/monitoring/theoryOfChange/outcomes/2/indicators", []any{})), edits(theory, del("/monitoring/theoryOfChange/outcomes/2/indicators/0"))},
		{"toc.indicator-not-measurable", "/monitoring/theoryOfChange/outcomes/1/indicators/1", edits(theory, del("/monitoring/theoryOfChange/outcomes/1/indicators/1/baseline")), edits(theory, set("/monitoring/theoryOfChange/outcomes/1/indicators/1/baseline", 0))},
		{"toc.indicator-not-measurable", "/monitoring/theoryOfChange/outcomes/0/indicators/0", edits(theory, del("/monitoring/theoryOfChange/outcomes/0/indicators/0/target")), edits(theory, set("/monitoring/theoryOfChange/outcomes/0/indicators/0/target", 62.5))},
		{"toc.participation-only", "/monitoring/theoryOfChange/outcomes/2", edits(theory, set("/monitoring/theoryOfChange/outcomes/2/indicators/1/evidence", "participation")), edits(theory, set("/monitoring/theoryOfChange/outcomes/2/indicators/1/evidence", "participation"), del("/monitoring/theoryOfChange/outcomes/2/indicators/1/evidence"))},
		{"toc.participation-only", "/monitoring/theoryOfChange/outcomes/1", edits(theory, del("/monitoring/theoryOfChange/outcomes/1/indicators/1")), edits(theory, set("/monitoring/theoryOfChange/outcomes/1/indicators/0/evidence", "attendance"), del("/monitoring/theoryOfChange/outcomes/1/indicators/1"))},
		{"governance.missing", "/governance", del("/governance"), del("/governance/meetingFrequency")},
		{"governance.missing", "/governance/body", set("/governance/body", " "), set("/governance/body", "Board")},
		{"governance.single-person", "/governance/members", set("/governance/members", []any{obj(`{"name":"Amara Okafor"}`), obj(`{"name":"amara  okafor"}`)}), set("/governance/members", []any{obj(`{"name":"Amara Okafor"}`), obj(`{"name":"Tom Hughes"}`)})},
		{"governance.single-person", "/partnership/leads", edits(set("/partnership/leads/1/name", "Amara Okafor"), set("/partnership/leads/2/name", "Amara Okafor")), set("/partnership/leads/1/name", "Amara Okafor")},
		{"governance.unknown-partner", "/governance/members/0/partner", set("/governance/members/0/partner", "nobody"), del("/governance/members/0/partner")},
		{"finance.missing", "/finance", del("/finance"), set("/finance", obj(`{"none": true}`))},
		{"finance.missing", "/finance", set("/finance", obj(`{"currency": "GBP"}`)), set("/finance", obj(`{"budget": 0}`))},
		{"finance.mismatch", "/finance/budget", set("/finance/budget", 8000.01), set("/finance/budget", 8000.00)},
		{"finance.mismatch", "/finance/budget", edits(pennies, set("/finance/budget", json.Number("0.31"))), edits(pennies, set("/finance/budget", json.Number("0.3")))},
		{"finance.unknown-partner", "/finance/contributions/1/partner", set("/finance/contributions/1/partner", "uni"), set("/finance/contributions/1/partner", "riverside-primary")},
		{"finance.mismatch", "/finance/budget", edits(set("/finance/none", true), set("/finance/budget", 8000.01)), edits(set("/finance/none", true), set("/finance/contributions", []any{}))},
		{"finance.contradiction", "/finance/none", set("/finance/none", true), set("/finance", obj(`{"none": true, "contributions": [{"partner": "st-aidans", "amount": 0, "inKind": "Rooms"}]}`))},
		{"alterations.missing", "/alterations", set("/alterations", ""), set("/alterations", "By agreement.")},
		{"dissolution.missing", "/dissolution", del("/dissolution"), del("/dissolution/noticeDays")},
		{"dissolution.missing", "/dissolution/process", del("/dissolution/process"), set("/dissolution/process", "With notice.")},
		{"legally-binding", "/legallyBinding", set("/legallyBinding", true), del("/legallyBinding")},
		{"signature.missing", "/signatures", del("/signatures/2"), set("/signatures/2/role", "")},
		{"signature.unknown-partner", "/signatures/2/partner", set("/signatures/2/partner", "uni"), set("/signatures/2/date", "2026-07-15")},
	}
	covered := map[string]bool{"syntax": true, CodeTruncated: true} // TestSyntaxFinding, TestFindingsAreCappedPerCode
	for _, tt := range tests {
		covered[tt.code] = true
		t.Run(tt.code, func(t *testing.T) {
			doc := contractDoc(t)
			tt.fires(t, doc)
			r := check(t, doc)
			found := findingsWith(r, tt.code)
			require.NotEmpty(t, found, "%s should fire; got %v", tt.code, r.Findings)
			assert.Contains(t, paths(found), tt.path)
			for _, f := range found {
				assert.NotEmpty(t, f.Message)
				assert.True(t, strings.HasSuffix(f.Message, ".") || strings.HasSuffix(f.Message, "?"), "a message is a sentence: %q", f.Message)
			}
			assert.Equal(t, !hasError(r), r.Valid)

			doc = contractDoc(t)
			tt.not(t, doc)
			r = check(t, doc)
			assert.Empty(t, findingsWith(r, tt.code), "%s should not fire on the close variant", tt.code)
		})
	}
	for _, r := range Rules() {
		assert.True(t, covered[r.Code], "no test makes %s fire", r.Code)
	}
}

// check round-trips the edited tree through JSON text, as a user's file would arrive.
func check(t *testing.T, doc map[string]any) *Report {
	t.Helper()
	data, err := json.Marshal(doc)
	require.NoError(t, err)
	return Check(data)
}

func findingsWith(r *Report, code string) []finding.Finding {
	var out []finding.Finding
	for _, f := range r.Findings {
		if f.Code == code {
			out = append(out, f)
		}
	}
	return out
}

func paths(fs []finding.Finding) []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = f.Path
	}
	return out
}

func hasError(r *Report) bool {
	for _, f := range r.Findings {
		if f.Severity == finding.Error {
			return true
		}
	}
	return false
}

func TestSyntaxFinding(t *testing.T) {
	r := Check([]byte("{\n  \"missionStatement\": \"Science for all\"\n  \"term\": {}\n}"))
	require.Len(t, r.Findings, 1)
	f := r.Findings[0]
	assert.Equal(t, "syntax", f.Code)
	assert.Equal(t, finding.Error, f.Severity)
	assert.Equal(t, "", f.Path)
	assert.Equal(t, "The document is not valid JSON at line 3, column 3: unexpected '\"'; expected ',' or '}' after an object member.", f.Message)
	assert.False(t, r.Valid)
}

// Text that is not UTF-8 (a file saved as Latin-1 or Windows-1252) or a
// lone surrogate escape is a syntax finding at that character, not a
// silent U+FFFD in the MOU.
func TestTextThatIsNotCharacters(t *testing.T) {
	for _, tt := range []struct{ doc, want string }{
		{"{\n  \"missionStatement\": \"Ysgol G\xf4yr works with \xe9coles\"\n}",
			"The document is not valid JSON at line 2, column 31: the text here is not valid UTF-8: save the file as UTF-8 (Unicode) and try again."},
		{"{\"title\": \"Caf\u00e9 \\ud83d\"}",
			`The document is not valid JSON at line 1, column 17: \ud83d is half of a pair of escapes that stand for one character together, and the other half is missing: write both halves, such as \ud83d\ude00, or the character itself.`},
	} {
		r := Check([]byte(tt.doc))
		require.Len(t, r.Findings, 1)
		assert.Equal(t, finding.Finding{Code: "syntax", Severity: finding.Error, Message: tt.want}, r.Findings[0])
	}
}

// Schema violations come first, then the rules run on whatever could be
// read, so one check reports everything.
func TestSchemaFirstThenRulesOnWhatParsed(t *testing.T) {
	doc := contractDoc(t)
	set("/term/start", "01/09/2026")(t, doc)
	set("/partnership/partners/1/urn", 100002)(t, doc)
	del("/alterations")(t, doc)
	set("/objectives/0/deadline", "2028-01-01")(t, doc)
	r := check(t, doc)
	require.GreaterOrEqual(t, len(r.Findings), 3)
	assert.Equal(t, finding.Finding{Code: "schema", Severity: finding.Error, Path: "/partnership/partners/1/urn", Message: "A URN is six digits, like 100001."}, r.Findings[0])
	assert.Equal(t, finding.Finding{Code: "schema", Severity: finding.Error, Path: "/term/start", Message: "01/09/2026 looks like a day-month-year date: write it as 2026-09-01 (YYYY-MM-DD)."}, r.Findings[1])
	assert.True(t, r.Has("alterations.missing"))
	assert.False(t, r.Has("objective.not-time-bound"), "an unreadable term start leaves deadlines unjudged")
	assert.Equal(t, 3, r.Count(finding.Error))

	doc = contractDoc(t)
	set("/objectives/1/deadline", "31/03/2027")(t, doc)
	set("/monitoring", "termly")(t, doc)
	r = check(t, doc)
	assert.Equal(t, []string{"/monitoring", "/objectives/1/deadline"}, paths(r.Findings), "only the schema's finding at each broken path")
	assert.Equal(t, "31/03/2027 looks like a day-month-year date: write it as 2027-03-31 (YYYY-MM-DD).", r.Findings[1].Message)
}

// A number jsonschema/v6 cannot read, or would take an age to, is reported.
func TestOutlandishNumber(t *testing.T) {
	doc := contractDoc(t)
	set("/finance/budget", json.Number("1e655555555555555555"))(t, doc)
	set("/dissolution/noticeDays", json.Number("9e999999999"))(t, doc)
	r := check(t, doc)
	assert.False(t, r.Valid)
	assert.Equal(t, []string{"/dissolution/noticeDays", "/finance/budget"}, paths(findingsWith(r, "schema")))
}

func TestWrongTypesDoNotStopTheRules(t *testing.T) {
	r := Check([]byte(`{"partnership": "Riverside", "term": [], "objectives": {}, "monitoring": 7, "signatures": "all"}`))
	assert.False(t, r.Valid)
	for _, code := range []string{"schema", "mission.missing", "partners.too-few", "activities.missing", "governance.missing", "finance.missing", "alterations.missing", "dissolution.missing"} {
		assert.True(t, r.Has(code), "expected %s in %v", code, r.Findings)
	}
	// The schema's finding stands alone where the value is of the wrong type.
	assert.False(t, r.Has("objectives.missing"))
	assert.False(t, r.Has("monitoring.missing"))
}

func TestWords(t *testing.T) {
	tests := []struct {
		in   string
		want int
	}{
		{"", 0},
		{"  Science   for all. ", 3},
		{"A well-rounded, twenty-first-century curriculum", 4},
		{"Pupils — and staff — learn together", 5},
		{"Ysgol Gymraeg\u00a0Aberystwyth a'r Brifysgol", 5},
		{"数学 と 科学", 3},
		{"Years 7–9 study 3 languages", 5},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, Words(tt.in), tt.in)
	}
}

func TestMoney(t *testing.T) {
	tests := []struct {
		amount   string
		currency string
		want     string
	}{
		{"8000", "GBP", "£8,000"},
		{"1234567.5", "GBP", "£1,234,567.50"},
		{"999", "", "£999"},
		{"100", "EUR", "€100"},
		{"2500", "CHF", "2,500 CHF"},
		{"1234567890123.45", "GBP", "£1,234,567,890,123.45"},
	}
	for _, tt := range tests {
		f, err := strconv.ParseFloat(tt.amount, 64)
		require.NoError(t, err)
		assert.Equal(t, tt.want, money(exact(f), tt.currency))
	}
}

func TestLargeBudgetsAddUpExactly(t *testing.T) {
	doc := contractDoc(t)
	set("/finance/budget", json.Number("90000000000.30"))(t, doc)
	set("/finance/contributions", []any{
		obj(`{"partner":"st-aidans","amount":30000000000.10}`),
		obj(`{"partner":"uni-riverside","amount":30000000000.10}`),
		obj(`{"partner":"riverside-primary","amount":30000000000.10}`),
	})(t, doc)
	assert.False(t, check(t, doc).Has("finance.mismatch"))
	set("/finance/budget", json.Number("90000000000.31"))(t, doc)
	r := check(t, doc)
	require.True(t, r.Has("finance.mismatch"))
	assert.Contains(t, findingsWith(r, "finance.mismatch")[0].Message, "£90,000,000,000.30 but the budget is £90,000,000,000.31")
}

// A parsed MOU, marshalled again, checks as its document does: there is
// no Check method beside Check, only this round trip.
func TestParsedMOUChecksAsItsDocument(t *testing.T) {
	data, err := os.ReadFile(contractMOU)
	require.NoError(t, err)
	m, err := Parse(data)
	require.NoError(t, err)
	checkMOU := func(m *MOU) *Report {
		out, err := json.Marshal(m)
		require.NoError(t, err)
		return Check(out)
	}
	assert.Equal(t, Check(data), checkMOU(m))
	m.MissionStatement = ""
	assert.True(t, checkMOU(m).Has("mission.missing"))
}

func TestRulesAreUniqueAndDescribed(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range Rules() {
		assert.False(t, seen[r.Code], "duplicate code %s", r.Code)
		seen[r.Code] = true
		assert.NotEmpty(t, r.When)
		_, err := r.Severity.MarshalText()
		assert.NoError(t, err, "%s has a severity", r.Code)
	}
	// Every code of the contract's table.
	for _, code := range strings.Fields(`schema mission.missing mission.too-long partners.too-few partners.duplicate-id
		lead.missing model.hub-too-large model.lead-count model.broad-area-lead term.invalid objectives.missing
		objective.not-measurable objective.target-equals-baseline objective.implausible-target objective.not-time-bound
		objective.no-activity activities.missing activity.unknown-objective activity.unknown-partner monitoring.missing
		monitoring.no-review evidence.numbers-only data-protection.missing governance.missing governance.single-person
		finance.missing finance.mismatch finance.unknown-partner alterations.missing dissolution.missing legally-binding
		signature.missing evaluation-plan.no-rationale evaluation-plan.no-resources evaluation-plan.no-collection
		evaluation-plan.collection-unlisted evaluation-plan.collection-unknown-partner evaluation-plan.collection-outside-term
		evaluation-plan.no-tools evaluation-plan.no-ethics evaluation-plan.no-sharing data-protection.no-security`) {
		assert.True(t, seen[code], "contract code %s", code)
	}
}

// A figure is never both valid and absent: a number the rules could not
// read as a float64 is beyond the schema's limits, and the rules still see
// that it is there.
func TestFiguresAreNeverValidAndAbsent(t *testing.T) {
	digits400 := json.Number("1" + strings.Repeat("0", 399))
	tests := []struct {
		name      string
		edit      edit
		valid     bool
		schemaAt  []string // where the schema reports
		fires     []string // codes that must fire
		silent    []string // codes that must not
		figure    func(m *MOU) *float64
		wantFound bool // the figure reads as present
	}{
		{name: "budget 1e309", edit: set("/finance/budget", json.Number("1e309")),
			schemaAt: []string{"/finance/budget"}, silent: []string{"finance.missing", "finance.mismatch"},
			figure: func(m *MOU) *float64 { return m.Finance.Budget }, wantFound: true},
		{name: "budget of 400 digits", edit: set("/finance/budget", digits400),
			schemaAt: []string{"/finance/budget"}, silent: []string{"finance.missing", "finance.mismatch"},
			figure: func(m *MOU) *float64 { return m.Finance.Budget }, wantFound: true},
		{name: "only a budget, of 1e309", edit: set("/finance", obj(`{"budget":1e309}`)),
			schemaAt: []string{"/finance/budget"}, silent: []string{"finance.missing", "finance.mismatch"},
			figure: func(m *MOU) *float64 { return m.Finance.Budget }, wantFound: true},
		{name: "budget 1e-401", edit: set("/finance/budget", json.Number("1e-401")),
			schemaAt: []string{"/finance/budget"}, silent: []string{"finance.missing", "finance.mismatch"},
			figure: func(m *MOU) *float64 { return m.Finance.Budget }, wantFound: true},
		{name: "budget at the limit", edit: set("/finance/budget", json.Number("1000000000000")),
			valid: true, fires: []string{"finance.mismatch"},
			figure: func(m *MOU) *float64 { return m.Finance.Budget }, wantFound: true},
		{name: "budget a penny over the limit", edit: set("/finance/budget", json.Number("1000000000000.01")),
			schemaAt: []string{"/finance/budget"}, silent: []string{"finance.missing"},
			figure: func(m *MOU) *float64 { return m.Finance.Budget }, wantFound: true},
		{name: "contribution 1e309", edit: set("/finance/contributions/1/amount", json.Number("1e309")),
			schemaAt: []string{"/finance/contributions/1/amount"}, silent: []string{"finance.mismatch"},
			figure: func(m *MOU) *float64 { return m.Finance.Contributions[1].Amount }, wantFound: true},
		{name: "contribution at the limit", edit: set("/finance/contributions/1/amount", json.Number("1e12")),
			valid: true, fires: []string{"finance.mismatch"},
			figure: func(m *MOU) *float64 { return m.Finance.Contributions[1].Amount }, wantFound: true},
		{name: "target 1e309", edit: set("/objectives/0/measure/target", json.Number("1e309")),
			schemaAt: []string{"/objectives/0/measure/target"}, silent: []string{"objective.not-measurable"},
			figure: func(m *MOU) *float64 { return m.Objectives[0].Measure.Target }, wantFound: true},
		{name: "baseline of minus 400 digits", edit: set("/objectives/1/measure/baseline", "-"+digits400),
			schemaAt: []string{"/objectives/1/measure/baseline"}, silent: []string{"objective.not-measurable"},
			figure: func(m *MOU) *float64 { return m.Objectives[1].Measure.Baseline }, wantFound: true},
		{name: "baseline at minus the limit", edit: set("/objectives/1/measure/baseline", json.Number("-1e12")),
			valid: true, silent: []string{"objective.not-measurable"},
			figure: func(m *MOU) *float64 { return m.Objectives[1].Measure.Baseline }, wantFound: true},
		{name: "notice of ten years", edit: set("/dissolution/noticeDays", json.Number("3650")), valid: true},
		{name: "notice beyond ten years", edit: set("/dissolution/noticeDays", json.Number("3651")),
			schemaAt: []string{"/dissolution/noticeDays"}},
		{name: "notice of 1e20 days", edit: set("/dissolution/noticeDays", json.Number("100000000000000000000")),
			schemaAt: []string{"/dissolution/noticeDays"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := contractDoc(t)
			tt.edit(t, doc)
			r := check(t, doc)
			assert.Equal(t, tt.valid, r.Valid, "%v", r.Findings)
			assert.ElementsMatch(t, tt.schemaAt, paths(findingsWith(r, "schema")))
			for _, code := range tt.fires {
				assert.True(t, r.Has(code), "%s should fire: %v", code, r.Findings)
			}
			for _, code := range tt.silent {
				assert.False(t, r.Has(code), "%s should not fire: %v", code, r.Findings)
			}
			if tt.figure != nil {
				m := FromValue(doc)
				assert.Equal(t, tt.wantFound, tt.figure(&m) != nil, "the figure reads as present")
			}
		})
	}
}

// The Go limits are the schema's.
func TestLimitsAreTheSchemas(t *testing.T) {
	v, err := schemas.Decode(schemas.MustLookup(schemas.MOU).Bytes())
	require.NoError(t, err)
	defs := v.(map[string]any)["$defs"].(map[string]any)
	prop := func(def string, names ...string) map[string]any {
		n := defs[def].(map[string]any)
		for _, name := range names {
			n = n[name].(map[string]any)
		}
		return n
	}
	limit := func(n map[string]any, key string) float64 {
		f, err := strconv.ParseFloat(string(n[key].(json.Number)), 64)
		require.NoError(t, err)
		return f
	}
	budget := prop("finance", "properties", "budget")
	amount := prop("finance", "properties", "contributions", "items", "properties", "amount")
	baseline := prop("measure", "properties", "baseline")
	target := prop("measure", "properties", "target")
	notice := prop("dissolution", "properties", "noticeDays")
	assert.Equal(t, float64(MaxAmount), limit(budget, "maximum"))
	assert.Equal(t, float64(MaxAmount), limit(amount, "maximum"))
	for _, n := range []map[string]any{baseline, target} {
		assert.Equal(t, float64(MaxFigure), limit(n, "maximum"))
		assert.Equal(t, -float64(MaxFigure), limit(n, "minimum"))
	}
	assert.Equal(t, float64(MaxNoticeDays), limit(notice, "maximum"))
}

// A number written with a million digits is reported where it is, at
// once (BenchmarkCheckLongNumber measures it), and still reads as present.
func TestLongNumbers(t *testing.T) {
	long := strings.Repeat("7", 1_000_000)
	for _, tt := range []struct{ path, number string }{
		{"/finance/budget", long},
		{"/finance/budget", "0." + long},
		{"/finance/contributions/0/amount", "1" + strings.Repeat("0", 999_999)},
		{"/objectives/0/measure/baseline", "-" + long + "." + long + "e-1"},
		{"/dissolution/noticeDays", long},
	} {
		doc := contractDoc(t)
		set(tt.path, json.Number(tt.number))(t, doc)
		r := check(t, doc)
		require.False(t, r.Valid)
		schema := findingsWith(r, "schema")
		require.Len(t, schema, 1, "%v", r.Findings)
		assert.Equal(t, tt.path, schema[0].Path)
		assert.Contains(t, schema[0].Message, "digits, more than can be checked")
		assert.False(t, r.Has("finance.missing"))
		assert.False(t, r.Has("objective.not-measurable"))
	}
}

// The rules' index finds exactly the partner and lead that the
// Partnership's own look-ups find by scanning, duplicates and empty ids
// included.
func TestIndexAgreesWithScans(t *testing.T) {
	ids := []string{"", "a", "b"}
	names := []string{"", "A"}
	for n := range 4 {
		for code := range pow(len(ids)*len(names), n) {
			var p partnership.Partnership
			for k := range n {
				c := code / pow(len(ids)*len(names), k) % (len(ids) * len(names))
				p.Partners = append(p.Partners, partnership.Partner{ID: ids[c%len(ids)], Name: names[c/len(ids)]})
				p.Leads = append(p.Leads, partnership.Lead{Partner: ids[(c+k)%len(ids)], Name: strconv.Itoa(k)})
			}
			c := &checker{m: &MOU{Partnership: p}}
			c.index()
			for _, id := range append(ids, "z") {
				assert.Equal(t, p.HasPartner(id), c.hasPartner(id))
				assert.Equal(t, p.PartnerName(id), c.partnerName(id))
				l, ok := p.LeadFor(id)
				l2, ok2 := c.leadFor(id)
				assert.Equal(t, ok, ok2)
				assert.Equal(t, l, l2)
			}
		}
	}
}

func pow(b, e int) int {
	r := 1
	for range e {
		r *= b
	}
	return r
}

// pennies, the finance rule's fast path, agrees with exact: an amount it
// takes is exactly that many hundredths.
func TestPenniesAreExact(t *testing.T) {
	tenth, fifth := 0.1, 0.2
	sum := tenth + fifth // 0.30000000000000004 at run time
	for _, f := range []float64{0, 0.01, 0.1, 0.2, 0.3, 1.15, 8000, 2500.5, 1234.56, 999999999999.99, 1e12, -42.42, 0.005, 1.005, 1e-7, sum, 1e12 + 0.01, 123456789.123} {
		p, ok := pennies(f)
		if !ok {
			continue
		}
		want := exact(f)
		assert.Zero(t, want.Cmp(big.NewRat(p, 100)), "%v: %d pennies, exactly %s", f, p, want.RatString())
	}
	for _, f := range []float64{0.005, sum, 1e-7, 1e12 + 0.01, 1.005} {
		_, ok := pennies(f)
		assert.False(t, ok, "%v is not whole pennies within MaxAmount", f)
	}
	_, ok := pennies(1234.56)
	assert.True(t, ok)
}

// Check reads a valid MOU from a jsontree.Tree, and anything else through
// the decoded document: for every MOU of the conformance corpus it says
// exactly what CheckValue says, and reads the same MOU as FromValue.
func TestCheckAgreesWithCheckValueOnTheCorpus(t *testing.T) {
	seeds, err := corpus.LoadSeeds("..")
	require.NoError(t, err)
	docs, err := corpus.Generate(seeds, corpus.Options{PerSeed: -1})
	require.NoError(t, err)
	valid, n := 0, 0
	for _, d := range docs {
		if d.Schema != schemas.MOU {
			continue
		}
		doc, err := schemas.Decode(d.Data)
		require.NoError(t, err, d.File)
		r := Check(d.Data)
		require.Equal(t, CheckValue(doc), r, d.File)
		m, err := Parse(d.Data)
		require.NoError(t, err)
		require.Equal(t, FromValue(doc), *m, d.File)
		n++
		if r.Valid {
			valid++
		}
	}
	t.Logf("%d MOUs, %d valid", n, valid)
	require.Greater(t, n, 100)
	require.Greater(t, valid, 10)
}
