//go:build !js

package api_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
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

func TestDirectorySharedCases(t *testing.T) {
	_, url, admin := registerServer(t, apitest.Options())
	vars, err := apitest.RunDirectory(http.DefaultClient, url, admin)
	require.NoError(t, err)

	get := func(path, token string) (*http.Response, []byte) {
		req, err := http.NewRequest(http.MethodGet, url+path, nil)
		require.NoError(t, err)
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		res, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		defer res.Body.Close()
		body, err := io.ReadAll(res.Body)
		require.NoError(t, err)
		return res, body
	}

	// No public answer holds anything not published: the partnerships'
	// ids, their leads' names or e-mail addresses, or a band not shown.
	for _, path := range []string{"/v1/directory", "/v1/directory/" + vars["la"], "/v1/directory/" + vars["lb"],
		"/directory", "/directory/" + vars["la"], "/v1/directory?q=riverside"} {
		res, body := get(path, "")
		require.Equal(t, http.StatusOK, res.StatusCode, path)
		for _, secret := range []string{vars["p"], vars["q"], "@riverside.sch.uk", "Priya", "\"band\": \""} {
			assert.NotContains(t, string(body), secret, path)
		}
	}

	// The CSV parses, with its header row.
	res, body := get("/v1/programme?format=csv", vars["admin"])
	require.Equal(t, http.StatusOK, res.StatusCode)
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(body, []byte("\ufeff")))).ReadAll()
	require.NoError(t, err)
	require.Len(t, recs, 3)
	assert.Equal(t, "id", recs[0][0])

	// The directory's pages allow their own search form, and no script.
	res, _ = get("/directory", "")
	csp := res.Header.Get("Content-Security-Policy")
	assert.Contains(t, csp, "form-action 'self'")
	assert.Contains(t, csp, "default-src 'none'")
	assert.Equal(t, "text/html; charset=utf-8", res.Header.Get("Content-Type"))

	// The programme view's JSON.
	res, body = get("/v1/programme", vars["admin"])
	require.Equal(t, http.StatusOK, res.StatusCode)
	var prog struct {
		Rows []struct {
			Name   string `json:"name"`
			Latest *struct {
				Responses int `json:"responses"`
			} `json:"latestRound"`
		} `json:"rows"`
	}
	require.NoError(t, json.Unmarshal(body, &prog))
	require.Len(t, prog.Rows, 2)
}

func TestDirectoryWithoutRegister(t *testing.T) {
	h := api.New(api.Options{})
	for _, path := range []string{"/v1/directory", "/directory", "/v1/directory/00000000-0000-4000-8000-000000000000"} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
		assert.Equal(t, http.StatusNotFound, rec.Code, path)
		assert.True(t, strings.HasPrefix(rec.Header().Get("Content-Type"), "application/problem+json"), path)
	}
}

func TestDirectoryPageEscapes(t *testing.T) {
	reg, url, admin := registerServer(t, apitest.Options())
	ctx := context.Background()
	p, err := reg.Authenticate(ctx, admin)
	require.NoError(t, err)
	ps, _, err := reg.CreatePartnership(ctx, p, register.DocumentInput{Document: []byte(apitest.Doc("mou-valid"))})
	require.NoError(t, err)
	hostile := strings.NewReplacer(`"Riverside STEM Partnership"`, `"<script>alert(1)</script> & \"quotes\""`,
		`"area": "Leeds"`, `"area": "\"><img src=x onerror=alert(1)>"`).Replace(apitest.ListingA)
	l, err := reg.PublishListing(ctx, p, ps.ID, []byte(hostile))
	require.NoError(t, err)
	for _, path := range []string{"/directory", "/directory/" + l.ID.String(), "/directory?q=%22%3E%3Cscript%3E&area=%22%3E%3Cb%3E"} {
		res, err := http.Get(url + path)
		require.NoError(t, err)
		body, err := io.ReadAll(res.Body)
		res.Body.Close()
		require.NoError(t, err)
		require.Equal(t, http.StatusOK, res.StatusCode, path)
		assert.NotContains(t, string(body), "<script>", path)
		assert.NotContains(t, string(body), "<img", path)
		assert.NotContains(t, string(body), `"><b>`, path)
	}
	res, err := http.Get(url + "/directory/" + l.ID.String())
	require.NoError(t, err)
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	assert.Contains(t, string(body), "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#34;quotes&#34;")
}

// TestDirectoryReadsNeedNoToken reads the directory as every principal of
// the access matrix, and as nobody: each gets the same public answer.
func TestDirectoryReadsNeedNoToken(t *testing.T) {
	w := newAccessWorld(t)
	url := w.serve(t)
	_, _, body := send(t, "GET", url+"/v1/directory", "", "")
	var page register.DirectoryPage
	require.NoError(t, json.Unmarshal([]byte(body), &page))
	require.Len(t, page.Listings, 1)
	id := page.Listings[0].ID.String()
	for _, who := range []string{asAdmin, asCoord, asCoordOther, asResp, asRespOther, asRevoked, asNone} {
		for _, path := range []string{"/v1/directory", "/v1/directory?focus=teaching", "/v1/directory/" + id, "/directory", "/directory/" + id} {
			status, _, got := send(t, "GET", url+path, w.tokens[who], "")
			assert.Equal(t, http.StatusOK, status, "%s: %s", who, path)
			assert.NotContains(t, got, w.ids["{partnership}"], "%s: %s", who, path)
		}
	}
}
