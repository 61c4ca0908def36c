package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"sync"

	"github.com/partnerkit/partnerkit/register"
)

// groupExecutor runs the register's writes one transaction at a time,
// and puts the writes that arrive while a transaction commits into the
// next one together (group commit): one flush of the disk acknowledges
// them all. Each write is a savepoint of its own, so one that fails is
// undone alone and the others still land. A write returns only once its
// transaction has committed.
type groupExecutor struct {
	db *sql.DB

	mu      sync.Mutex
	queue   []*write
	running bool
}

type write struct {
	ctx   context.Context
	stmts []register.Stmt
	done  chan error
}

// maxGroup bounds how many writes share a transaction.
const maxGroup = 256

func (g *groupExecutor) Exec(ctx context.Context, stmts ...register.Stmt) error {
	w := &write{ctx: ctx, stmts: stmts, done: make(chan error, 1)}
	g.mu.Lock()
	g.queue = append(g.queue, w)
	if !g.running {
		g.running = true
		go g.drain()
	}
	g.mu.Unlock()
	return <-w.done
}

// drain commits the queued writes, a group at a time, until none is left.
func (g *groupExecutor) drain() {
	for {
		g.mu.Lock()
		n := min(len(g.queue), maxGroup)
		if n == 0 {
			g.running = false
			g.mu.Unlock()
			return
		}
		group := g.queue[:n:n]
		g.queue = g.queue[n:]
		g.mu.Unlock()
		g.commit(group)
	}
}

func (g *groupExecutor) commit(group []*write) {
	errs := make([]error, len(group))
	tx, err := g.db.BeginTx(context.Background(), nil)
	if err != nil {
		for _, w := range group {
			w.done <- err
		}
		return
	}
	for i, w := range group {
		if err := w.ctx.Err(); err != nil {
			errs[i] = err
			continue
		}
		errs[i] = apply(w.ctx, tx, w.stmts)
	}
	if err := tx.Commit(); err != nil {
		for i := range errs {
			if errs[i] == nil {
				errs[i] = err
			}
		}
	}
	for i, w := range group {
		w.done <- errs[i]
	}
}

// apply runs one write's statements in a savepoint, undoing them all if
// one fails.
func apply(ctx context.Context, tx *sql.Tx, stmts []register.Stmt) error {
	if _, err := tx.ExecContext(ctx, "SAVEPOINT write"); err != nil {
		return err
	}
	for _, s := range stmts {
		if _, err := tx.ExecContext(ctx, s.Query, s.Args...); err != nil {
			if _, rerr := tx.ExecContext(context.Background(), "ROLLBACK TO write"); rerr != nil {
				return fmt.Errorf("%w (and undoing it: %v)", err, rerr)
			}
			_, _ = tx.ExecContext(context.Background(), "RELEASE write")
			return err
		}
	}
	_, err := tx.ExecContext(ctx, "RELEASE write")
	return err
}
