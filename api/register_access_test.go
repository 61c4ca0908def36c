//go:build !js

package api_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/partnerkit/partnerkit/api"
	"github.com/partnerkit/partnerkit/evaluation"
	"github.com/partnerkit/partnerkit/internal/apitest"
	"github.com/partnerkit/partnerkit/register"
	"github.com/partnerkit/partnerkit/register/sqlite"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The principals of the access matrix.
const (
	asAdmin      = "admin"
	asCoord      = "coordinator"
	asCoordOther = "coordinator of another"
	asResp       = "respondent"
	asRespOther  = "respondent of another"
	asRevoked    = "revoked"
	asNone       = "no token"
	asMalformed  = "malformed header"
)

// accessWorld is a register file with two partnerships, each with a
// coordinator and an open round with a respondent, ready to copy.
type accessWorld struct {
	file    string
	tokens  map[string]string // principal → token
	ids     map[string]string // pattern segment → id
	archive string
}

func newAccessWorld(t *testing.T) *accessWorld {
	t.Helper()
	ctx := context.Background()
	file := filepath.Join(t.TempDir(), "world.db")
	reg, db, err := sqlite.Open(ctx, file, register.Options{})
	require.NoError(t, err)
	op := register.Operator()
	w := &accessWorld{file: file, tokens: map[string]string{}, ids: map[string]string{}}
	admin, err := reg.IssueAdminToken(ctx, op, "")
	require.NoError(t, err)
	w.tokens[asAdmin] = admin.Secret
	now := time.Now()
	mk := func(doc string) (string, string, string) {
		p, _, err := reg.CreatePartnership(ctx, op, register.DocumentInput{Document: []byte(apitest.Doc(doc))})
		require.NoError(t, err)
		coord, err := reg.IssueCoordinatorToken(ctx, op, p.ID, "")
		require.NoError(t, err)
		rd, err := reg.CreateRound(ctx, op, p.ID, register.RoundInput{Framework: evaluation.HealthCheck, Opens: now.Add(-time.Hour), Closes: now.Add(24 * time.Hour)})
		require.NoError(t, err)
		partner := "st-aidans"
		if doc == "mou-draft" {
			partner = "peer-school"
		}
		invs, err := reg.CreateInvitations(ctx, op, rd.ID, register.InvitationInput{Partner: partner, Review: evaluation.ReviewPeer})
		require.NoError(t, err)
		w.ids["{round}"+doc] = rd.ID.String()
		w.ids["{invitation}"+doc] = invs[0].ID.String()
		return p.ID.String(), coord.Secret, invs[0].Token.Secret
	}
	var pa string
	pa, w.tokens[asCoord], w.tokens[asResp] = mk("mou-valid")
	_, w.tokens[asCoordOther], w.tokens[asRespOther] = mk("mou-draft")
	w.ids["{partnership}"] = pa
	w.ids["{round}"] = w.ids["{round}mou-valid"]
	w.ids["{invitation}"] = w.ids["{invitation}mou-valid"]
	w.ids["{version}"] = "1"
	w.ids["{indicator}"] = "ks2-science"

	pid, rid := mustUUID(t, pa), mustUUID(t, w.ids["{round}"])
	spare, err := reg.IssueCoordinatorToken(ctx, op, pid, "spare")
	require.NoError(t, err)
	w.ids["{link}"] = spare.ID.String()
	revoked, err := reg.IssueCoordinatorToken(ctx, op, pid, "revoked")
	require.NoError(t, err)
	require.NoError(t, reg.RevokeToken(ctx, op, revoked.ID))
	w.tokens[asRevoked] = revoked.Secret
	_, err = reg.DefineIndicators(ctx, op, pid, []byte(apitest.Doc("indicators")))
	require.NoError(t, err)
	_, err = reg.PublishListing(ctx, op, pid, []byte(apitest.ListingA))
	require.NoError(t, err)
	resp, err := reg.Authenticate(ctx, w.tokens[asResp])
	require.NoError(t, err)
	require.Equal(t, rid, resp.Round())
	_, err = reg.Submit(ctx, resp, register.SubmissionInput{Key: "k0", Assessment: []byte(`{"framework": "partnership-health-check", "answers": {"sg1": 4}}`)})
	require.NoError(t, err)
	var buf bytes.Buffer
	require.NoError(t, reg.Export(ctx, op, &buf))
	w.archive = buf.String()
	require.NoError(t, db.Close())
	return w
}

