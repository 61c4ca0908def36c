package api_test

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"math"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/partnerkit/partnerkit/api"
	"github.com/partnerkit/partnerkit/internal/apitest"
	"github.com/partnerkit/partnerkit/mou"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestSecurityHeaders: every answer, the page's files included, forbids
// framing and carries the form's Content-Security-Policy.
func TestSecurityHeaders(t *testing.T) {
	assets := fstest.MapFS{"index.html": {Data: []byte("<!doctype html><title>Forms</title>")}}
	h := api.New(api.Options{Assets: assets})
	requests := []*http.Request{
		httptest.NewRequest(http.MethodGet, "/", nil),
		httptest.NewRequest(http.MethodGet, "/missing.js", nil),
		httptest.NewRequest(http.MethodGet, "/healthz", nil),
		httptest.NewRequest(http.MethodOptions, "/v1/mou/check", nil),
		post("/v1/mou/check", "application/json", apitest.Doc("mou-valid")),
		post("/v1/mou/check", "application/json", "{"),
		post("/v1/mou/check", "text/plain", "{}"),
	}
	for _, r := range requests {
		t.Run(r.Method+" "+r.URL.Path, func(t *testing.T) {
			res, _ := serve(t, h, r)
			csp := res.Header.Get("Content-Security-Policy")
			assert.Contains(t, csp, "frame-ancestors 'none'")
			assert.Contains(t, csp, "script-src 'self' 'wasm-unsafe-eval'", "the form's WebAssembly must still run")
			assert.Equal(t, api.ContentSecurityPolicy, csp)
			assert.Equal(t, "DENY", res.Header.Get("X-Frame-Options"))
			assert.Equal(t, "no-referrer", res.Header.Get("Referrer-Policy"))
			assert.Equal(t, "nosniff", res.Header.Get("X-Content-Type-Options"))
		})
	}
}

// TestAssetErrorsAreProblems: the file server's own errors, such as a
// range past the end of a file, are problem+json like every other error.
func TestAssetErrorsAreProblems(t *testing.T) {
	h := api.New(api.Options{Assets: fstest.MapFS{"app.js": {Data: []byte("console.log(1)")}}})
	r := httptest.NewRequest(http.MethodGet, "/app.js", nil)
	r.Header.Set("Range", "bytes=1000-2000")
	res, body := serve(t, h, r)
	require.Equal(t, http.StatusRequestedRangeNotSatisfiable, res.StatusCode, "%s", body)
	assert.Equal(t, api.ProblemRangeNotSatisfiable, problemOf(t, res, body).Type)
	assert.NotContains(t, string(body), "invalid range")

	r = httptest.NewRequest(http.MethodGet, "/app.js", nil)
	r.Header.Set("Range", "bytes=0-6")
	res, body = serve(t, h, r)
	assert.Equal(t, http.StatusPartialContent, res.StatusCode)
	assert.Equal(t, "console", string(body))
}

// TestMaxBodyBytesAtMaxInt64: the largest limit accepts bodies instead of
// overflowing into "every body is empty".
func TestMaxBodyBytesAtMaxInt64(t *testing.T) {
	h := api.New(api.Options{MaxBodyBytes: math.MaxInt64})
	for _, unsized := range []bool{false, true} {
		r := post("/v1/mou/check", "application/json", apitest.Doc("mou-valid"))
		if unsized {
			r.ContentLength = -1
		}
		res, body := serve(t, h, r)
		assert.Equal(t, http.StatusOK, res.StatusCode, "%s", body)
		assert.Contains(t, string(body), `"valid": true`)
	}
	// An error answer reads nothing more of a body it has not read.
	r := post("/v1/mou/check", "text/plain", "{}")
	res, body := serve(t, h, r)
	assert.Equal(t, http.StatusUnsupportedMediaType, res.StatusCode, "%s", body)
}

// failingBody gives some bytes, then an error.
type failingBody struct {
	data string
	err  error
	read int
}

func (b *failingBody) Read(p []byte) (int, error) {
	if b.data == "" {
		return 0, b.err
	}
	n := copy(p, b.data)
	b.data = b.data[n:]
	b.read += n
	return n, nil
}

// TestBodyCutShort: a body that ends before its length, or whose reading
// fails, is a 400 problem that says so, with no line or column.
func TestBodyCutShort(t *testing.T) {
	for _, tt := range []struct {
		name, detail string
		err          error
	}{
		{"unexpected EOF", "The body ended before the JSON did", io.ErrUnexpectedEOF},
		{"read failed", "could not be read to its end", errors.New("connection reset by peer")},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest(http.MethodPost, "/v1/mou/check", &failingBody{data: `{"title": "Riv`, err: tt.err})
			r.ContentLength = 100
			res, body := serve(t, api.New(api.Options{}), r)
			require.Equal(t, http.StatusBadRequest, res.StatusCode, "%s", body)
			p := problemOf(t, res, body)
			assert.Equal(t, api.ProblemIncompleteBody, p.Type)
			assert.Contains(t, p.Detail, tt.detail)
			assert.Zero(t, p.Line)
			assert.Zero(t, p.Column)
			assert.Equal(t, "close", res.Header.Get("Connection"), "a body not read to its end closes the connection")
		})
	}
}

