// Package sqlite opens a partnership register kept in one SQLite file,
// through modernc.org/sqlite (pure Go, no cgo).
//
// The file is opened in WAL mode, with a busy timeout so that writers
// wait for each other rather than fail, foreign keys enforced and
// synchronous=FULL: an acknowledged write has been flushed to the disk,
// so it survives the process being killed (kill -9) and the machine
// losing power. synchronous=NORMAL in WAL mode would also survive kill -9,
// since a committed transaction is in the WAL file through the operating
// system's cache, but could lose the last commits in a power cut: not
// what "acknowledged" should mean.
//
// SQLite lets one writer in at a time. Within the process the register's
// writes queue for one transaction at a time rather than polling for the
// lock, and the writes that wait while one commits share the next
// transaction (group commit), each in a savepoint of its own: under load
// one flush of the disk acknowledges many. The busy timeout is left for
// other processes using the same file. Write
// transactions begin IMMEDIATE, taking the write lock at once, so that a
// transaction never fails with SQLITE_BUSY upgrading a read lock.
package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"

	"github.com/partnerkit/partnerkit/register"
	_ "modernc.org/sqlite" // the "sqlite" database/sql driver
)

// BusyTimeoutMillis is how long a connection waits for another's lock.
const BusyTimeoutMillis = 10_000

// DSN returns the data source name for the file at path, with the
// register's pragmas.
func DSN(path string) string {
	q := url.Values{}
	for _, p := range []string{"journal_mode(WAL)", fmt.Sprintf("busy_timeout(%d)", BusyTimeoutMillis), "foreign_keys(1)", "synchronous(FULL)"} {
		q.Add("_pragma", p)
	}
	q.Set("_txlock", "immediate")
	return "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + q.Encode()
}

// Open opens, creating it if need be, the register in the SQLite file at
// path and brings its schema up to date. Close the returned database when
// done with the register. opts.Executor is replaced by the group-commit
// writer described above.
func Open(ctx context.Context, path string, opts register.Options) (*register.Register, *sql.DB, error) {
	db, err := sql.Open("sqlite", DSN(path))
	if err != nil {
		return nil, nil, fmt.Errorf("open %s: %w", path, err)
	}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, nil, fmt.Errorf("open %s: %w", path, err)
	}
	opts.Executor = &groupExecutor{db: db}
	r, err := register.Open(ctx, db, opts)
	if err != nil {
		db.Close()
		return nil, nil, fmt.Errorf("open %s: %w", path, err)
	}
	return r, db, nil
}
