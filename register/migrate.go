package register

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"slices"
	"strconv"
	"strings"
	"time"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// migration is one numbered step of the schema.
type migration struct {
	version int
	name    string
	stmts   []string
}

// migrations returns the embedded migrations in order. Their file names
// start with the version: 0001_register.sql.
func migrations() ([]migration, error) {
	names, err := fs.Glob(migrationFiles, "migrations/*.sql")
	if err != nil {
		return nil, err
	}
	slices.Sort(names)
	var ms []migration
	for _, name := range names {
		base := strings.TrimPrefix(name, "migrations/")
		num, _, _ := strings.Cut(base, "_")
		v, err := strconv.Atoi(num)
		if err != nil {
			return nil, fmt.Errorf("migration %s: the name must start with its version number", base)
		}
		data, err := migrationFiles.ReadFile(name)
		if err != nil {
			return nil, err
		}
		ms = append(ms, migration{version: v, name: base, stmts: splitSQL(string(data))})
	}
	return ms, nil
}

// splitSQL splits a migration into statements at each semicolon that ends
// a line, leaving out -- comments. Migrations hold no semicolons in
// strings, so this is enough.
func splitSQL(text string) []string {
	var stmts []string
	var cur strings.Builder
	for line := range strings.SplitSeq(text, "\n") {
		if i := strings.Index(line, "--"); i >= 0 {
			line = line[:i]
		}
		line = strings.TrimRight(line, " \t\r")
		if strings.TrimSpace(line) == "" {
			continue
		}
		cur.WriteString(line)
		cur.WriteString("\n")
		if strings.HasSuffix(line, ";") {
			stmts = append(stmts, strings.TrimSuffix(strings.TrimSpace(cur.String()), ";"))
			cur.Reset()
		}
	}
	if s := strings.TrimSpace(cur.String()); s != "" {
		stmts = append(stmts, s)
	}
	return stmts
}

// SchemaVersion returns the newest migration the register has.
func SchemaVersion() int {
	ms, err := migrations()
	if err != nil || len(ms) == 0 {
		return 0
	}
	return ms[len(ms)-1].version
}

// Migrate brings the schema in db up to date: it creates the
// schema_version table if need be and applies, in order, each embedded
// migration newer than the version recorded there. Each migration and
// the row recording it are one call of exec, so they land together even
// where exec is a batch rather than a transaction. Open calls Migrate.
func Migrate(ctx context.Context, db *sql.DB, exec Executor) error {
	ms, err := migrations()
	if err != nil {
		return fmt.Errorf("read the migrations: %w", err)
	}
	if err := exec.Exec(ctx, Stmt{Query: "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)"}); err != nil {
		return fmt.Errorf("create the schema_version table: %w", err)
	}
	current, err := currentVersion(ctx, db)
	if err != nil {
		return err
	}
	if latest := ms[len(ms)-1].version; current > latest {
		return fmt.Errorf("the database has schema version %d, newer than this program's %d: use a newer partnerkit", current, latest)
	}
	for _, m := range ms {
		if m.version <= current {
			continue
		}
		stmts := make([]Stmt, 0, len(m.stmts)+1)
		for _, q := range m.stmts {
			stmts = append(stmts, Stmt{Query: q})
		}
		stmts = append(stmts, Stmt{Query: "INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)",
			Args: []any{m.version, m.name, time.Now().UnixMilli()}})
		if err := exec.Exec(ctx, stmts...); err != nil {
			// Another process may have applied it meanwhile.
			if v, verr := currentVersion(ctx, db); verr == nil && v >= m.version {
				continue
			}
			return fmt.Errorf("apply migration %s: %w", m.name, err)
		}
	}
	return nil
}

func currentVersion(ctx context.Context, db *sql.DB) (int, error) {
	var v sql.NullInt64
	if err := db.QueryRowContext(ctx, "SELECT MAX(version) FROM schema_version").Scan(&v); err != nil {
		return 0, fmt.Errorf("read the schema version: %w", err)
	}
	return int(v.Int64), nil
}
