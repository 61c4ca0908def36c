package register_test

import (
	"bytes"
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"path/filepath"
	"testing"

	"github.com/google/uuid"
	"github.com/partnerkit/partnerkit/partnership"
	"github.com/partnerkit/partnerkit/register"
	"github.com/partnerkit/partnerkit/register/sqlite"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// errNoTx is what a database without transactions, as D1, answers.
var errNoTx = errors.New("transactions are not supported")

// noTxConnector opens SQLite connections that refuse transactions, as
// Cloudflare D1's database/sql driver does.
type noTxConnector struct {
	drv driver.Driver
	dsn string
}

func (c noTxConnector) Connect(context.Context) (driver.Conn, error) {
	conn, err := c.drv.Open(c.dsn)
	if err != nil {
		return nil, err
	}
	return noTxConn{conn}, nil
}

func (c noTxConnector) Driver() driver.Driver { return c.drv }

type noTxConn struct{ driver.Conn }

func (noTxConn) Begin() (driver.Tx, error) { return nil, errNoTx }

func (noTxConn) BeginTx(context.Context, driver.TxOptions) (driver.Tx, error) { return nil, errNoTx }

// statementsExecutor runs each statement on its own, in order, as a
// D1 batch would send them (D1 applies a batch all or nothing; here
// nothing fails midway, so the order is what is tested).
type statementsExecutor struct{ db *sql.DB }

func (e statementsExecutor) Exec(ctx context.Context, stmts ...register.Stmt) error {
	for _, s := range stmts {
		if _, err := e.db.ExecContext(ctx, s.Query, s.Args...); err != nil {
			return err
		}
	}
	return nil
}

func openNoTx(t *testing.T, c *clock) (*register.Register, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "d1-like.db")
	plain, err := sql.Open("sqlite", sqlite.DSN(path))
	require.NoError(t, err)
	t.Cleanup(func() { plain.Close() })
	db := sql.OpenDB(noTxConnector{drv: plain.Driver(), dsn: sqlite.DSN(path)})
	t.Cleanup(func() { db.Close() })
	_, err = db.Begin()
	require.ErrorIs(t, err, errNoTx)
	r, err := register.Open(context.Background(), db, register.Options{Executor: statementsExecutor{db}, Now: c.Now})
	require.NoError(t, err)
	return r, path
}

// TestWithoutTransactions runs the register on a database that refuses
// transactions, as D1 does: the migrations, every kind of write, the
// report and an export and import. Only the Executor batches statements.
func TestWithoutTransactions(t *testing.T) {
	ctx := context.Background()
	c := &clock{t: t0}
	r, path := openNoTx(t, c)
	w := populate(t, r, path, c)
	submit(t, w, "respondent", uuid.Nil, answers(2, 2, 4, 1, 2))
	submit(t, w, "shared", uuid.New(), answers(5, 5, 1, 5, 5))
	set := uuid.New()
	submit(t, w, "peer", set, answers(2, 1, 5, 1, 1))
	submit(t, w, "peer", set, answers(2, 1, 5, 1, 1)) // a retry
	_, err := w.r.DefineIndicators(ctx, w.p["coordinator"], w.a, readData(t, "indicators.json"))
	require.NoError(t, err)
	_, err = w.r.RecordActual(ctx, w.p["coordinator"], w.a, "ks2-science", partnership.MustParseDate("2027-04-30"), 72)
	require.NoError(t, err)
	_, err = w.r.SaveDocument(ctx, w.p["coordinator"], w.a, register.DocumentInput{Document: readData(t, "mou-riverside.json")})
	require.NoError(t, err)
	require.NoError(t, w.r.RevokeInvitation(ctx, w.p["coordinator"], w.peer))
	_, err = w.r.CloseRound(ctx, w.p["coordinator"], w.round)
	require.NoError(t, err)
	rep, err := w.r.RoundReport(ctx, w.p["coordinator"], w.round)
	require.NoError(t, err)
	assert.Equal(t, 3, rep.Respondents)
	la, err := w.r.PublishListing(ctx, w.p["coordinator"], w.a, []byte(listingA))
	require.NoError(t, err)
	_, err = w.r.PublishListing(ctx, w.p["coordinatorB"], w.b, []byte(listingB))
	require.NoError(t, err)
	_, err = w.r.WithdrawListing(ctx, w.p["coordinatorB"], w.b)
	require.NoError(t, err)

	var first bytes.Buffer
	require.NoError(t, w.r.Export(ctx, register.Operator(), &first))
	fresh, _ := openNoTx(t, &clock{t: t0})
	require.NoError(t, fresh.Import(ctx, register.Operator(), bytes.NewReader(first.Bytes())))
	var second bytes.Buffer
	require.NoError(t, fresh.Export(ctx, register.Operator(), &second))
	assert.Equal(t, first.String(), second.String())
	page, err := fresh.SearchListings(ctx, register.DirectoryQuery{Text: "science"})
	require.NoError(t, err)
	require.Len(t, page.Listings, 1)
	assert.Equal(t, la.ID, page.Listings[0].ID)
	page, err = fresh.SearchListings(ctx, register.DirectoryQuery{Text: "reading"})
	require.NoError(t, err)
	assert.Zero(t, page.Total, "the withdrawn listing is not found")
}
