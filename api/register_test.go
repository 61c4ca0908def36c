//go:build !js

package api_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"

	"github.com/google/uuid"
	"github.com/partnerkit/partnerkit/api"
	"github.com/partnerkit/partnerkit/internal/apitest"
	"github.com/partnerkit/partnerkit/register"
	"github.com/partnerkit/partnerkit/register/sqlite"
	"github.com/stretchr/testify/require"
)

// registerServer serves a fresh register in a new SQLite file, and
// returns its address and the administrator's token.
func registerServer(t testing.TB, opts api.Options) (*register.Register, string, string) {
	t.Helper()
	reg, db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "partnerkit.db"), register.Options{})
	require.NoError(t, err)
	t.Cleanup(func() { db.Close() })
	first, created, err := reg.Bootstrap(context.Background())
	require.NoError(t, err)
	require.True(t, created)
	opts.Register = reg
	srv := httptest.NewServer(api.New(opts))
	t.Cleanup(srv.Close)
	return reg, srv.URL, first.Secret
}

func TestRegisterSharedCases(t *testing.T) {
	_, url, admin := registerServer(t, apitest.Options())
	_, err := apitest.RunRegister(http.DefaultClient, url, admin)
	require.NoError(t, err)
}

func mustUUID(t testing.TB, s string) uuid.UUID {
	t.Helper()
	id, err := uuid.Parse(s)
	require.NoError(t, err)
	return id
}
