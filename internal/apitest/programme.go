package apitest

import (
	"fmt"
	"net/http"
	"strings"
)

// ProgrammeSteps returns the programme view's shared HTTP cases, on a
// fresh register: three partnerships (an MOU, a draft with errors, and an
// MOU under a name in Welsh with accents, at another stage), a round of
// the first answered by three respondents (the anonymity threshold), its
// indicators; then the view as JSON and as CSV, each filter and a sort,
// the roll-up, and the access matrix: only administrators see the view,
// as JSON or CSV, and the directory, which needs no token, shows none of
// it to anyone.
func ProgrammeSteps() []RegisterStep {
	const get, post = http.MethodGet, http.MethodPost
	ns := func(name string) string { return ProblemType(name) }
	key := func(k string) map[string]string { return map[string]string{"Idempotency-Key": k} }
	welsh := strings.NewReplacer(`"name": "Riverside STEM Partnership"`, `"name": "Ysgolion Gwyddoniaeth Zoë"`,
		`"stage": "build"`, `"stage": "sustain"`).Replace(Doc("mou-valid"))
	return []RegisterStep{
		{Name: "an empty programme", Method: get, Path: "/v1/programme", Token: "admin", Status: 200, Contains: []string{`"total": 0`, `"rows": []`, `"rollUp": []`}},
		{Name: "partnership p", Method: post, Path: "/v1/partnerships", Token: "admin", Body: Doc("mou-valid"), Status: 201, Save: map[string]string{"p": "/partnership/id"}},
		{Name: "partnership q, a draft", Method: post, Path: "/v1/partnerships", Token: "admin", Body: Doc("mou-draft"), Status: 201, Save: map[string]string{"q": "/partnership/id"}},
		{Name: "partnership w, in Welsh", Method: post, Path: "/v1/partnerships", Token: "admin", Body: welsh, Status: 201,
			Contains: []string{"Ysgolion Gwyddoniaeth Zoë"}, Save: map[string]string{"w": "/partnership/id"}},
		{Name: "p's coordinator", Method: post, Path: "/v1/partnerships/${p}/links", Token: "admin", Status: 201, Save: map[string]string{"coord": "/token"}},
		{Name: "a round of p", Method: post, Path: "/v1/partnerships/${p}/rounds", Token: "coord",
			Body: `{"title": "Spring review", "framework": ` + Doc("framework-mini") + `, "opens": "${opens}", "closes": "${closes}"}`, Status: 201, Save: map[string]string{"round": "/id"}},
		{Name: "p's respondents", Method: post, Path: "/v1/rounds/${round}/invitations", Token: "coord",
			Body:   `{"invitations": [{"partner": "st-aidans", "review": "self"}, {"partner": "riverside-primary", "review": "self"}, {"partner": "uni-riverside", "review": "peer"}]}`,
			Status: 201, Save: map[string]string{"r1": "/0/token/token", "r2": "/1/token/token", "r3": "/2/token/token"}},
		{Name: "the first respondent", Method: post, Path: "/v1/respond/answers", Token: "r1", Header: key("pg-1"), Body: submit("", `{"sg1": 2, "sg2": 2, "sg3": 4, "gv1": 1, "gv2": 2}`, 1), Status: 200},
		{Name: "the second respondent", Method: post, Path: "/v1/respond/answers", Token: "r2", Header: key("pg-2"), Body: submit("", `{"sg1": 1, "sg2": 2, "sg3": 5, "gv1": 2, "gv2": 1}`, 1), Status: 200},

		// Below the anonymity threshold, no scores.
		{Name: "two responses: no scores yet", Method: get, Path: "/v1/programme?search=riverside", Token: "admin", Status: 200,
			Contains: []string{`"responses": 2`, `"overall": null`, "round.few-responses"}},
		{Name: "the third respondent", Method: post, Path: "/v1/respond/answers", Token: "r3", Header: key("pg-3"), Body: submit("", `{"sg1": 2, "sg2": 1, "sg3": 4, "gv1": 1, "gv2": 2}`, 1), Status: 200},
		{Name: "p's indicators", Method: post, Path: "/v1/partnerships/${p}/indicators", Token: "coord", Body: Doc("indicators"), Status: 200},
		{Name: "a respondent", Method: post, Path: "/v1/rounds/${round}/invitations", Token: "coord", Body: `{"invitations": [{"partner": "st-aidans", "review": "self"}]}`,
			Status: 201, Save: map[string]string{"resp": "/0/token/token"}},

		// The view.
		{Name: "the programme view", Method: get, Path: "/v1/programme", Token: "admin", Status: 200,
			Contains: []string{`"total": 3`, `"id": "${p}"`, `"id": "${q}"`, `"id": "${w}"`, "Ysgolion Gwyddoniaeth Zoë", `"title": "Spring review"`, `"responses": 3`,
				`"band": "Concern"`, `"lowest": true`, `"rollUp": [`, `"dimension": "governance"`, `"bands": [`, `"Concern"`, `"svg": "<svg`, `"mou.invalid"`, `"round.none"`, `"dimension.concern"`}},
		{Name: "three answers are combined the same the second time", Method: get, Path: "/v1/programme?search=riverside", Token: "admin", Status: 200,
			Contains: []string{`"responses": 3`, `"band": "Concern"`}, Excludes: []string{"round.few-responses", `"overall": null`}},
		{Name: "by stage", Method: get, Path: "/v1/programme?stage=sustain", Token: "admin", Status: 200, Contains: []string{`"id": "${w}"`}, Excludes: []string{`"id": "${p}"`, `"id": "${q}"`}},
		{Name: "by model", Method: get, Path: "/v1/programme?model=broad-area", Token: "admin", Status: 200, Contains: []string{`"rows": []`, `"total": 3`}},
		{Name: "by partner type", Method: get, Path: "/v1/programme?type=university", Token: "admin", Status: 200, Contains: []string{`"id": "${p}"`, `"id": "${w}"`}, Excludes: []string{`"id": "${q}"`}},
		{Name: "by sector", Method: get, Path: "/v1/programme?sector=independent", Token: "admin", Status: 200, Contains: []string{`"id": "${p}"`}},
		{Name: "by the MOU's state", Method: get, Path: "/v1/programme?valid=false", Token: "admin", Status: 200, Contains: []string{`"id": "${q}"`}, Excludes: []string{`"id": "${p}"`, `"id": "${w}"`}},
		{Name: "by band", Method: get, Path: "/v1/programme?band=concern", Token: "admin", Status: 200, Contains: []string{`"id": "${p}"`}, Excludes: []string{`"id": "${q}"`, `"id": "${w}"`}},
		{Name: "by what needs attention", Method: get, Path: "/v1/programme?attention=round.none", Token: "admin", Status: 200, Contains: []string{`"id": "${q}"`, `"id": "${w}"`}, Excludes: []string{`"id": "${p}"`}},
		{Name: "by indicator status", Method: get, Path: "/v1/programme?indicator=on-track&sort=met", Token: "admin", Status: 200, Contains: []string{`"id": "${p}"`, `"onTrack": `}, Excludes: []string{`"id": "${q}"`, `"id": "${w}"`}},
		{Name: "by name, in any case", Method: get, Path: "/v1/programme?search=ZO%C3%8B", Token: "admin", Status: 200, Contains: []string{`"id": "${w}"`}, Excludes: []string{`"id": "${p}"`}},
		{Name: "sorted by score, highest first", Method: get, Path: "/v1/programme?sort=score&desc=true", Token: "admin", Status: 200, Contains: []string{`"total": 3`}},
		{Name: "a sort that is not one", Method: get, Path: "/v1/programme?sort=colour", Token: "admin", Status: 422, Problem: ns("invalid-document"), Contains: []string{"Sort by one of name"}},
		{Name: "a filter of validity that is not one", Method: get, Path: "/v1/programme?valid=maybe", Token: "admin", Status: 422, Problem: ns("invalid-document"), Contains: []string{"valid=true or valid=false"}},
		{Name: "a format that is not one", Method: get, Path: "/v1/programme?format=xlsx", Token: "admin", Status: 422, Problem: ns("invalid-request")},
		{Name: "as CSV", Method: get, Path: "/v1/programme?format=csv&sort=name", Token: "admin", Status: 200,
			WantHeader: map[string]string{"Content-Type": "text/csv; charset=utf-8; header=present", "Content-Disposition": `attachment; filename="programme.csv"`},
			Contains:   []string{"\ufeffid,name,model,stage,partners", "Ysgolion Gwyddoniaeth Zoë", "Spring review", "Concern"}},
		{Name: "as CSV, filtered", Method: get, Path: "/v1/programme?format=csv&valid=false", Token: "admin", Status: 200,
			Contains: []string{"Coastal Schools Marine Partnership"}, Excludes: []string{"Riverside STEM Partnership", "Ysgolion"}},

		// Who may see it.
		{Name: "the view needs a token", Method: get, Path: "/v1/programme", Status: 401, Problem: ns("unauthenticated"), Excludes: []string{"Riverside"}},
		{Name: "the CSV needs a token", Method: get, Path: "/v1/programme?format=csv", Status: 401, Problem: ns("unauthenticated"), Excludes: []string{"Riverside"}},
		{Name: "a coordinator may not see the view", Method: get, Path: "/v1/programme", Token: "coord", Status: 403, Problem: ns("forbidden")},
		{Name: "nor its CSV", Method: get, Path: "/v1/programme?format=csv", Token: "coord", Status: 403, Problem: ns("forbidden")},
		{Name: "a respondent may not see the view", Method: get, Path: "/v1/programme?format=json", Token: "resp", Status: 403, Problem: ns("forbidden")},
		{Name: "the view is read, never written", Method: post, Path: "/v1/programme", Token: "admin", Body: "{}", Status: 405, Problem: ns("method-not-allowed")},

		// The directory shows none of it: nothing is published yet.
		{Name: "the directory is empty to everyone", Method: get, Path: "/v1/directory", Status: 200, Contains: []string{`"total": 0`}, Excludes: []string{"Riverside", "Concern"}},
		{Name: "p publishes a listing", Method: post, Path: "/v1/partnerships/${p}/listing", Token: "coord", Body: ListingA, Status: 200, Save: map[string]string{"la": "/id"}},
		{Name: "the directory, without a token", Method: get, Path: "/v1/directory", Status: 200,
			Contains: []string{`"id": "${la}"`}, Excludes: []string{"${p}", "Concern", "Spring review", "@riverside.sch.uk", `"band"`}},
		{Name: "the directory, as an administrator", Method: get, Path: "/v1/directory", Token: "admin", Status: 200,
			Contains: []string{`"id": "${la}"`}, Excludes: []string{"${p}", "Concern", "Spring review", "@riverside.sch.uk", `"band"`}},
		{Name: "the directory, as a respondent", Method: get, Path: "/v1/directory/${la}", Token: "resp", Status: 200,
			Contains: []string{`"id": "${la}"`}, Excludes: []string{"${p}", "Concern", "Spring review", "@riverside.sch.uk", `"band"`}},
		{Name: "the listing's page", Method: get, Path: "/directory/${la}", Status: 200,
			Contains: []string{"Riverside STEM Partnership"}, Excludes: []string{"${p}", "Concern", "Spring review", "@riverside.sch.uk"}},
	}
}

// RunProgramme runs ProgrammeSteps in order against the server at base,
// whose register must be fresh and keep the default anonymity threshold
// (3), with admin the administrator's token. It returns the values saved
// along the way.
func RunProgramme(client *http.Client, base, admin string) (map[string]string, error) {
	vars := RegisterVars(admin)
	for i, s := range ProgrammeSteps() {
		if err := s.Run(client, base, vars); err != nil {
			return vars, fmt.Errorf("step %d, %w", i+1, err)
		}
	}
	return vars, nil
}
