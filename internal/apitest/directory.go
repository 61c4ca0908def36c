package apitest

import (
	"fmt"
	"net/http"
)

// ListingA and ListingB are listing documents for DirectorySteps: a hub
// and spoke partnership of a state secondary school and a university in
// Leeds, working on teaching and CPD, with a contact address; and a broad
// area network of an independent primary school and a charity, working
// on the curriculum, that shows its band.
const (
	ListingA = `{"name": "Riverside STEM Partnership", "summary": "Primary and secondary schools sharing science teaching with the university.",
  "model": "hub-and-spoke", "stage": "embed", "focusAreas": ["teaching", "cpd"], "contact": "partnerships@riverside.example",
  "partners": [{"name": "St Aidan's School", "type": "school", "sector": "state", "phase": "secondary", "area": "Leeds"},
    {"name": "University of Riverside", "type": "university", "area": "Leeds"}]}`
	ListingB = `{"name": "Coastal Reading Network", "summary": "Schools on the coast reading together, with Zoë's café as the book club.",
  "model": "broad-area", "stage": "build", "focusAreas": ["curriculum"], "showBand": true,
  "partners": [{"name": "Bay Primary", "type": "school", "sector": "independent", "phase": "primary", "area": "North East"},
    {"name": "Coast Readers", "type": "charity"}]}`
)

