package sqlite

import (
	"context"
	"database/sql"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/partnerkit/partnerkit/register"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func newGroup(t *testing.T) (*groupExecutor, *sql.DB) {
	t.Helper()
	db, err := sql.Open("sqlite", DSN(filepath.Join(t.TempDir(), "group.db")))
	require.NoError(t, err)
	t.Cleanup(func() { db.Close() })
	_, err = db.Exec("CREATE TABLE t (k TEXT PRIMARY KEY)")
	require.NoError(t, err)
	return &groupExecutor{db: db}, db
}

func ins(k string) register.Stmt {
	return register.Stmt{Query: "INSERT INTO t (k) VALUES (?)", Args: []any{k}}
}

func keys(t *testing.T, db *sql.DB) []string {
	t.Helper()
	rows, err := db.Query("SELECT k FROM t ORDER BY k")
	require.NoError(t, err)
	defer rows.Close()
	var ks []string
	for rows.Next() {
		var k string
		require.NoError(t, rows.Scan(&k))
		ks = append(ks, k)
	}
	require.NoError(t, rows.Err())
	return ks
}

// TestGroupFailureIsItsOwn commits a group in which one write fails
// halfway and one was cancelled: the others land, and nothing of those
// two does.
func TestGroupFailureIsItsOwn(t *testing.T) {
	g, db := newGroup(t)
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	ctx := context.Background()
	group := []*write{
		{ctx: ctx, stmts: []register.Stmt{ins("a1"), ins("a2")}, done: make(chan error, 1)},
		{ctx: ctx, stmts: []register.Stmt{ins("b1"), ins("a1")}, done: make(chan error, 1)}, // a1 is taken: b1 must go too
		{ctx: cancelled, stmts: []register.Stmt{ins("c1")}, done: make(chan error, 1)},
		{ctx: ctx, stmts: []register.Stmt{ins("d1")}, done: make(chan error, 1)},
	}
	g.commit(group)
	assert.NoError(t, <-group[0].done)
	assert.Error(t, <-group[1].done)
	assert.ErrorIs(t, <-group[2].done, context.Canceled)
	assert.NoError(t, <-group[3].done)
	assert.Equal(t, []string{"a1", "a2", "d1"}, keys(t, db))
}

// TestGroupCommitConcurrent sends writes from many goroutines: each
// acknowledged write is there.
func TestGroupCommitConcurrent(t *testing.T) {
	g, db := newGroup(t)
	var wg sync.WaitGroup
	for i := range 40 {
		wg.Go(func() {
			for j := range 10 {
				k := string(rune('A'+i)) + string(rune('a'+j))
				assert.NoError(t, g.Exec(context.Background(), ins(k)))
			}
		})
	}
	wg.Wait()
	assert.Len(t, keys(t, db), 400)
	// The drainer stops once the queue is empty.
	assert.Eventually(t, func() bool {
		g.mu.Lock()
		defer g.mu.Unlock()
		return !g.running && len(g.queue) == 0
	}, 5*time.Second, time.Millisecond)
}
