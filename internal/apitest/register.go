package apitest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/partnerkit/partnerkit/register"
)

// RegisterStep is one request of the register's shared HTTP cases and
// what its answer must be. The steps run in order against one fresh
// register (see RunRegister): each may use what earlier answers saved.
//
// In Path, Body, Token and Contains, ${name} stands for a saved value.
// RunRegister saves "admin" (the administrator's token it is given),
// "opens" and "closes" (an hour ago and in two weeks, RFC 3339), and
// "closedOpens" and "closedCloses" (a window that ended yesterday)
// before the first step (see RegisterVars).
type RegisterStep struct {
	Name   string
	Method string
	Path   string
	// Token names the saved token sent as Authorization: Bearer; "" sends
	// no Authorization header.
	Token string
	// Header holds more request headers, which may override
	// Authorization. A step with a body and no Content-Type here sends
	// application/json; NoContentType sends none.
	Header map[string]string
	Body   string

	// Status is the answer's status; Problem the problem's type for a
	// problem+json answer.
	Status  int
	Problem string
	// WantHeader holds headers the answer must have, with their values.
	WantHeader map[string]string
	// Contains lists texts the answer's body must contain; Excludes,
	// texts it must not.
	Contains []string
	Excludes []string
	// Save saves values of the answer (a JSON document) under names: name
	// → JSON Pointer, such as "/partnership/id" or "/0/token/token".
	Save map[string]string
}

// assessment is an assessment of the mini framework with the answers
// given, with no partnership or respondent: the invitation gives those.
func assessment(answers string) string {
	return `{"framework": "mini-health-check", "frameworkVersion": "1.0.0", "answers": ` + answers + `}`
}

func submit(answerSet, answers string, revision int) string {
	s := `{"revision": ` + strconv.Itoa(revision) + `, "assessment": ` + assessment(answers)
	if answerSet != "" {
		s += `, "answerSet": "` + answerSet + `"`
	}
	return s + `}`
}

