package register

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/google/uuid"
	"github.com/partnerkit/partnerkit/evaluation"
	"github.com/partnerkit/partnerkit/partnership"
)

// DefaultAnonymityThreshold is the fewest respondents a partner must have
// before a round's report shows that partner's own breakdown.
const DefaultAnonymityThreshold = 3

// Options configure a Register. The zero Options are the defaults.
type Options struct {
	// Executor runs the register's writes. Nil means a transaction on the
	// database for each write (right for SQLite and PostgreSQL); on
	// Cloudflare D1, which refuses transactions, pass one that sends the
	// statements as one batch.
	Executor Executor
	// AnonymityThreshold is the fewest respondents a partner must have for
	// the report to show its own breakdown and mean. 0 means
	// DefaultAnonymityThreshold; 1 shows every partner. Below 0 is an
	// error (a *partnership.OptionError at /anonymityThreshold).
	AnonymityThreshold int
	// Scoring holds the thresholds the register scores rounds and follows
	// indicators with: its reports, the programme view, and the scores
	// stored answers are given back with. The zero value is evaluation's
	// documented defaults; options that evaluation.Options.Validate
	// rejects make Open fail with its error.
	Scoring evaluation.Options
	// Now returns the time; nil means time.Now. Tests set it to move the
	// clock past a round's closing.
	Now func() time.Time
}

// Stmt is one SQL statement with its arguments. Placeholders are ?.
type Stmt struct {
	Query string
	Args  []any
}

// Executor runs statements that must land together: all of them, or none.
// Every write the register makes is one call, so that an Executor over a
// store without transactions (D1's batch) keeps the register consistent.
// Each write is also idempotent, so a call that failed may be repeated.
type Executor interface {
	Exec(ctx context.Context, stmts ...Stmt) error
}

// TxExecutor returns an Executor that runs the statements in one
// transaction on db.
func TxExecutor(db *sql.DB) Executor { return txExecutor{db} }

type txExecutor struct{ db *sql.DB }

func (e txExecutor) Exec(ctx context.Context, stmts ...Stmt) (err error) {
	tx, err := e.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			_ = tx.Rollback()
		}
	}()
	for _, s := range stmts {
		if _, err = tx.ExecContext(ctx, s.Query, s.Args...); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// Register is a programme's partnership register: partnerships and their
// documents, review rounds, invitations, answers, reports and indicators.
// It is safe for concurrent use.
type Register struct {
	db        *sql.DB
	exec      Executor
	threshold int
	scoring   evaluation.Options // valid
	now       func() time.Time

	mu         sync.Mutex
	frameworks map[uuid.UUID]*evaluation.Framework // by round: a round's framework never changes
	summaries  summaryCache                        // the programme view's latest rounds, combined
}

// Open returns the register kept in db, first bringing its schema up to
// date (see Migrate). The register does not close db.
func Open(ctx context.Context, db *sql.DB, opts Options) (*Register, error) {
	if opts.AnonymityThreshold < 0 {
		return nil, &partnership.OptionError{Option: "/anonymityThreshold", Message: fmt.Sprintf(
			"the anonymity threshold is a number of respondents, 1 or more (0 means %d), not %d", DefaultAnonymityThreshold, opts.AnonymityThreshold)}
	}
	if err := opts.Scoring.Validate(); err != nil {
		return nil, fmt.Errorf("register: scoring options: %w", err)
	}
	r := &Register{db: db, exec: opts.Executor, threshold: opts.AnonymityThreshold, now: opts.Now,
		scoring: opts.Scoring, frameworks: map[uuid.UUID]*evaluation.Framework{}}
	if r.exec == nil {
		r.exec = TxExecutor(db)
	}
	if r.threshold <= 0 {
		r.threshold = DefaultAnonymityThreshold
	}
	if r.now == nil {
		r.now = time.Now
	}
	if err := Migrate(ctx, db, r.exec); err != nil {
		return nil, err
	}
	return r, nil
}

// AnonymityThreshold returns the threshold the register's reports apply.
func (r *Register) AnonymityThreshold() int { return r.threshold }

// clock returns the time now, to the millisecond the register stores.
func (r *Register) clock() time.Time { return r.now().UTC().Truncate(time.Millisecond) }

func millis(t time.Time) int64 { return t.UnixMilli() }

func fromMillis(ms int64) time.Time { return time.UnixMilli(ms).UTC() }

func nullMillis(n sql.NullInt64) *time.Time {
	if !n.Valid {
		return nil
	}
	t := fromMillis(n.Int64)
	return &t
}

// queryErr turns sql.ErrNoRows into ErrNotFound.
func queryErr(what string, err error) error {
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("%s: %w", what, ErrNotFound)
	}
	return fmt.Errorf("%s: %w", what, err)
}