// serve copies the world into a new file and serves it.
func (w *accessWorld) serve(t *testing.T) string {
	t.Helper()
	file := filepath.Join(t.TempDir(), "copy.db")
	data, err := os.ReadFile(w.file)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(file, data, 0o600))
	reg, db, err := sqlite.Open(context.Background(), file, register.Options{})
	require.NoError(t, err)
	t.Cleanup(func() { db.Close() })
	srv := httptest.NewServer(api.New(api.Options{Register: reg}))
	t.Cleanup(srv.Close)
	return srv.URL
}

// accessRow is one endpoint's expected status for each principal; the
// three without a valid token always get 401.
type accessRow struct {
	body                                      string
	admin, coord, coordOther, resp, respOther int
}

// TestRegisterAccessMatrix sends every register endpoint with the token
// of every principal, each on a fresh copy of one world, and checks the
// status. It fails when an endpoint has no row.
func TestRegisterAccessMatrix(t *testing.T) {
	w := newAccessWorld(t)
	mou := apitest.Doc("mou-valid")
	round := fmt.Sprintf(`{"title": "R", "framework": "partnership-health-check", "opens": %q, "closes": %q}`,
		time.Now().Add(-time.Hour).UTC().Format(time.RFC3339), time.Now().Add(time.Hour).UTC().Format(time.RFC3339))
	answers := `{"revision": 1, "assessment": {"framework": "partnership-health-check", "answers": {"sg1": 5}}}`
	rows := map[api.Endpoint]accessRow{
		{Method: "GET", Pattern: "/v1/session"}:                                                    {"", 200, 200, 200, 200, 200},
		{Method: "GET", Pattern: "/v1/partnerships"}:                                               {"", 200, 200, 200, 403, 403},
		{Method: "POST", Pattern: "/v1/partnerships"}:                                              {mou, 201, 403, 403, 403, 403},
		{Method: "GET", Pattern: "/v1/partnerships/{partnership}"}:                                 {"", 200, 200, 404, 403, 404},
		{Method: "GET", Pattern: "/v1/partnerships/{partnership}/versions"}:                        {"", 200, 200, 404, 403, 404},
		{Method: "POST", Pattern: "/v1/partnerships/{partnership}/versions"}:                       {mou, 201, 201, 404, 403, 404},
		{Method: "GET", Pattern: "/v1/partnerships/{partnership}/versions/{version}"}:              {"", 200, 200, 404, 403, 404},
		{Method: "GET", Pattern: "/v1/partnerships/{partnership}/links"}:                           {"", 200, 200, 404, 403, 404},
		{Method: "POST", Pattern: "/v1/partnerships/{partnership}/links"}:                          {"", 201, 201, 404, 403, 404},
		{Method: "GET", Pattern: "/v1/partnerships/{partnership}/rounds"}:                          {"", 200, 200, 404, 403, 404},
		{Method: "POST", Pattern: "/v1/partnerships/{partnership}/rounds"}:                         {round, 201, 201, 404, 403, 404},
		{Method: "GET", Pattern: "/v1/partnerships/{partnership}/indicators"}:                      {"", 200, 200, 404, 403, 404},
		{Method: "POST", Pattern: "/v1/partnerships/{partnership}/indicators"}:                     {apitest.Doc("indicators"), 200, 200, 404, 403, 404},
		{Method: "GET", Pattern: "/v1/partnerships/{partnership}/indicators/{indicator}"}:          {"", 200, 200, 404, 403, 404},
		{Method: "POST", Pattern: "/v1/partnerships/{partnership}/indicators/{indicator}/actuals"}: {`{"asOf": "2027-03-01", "value": 70}`, 200, 200, 404, 403, 404},
		{Method: "GET", Pattern: "/v1/partnerships/{partnership}/outcomes"}:                        {"", 200, 200, 404, 403, 404},
		{Method: "GET", Pattern: "/v1/rounds/{round}"}:                                             {"", 200, 200, 404, 403, 404},
		{Method: "POST", Pattern: "/v1/rounds/{round}/close"}:                                      {"", 200, 200, 404, 403, 404},
		{Method: "GET", Pattern: "/v1/rounds/{round}/invitations"}:                                 {"", 200, 200, 404, 403, 404},
		{Method: "POST", Pattern: "/v1/rounds/{round}/invitations"}:                                {`{"invitations": [{"partner": "st-aidans", "review": "self"}]}`, 201, 201, 404, 403, 404},
		{Method: "GET", Pattern: "/v1/rounds/{round}/report"}:                                      {"", 200, 200, 404, 403, 404},
		{Method: "POST", Pattern: "/v1/invitations/{invitation}/revoke"}:                           {"", 204, 204, 404, 403, 404},
		{Method: "POST", Pattern: "/v1/links/{link}/revoke"}:                                       {"", 204, 204, 404, 403, 404},
		{Method: "GET", Pattern: "/v1/respond"}:                                                    {"", 403, 403, 403, 200, 200},
		{Method: "GET", Pattern: "/v1/respond/answers"}:                                            {"", 403, 403, 403, 200, 404},
		{Method: "POST", Pattern: "/v1/respond/answers"}:                                           {answers, 403, 403, 403, 200, 200},
		{Method: "GET", Pattern: "/v1/admin/links"}:                                                {"", 200, 403, 403, 403, 403},
		{Method: "POST", Pattern: "/v1/admin/links"}:                                               {"", 201, 403, 403, 403, 403},
		{Method: "GET", Pattern: "/v1/admin/export"}:                                               {"", 200, 403, 403, 403, 403},
		{Method: "POST", Pattern: "/v1/admin/import"}:                                              {w.archive, 409, 403, 403, 403, 403},
		{Method: "GET", Pattern: "/v1/programme"}:                                                  {"", 200, 403, 403, 403, 403},
		{Method: "GET", Pattern: "/v1/partnerships/{partnership}/listing"}:                         {"", 200, 200, 404, 403, 404},
		{Method: "POST", Pattern: "/v1/partnerships/{partnership}/listing"}:                        {apitest.ListingB, 200, 200, 404, 403, 404},
		{Method: "POST", Pattern: "/v1/partnerships/{partnership}/listing/withdraw"}:               {"", 200, 200, 404, 403, 404},
	}
	endpoints := api.RegisterEndpoints()
	seen := map[api.Endpoint]bool{}
	for _, e := range endpoints {
		seen[e] = true
		row, ok := rows[e]
		if !assert.True(t, ok, "the access matrix has no row for %s %s", e.Method, e.Pattern) {
			continue
		}
		want := map[string]int{asAdmin: row.admin, asCoord: row.coord, asCoordOther: row.coordOther, asResp: row.resp, asRespOther: row.respOther,
			asRevoked: 401, asNone: 401, asMalformed: 401}
		path := e.Pattern
		for k, v := range w.ids {
			if strings.HasPrefix(k, "{") && strings.Count(k, "}") == 1 && strings.HasSuffix(k, "}") {
				path = strings.ReplaceAll(path, k, v)
			}
		}
		for _, who := range []string{asAdmin, asCoord, asCoordOther, asResp, asRespOther, asRevoked, asNone, asMalformed} {
			t.Run(e.Method+" "+e.Pattern+"/"+who, func(t *testing.T) {
				url := w.serve(t)
				var body io.Reader
				if row.body != "" {
					body = strings.NewReader(row.body)
				}
				req, err := http.NewRequest(e.Method, url+path, body)
				require.NoError(t, err)
				req.Header.Set("Content-Type", "application/json")
				req.Header.Set("Idempotency-Key", "matrix")
				switch who {
				case asNone:
				case asMalformed:
					req.Header.Set("Authorization", "Bearer")
				default:
					req.Header.Set("Authorization", "Bearer "+w.tokens[who])
				}
				res, err := http.DefaultClient.Do(req)
				require.NoError(t, err)
				data, _ := io.ReadAll(res.Body)
				res.Body.Close()
				assert.Equal(t, want[who], res.StatusCode, "%s", data)
				if res.StatusCode == 401 {
					assert.Equal(t, `Bearer realm="partnerkit"`, res.Header.Get("WWW-Authenticate"))
				}
			})
		}
	}
	for e := range rows {
		assert.True(t, seen[e], "the access matrix has a row for %s %s, which is not a route", e.Method, e.Pattern)
	}
}
