//go:build !(js && wasm)

package regserver

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/partnerkit/partnerkit/api"
	"github.com/partnerkit/partnerkit/register"
	"github.com/partnerkit/partnerkit/register/sqlite"
)

// Server is the programme's server, with its administrator's token.
type Server struct {
	URL   string
	Admin string // the administrator's token
	DB    string // the SQLite file
	t     testing.TB
	down  atomic.Bool
	// Seen counts the API requests that reached the handler.
	Seen atomic.Int64
}

// Start starts a server with a new register in a temporary SQLite file,
// serving assets (nil: none) beside the API. opts configures the
// register, such as its anonymity threshold.
func Start(t testing.TB, assets fs.FS, opts register.Options) *Server {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "partnerkit.db")
	reg, db, err := sqlite.Open(ctx, path, opts)
	require.NoError(t, err)
	t.Cleanup(func() { db.Close() })
	tok, created, err := reg.Bootstrap(ctx)
	require.NoError(t, err)
	require.True(t, created)
	s := &Server{Admin: tok.Secret, DB: path, t: t}
	h := api.New(api.Options{Register: reg, Assets: assets})
	hs := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if s.down.Load() && len(r.URL.Path) > 3 && r.URL.Path[:4] == "/v1/" {
			// Unreachable: the connection closes with no answer, as when
			// the network or the server is gone.
			if hj, ok := w.(http.Hijacker); ok {
				if c, _, err := hj.Hijack(); err == nil {
					c.Close()
					return
				}
			}
			panic(http.ErrAbortHandler)
		}
		if len(r.URL.Path) > 3 && r.URL.Path[:4] == "/v1/" {
			s.Seen.Add(1)
		}
		h.ServeHTTP(w, r)
	}))
	t.Cleanup(hs.Close)
	s.URL = hs.URL
	return s
}

// Down makes the API unreachable: every request's connection is closed
// without an answer. Up brings it back.
func (s *Server) Down() { s.down.Store(true) }

// Up makes the API reachable again.
func (s *Server) Up() { s.down.Store(false) }

// Do sends a request with a token and decodes a JSON answer into out
// (when not nil), requiring the status want.
func (s *Server) Do(method, path, token string, body any, want int, out any) {
	s.t.Helper()
	s.do(method, path, token, "", body, want, out)
}

// Submit sends a respondent's answers, as the page does, with a new
// idempotency key.
func (s *Server) Submit(token string, revision int64, assessment any) {
	s.t.Helper()
	s.do("POST", "/v1/respond/answers", token, uuid.NewString(), map[string]any{"revision": revision, "assessment": assessment}, http.StatusOK, nil)
}

func (s *Server) do(method, path, token, key string, body any, want int, out any) {
	s.t.Helper()
	var rd io.Reader
	if body != nil {
		b, ok := body.([]byte)
		if !ok {
			var err error
			b, err = json.Marshal(body)
			require.NoError(s.t, err)
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, s.URL+path, rd)
	require.NoError(s.t, err)
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	if key != "" {
		req.Header.Set("Idempotency-Key", key)
	}
	res, err := http.DefaultClient.Do(req)
	require.NoError(s.t, err)
	defer res.Body.Close()
	data, err := io.ReadAll(res.Body)
	require.NoError(s.t, err)
	require.Equal(s.t, want, res.StatusCode, "%s %s: %s", method, path, data)
	if out != nil {
		require.NoError(s.t, json.Unmarshal(data, out), "%s", data)
	}
}

// Partnership creates a partnership from a document, as the
// administrator, and returns its id.
func (s *Server) Partnership(doc []byte) string {
	s.t.Helper()
	var out struct {
		Partnership struct{ ID string } `json:"partnership"`
	}
	s.Do("POST", "/v1/partnerships", s.Admin, doc, http.StatusCreated, &out)
	return out.Partnership.ID
}

// Round opens a round of a framework (a built-in id or a framework
// document) from opens until closes, and returns its id.
func (s *Server) Round(partnership, title string, framework json.RawMessage, opens, closes time.Time) string {
	s.t.Helper()
	var out struct{ ID string }
	s.Do("POST", "/v1/partnerships/"+partnership+"/rounds", s.Admin,
		map[string]any{"title": title, "framework": framework, "opens": opens, "closes": closes}, http.StatusCreated, &out)
	return out.ID
}

// Invite makes an invitation for one respondent of a partner, and
// returns its link's token.
func (s *Server) Invite(round, partner, review string) string {
	s.t.Helper()
	var out []struct {
		Token struct {
			Token string `json:"token"`
			Link  string `json:"link"`
		} `json:"token"`
	}
	s.Do("POST", "/v1/rounds/"+round+"/invitations", s.Admin,
		map[string]any{"invitations": []any{map[string]any{"partner": partner, "review": review}}}, http.StatusCreated, &out)
	require.Len(s.t, out, 1)
	require.NotEmpty(s.t, out[0].Token.Token, "the invitation's link has its token")
	return out[0].Token.Token
}

// Coordinator makes a coordinator's link for a partnership, and returns
// its token.
func (s *Server) Coordinator(partnership string) string {
	s.t.Helper()
	var out struct {
		Token string `json:"token"`
	}
	s.Do("POST", "/v1/partnerships/"+partnership+"/links", s.Admin, map[string]any{"label": "coordinator"}, http.StatusCreated, &out)
	require.NotEmpty(s.t, out.Token)
	return out.Token
}

// Export returns the administrator's export of the register.
func (s *Server) Export() []byte {
	s.t.Helper()
	var raw json.RawMessage
	s.Do("GET", "/v1/admin/export", s.Admin, nil, http.StatusOK, &raw)
	return raw
}

// String names the server in test logs.
func (s *Server) String() string { return fmt.Sprintf("server at %s", s.URL) }
