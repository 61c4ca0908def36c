package register_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"reflect"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/partnerkit/partnerkit/evaluation"
	"github.com/partnerkit/partnerkit/partnership"
	"github.com/partnerkit/partnerkit/register"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The principals of the access matrix.
var principals = []string{"admin", "coordinator", "coordinatorB", "respondent", "respondentB", "revoked", "none"}

// The outcomes.
const (
	ok    = "ok"
	e401  = "401"
	e403  = "403"
	e404  = "404"
	e409  = "409"
	other = "other"
)

func outcome(err error) string {
	switch {
	case err == nil:
		return ok
	case errors.Is(err, register.ErrUnauthenticated):
		return e401
	case errors.Is(err, register.ErrForbidden):
		return e403
	case errors.Is(err, register.ErrNotFound):
		return e404
	case errors.Is(err, register.ErrConflict), errors.Is(err, register.ErrClosed):
		return e409
	}
	return other + ": " + err.Error()
}

// Expected outcomes by principal, in the order of principals.
var (
	// manage: administrators and this partnership's coordinators.
	manage = []string{ok, ok, e404, e403, e404, e401, e401}
	// adminOnly: administrators.
	adminOnly = []string{ok, e403, e403, e403, e403, e401, e401}
	// respondentOnly: each respondent, with their own invitation.
	respondentOnly = []string{e403, e403, e403, ok, ok, e401, e401}
	// ownAnswers: only the respondent of this invitation.
	ownAnswers = []string{e403, e403, e403, ok, e404, e401, e401}
	// listing: everyone authenticated but respondents, each seeing their own.
	listing = []string{ok, ok, ok, e403, e403, e401, e401}
)

