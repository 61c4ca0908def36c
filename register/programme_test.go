package register_test

import (
	"context"
	"database/sql"
	"sync/atomic"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/partnerkit/partnerkit/register"
)

// countingExecutor counts the writes the register asks for.
type countingExecutor struct {
	next   register.Executor
	writes atomic.Int64
}

func (c *countingExecutor) Exec(ctx context.Context, stmts ...register.Stmt) error {
	c.writes.Add(1)
	return c.next.Exec(ctx, stmts...)
}

// TestProgrammeViewOnlyReads builds the programme view through a second
// register on the same SQLite file, opened read-only, whose writes are
// counted: the view asks for none and needs none, and it still sees
// answers that arrive (through the first register) as they arrive.
func TestProgrammeViewOnlyReads(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t, register.Options{AnonymityThreshold: 1})
	submit := func(v int) {
		t.Helper()
		set := uuid.New()
		_, err := w.r.Submit(ctx, w.p["shared"], register.SubmissionInput{Key: set.String(), AnswerSet: set, Assessment: answers(v, v, v, v, v)})
		require.NoError(t, err)
	}
	submit(2)
	submit(3)

	ro, err := sql.Open("sqlite", "file:"+w.path+"?mode=ro&_pragma=busy_timeout(5000)")
	require.NoError(t, err)
	t.Cleanup(func() { ro.Close() })
	exec := &countingExecutor{next: register.TxExecutor(ro)}
	reader, err := register.Open(ctx, ro, register.Options{Executor: exec, AnonymityThreshold: 1, Now: w.clock.Now})
	require.NoError(t, err)
	exec.writes.Store(0) // only the view's are counted
	admin, err := reader.Authenticate(ctx, w.secrets["admin"])
	require.NoError(t, err)

	view := func(r *register.Register, p register.Principal) register.ProgrammeRow {
		t.Helper()
		prog, err := r.Programme(ctx, p, register.ProgrammeQuery{Search: "riverside"})
		require.NoError(t, err)
		require.Len(t, prog.Rows, 1)
		require.NotNil(t, prog.Rows[0].Latest)
		return prog.Rows[0]
	}
	first := view(reader, admin)
	require.NotNil(t, first.Latest.Overall, "combined with no write")
	again := view(reader, admin)
	assert.Equal(t, first, again, "the second view, from memory, is the first")
	assert.Equal(t, first.Latest, view(w.r, w.p["admin"]).Latest, "the writable register's view is the same")

	submit(5)
	later := view(reader, admin)
	assert.Equal(t, 3, later.Latest.Responses)
	assert.Greater(t, *later.Latest.Overall, *first.Latest.Overall, "new answers are combined in the next view")
	assert.Zero(t, exec.writes.Load(), "the view wrote nothing")
}