// RegisterSteps returns the register's shared HTTP cases: a partnership
// made from an MOU and a draft, versions, coordinator links, a round
// with its own framework, invitations, respondents' answers (retried with
// the same key), the report, indicators, revocation, the window closing,
// and the errors on the way.
func RegisterSteps() []RegisterStep {
	const (
		get, post = http.MethodGet, http.MethodPost
		prob      = problemType
	)
	key := func(k string) map[string]string { return map[string]string{"Idempotency-Key": k} }
	a1 := `{"sg1": 4, "sg2": 3, "sg3": 2, "gv1": 2, "gv2": 5}`
	a2 := `{"sg1": 5, "sg2": 4, "sg3": 1, "gv1": 4, "gv2": 4}`
	a3 := `{"sg1": 2, "sg2": 2, "sg3": 4, "gv1": 1, "gv2": 2}`
	return []RegisterStep{
		// Who is who.
		{Name: "no token", Method: get, Path: "/v1/partnerships", Status: 401, Problem: ProblemType("unauthenticated"), WantHeader: map[string]string{"WWW-Authenticate": `Bearer realm="partnerkit"`}},
		{Name: "malformed header", Method: get, Path: "/v1/partnerships", Header: map[string]string{"Authorization": "Basic YWRtaW46YWRtaW4="}, Status: 401, Problem: ProblemType("unauthenticated")},
		{Name: "unknown token", Method: get, Path: "/v1/partnerships", Header: map[string]string{"Authorization": "Bearer pkt_AAAAAAAAAAAAAAAAAAAAAA"}, Status: 401, Problem: ProblemType("unauthenticated")},
		{Name: "admin session", Method: get, Path: "/v1/session", Token: "admin", Status: 200, Contains: []string{`"role": "admin"`}},
		{Name: "no partnerships yet", Method: get, Path: "/v1/partnerships", Token: "admin", Status: 200, Contains: []string{"[]"}},

		// Partnerships and versions.
		{Name: "create from an MOU", Method: post, Path: "/v1/partnerships", Token: "admin", Body: Doc("mou-valid"), Status: 201,
			Contains: []string{`"name": "Riverside STEM Partnership"`, `"draft": false`, `"version": 1`, `"kind": "mou"`},
			Save:     map[string]string{"p": "/partnership/id"}},
		{Name: "create from an MOU with errors: a draft", Method: post, Path: "/v1/partnerships", Token: "admin", Body: Doc("mou-draft"), Status: 201,
			Contains: []string{`"draft": true`, `"severity": "error"`},
			Save:     map[string]string{"q": "/partnership/id"}},
		{Name: "create from malformed JSON", Method: post, Path: "/v1/partnerships", Token: "admin", Body: "{\n  \"title\": }", Status: 400, Problem: ProblemType("malformed-json"), Contains: []string{`"line": 2`}},
		{Name: "create from text", Method: post, Path: "/v1/partnerships", Token: "admin", Header: map[string]string{"Content-Type": "text/plain"}, Body: Doc("mou-valid"), Status: 415, Problem: ProblemType("unsupported-media-type")},
		{Name: "list partnerships", Method: get, Path: "/v1/partnerships", Token: "admin", Status: 200, Contains: []string{"Riverside STEM Partnership", "Coastal"}},
		{Name: "get a partnership", Method: get, Path: "/v1/partnerships/${p}", Token: "admin", Status: 200, Contains: []string{`"id": "${p}"`}},
		{Name: "an id that is not one", Method: get, Path: "/v1/partnerships/" + strings.Repeat("x", 300), Token: "admin", Status: 404, Problem: ProblemType("not-found")},
		{Name: "a partnership that is not there", Method: get, Path: "/v1/partnerships/00000000-0000-4000-8000-000000000000", Token: "admin", Status: 404, Problem: ProblemType("not-found")},
		{Name: "save a new version", Method: post, Path: "/v1/partnerships/${p}/versions", Token: "admin", Body: Doc("mou-valid"), Status: 201, Contains: []string{`"version": 2`}},
		{Name: "list versions", Method: get, Path: "/v1/partnerships/${p}/versions", Token: "admin", Status: 200, Contains: []string{`"version": 1`, `"version": 2`}},
		{Name: "get version 1", Method: get, Path: "/v1/partnerships/${p}/versions/1", Token: "admin", Status: 200, Contains: []string{`"version": 1`, `"findings"`}},
		{Name: "get the latest version", Method: get, Path: "/v1/partnerships/${p}/versions/latest", Token: "admin", Status: 200, Contains: []string{`"version": 2`}},
		{Name: "a version that is not there", Method: get, Path: "/v1/partnerships/${p}/versions/9", Token: "admin", Status: 404},

		// Coordinators.
		{Name: "a coordinator link", Method: post, Path: "/v1/partnerships/${p}/links", Token: "admin", Body: `{"label": "Sam, the partnership lead"}`, Status: 201,
			Contains: []string{`"role": "coordinator"`, "/#coordinate/pkt_"}, Save: map[string]string{"coord": "/token", "coordLink": "/id"}},
		{Name: "another partnership's coordinator", Method: post, Path: "/v1/partnerships/${q}/links", Token: "admin", Status: 201, Save: map[string]string{"coordQ": "/token"}},
		{Name: "a spare coordinator link", Method: post, Path: "/v1/partnerships/${p}/links", Token: "coord", Status: 201, Save: map[string]string{"spare": "/token", "spareLink": "/id"}},
		{Name: "coordinator session", Method: get, Path: "/v1/session", Token: "coord", Status: 200, Contains: []string{`"role": "coordinator"`, `"partnership": "${p}"`}},
		{Name: "a coordinator sees their partnership only", Method: get, Path: "/v1/partnerships", Token: "coord", Status: 200, Contains: []string{"Riverside"}},
		{Name: "a coordinator may not create partnerships", Method: post, Path: "/v1/partnerships", Token: "coord", Body: Doc("mou-valid"), Status: 403, Problem: ProblemType("forbidden")},
		{Name: "another partnership is not found", Method: get, Path: "/v1/partnerships/${p}", Token: "coordQ", Status: 404, Problem: ProblemType("not-found")},
		{Name: "revoke the spare link", Method: post, Path: "/v1/links/${spareLink}/revoke", Token: "coord", Status: 204},
		{Name: "a revoked link", Method: get, Path: "/v1/session", Token: "spare", Status: 401, Problem: ProblemType("unauthenticated")},
		{Name: "the partnership's links", Method: get, Path: "/v1/partnerships/${p}/links", Token: "coord", Status: 200, Contains: []string{"${coordLink}", `"revokedAt"`}},

		// A round.
		{Name: "a round without a framework", Method: post, Path: "/v1/partnerships/${p}/rounds", Token: "coord", Body: `{"title": "Spring", "opens": "${opens}", "closes": "${closes}"}`, Status: 422, Problem: ProblemType("invalid-request")},
		{Name: "a round with its own framework", Method: post, Path: "/v1/partnerships/${p}/rounds", Token: "coord",
			Body: `{"title": "Spring 2027 review", "framework": ` + Doc("framework-mini") + `, "opens": "${opens}", "closes": "${closes}"}`, Status: 201,
			Contains: []string{`"framework": "mini-health-check"`, `"custom": true`}, Save: map[string]string{"round": "/id"}},
		{Name: "a round with a built-in framework", Method: post, Path: "/v1/partnerships/${p}/rounds", Token: "admin",
			Body: `{"title": "Last year's", "framework": "partnership-health-check", "opens": "${closedOpens}", "closes": "${closedCloses}"}`, Status: 201, Save: map[string]string{"oldRound": "/id"}},
		{Name: "list rounds", Method: get, Path: "/v1/partnerships/${p}/rounds", Token: "coord", Status: 200, Contains: []string{"Spring 2027 review", "Last year's"}},
		{Name: "get the round", Method: get, Path: "/v1/rounds/${round}", Token: "coord", Status: 200, Contains: []string{"Spring 2027 review"}},
		{Name: "another coordinator's round is not found", Method: get, Path: "/v1/rounds/${round}", Token: "coordQ", Status: 404},

		// Invitations.
		{Name: "invitations", Method: post, Path: "/v1/rounds/${round}/invitations", Token: "coord",
			Body: `{"invitations": [
  {"partner": "riverside-primary", "review": "self", "label": "Head teacher"},
  {"partner": "st-aidans", "review": "self", "shared": true, "label": "Staff"},
  {"partner": "uni-riverside", "review": "peer", "shared": true},
  {"partner": "riverside-primary", "review": "self", "label": "Governor"}
]}`, Status: 201, Contains: []string{"/#respond/pkt_"},
			Save: map[string]string{"r1": "/0/token/token", "inv1": "/0/id", "r2": "/1/token/token", "r3": "/2/token/token", "r4": "/3/token/token", "inv4": "/3/id"}},
		{Name: "no invitations", Method: post, Path: "/v1/rounds/${round}/invitations", Token: "coord", Body: `{"invitations": []}`, Status: 422, Problem: ProblemType("invalid-request")},
		{Name: "a partner outside the partnership", Method: post, Path: "/v1/rounds/${round}/invitations", Token: "coord", Body: `{"invitations": [{"partner": "nobody", "review": "self"}]}`, Status: 422, Problem: ProblemType("invalid-document")},
		{Name: "an invitation for the old round", Method: post, Path: "/v1/rounds/${oldRound}/invitations", Token: "coord", Body: `{"invitations": [{"partner": "st-aidans", "review": "self"}]}`, Status: 201, Save: map[string]string{"rOld": "/0/token/token"}},
		{Name: "list invitations", Method: get, Path: "/v1/rounds/${round}/invitations", Token: "coord", Status: 200, Contains: []string{"Head teacher", `"responses": 0`}},

		// Respondents.
		{Name: "welcome", Method: get, Path: "/v1/respond", Token: "r1", Status: 200,
			Contains: []string{`"partnershipName": "Riverside STEM Partnership"`, "Submitting sends your answers to the programme's server", `"id": "mini-health-check"`, `"open": true`}},
		{Name: "respondent session", Method: get, Path: "/v1/session", Token: "r1", Status: 200, Contains: []string{`"role": "respondent"`, `"round": "${round}"`}},
		{Name: "submit without a key", Method: post, Path: "/v1/respond/answers", Token: "r1", Body: submit("", a1, 1), Status: 400, Problem: ProblemType("idempotency-key")},
		{Name: "submit", Method: post, Path: "/v1/respond/answers", Token: "r1", Header: key("k-r1-1"), Body: submit("", a1, 1), Status: 200, Contains: []string{`"changes": 1`, `"score"`}},
		{Name: "submit again with the same key", Method: post, Path: "/v1/respond/answers", Token: "r1", Header: key("k-r1-1"), Body: submit("", a1, 1), Status: 200, Contains: []string{`"changes": 1`}},
		{Name: "answers without a revision after counted ones", Method: post, Path: "/v1/respond/answers", Token: "r1", Header: key("k-r1-0"), Body: submit("", a3, 0), Status: 409, Problem: ProblemType("conflict")},
		{Name: "changed answers", Method: post, Path: "/v1/respond/answers", Token: "r1", Header: key("k-r1-2"), Body: submit("", a2, 3), Status: 200, Contains: []string{`"revision": 3`}},
		{Name: "a late retry of old answers", Method: post, Path: "/v1/respond/answers", Token: "r1", Header: key("k-r1-old"), Body: submit("", a1, 2), Status: 409, Problem: ProblemType("conflict")},
		{Name: "answers that break the framework", Method: post, Path: "/v1/respond/answers", Token: "r1", Header: key("k-bad"), Body: submit("", `{"sg1": 9}`, 4), Status: 422, Problem: ProblemType("invalid-document")},
		{Name: "answers that are not an assessment", Method: post, Path: "/v1/respond/answers", Token: "r1", Header: key("k-bad2"), Body: `{"assessment": [1, 2]}`, Status: 422, Problem: ProblemType("invalid-request")},
		{Name: "my answers", Method: get, Path: "/v1/respond/answers", Token: "r1", Status: 200, Contains: []string{`"revision": 3`, `"sg1": 5`}},
		{Name: "a group's first respondent", Method: post, Path: "/v1/respond/answers", Token: "r2", Header: key("k-r2-a"), Body: submit("11111111-1111-4111-8111-111111111111", a1, 1), Status: 200},
		{Name: "a group's second respondent", Method: post, Path: "/v1/respond/answers", Token: "r2", Header: key("k-r2-b"), Body: submit("22222222-2222-4222-8222-222222222222", a2, 1), Status: 200},
		{Name: "a group respondent's answers", Method: get, Path: "/v1/respond/answers?answerSet=22222222-2222-4222-8222-222222222222", Token: "r2", Status: 200, Contains: []string{`"sg1": 5`}},
		{Name: "another respondent's answers are not found", Method: get, Path: "/v1/respond/answers?answerSet=22222222-2222-4222-8222-222222222222", Token: "r1", Status: 404},
		{Name: "a peer review", Method: post, Path: "/v1/respond/answers", Token: "r3", Header: key("k-r3"), Body: submit("", a3, 1), Status: 200},
		{Name: "a respondent may not see the report", Method: get, Path: "/v1/rounds/${round}/report", Token: "r1", Status: 403, Problem: ProblemType("forbidden")},
		{Name: "a respondent may not submit for another round", Method: post, Path: "/v1/respond/answers", Token: "rOld", Header: key("k-old"), Body: `{"revision": 1, "assessment": {"framework": "partnership-health-check", "answers": {"sg1": 4}}}`, Status: 409, Problem: ProblemType("round-closed")},
		{Name: "a coordinator may not submit", Method: post, Path: "/v1/respond/answers", Token: "coord", Header: key("k-c"), Body: submit("", a1, 1), Status: 403},
		{Name: "a coordinator may not see one answer set", Method: get, Path: "/v1/respond/answers", Token: "coord", Status: 403},

		// The report.
		{Name: "the report", Method: get, Path: "/v1/rounds/${round}/report", Token: "coord", Status: 200,
			Contains: []string{`"respondents": 4`, `"anonymityThreshold": 3`, `"partner": "st-aidans"`, `"combined": {`, `"outcomes": []`}},
		{Name: "invitations count their answers", Method: get, Path: "/v1/rounds/${round}/invitations", Token: "coord", Status: 200, Contains: []string{`"responses": 2`}},
		{Name: "revoke an invitation", Method: post, Path: "/v1/invitations/${inv4}/revoke", Token: "coord", Status: 204},
		{Name: "a revoked invitation's link", Method: get, Path: "/v1/respond", Token: "r4", Status: 401, Problem: ProblemType("unauthenticated")},

		// Indicators.
		{Name: "define indicators", Method: post, Path: "/v1/partnerships/${p}/indicators", Token: "coord", Body: Doc("indicators"), Status: 200, Contains: []string{"ks2-science", `"status"`}},
		{Name: "record an actual value", Method: post, Path: "/v1/partnerships/${p}/indicators/ks2-science/actuals", Token: "coord", Body: `{"asOf": "2027-03-31", "value": 71}`, Status: 200,
			Contains: []string{`"asOf": "2027-03-31"`, `"value": 71`, `"expected"`}},
		{Name: "an actual value without a date", Method: post, Path: "/v1/partnerships/${p}/indicators/ks2-science/actuals", Token: "coord", Body: `{"value": 71}`, Status: 422, Problem: ProblemType("invalid-request")},
		{Name: "an indicator's history", Method: get, Path: "/v1/partnerships/${p}/indicators/ks2-science", Token: "coord", Status: 200, Contains: []string{`"asOf": "2027-01-31"`, `"asOf": "2027-03-31"`, `"progress"`}},
		{Name: "the indicators", Method: get, Path: "/v1/partnerships/${p}/indicators", Token: "coord", Status: 200, Contains: []string{"practical-teachers"}},
		{Name: "an indicator that is not there", Method: get, Path: "/v1/partnerships/${p}/indicators/nope", Token: "coord", Status: 404},
		// ks2-science at 71 of 62 to 75 on 2027-03-31; practical-teachers
		// and persistent-absence name no outcome, the one off track.
		{Name: "progress per outcome", Method: get, Path: "/v1/partnerships/${p}/outcomes", Token: "coord", Status: 200,
			Contains: []string{`"outcome": "More pupils reach the expected standard in science"`, `"status": "on-track"`, `"outcome": ""`, `"status": "off-track"`, `"id": "persistent-absence"`}},
		{Name: "a respondent may not see the outcomes", Method: get, Path: "/v1/partnerships/${p}/outcomes", Token: "r1", Status: 403, Problem: ProblemType("forbidden")},
		{Name: "the report's progress per outcome", Method: get, Path: "/v1/rounds/${round}/report", Token: "coord", Status: 200,
			Contains: []string{`"outcomes": [`, `"outcome": "More pupils reach the expected standard in science"`, `"expected"`}},

		// The window closes.
		{Name: "close the round", Method: post, Path: "/v1/rounds/${round}/close", Token: "coord", Status: 200},
		{Name: "answers after the round closes", Method: post, Path: "/v1/respond/answers", Token: "r1", Header: key("k-r1-late"), Body: submit("", a1, 9), Status: 409, Problem: ProblemType("round-closed")},
		{Name: "the closed round's welcome", Method: get, Path: "/v1/respond", Token: "r1", Status: 200, Contains: []string{`"open": false`}},

		// The administrator.
		{Name: "an administrator link", Method: post, Path: "/v1/admin/links", Token: "admin", Status: 201, Contains: []string{"/#admin/pkt_"}},
		{Name: "a coordinator may not make one", Method: post, Path: "/v1/admin/links", Token: "coord", Status: 403},
		{Name: "export", Method: get, Path: "/v1/admin/export", Token: "admin", Status: 200, Contains: []string{`"format":`, "partnerkit-register", "k-r1-2"}},
		{Name: "a coordinator may not export", Method: get, Path: "/v1/admin/export", Token: "coord", Status: 403},
		{Name: "import into a register that is not empty", Method: post, Path: "/v1/admin/import", Token: "admin", Body: `{"format": "partnerkit-register", "schemaVersion": ` + strconv.Itoa(register.SchemaVersion()) + `}`, Status: 409, Problem: ProblemType("conflict")},
	}
}