// TestBodyCutShortOverTCP sends half a body and closes its side: the
// server reads an unexpected EOF and answers with the problem.
func TestBodyCutShortOverTCP(t *testing.T) {
	srv := httptest.NewServer(api.New(api.Options{}))
	defer srv.Close()
	conn, err := net.Dial("tcp", srv.Listener.Addr().String())
	require.NoError(t, err)
	defer conn.Close()
	require.NoError(t, conn.SetDeadline(time.Now().Add(10*time.Second)))
	_, err = fmt.Fprintf(conn, "POST /v1/mou/check HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"title\": \"Riv")
	require.NoError(t, err)
	require.NoError(t, conn.(*net.TCPConn).CloseWrite())
	res, err := http.ReadResponse(bufio.NewReader(conn), nil)
	require.NoError(t, err)
	body, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	require.Equal(t, http.StatusBadRequest, res.StatusCode, "%s", body)
	p := problemOf(t, res, body)
	assert.Equal(t, api.ProblemIncompleteBody, p.Type)
	assert.Equal(t, "The body ended before the JSON did: it was cut short on the way. Please send it again.", p.Detail)
	assert.NotContains(t, string(body), `"line"`)
}

// countingBody is a body of n spaces that counts what is read of it.
type countingBody struct{ left, read int64 }

func (b *countingBody) Read(p []byte) (int, error) {
	if b.left == 0 {
		return 0, io.EOF
	}
	n := int(min(int64(len(p)), b.left))
	for i := range n {
		p[i] = ' '
	}
	b.left -= int64(n)
	b.read += int64(n)
	return n, nil
}

// TestOversizeBodiesAreNotDrained: the handler reads no more than the
// limit and a small margin of a body, and closes the connection when it
// leaves some unread; a body refused by its length is not read at all.
func TestOversizeBodiesAreNotDrained(t *testing.T) {
	const limit = 1000
	h := api.New(api.Options{MaxBodyBytes: limit})
	tests := []struct {
		name    string
		size    int64
		sized   bool
		maxRead int64
		closes  bool
		problem string
	}{
		{"refused by its length", 10 << 20, true, 0, true, api.ProblemBodyTooLarge},
		{"a stream far over the limit", 10 << 20, false, limit + 1 + 64<<10 + 1, true, api.ProblemBodyTooLarge},
		{"a stream just over the limit", limit + 10, false, limit + 10, false, api.ProblemBodyTooLarge},
		{"a wrong media type, small body", 500, true, 500, false, api.ProblemUnsupportedMediaType},
		{"a wrong media type, large body", 10 << 20, true, 0, true, api.ProblemUnsupportedMediaType},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := &countingBody{left: tt.size}
			r := httptest.NewRequest(http.MethodPost, "/v1/mou/check", b)
			r.ContentLength = -1
			if tt.sized {
				r.ContentLength = tt.size
			}
			if tt.problem == api.ProblemUnsupportedMediaType {
				r.Header.Set("Content-Type", "text/plain")
			}
			res, body := serve(t, h, r)
			assert.Equal(t, tt.problem, problemOf(t, res, body).Type)
			assert.LessOrEqual(t, b.read, tt.maxRead, "bytes read of the body")
			if tt.closes {
				assert.Equal(t, "close", res.Header.Get("Connection"))
			} else {
				assert.Empty(t, res.Header.Get("Connection"))
			}
		})
	}
}

