//go:build !js

package api_test

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/partnerkit/partnerkit/api"
	"github.com/partnerkit/partnerkit/internal/apitest"
	"github.com/partnerkit/partnerkit/register"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRegisterRoutesAre404WithoutARegister(t *testing.T) {
	h := api.New(api.Options{})
	for _, e := range api.RegisterEndpoints() {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(e.Method, strings.ReplaceAll(e.Pattern, "{", "x"), nil))
		assert.Equal(t, http.StatusNotFound, rec.Code, "%s %s", e.Method, e.Pattern)
	}
}

// send sends a request with a token and returns the status and body.
func send(t *testing.T, method, url, token, body string, header ...string) (int, http.Header, string) {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	res, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	data, err := io.ReadAll(res.Body)
	res.Body.Close()
	require.NoError(t, err)
	return res.StatusCode, res.Header, string(data)
}

func TestRegisterHostileRequests(t *testing.T) {
	_, url, admin := registerServer(t, api.Options{})
	vars, err := apitest.RunRegister(http.DefaultClient, url, admin)
	require.NoError(t, err)
	p, round, coord, r2 := vars["p"], vars["round"], vars["coord"], vars["r2"]
	invitations := func(n int) string {
		return `{"invitations": [` + strings.TrimSuffix(strings.Repeat(`{"partner": "st-aidans", "review": "self"},`, n), ",") + `]}`
	}
	tests := []struct {
		name, method, path, token, body string
		header                          []string
		status                          int
		problem                         string
	}{
		// The client waits for 100 Continue, as curl does for a large body: the server
		// refuses by Content-Length without reading, so no write meets a closed socket.
		{"a body over the limit", "POST", "/v1/partnerships", admin, `{"title": "` + strings.Repeat("x", api.DefaultMaxBodyBytes) + `"}`, []string{"Expect", "100-continue"}, 413, "body-too-large"},
		{"10,000 invitations in one request", "POST", "/v1/rounds/" + round + "/invitations", coord, invitations(10_000), nil, 413, "too-many-values"},
		{"one invitation more than a request may make", "POST", "/v1/rounds/" + round + "/invitations", coord, invitations(api.MaxInvitationsPerRequest + 1), nil, 422, "invalid-request"},
		{"a long id", "GET", "/v1/rounds/" + strings.Repeat("9", 10_000) + "/report", coord, "", nil, 404, "not-found"},
		{"a long indicator id", "POST", "/v1/partnerships/" + p + "/indicators/" + strings.Repeat("i", 5000) + "/actuals", coord, `{"asOf": "2027-01-01", "value": 1}`, nil, 404, "not-found"},
		{"a long token", "GET", "/v1/session", "pkt_" + strings.Repeat("A", 10_000), "", nil, 401, "unauthenticated"},
		{"a long idempotency key", "POST", "/v1/respond/answers", r2, `{"assessment": {}}`, []string{"Idempotency-Key", strings.Repeat("k", 129)}, 400, "idempotency-key"},
		{"a form body", "POST", "/v1/partnerships", admin, "a=b", []string{"Content-Type", "application/x-www-form-urlencoded"}, 415, "unsupported-media-type"},
		{"JSON in Latin-1", "POST", "/v1/partnerships/" + p + "/versions", coord, "{}", []string{"Content-Type", "application/json; charset=iso-8859-1"}, 415, "unsupported-media-type"},
		{"a round of the wrong shape", "POST", "/v1/partnerships/" + p + "/rounds", coord, `{"title": 7, "framework": "partnership-health-check"}`, nil, 422, "invalid-request"},
		{"a window backwards", "POST", "/v1/partnerships/" + p + "/rounds", coord, `{"title": "B", "framework": "partnership-health-check", "opens": "2027-02-01T00:00:00Z", "closes": "2027-01-01T00:00:00Z"}`, nil, 422, "invalid-document"},
		{"a framework that is not built in", "POST", "/v1/partnerships/" + p + "/rounds", coord, `{"title": "B", "framework": "nope", "opens": "2027-01-01T00:00:00Z", "closes": "2027-02-01T00:00:00Z"}`, nil, 422, "invalid-document"},
		{"a text that is not an object", "POST", "/v1/partnerships", admin, `[1, 2, 3]`, nil, 422, "invalid-document"},
		{"a method the route does not take", "DELETE", "/v1/partnerships", admin, "", nil, 405, "method-not-allowed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, _, body := send(t, tt.method, url+tt.path, tt.token, tt.body, tt.header...)
			assert.Equal(t, tt.status, status, "%.2000s", body)
			assert.Contains(t, body, `"type": "`+apitest.ProblemType(tt.problem)+`"`)
		})
	}
}

func TestRegisterCORS(t *testing.T) {
	_, url, _ := registerServer(t, api.Options{AllowedOrigins: []string{apitest.Origin}})
	preflight := func(path, origin string) http.Header {
		req, err := http.NewRequest(http.MethodOptions, url+path, nil)
		require.NoError(t, err)
		req.Header.Set("Origin", origin)
		req.Header.Set("Access-Control-Request-Method", "POST")
		req.Header.Set("Access-Control-Request-Headers", "authorization, idempotency-key, content-type")
		res, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		res.Body.Close()
		require.Equal(t, http.StatusNoContent, res.StatusCode)
		return res.Header
	}
	h := preflight("/v1/respond/answers", apitest.Origin)
	assert.Equal(t, apitest.Origin, h.Get("Access-Control-Allow-Origin"))
	assert.Equal(t, "Authorization, Content-Type, Idempotency-Key", h.Get("Access-Control-Allow-Headers"))
	assert.Equal(t, "GET, HEAD, POST, OPTIONS", h.Get("Access-Control-Allow-Methods"))

	h = preflight("/v1/respond/answers", "https://evil.example")
	assert.Empty(t, h.Get("Access-Control-Allow-Origin"))
	assert.Empty(t, h.Get("Access-Control-Allow-Headers"), "no credentials for an origin not allowed")

	h = preflight("/v1/mou/check", apitest.Origin)
	assert.Equal(t, "Content-Type", h.Get("Access-Control-Allow-Headers"), "the checker takes no credentials")
}

func TestRegisterAnswersAreNotCached(t *testing.T) {
	_, url, admin := registerServer(t, api.Options{})
	status, h, _ := send(t, "GET", url+"/v1/session", admin, "")
	require.Equal(t, 200, status)
	assert.Equal(t, "no-store", h.Get("Cache-Control"))
	status, h, body := send(t, "POST", url+"/v1/admin/links", admin, "")
	require.Equal(t, 201, status)
	assert.Equal(t, "no-store", h.Get("Cache-Control"))
	assert.Contains(t, body, fmt.Sprintf(`"link": "%s/#admin/pkt_`, url))
}

func TestRegisterConflictsAreWorded(t *testing.T) {
	_, url, admin := registerServer(t, api.Options{})
	_, err := apitest.RunRegister(http.DefaultClient, url, admin)
	require.NoError(t, err)
	status, _, body := send(t, "POST", url+"/v1/admin/import", admin, fmt.Sprintf(`{"format": "partnerkit-register", "schemaVersion": %d}`, register.SchemaVersion()))
	assert.Equal(t, http.StatusConflict, status)
	assert.Contains(t, body, `"detail": "The register is not empty; import into a new database."`)
}