// ProblemType is the type of the problem with the short name given, such
// as "unauthenticated".
func ProblemType(name string) string { return "https://partnerkit.github.io/problems/" + name }

// RunRegister runs the register's steps in order against the server at
// base (such as "http://127.0.0.1:8080"), whose register must be fresh,
// with admin the administrator's token (from its first start). It stops
// at the first step whose answer is not as expected, and returns the
// values saved along the way (tokens and ids, by name).
func RunRegister(client *http.Client, base, admin string) (map[string]string, error) {
	vars := RegisterVars(admin)
	for i, s := range RegisterSteps() {
		if err := s.Run(client, base, vars); err != nil {
			return vars, fmt.Errorf("step %d, %w", i+1, err)
		}
	}
	return vars, nil
}

// RegisterVars returns the values saved before the first step, for a
// caller that runs the steps one by one with RegisterStep.Run: admin,
// and the rounds' windows around the time now.
func RegisterVars(admin string) map[string]string {
	now := time.Now().UTC()
	return map[string]string{
		"admin":        admin,
		"opens":        now.Add(-time.Hour).Format(time.RFC3339),
		"closes":       now.Add(14 * 24 * time.Hour).Format(time.RFC3339),
		"closedOpens":  now.Add(-30 * 24 * time.Hour).Format(time.RFC3339),
		"closedCloses": now.Add(-24 * time.Hour).Format(time.RFC3339),
	}
}