// DirectorySteps returns the shared HTTP cases of the programme view and
// the directory, with the access matrix of each endpoint: directory
// reads need no token; publishing, withdrawing and a partnership's own
// listing need its coordinator or an administrator (another partnership's
// coordinator gets 404, a respondent 403); the programme view is for
// administrators only. They run on a fresh register, as RegisterSteps do.
func DirectorySteps() []RegisterStep {
	const get, post = http.MethodGet, http.MethodPost
	ns := func(name string) string { return ProblemType(name) }
	return []RegisterStep{
		// A fresh register: two partnerships, their coordinators, a respondent.
		{Name: "an empty directory", Method: get, Path: "/v1/directory", Status: 200, Contains: []string{`"total": 0`, `"listings": []`}},
		{Name: "partnership p", Method: post, Path: "/v1/partnerships", Token: "admin", Body: Doc("mou-valid"), Status: 201, Save: map[string]string{"p": "/partnership/id"}},
		{Name: "partnership q", Method: post, Path: "/v1/partnerships", Token: "admin", Body: Doc("mou-draft"), Status: 201, Save: map[string]string{"q": "/partnership/id"}},
		{Name: "p's coordinator", Method: post, Path: "/v1/partnerships/${p}/links", Token: "admin", Status: 201, Save: map[string]string{"coord": "/token"}},
		{Name: "q's coordinator", Method: post, Path: "/v1/partnerships/${q}/links", Token: "admin", Status: 201, Save: map[string]string{"coordQ": "/token"}},
		{Name: "a round of p", Method: post, Path: "/v1/partnerships/${p}/rounds", Token: "coord",
			Body: `{"framework": "partnership-health-check", "opens": "${opens}", "closes": "${closes}"}`, Status: 201, Save: map[string]string{"round": "/id"}},
		{Name: "a respondent of p", Method: post, Path: "/v1/rounds/${round}/invitations", Token: "coord",
			Body: `{"invitations": [{"partner": "st-aidans", "review": "self"}]}`, Status: 201, Save: map[string]string{"resp": "/0/token/token"}},

		// Publishing: who may.
		{Name: "publish without a token", Method: post, Path: "/v1/partnerships/${p}/listing", Body: ListingA, Status: 401, Problem: ns("unauthenticated")},
		{Name: "another partnership's coordinator may not publish", Method: post, Path: "/v1/partnerships/${p}/listing", Token: "coordQ", Body: ListingA, Status: 404, Problem: ns("not-found")},
		{Name: "a respondent may not publish", Method: post, Path: "/v1/partnerships/${p}/listing", Token: "resp", Body: ListingA, Status: 403, Problem: ns("forbidden")},
		{Name: "a listing is checked", Method: post, Path: "/v1/partnerships/${p}/listing", Token: "coord",
			Body: `{"name": "Riverside", "model": "hub-and-spoke", "partners": [], "scores": 80}`, Status: 422, Problem: ns("invalid-document"), Contains: []string{`"code": "schema"`}},
		{Name: "nothing is listed yet", Method: get, Path: "/v1/partnerships/${p}/listing", Token: "coord", Status: 404},
		{Name: "the coordinator publishes", Method: post, Path: "/v1/partnerships/${p}/listing", Token: "coord", Body: ListingA, Status: 200,
			Contains: []string{`"name": "Riverside STEM Partnership"`, `"withdrawn": false`}, Save: map[string]string{"la": "/id"}},
		{Name: "an administrator publishes", Method: post, Path: "/v1/partnerships/${q}/listing", Token: "admin", Body: ListingB, Status: 200, Save: map[string]string{"lb": "/id"}},
		{Name: "another coordinator may not see p's listing", Method: get, Path: "/v1/partnerships/${p}/listing", Token: "coordQ", Status: 404},
		{Name: "p's listing", Method: get, Path: "/v1/partnerships/${p}/listing", Token: "coord", Status: 200, Contains: []string{`"id": "${la}"`}},

		// Reading: no token.
		{Name: "everything, by name", Method: get, Path: "/v1/directory", Status: 200, Contains: []string{`"total": 2`, "Coastal Reading Network", "Riverside STEM Partnership"}},
		{Name: "by focus area", Method: get, Path: "/v1/directory?focus=teaching", Status: 200, Contains: []string{`"total": 1`, `"id": "${la}"`}},
		{Name: "by partner type", Method: get, Path: "/v1/directory?type=charity", Status: 200, Contains: []string{`"total": 1`, `"id": "${lb}"`}},
		{Name: "by sector", Method: get, Path: "/v1/directory?sector=independent", Status: 200, Contains: []string{`"total": 1`, `"id": "${lb}"`}},
		{Name: "by phase", Method: get, Path: "/v1/directory?phase=secondary", Status: 200, Contains: []string{`"total": 1`, `"id": "${la}"`}},
		{Name: "by area", Method: get, Path: "/v1/directory?area=north+east", Status: 200, Contains: []string{`"total": 1`, `"id": "${lb}"`}},
		{Name: "by stage", Method: get, Path: "/v1/directory?stage=embed", Status: 200, Contains: []string{`"total": 1`, `"id": "${la}"`}},
		{Name: "by text", Method: get, Path: "/v1/directory?q=scien", Status: 200, Contains: []string{`"total": 1`, `"id": "${la}"`}},
		{Name: "by text without accents", Method: get, Path: "/v1/directory?q=zoe+cafe", Status: 200, Contains: []string{`"total": 1`, `"id": "${lb}"`}},
		{Name: "FTS5 syntax is only words", Method: get, Path: "/v1/directory?q=%22a%22+OR+*+NEAR(", Status: 200, Contains: []string{`"total": 0`}},
		{Name: "pages", Method: get, Path: "/v1/directory?pageSize=1&page=2", Status: 200, Contains: []string{`"total": 2`, `"page": 2`, `"pageSize": 1`, `"id": "${la}"`}},
		{Name: "a bounded page", Method: get, Path: "/v1/directory?pageSize=100000", Status: 200, Contains: []string{`"pageSize": 50`}},
		{Name: "a listing", Method: get, Path: "/v1/directory/${la}", Status: 200, Contains: []string{`"contact": "partnerships@riverside.example"`, `"area": "Leeds"`}},
		{Name: "a listing that is not one", Method: get, Path: "/v1/directory/not-an-id", Status: 404, Problem: ns("not-found")},
		{Name: "the directory page", Method: get, Path: "/directory?focus=teaching", Status: 200, Contains: []string{"1 partnership<", "/directory/${la}"}},
		{Name: "a listing's page", Method: get, Path: "/directory/${la}", Status: 200, Contains: []string{"<h1>Riverside STEM Partnership</h1>", "mailto:partnerships@riverside.example"}},

		// The programme view.
		{Name: "the programme view needs a token", Method: get, Path: "/v1/programme", Status: 401, Problem: ns("unauthenticated")},
		{Name: "a coordinator may not see the programme", Method: get, Path: "/v1/programme", Token: "coord", Status: 403, Problem: ns("forbidden")},
		{Name: "a respondent may not see the programme", Method: get, Path: "/v1/programme", Token: "resp", Status: 403, Problem: ns("forbidden")},
		{Name: "the programme view", Method: get, Path: "/v1/programme", Token: "admin", Status: 200, Contains: []string{`"total": 2`, `"rows": [`, `"latestRound"`, `"attention"`}},
		{Name: "the programme view, searched", Method: get, Path: "/v1/programme?search=riverside&sort=score&desc=true", Token: "admin", Status: 200, Contains: []string{`"id": "${p}"`}},
		{Name: "the programme view, sorted by nothing known", Method: get, Path: "/v1/programme?sort=colour", Token: "admin", Status: 422},
		{Name: "the programme as CSV", Method: get, Path: "/v1/programme?format=csv", Token: "admin", Status: 200,
			WantHeader: map[string]string{"Content-Type": "text/csv; charset=utf-8; header=present"}, Contains: []string{"id,name,model,stage", "Riverside STEM Partnership"}},

		// Withdrawing.
		{Name: "another partnership's coordinator may not withdraw", Method: post, Path: "/v1/partnerships/${p}/listing/withdraw", Token: "coordQ", Status: 404},
		{Name: "a respondent may not withdraw", Method: post, Path: "/v1/partnerships/${p}/listing/withdraw", Token: "resp", Status: 403},
		{Name: "withdraw", Method: post, Path: "/v1/partnerships/${p}/listing/withdraw", Token: "coord", Status: 200, Contains: []string{`"withdrawn": true`}},
		{Name: "a withdrawn listing is gone", Method: get, Path: "/v1/directory/${la}", Status: 404},
		{Name: "a withdrawn listing's page is gone", Method: get, Path: "/directory/${la}", Status: 404, Contains: []string{"Not in the directory"}},
		{Name: "and gone from search", Method: get, Path: "/v1/directory?focus=teaching", Status: 200, Contains: []string{`"total": 0`}},
		{Name: "and from text search", Method: get, Path: "/v1/directory?q=riverside", Status: 200, Contains: []string{`"total": 0`}},
		{Name: "published again, at the same address", Method: post, Path: "/v1/partnerships/${p}/listing", Token: "coord", Body: ListingA, Status: 200, Contains: []string{`"id": "${la}"`}},

		// Scoring groups of assessments, one partnership's apart.
		{Name: "score groups", Method: post, Path: "/v1/evaluations/score-groups",
			Body: `{"framework": ` + Doc("framework-mini") + `, "groups": [
  {"partnership": "a", "assessments": [` + Doc("assessment-self") + `, ` + Doc("assessment-peer") + `]},
  {"partnership": "b", "assessments": [` + Doc("assessment-self") + `]},
  {"partnership": "c", "assessments": "none"}]}`, Status: 200,
			Contains: []string{`"partnership": "a"`, `"combined": {`, `"partnership": "b"`, `"partnership": "c"`, `"problem": {`}},
		{Name: "score groups without groups", Method: post, Path: "/v1/evaluations/score-groups", Body: `{"framework": "partnership-health-check"}`, Status: 422},
	}
}

// RunDirectory runs DirectorySteps in order against the server at base,
// whose register must be fresh, with admin the administrator's token. It
// returns the values saved along the way. To run the steps one by one,
// start from RegisterVars, as RunRegister does.
func RunDirectory(client *http.Client, base, admin string) (map[string]string, error) {
	vars := RegisterVars(admin)
	for i, s := range DirectorySteps() {
		if err := s.Run(client, base, vars); err != nil {
			return vars, fmt.Errorf("step %d, %w", i+1, err)
		}
	}
	return vars, nil
}