// TestRequestLimits: the limits on values, assessments, indicators and
// the size of a score's answer each give a problem that names the limit.
func TestRequestLimits(t *testing.T) {
	emptyAssessments := func(n int) string {
		return `{"framework": "partnership-health-check", "assessments": [` + strings.TrimSuffix(strings.Repeat(`{},`, n), ",") + `]}`
	}
	wide := func(dims, n int) string {
		var b strings.Builder
		b.WriteString(`{"framework": {"id": "f", "version": "1", "title": "t", "scale": {"min": 1, "max": 5}, "bands": [{"min": 0, "label": "l", "advice": "a"}], "dimensions": [`)
		for i := range dims {
			if i > 0 {
				b.WriteString(",")
			}
			fmt.Fprintf(&b, `{"id": "d%d", "title": "t", "questions": [{"id": "q%d", "text": "t"}]}`, i, i)
		}
		b.WriteString(`]}, "assessments": [` + strings.TrimSuffix(strings.Repeat(`{"framework": "f", "answers": {}},`, n), ",") + `]}`)
		return b.String()
	}
	tests := []struct {
		name, path, body string
		status           int
		problem          string
		contains         []string
	}{
		{"values", "/v1/mou/check", `{"objectives": [` + strings.Repeat(`0,`, api.MaxValues) + `0]}`, 413, api.ProblemTooManyValues,
			[]string{`"maxValues": 20000`, "more than 20,000 JSON values"}},
		{"values at the limit", "/v1/mou/check", `[` + strings.Repeat(`0,`, api.MaxValues-2) + `0]`, 200, "", []string{`"valid": false`}},
		{"assessments", "/v1/evaluations/score", emptyAssessments(api.MaxAssessments + 1), 422, api.ProblemInvalidRequest,
			[]string{`"code": "schema"`, "This list has 101 items; keep it to 100 or fewer."}},
		{"assessments at the limit", "/v1/evaluations/score", emptyAssessments(api.MaxAssessments), 422, api.ProblemInvalidDocument,
			[]string{`"code": "findings.truncated"`, `"path": "/assessments/`}},
		{"indicators", "/v1/evaluations/progress", `{"asOf": "2027-01-31", "indicators": [` + strings.Repeat(`{},`, api.MaxIndicators) + `{}]}`, 422, api.ProblemInvalidRequest,
			[]string{`"path": "/indicators"`, `"code": "request.too-large"`, "Send at most 1,000 indicators in one request; this one has 1,001."}},
		{"a score's answer", "/v1/evaluations/score", wide(2000, 50), 422, api.ProblemInvalidRequest,
			[]string{"send fewer assessments at a time", "The answer would be about 14.0 MiB for 50 assessments of this framework, more than the 1.1 MiB this request may have"}},
		{"a wide framework, few assessments", "/v1/evaluations/score", wide(2000, 2), 200, "", []string{`"results": [`}},
	}
	h := api.New(api.Options{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, body := serve(t, h, post(tt.path, "application/json", tt.body))
			require.Equal(t, tt.status, res.StatusCode, "%.2000s", body)
			if tt.problem != "" {
				assert.Equal(t, tt.problem, problemOf(t, res, body).Type)
			}
			for _, s := range tt.contains {
				assert.Contains(t, string(body), s)
			}
		})
	}
}

// TestInvalidDocumentFindingsAreCapped: a 422's findings keep at most
// mou.MaxFindingsPerCode of a code, and say how many more there are.
func TestInvalidDocumentFindingsAreCapped(t *testing.T) {
	body := `{"framework": "partnership-health-check", "assessments": [{"framework": "partnership-health-check", "answers": {` +
		strings.TrimSuffix(strings.Repeat(`"x": 1,`, 1), ",")
	for i := range 500 {
		body += fmt.Sprintf(`, "x%d": 1`, i)
	}
	body += `}}]}`
	res, got := serve(t, api.New(api.Options{}), post("/v1/evaluations/score", "application/json", body))
	require.Equal(t, http.StatusUnprocessableEntity, res.StatusCode, "%.2000s", got)
	p := problemOf(t, res, got)
	counts := map[string]int{}
	for _, f := range p.Findings {
		counts[f.Code]++
	}
	require.Equal(t, 1, counts[mou.CodeTruncated], "%v", counts)
	for code, n := range counts {
		assert.LessOrEqual(t, n, mou.MaxFindingsPerCode, code)
	}
	assert.Contains(t, string(got), "more ")
	assert.Less(t, len(got), 20_000)
}

// TestMaxValuesFollowTheBodyLimit: a larger body limit allows as many
// more values for each MiB.
func TestMaxValuesFollowTheBodyLimit(t *testing.T) {
	body := `[` + strings.Repeat(`0,`, 30_000) + `0]`
	res, got := serve(t, api.New(api.Options{}), post("/v1/mou/check", "application/json", body))
	require.Equal(t, http.StatusRequestEntityTooLarge, res.StatusCode)
	assert.Equal(t, api.MaxValues, problemOf(t, res, got).MaxValues)

	res, got = serve(t, api.New(api.Options{MaxBodyBytes: 2 << 20}), post("/v1/mou/check", "application/json", body))
	assert.Equal(t, http.StatusOK, res.StatusCode, "%.300s", got)

	res, got = serve(t, api.New(api.Options{MaxBodyBytes: 1 << 10}), post("/v1/mou/check", "application/json", `[`+strings.Repeat(`0,`, 400)+`0]`))
	assert.Equal(t, http.StatusOK, res.StatusCode, "a small limit still allows MaxValues: %.300s", got)

	res, got = serve(t, api.New(api.Options{MaxBodyBytes: math.MaxInt64}), post("/v1/mou/check", "application/json", body))
	assert.Equal(t, http.StatusOK, res.StatusCode, "%.300s", got)
}