// expand replaces each ${name} in s with the saved value.
func expand(s string, vars map[string]string) string {
	if !strings.Contains(s, "${") {
		return s
	}
	for k, v := range vars {
		s = strings.ReplaceAll(s, "${"+k+"}", v)
	}
	return s
}

// Run sends the step's request and checks its answer, saving what the
// step saves into vars.
func (s RegisterStep) Run(client *http.Client, base string, vars map[string]string) error {
	var body io.Reader
	if s.Body != "" {
		body = strings.NewReader(expand(s.Body, vars))
	}
	req, err := http.NewRequest(s.Method, base+expand(s.Path, vars), body)
	if err != nil {
		return fmt.Errorf("%s: %w", s.Name, err)
	}
	if s.Body != "" {
		req.Header.Set("Content-Type", jsonType)
	}
	if s.Token != "" {
		tok, ok := vars[s.Token]
		if !ok {
			return fmt.Errorf("%s: no token %q saved", s.Name, s.Token)
		}
		req.Header.Set("Authorization", "Bearer "+tok)
	}
	for k, v := range s.Header {
		if v == NoContentType {
			req.Header.Del(k)
			continue
		}
		req.Header.Set(k, expand(v, vars))
	}
	res, err := client.Do(req)
	if err != nil {
		return fmt.Errorf("%s: %w", s.Name, err)
	}
	data, err := io.ReadAll(res.Body)
	res.Body.Close()
	if err != nil {
		return fmt.Errorf("%s: reading the body: %w", s.Name, err)
	}
	var errs []error
	if res.StatusCode != s.Status {
		errs = append(errs, fmt.Errorf("status %d, want %d", res.StatusCode, s.Status))
	}
	mt, _, _ := mime.ParseMediaType(res.Header.Get("Content-Type"))
	if s.Problem != "" {
		if mt != problemType {
			errs = append(errs, fmt.Errorf("Content-Type %q, want %s", mt, problemType))
		}
		if !bytes.Contains(data, []byte(`"type": "`+s.Problem+`"`)) {
			errs = append(errs, fmt.Errorf("want the problem type %s", s.Problem))
		}
	}
	for k, want := range s.WantHeader {
		if got := res.Header.Get(k); got != want {
			errs = append(errs, fmt.Errorf("header %s: %q, want %q", k, got, want))
		}
	}
	for _, want := range s.Contains {
		if want = expand(want, vars); !bytes.Contains(data, []byte(want)) {
			errs = append(errs, fmt.Errorf("the body does not contain %q", want))
		}
	}
	for _, not := range s.Excludes {
		if not = expand(not, vars); bytes.Contains(data, []byte(not)) {
			errs = append(errs, fmt.Errorf("the body contains %q", not))
		}
	}
	if len(s.Save) > 0 && len(errs) == 0 {
		var doc any
		if err := json.Unmarshal(data, &doc); err != nil {
			errs = append(errs, fmt.Errorf("the body is not JSON: %w", err))
		}
		for name, ptr := range s.Save {
			v, ok := pointer(doc, ptr)
			if !ok {
				errs = append(errs, fmt.Errorf("nothing at %s to save as %s", ptr, name))
				continue
			}
			vars[name] = v
		}
	}
	if len(errs) > 0 {
		return fmt.Errorf("%s: %s %s: %w\nbody: %s", s.Name, s.Method, expand(s.Path, vars), errors.Join(errs...), clip(data))
	}
	return nil
}

// pointer finds the string or number at a JSON Pointer (without escapes).
func pointer(doc any, ptr string) (string, bool) {
	for _, tok := range strings.Split(strings.TrimPrefix(ptr, "/"), "/") {
		switch v := doc.(type) {
		case map[string]any:
			doc = v[tok]
		case []any:
			i, err := strconv.Atoi(tok)
			if err != nil || i < 0 || i >= len(v) {
				return "", false
			}
			doc = v[i]
		default:
			return "", false
		}
	}
	switch v := doc.(type) {
	case string:
		return v, true
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64), true
	}
	return "", false
}
