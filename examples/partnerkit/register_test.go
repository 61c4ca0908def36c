package main

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/partnerkit/partnerkit/internal/apitest"
	"github.com/partnerkit/partnerkit/register"
	"github.com/partnerkit/partnerkit/register/sqlite"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var adminLink = regexp.MustCompile(`http://[^ \n]+/#admin/(pkt_[A-Za-z0-9_-]+)`)

// TestServeRegisterSharedCasesAndRoundTrip runs `partnerkit serve --db`,
// takes the administrator's link it prints on the first start, runs the
// register's shared HTTP cases against it, and then exports the file,
// imports it into a fresh one and exports that: the same bytes.
func TestServeRegisterSharedCasesAndRoundTrip(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "partnerkit.db")
	addr, out, interrupt := serveCommand(t, "--db", db)
	m := adminLink.FindStringSubmatch(out.String())
	require.NotNil(t, m, "the first start prints the administrator's link: %s", out)
	assert.Contains(t, m[0], "http://"+addr+"/#admin/pkt_")
	vars, err := apitest.RunRegister(http.DefaultClient, "http://"+addr, m[1])
	require.NoError(t, err)
	// A published listing and a withdrawn one, for the round trip.
	for _, s := range []apitest.RegisterStep{
		{Name: "partnership l", Method: http.MethodPost, Path: "/v1/partnerships", Token: "admin", Body: apitest.Doc("mou-valid"), Status: 201, Save: map[string]string{"l": "/partnership/id"}},
		{Name: "partnership w", Method: http.MethodPost, Path: "/v1/partnerships", Token: "admin", Body: apitest.Doc("mou-draft"), Status: 201, Save: map[string]string{"w": "/partnership/id"}},
		{Name: "publish l", Method: http.MethodPost, Path: "/v1/partnerships/${l}/listing", Token: "admin", Body: apitest.ListingA, Status: 200, Save: map[string]string{"la": "/id"}},
		{Name: "publish w", Method: http.MethodPost, Path: "/v1/partnerships/${w}/listing", Token: "admin", Body: apitest.ListingB, Status: 200, Save: map[string]string{"lb": "/id"}},
		{Name: "withdraw w", Method: http.MethodPost, Path: "/v1/partnerships/${w}/listing/withdraw", Token: "admin", Status: 200, Contains: []string{`"withdrawn": true`}},
	} {
		require.NoError(t, s.Run(http.DefaultClient, "http://"+addr, vars))
	}
	require.Equal(t, exitOK, interrupt())

	// A second start prints no link.
	_, out, interrupt = serveCommand(t, "--db", db)
	require.Equal(t, exitOK, interrupt())
	assert.NotContains(t, out.String(), "#admin/")
	assert.Contains(t, out.String(), "the register is in "+db)

	code, first, stderr := cliRun(t, "", "export", "--db", db)
	require.Equal(t, exitOK, code, stderr)
	assert.Contains(t, first, `"format": "partnerkit-register"`)
	backup := filepath.Join(dir, "backup.json")
	require.NoError(t, os.WriteFile(backup, []byte(first), 0o600))

	fresh := filepath.Join(dir, "fresh.db")
	code, _, stderr = cliRun(t, "", "import", "--db", fresh, backup)
	require.Equal(t, exitOK, code, stderr)
	code, second, stderr := cliRun(t, "", "export", "--db", fresh)
	require.Equal(t, exitOK, code, stderr)
	assert.True(t, first == second, "export, import, export: the same bytes")
	assert.Contains(t, first, `"id": "`+vars["la"]+`"`)
	assert.Contains(t, first, `"id": "`+vars["lb"]+`"`)

	// A register that is not empty takes no import.
	code, _, stderr = cliRun(t, "", "import", "--db", fresh, backup)
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, stderr, "conflicts with what is saved")

	// The links issued before the export work after the import.
	reg, sdb, err := sqlite.Open(context.Background(), fresh, register.Options{})
	require.NoError(t, err)
	defer sdb.Close()
	p, err := reg.Authenticate(context.Background(), m[1])
	require.NoError(t, err)
	assert.Equal(t, register.RoleAdmin, p.Role())

	// The directory finds the published listing, and not the withdrawn one.
	for q, want := range map[string]string{"scien": vars["la"], "zoe cafe": ""} {
		page, err := reg.SearchListings(context.Background(), register.DirectoryQuery{Text: q})
		require.NoError(t, err)
		var got string
		for _, l := range page.Listings {
			got += l.ID.String()
		}
		assert.Equal(t, want, got, q)
	}
}