// TestAccessMatrix runs every operation of the register as every
// principal: the administrator, a coordinator of this partnership and
// one of another, a respondent of this invitation and one of another
// partnership's, a revoked token and no token. A token for another
// partnership gets not found, never forbidden.
func TestAccessMatrix(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t, register.Options{})
	op := register.Operator()
	submit(t, w, "respondent", uuid.Nil, answers(3, 3, 3, 3, 3))
	_, err := w.r.DefineIndicators(ctx, op, w.a, readData(t, "indicators.json"))
	require.NoError(t, err)

	// Fresh things to act on, so that one principal's success does not
	// change what the next meets.
	freshRound := func() uuid.UUID {
		rd, err := w.r.CreateRound(ctx, op, w.a, register.RoundInput{Framework: evaluation.HealthCheck, Opens: t0, Closes: t0.Add(time.Hour)})
		require.NoError(t, err)
		return rd.ID
	}
	freshInvitation := func() uuid.UUID {
		invs, err := w.r.CreateInvitations(ctx, op, w.round, register.InvitationInput{Partner: "st-aidans", Review: evaluation.ReviewSelf})
		require.NoError(t, err)
		return invs[0].ID
	}
	freshToken := func() uuid.UUID {
		tok, err := w.r.IssueCoordinatorToken(ctx, op, w.a, "fresh")
		require.NoError(t, err)
		return tok.ID
	}
	mouDoc := readData(t, "mou-riverside.json")
	key := 0

	ops := []struct {
		name string
		want []string
		run  func(p register.Principal) error
	}{
		{"Partnerships", listing, func(p register.Principal) error { _, err := w.r.Partnerships(ctx, p); return err }},
		{"CreatePartnership", adminOnly, func(p register.Principal) error {
			_, _, err := w.r.CreatePartnership(ctx, p, register.DocumentInput{Document: mouDoc})
			return err
		}},
		{"GetPartnership", manage, func(p register.Principal) error { _, err := w.r.GetPartnership(ctx, p, w.a); return err }},
		{"SaveDocument", manage, func(p register.Principal) error {
			_, err := w.r.SaveDocument(ctx, p, w.a, register.DocumentInput{Document: mouDoc})
			return err
		}},
		{"Versions", manage, func(p register.Principal) error { _, err := w.r.Versions(ctx, p, w.a); return err }},
		{"GetVersion", manage, func(p register.Principal) error { _, err := w.r.GetVersion(ctx, p, w.a, 1); return err }},
		{"IssueAdminToken", adminOnly, func(p register.Principal) error { _, err := w.r.IssueAdminToken(ctx, p, "another"); return err }},
		{"IssueCoordinatorToken", manage, func(p register.Principal) error {
			_, err := w.r.IssueCoordinatorToken(ctx, p, w.a, "co")
			return err
		}},
		{"Tokens", manage, func(p register.Principal) error { _, err := w.r.Tokens(ctx, p, w.a); return err }},
		{"Tokens (administrators')", adminOnly, func(p register.Principal) error { _, err := w.r.Tokens(ctx, p, uuid.Nil); return err }},
		{"RevokeToken", manage, func(p register.Principal) error { return w.r.RevokeToken(ctx, p, freshToken()) }},
		{"CreateRound", manage, func(p register.Principal) error {
			_, err := w.r.CreateRound(ctx, p, w.a, register.RoundInput{Framework: evaluation.HealthCheck, Opens: t0, Closes: t0.Add(time.Hour)})
			return err
		}},
		{"Rounds", manage, func(p register.Principal) error { _, err := w.r.Rounds(ctx, p, w.a); return err }},
		{"GetRound", manage, func(p register.Principal) error { _, err := w.r.GetRound(ctx, p, w.round); return err }},
		{"CloseRound", manage, func(p register.Principal) error { _, err := w.r.CloseRound(ctx, p, freshRound()); return err }},
		{"Framework", []string{ok, ok, e404, ok, e404, e401, e401}, func(p register.Principal) error {
			_, err := w.r.Framework(ctx, p, w.round)
			return err
		}},
		{"CreateInvitations", manage, func(p register.Principal) error {
			_, err := w.r.CreateInvitations(ctx, p, w.round, register.InvitationInput{Partner: "st-aidans", Review: evaluation.ReviewSelf})
			return err
		}},
		{"Invitations", manage, func(p register.Principal) error { _, err := w.r.Invitations(ctx, p, w.round); return err }},
		{"RevokeInvitation", manage, func(p register.Principal) error { return w.r.RevokeInvitation(ctx, p, freshInvitation()) }},
		{"Welcome", respondentOnly, func(p register.Principal) error { _, err := w.r.Welcome(ctx, p); return err }},
		{"Submit", respondentOnly, func(p register.Principal) error {
			key++
			a := answers(4, 4, 2, 4, 4)
			if p.Round() == w.roundB {
				a = []byte(`{"framework": "partnership-health-check", "answers": {}}`)
			}
			_, err := w.r.Submit(ctx, p, register.SubmissionInput{Key: string(rune('a' + key)), Revision: int64(key), Assessment: a})
			return err
		}},
		{"AnswerSet", ownAnswers, func(p register.Principal) error { _, err := w.r.AnswerSet(ctx, p, w.single); return err }},
		{"RoundReport", manage, func(p register.Principal) error { _, err := w.r.RoundReport(ctx, p, w.round); return err }},
		{"DefineIndicators", manage, func(p register.Principal) error {
			_, err := w.r.DefineIndicators(ctx, p, w.a, readData(t, "indicators.json"))
			return err
		}},
		{"RecordActual", manage, func(p register.Principal) error {
			_, err := w.r.RecordActual(ctx, p, w.a, "ks2-science", partnership.MustParseDate("2027-03-01"), 70)
			return err
		}},
		{"Indicators", manage, func(p register.Principal) error { _, err := w.r.Indicators(ctx, p, w.a); return err }},
		{"Outcomes", manage, func(p register.Principal) error { _, err := w.r.Outcomes(ctx, p, w.a); return err }},
		// The directory: PublishListing first, so that there is a listing.
		{"PublishListing", manage, func(p register.Principal) error {
			_, err := w.r.PublishListing(ctx, p, w.a, []byte(listingA))
			return err
		}},
		{"PartnershipListing", manage, func(p register.Principal) error { _, err := w.r.PartnershipListing(ctx, p, w.a); return err }},
		{"WithdrawListing", manage, func(p register.Principal) error { _, err := w.r.WithdrawListing(ctx, p, w.a); return err }},
		{"Programme", adminOnly, func(p register.Principal) error {
			_, err := w.r.Programme(ctx, p, register.ProgrammeQuery{})
			return err
		}},
		{"Export", adminOnly, func(p register.Principal) error { return w.r.Export(ctx, p, io.Discard) }},
		// Import into a register that is not empty: the administrator
		// passes the access check and meets the conflict.
		{"Import", []string{e409, e403, e403, e403, e403, e401, e401}, func(p register.Principal) error {
			return w.r.Import(ctx, p, bytes.NewReader([]byte(fmt.Sprintf(`{"format": "partnerkit-register", "schemaVersion": %d}`, register.SchemaVersion()))))
		}},
	}

	// Every exported method that takes a Principal has a row.
	covered := map[string]bool{}
	for _, o := range ops {
		covered[o.name] = true
	}
	pt := reflect.TypeFor[register.Principal]()
	rt := reflect.TypeFor[*register.Register]()
	for i := range rt.NumMethod() {
		m := rt.Method(i)
		for j := 1; j < m.Type.NumIn(); j++ {
			if m.Type.In(j) == pt {
				assert.True(t, covered[m.Name], "the access matrix has no row for %s", m.Name)
			}
		}
	}

	for _, o := range ops {
		t.Run(o.name, func(t *testing.T) {
			require.Len(t, o.want, len(principals))
			for i, name := range principals {
				p := w.p[name] // revoked and none: the zero Principal
				if name == "revoked" || name == "none" {
					_, err := w.r.Authenticate(ctx, w.secrets[name])
					require.ErrorIs(t, err, register.ErrUnauthenticated)
				}
				assert.Equal(t, o.want[i], outcome(o.run(p)), "%s as %s", o.name, name)
			}
		})
	}
}
