package register_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/partnerkit/partnerkit/evaluation"
	"github.com/partnerkit/partnerkit/register"
	"github.com/partnerkit/partnerkit/register/sqlite"
	"github.com/stretchr/testify/require"
)

// clock is a test clock that moves only when told.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

var t0 = time.Date(2027, 1, 10, 9, 0, 0, 0, time.UTC)

func readData(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "examples", "data", name))
	require.NoError(t, err)
	return data
}

// open opens a register in a new SQLite file.
func open(t testing.TB, opts register.Options) (*register.Register, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "register.db")
	return openAt(t, path, opts), path
}

func openAt(t testing.TB, path string, opts register.Options) *register.Register {
	t.Helper()
	r, db, err := sqlite.Open(context.Background(), path, opts)
	require.NoError(t, err)
	t.Cleanup(func() { db.Close() })
	return r
}

// world is a register with two partnerships, a round in the first, and a
// principal of every kind.
type world struct {
	r       *register.Register
	path    string
	clock   *clock
	secrets map[string]string // principal name → token
	p       map[string]register.Principal

	a, b        uuid.UUID // partnerships: Riverside and Coastal
	round       uuid.UUID // Riverside's round (mini framework)
	roundB      uuid.UUID // Coastal's round
	single      uuid.UUID // invitation: riverside-primary, self, one respondent
	shared      uuid.UUID // invitation: st-aidans, self, shared
	peer        uuid.UUID // invitation: uni-riverside, peer, shared
	invitationB uuid.UUID
}

func newWorld(t testing.TB, opts register.Options) *world {
	t.Helper()
	c := &clock{t: t0}
	opts.Now = c.Now
	r, path := open(t, opts)
	return populate(t, r, path, c)
}

// populate fills a new register, whose clock is c, with the world.
func populate(t testing.TB, r *register.Register, path string, c *clock) *world {
	t.Helper()
	ctx := context.Background()
	w := &world{r: r, path: path, clock: c, secrets: map[string]string{}, p: map[string]register.Principal{}}
	admin, created, err := w.r.Bootstrap(ctx)
	require.NoError(t, err)
	require.True(t, created)
	w.add(t, "admin", admin.Secret)

	pa, _, err := w.r.CreatePartnership(ctx, w.p["admin"], register.DocumentInput{Document: readData(t, "mou-riverside.json")})
	require.NoError(t, err)
	pb, _, err := w.r.CreatePartnership(ctx, w.p["admin"], register.DocumentInput{Document: readData(t, "mou-coastal-draft.json")})
	require.NoError(t, err)
	w.a, w.b = pa.ID, pb.ID
	for name, pid := range map[string]uuid.UUID{"coordinator": w.a, "coordinatorB": w.b} {
		tok, err := w.r.IssueCoordinatorToken(ctx, w.p["admin"], pid, name)
		require.NoError(t, err)
		w.add(t, name, tok.Secret)
	}
	rd, err := w.r.CreateRound(ctx, w.p["coordinator"], w.a, register.RoundInput{Title: "Spring review",
		FrameworkDocument: readData(t, "framework-mini.json"), Opens: t0.Add(-time.Hour), Closes: t0.Add(24 * time.Hour)})
	require.NoError(t, err)
	w.round = rd.ID
	invs, err := w.r.CreateInvitations(ctx, w.p["coordinator"], w.round,
		register.InvitationInput{Partner: "riverside-primary", Review: evaluation.ReviewSelf, Label: "Tom"},
		register.InvitationInput{Partner: "st-aidans", Review: evaluation.ReviewSelf, Shared: true, Label: "St Aidan's staff"},
		register.InvitationInput{Partner: "uni-riverside", Review: evaluation.ReviewPeer, Shared: true, Label: "University reviewers"})
	require.NoError(t, err)
	w.single, w.shared, w.peer = invs[0].ID, invs[1].ID, invs[2].ID
	w.add(t, "respondent", invs[0].Token.Secret)
	w.add(t, "shared", invs[1].Token.Secret)
	w.add(t, "peer", invs[2].Token.Secret)

	rdB, err := w.r.CreateRound(ctx, w.p["coordinatorB"], w.b, register.RoundInput{Framework: evaluation.HealthCheck,
		Opens: t0.Add(-time.Hour), Closes: t0.Add(24 * time.Hour)})
	require.NoError(t, err)
	w.roundB = rdB.ID
	invsB, err := w.r.CreateInvitations(ctx, w.p["coordinatorB"], w.roundB,
		register.InvitationInput{Partner: "bay-primary", Review: evaluation.ReviewSelf})
	require.NoError(t, err)
	w.invitationB = invsB[0].ID
	w.add(t, "respondentB", invsB[0].Token.Secret)

	// A revoked coordinator token of the first partnership.
	rev, err := w.r.IssueCoordinatorToken(ctx, w.p["admin"], w.a, "left the school")
	require.NoError(t, err)
	require.NoError(t, w.r.RevokeToken(ctx, w.p["admin"], rev.ID))
	w.secrets["revoked"] = rev.Secret
	return w
}

func (w *world) add(t testing.TB, name, secret string) {
	t.Helper()
	p, err := w.r.Authenticate(context.Background(), secret)
	require.NoError(t, err)
	w.secrets[name], w.p[name] = secret, p
}

// answers returns an assessment document of the mini framework.
func answers(sg1, sg2, sg3, gv1, gv2 int) []byte {
	return fmt.Appendf(nil, `{"framework": "mini-health-check", "frameworkVersion": "1.0.0", "date": "2027-01-10",
		"answers": {"sg1": %d, "sg2": %d, "sg3": %d, "gv1": %d, "gv2": %d}}`, sg1, sg2, sg3, gv1, gv2)
}