func TestServeWithoutARegister(t *testing.T) {
	addr, out, interrupt := serveCommand(t, "--db", "")
	res, err := http.Get("http://" + addr + "/v1/partnerships")
	require.NoError(t, err)
	res.Body.Close()
	assert.Equal(t, http.StatusNotFound, res.StatusCode)
	require.Equal(t, exitOK, interrupt())
	assert.Contains(t, out.String(), "serving without a register")
}

func TestAdminLink(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "partnerkit.db")
	code, _, stderr := cliRun(t, "", "admin", "link", "--db", db)
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, stderr, "no register at "+db)

	reg, sdb, err := sqlite.Open(context.Background(), db, register.Options{})
	require.NoError(t, err)
	defer sdb.Close()
	ps, _, err := reg.CreatePartnership(context.Background(), register.Operator(), register.DocumentInput{Document: []byte(apitest.Doc("mou-valid"))})
	require.NoError(t, err)

	tests := []struct {
		name   string
		args   []string
		code   int
		stdout string
		stderr string
		role   register.Role
	}{
		{name: "administrator", args: []string{"--db", db}, code: exitOK, stdout: "http://127.0.0.1:8080/#admin/pkt_", role: register.RoleAdmin},
		{name: "at an address", args: []string{"--db", db, "--url", "https://register.example.org/"}, code: exitOK, stdout: "https://register.example.org/#admin/pkt_", role: register.RoleAdmin},
		{name: "coordinator", args: []string{"--db", db, "--coordinator", ps.ID.String(), "--label", "Sam"}, code: exitOK, stdout: "/#coordinate/pkt_", role: register.RoleCoordinator},
		{name: "not an id", args: []string{"--db", db, "--coordinator", "riverside"}, code: exitUsage, stderr: `--coordinator "riverside" is not a partnership id`},
		{name: "no such partnership", args: []string{"--db", db, "--coordinator", "00000000-0000-4000-8000-000000000000"}, code: exitUsage, stderr: "not found"},
		{name: "an argument", args: []string{"--db", db, "now"}, code: exitUsage, stderr: "takes no arguments"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := cliRun(t, "", append([]string{"admin", "link"}, tt.args...)...)
			require.Equal(t, tt.code, code, stderr)
			assert.Contains(t, stdout, tt.stdout)
			assert.Contains(t, stderr, tt.stderr)
			if tt.role != "" {
				secret := strings.TrimSpace(stdout[strings.LastIndex(stdout, "/")+1:])
				secret = secret[strings.Index(secret, "pkt_"):]
				p, err := reg.Authenticate(context.Background(), secret)
				require.NoError(t, err)
				assert.Equal(t, tt.role, p.Role())
			}
		})
	}
}

func TestExportImportUsage(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name   string
		args   []string
		code   int
		stderr string
	}{
		{"export without a register", []string{"export", "--db", filepath.Join(dir, "none.db")}, exitUsage, "no register at"},
		{"export with an argument", []string{"export", "out.json"}, exitUsage, "writes to standard output"},
		{"import without a file", []string{"import", "--db", filepath.Join(dir, "a.db")}, exitUsage, "give one file to import"},
		{"import a file that is not there", []string{"import", "--db", filepath.Join(dir, "a.db"), filepath.Join(dir, "none.json")}, exitUsage, "no such file"},
		{"import what is not an archive", []string{"import", "--db", filepath.Join(dir, "b.db"), "-"}, exitUsage, "partnerkit: import:"},
		{"admin without a command", []string{"admin"}, exitUsage, "partnerkit admin link"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := cliRun(t, `{"format": "something else"}`, tt.args...)
			assert.Equal(t, tt.code, code)
			assert.Contains(t, stderr, tt.stderr)
		})
	}
}
