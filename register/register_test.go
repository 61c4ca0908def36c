package register_test

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/partnerkit/partnerkit/evaluation"
	"github.com/partnerkit/partnerkit/partnership"
	"github.com/partnerkit/partnerkit/register"
	"github.com/partnerkit/partnerkit/register/sqlite"
	"github.com/partnerkit/partnerkit/schemas"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDocumentsAreVersionedAndDraftsKept(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t, register.Options{})
	admin, coord := w.p["admin"], w.p["coordinator"]

	pa, err := w.r.GetPartnership(ctx, coord, w.a)
	require.NoError(t, err)
	assert.Equal(t, "Riverside STEM Partnership", pa.Name)
	assert.False(t, pa.Draft)
	assert.Equal(t, 1, pa.Version)
	assert.Equal(t, register.KindMOU, pa.Kind)

	// The coastal draft has errors: saved as a draft, findings kept.
	pb, err := w.r.GetPartnership(ctx, admin, w.b)
	require.NoError(t, err)
	assert.True(t, pb.Draft)
	vb, err := w.r.GetVersion(ctx, admin, w.b, 0)
	require.NoError(t, err)
	assert.False(t, vb.Valid)
	assert.NotEmpty(t, vb.Findings)
	assert.JSONEq(t, string(readData(t, "mou-coastal-draft.json")), string(vb.Document))

	// A new version that breaks the schema is kept too, as a draft; the
	// exact bytes sent are stored.
	broken := bytes.Replace(readData(t, "mou-riverside.json"), []byte(`"legallyBinding": false`), []byte(`"legallyBinding": "no"`), 1)
	require.NotEqual(t, readData(t, "mou-riverside.json"), broken)
	vid := uuid.New()
	v2, err := w.r.SaveDocument(ctx, coord, w.a, register.DocumentInput{Version: vid, Document: broken})
	require.NoError(t, err)
	assert.Equal(t, 2, v2.Version)
	assert.False(t, v2.Valid)
	assert.Equal(t, string(broken), string(v2.Document))
	hasSchema := false
	for _, f := range v2.Findings {
		hasSchema = hasSchema || (f.Code == "schema" && f.Path == "/legallyBinding")
	}
	assert.True(t, hasSchema, "findings: %v", v2.Findings)
	// A retry with the same version id does not make a third version.
	again, err := w.r.SaveDocument(ctx, coord, w.a, register.DocumentInput{Version: vid, Document: broken})
	require.NoError(t, err)
	assert.Equal(t, 2, again.Version)
	pa, err = w.r.GetPartnership(ctx, coord, w.a)
	require.NoError(t, err)
	assert.True(t, pa.Draft)
	assert.Equal(t, 2, pa.Version)

	// A partnership document alone is a version as well.
	doc := []byte(`{"name": "Riverside STEM Partnership", "model": "hub-and-spoke", "partners": [
		{"id": "st-aidans", "name": "St Aidan's School", "type": "school", "role": "lead"},
		{"id": "riverside-primary", "name": "Riverside Primary School", "type": "school"}],
		"leads": [{"partner": "st-aidans", "name": "Amara Okafor"}, {"partner": "riverside-primary", "name": "Tom Hughes"}]}`)
	v3, err := w.r.SaveDocument(ctx, coord, w.a, register.DocumentInput{Document: doc})
	require.NoError(t, err)
	assert.Equal(t, register.KindPartnership, v3.Kind)
	assert.True(t, v3.Valid, "%v", v3.Findings)
	vs, err := w.r.Versions(ctx, coord, w.a)
	require.NoError(t, err)
	require.Len(t, vs, 3)
	for i, v := range vs {
		assert.Equal(t, i+1, v.Version)
	}

	// Not JSON at all: refused with the line and column, nothing saved.
	_, err = w.r.SaveDocument(ctx, coord, w.a, register.DocumentInput{Document: []byte(`{"name": `)})
	var ve *register.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, "syntax", ve.Findings[0].Code)
	var se *schemas.SyntaxError
	require.ErrorAs(t, err, &se, "the line and column, for a 400")
	_, err = w.r.SaveDocument(ctx, coord, w.a, register.DocumentInput{Document: []byte(`[1, 2]`)})
	require.ErrorAs(t, err, &ve)
	vs, err = w.r.Versions(ctx, coord, w.a)
	require.NoError(t, err)
	assert.Len(t, vs, 3)

	list, err := w.r.Partnerships(ctx, admin)
	require.NoError(t, err)
	assert.Len(t, list, 2)
	list, err = w.r.Partnerships(ctx, coord)
	require.NoError(t, err)
	require.Len(t, list, 1)
	assert.Equal(t, w.a, list[0].ID)
}

func TestRoundValidation(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t, register.Options{})
	coord := w.p["coordinator"]
	for name, in := range map[string]register.RoundInput{
		"no framework":      {Opens: t0, Closes: t0.Add(time.Hour)},
		"unknown framework": {Framework: "nope", Opens: t0, Closes: t0.Add(time.Hour)},
		"both":              {Framework: evaluation.HealthCheck, FrameworkDocument: readData(t, "framework-mini.json"), Opens: t0, Closes: t0.Add(time.Hour)},
		"bad framework":     {FrameworkDocument: []byte(`{"id": "x"}`), Opens: t0, Closes: t0.Add(time.Hour)},
		"closes first":      {Framework: evaluation.HealthCheck, Opens: t0, Closes: t0.Add(-time.Hour)},
		"no window":         {Framework: evaluation.HealthCheck},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := w.r.CreateRound(ctx, coord, w.a, in)
			var ve *register.ValidationError
			require.ErrorAs(t, err, &ve)
			assert.NotEmpty(t, ve.Findings)
		})
	}
	_, err := w.r.CreateInvitations(ctx, coord, w.round, register.InvitationInput{Partner: "bay-primary", Review: evaluation.ReviewSelf})
	var ve *register.ValidationError
	require.ErrorAs(t, err, &ve, "a self-review by a partner of another partnership")
	assert.Equal(t, "/0/partner", ve.Findings[0].Path)
	_, err = w.r.CreateInvitations(ctx, coord, w.round, register.InvitationInput{Partner: "st-aidans", Review: "sideways"})
	require.ErrorAs(t, err, &ve)
}

func TestSubmissions(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t, register.Options{})
	resp := w.p["respondent"]

	s, err := w.r.Submit(ctx, resp, register.SubmissionInput{Key: "k1", Assessment: answers(4, 3, 2, 2, 3)})
	require.NoError(t, err)
	assert.Equal(t, w.single, s.AnswerSet, "a single link has one answer set, the invitation's")
	require.NotNil(t, s.Score.Overall)
	assert.Equal(t, "riverside-primary", s.Assessment.Respondent.Partner)
	assert.Equal(t, evaluation.ReviewSelf, s.Assessment.Respondent.Review)
	assert.Equal(t, w.a, s.Assessment.Partnership)
	assert.Equal(t, 1, s.Changes)

	// The same key again: acknowledged, stored once.
	again, err := w.r.Submit(ctx, resp, register.SubmissionInput{Key: "k1", Assessment: answers(4, 3, 2, 2, 3)})
	require.NoError(t, err)
	assert.Equal(t, 1, again.Changes)
	assert.Equal(t, s.ReceivedAt, again.ReceivedAt)

	// Changed answers replace the earlier ones: latest wins.
	w.clock.Add(time.Minute)
	changed, err := w.r.Submit(ctx, resp, register.SubmissionInput{Key: "k2", Revision: 2, Assessment: answers(5, 5, 1, 5, 5)})
	require.NoError(t, err)
	assert.Equal(t, 2, changed.Changes)
	assert.InDelta(t, 100, *changed.Score.Overall, 1e-9)
	// A late retry of older answers does not undo them.
	_, err = w.r.Submit(ctx, resp, register.SubmissionInput{Key: "k-old", Revision: 1, Assessment: answers(1, 1, 5, 1, 1)})
	require.ErrorIs(t, err, register.ErrConflict)
	own, err := w.r.AnswerSet(ctx, resp, w.single)
	require.NoError(t, err)
	assert.Equal(t, "k2", own.Key)
	assert.InDelta(t, 100, *own.Score.Overall, 1e-9)

	// Bad answers: the findings say where.
	_, err = w.r.Submit(ctx, resp, register.SubmissionInput{Key: "k3", Assessment: answers(9, 3, 2, 2, 3)})
	var ve *register.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, "/answers/sg1", ve.Findings[0].Path)
	_, err = w.r.Submit(ctx, resp, register.SubmissionInput{Key: "k3", Assessment: []byte(`{"framework": "mini-health-check", "answers": {}, "respondent": {"partner": "st-aidans"}}`)})
	require.ErrorAs(t, err, &ve, "a respondent may not claim another partner")
	assert.Equal(t, "/respondent/partner", ve.Findings[0].Path)
	_, err = w.r.Submit(ctx, resp, register.SubmissionInput{Assessment: answers(4, 3, 2, 2, 3)})
	require.ErrorAs(t, err, &ve, "no key")
	_, err = w.r.Submit(ctx, resp, register.SubmissionInput{Key: strings.Repeat("k", register.MaxKeyLength+1), Assessment: answers(4, 3, 2, 2, 3)})
	require.ErrorAs(t, err, &ve, "a key too long")
	_, err = w.r.Submit(ctx, resp, register.SubmissionInput{Key: "k9", Revision: register.MaxRevision + 1, Assessment: answers(4, 3, 2, 2, 3)})
	require.ErrorAs(t, err, &ve, "a revision beyond what D1 stores exactly")
	_, err = w.r.Submit(ctx, resp, register.SubmissionInput{Key: "k9", Revision: -1, Assessment: answers(4, 3, 2, 2, 3)})
	require.ErrorAs(t, err, &ve, "a negative revision")
	_, err = w.r.Submit(ctx, resp, register.SubmissionInput{Key: "k4", Assessment: []byte(`{"framework": "partnership-health-check", "answers": {}}`)})
	require.ErrorAs(t, err, &ve, "another framework")

	// Shared link: each device its own answer set.
	sh := w.p["shared"]
	d1, d2 := uuid.New(), uuid.New()
	_, err = w.r.Submit(ctx, sh, register.SubmissionInput{Key: "a", AnswerSet: d1, Assessment: answers(4, 4, 2, 4, 4)})
	require.NoError(t, err)
	_, err = w.r.Submit(ctx, sh, register.SubmissionInput{Key: "b", AnswerSet: d2, Assessment: answers(2, 2, 4, 2, 2)})
	require.NoError(t, err)
	// Another invitation's respondent cannot write into or read that set.
	_, err = w.r.Submit(ctx, w.p["peer"], register.SubmissionInput{Key: "c", AnswerSet: d1, Assessment: answers(1, 1, 1, 1, 1)})
	require.ErrorIs(t, err, register.ErrNotFound)
	_, err = w.r.AnswerSet(ctx, w.p["peer"], d1)
	require.ErrorIs(t, err, register.ErrNotFound)
	mine, err := w.r.AnswerSet(ctx, sh, d1)
	require.NoError(t, err)
	assert.Equal(t, 4, mine.Assessment.Answers["sg1"].Value)

	// The round closes: answers are refused, a retry of acknowledged ones
	// is still acknowledged.
	_, err = w.r.CloseRound(ctx, w.p["coordinator"], w.round)
	require.NoError(t, err)
	_, err = w.r.Submit(ctx, resp, register.SubmissionInput{Key: "k5", Revision: 3, Assessment: answers(3, 3, 3, 3, 3)})
	require.ErrorIs(t, err, register.ErrClosed)
	_, err = w.r.Submit(ctx, sh, register.SubmissionInput{Key: "new", AnswerSet: uuid.New(), Assessment: answers(3, 3, 3, 3, 3)})
	require.ErrorIs(t, err, register.ErrClosed)
	_, err = w.r.Submit(ctx, resp, register.SubmissionInput{Key: "k2", Revision: 2, Assessment: answers(5, 5, 1, 5, 5)})
	require.NoError(t, err)
}

func TestRoundNotYetOpenOrPastClosing(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t, register.Options{})
	rd, err := w.r.CreateRound(ctx, w.p["coordinator"], w.a, register.RoundInput{Framework: evaluation.HealthCheck,
		Opens: t0.Add(time.Hour), Closes: t0.Add(2 * time.Hour)})
	require.NoError(t, err)
	invs, err := w.r.CreateInvitations(ctx, w.p["coordinator"], rd.ID, register.InvitationInput{Partner: "st-aidans", Review: evaluation.ReviewSelf})
	require.NoError(t, err)
	p, err := w.r.Authenticate(ctx, invs[0].Token.Secret)
	require.NoError(t, err)
	doc := []byte(`{"framework": "partnership-health-check", "answers": {}}`)
	_, err = w.r.Submit(ctx, p, register.SubmissionInput{Key: "x", Assessment: doc})
	require.ErrorIs(t, err, register.ErrClosed, "not yet open")
	w.clock.Add(90 * time.Minute)
	_, err = w.r.Submit(ctx, p, register.SubmissionInput{Key: "x", Assessment: doc})
	require.NoError(t, err)
	w.clock.Add(time.Hour)
	_, err = w.r.Submit(ctx, p, register.SubmissionInput{Key: "y", Assessment: doc})
	require.ErrorIs(t, err, register.ErrClosed, "past closing")
	welcome, err := w.r.Welcome(ctx, p)
	require.NoError(t, err)
	assert.False(t, welcome.Open)
	assert.Equal(t, "St Aidan's School", welcome.PartnerName)
	assert.Equal(t, "Riverside STEM Partnership", welcome.PartnershipName)
}

func TestRevokedInvitationRefusesAnswers(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t, register.Options{})
	require.NoError(t, w.r.RevokeInvitation(ctx, w.p["coordinator"], w.single))
	_, err := w.r.Authenticate(ctx, w.secrets["respondent"])
	require.ErrorIs(t, err, register.ErrUnauthenticated)
	// A principal authenticated just before the revocation is refused too.
	_, err = w.r.Submit(ctx, w.p["respondent"], register.SubmissionInput{Key: "k", Assessment: answers(1, 1, 1, 1, 1)})
	require.ErrorIs(t, err, register.ErrUnauthenticated)
}

// submitMany sends n answer sets through the shared St Aidan's link (or
// another) with answers derived from i.
func submit(t testing.TB, w *world, who string, set uuid.UUID, a []byte) {
	t.Helper()
	_, err := w.r.Submit(context.Background(), w.p[who], register.SubmissionInput{Key: set.String(), AnswerSet: set, Assessment: a})
	require.NoError(t, err)
}

// scoreExported scores the answer sets of a round in an export with
// package evaluation directly, as `partnerkit evaluate score` does: all
// of them, or with partner set, that partner's.
func scoreExported(t *testing.T, w *world, round uuid.UUID, partner ...string) *evaluation.Combined {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, w.r.Export(context.Background(), w.p["admin"], &buf))
	var a register.Archive
	require.NoError(t, json.Unmarshal(buf.Bytes(), &a))
	f := evaluation.MustParseFramework(readData(t, "framework-mini.json"))
	c := evaluation.NewCombiner(f)
	for _, s := range a.AnswerSets {
		if s.Round != round.String() {
			continue
		}
		as, err := evaluation.ParseAssessment([]byte(s.Assessment))
		require.NoError(t, err)
		if len(partner) > 0 && as.Respondent.Partner != partner[0] {
			continue
		}
		sc, err := f.Score(as)
		require.NoError(t, err)
		require.NoError(t, c.Add(sc))
	}
	return c.Result()
}

func TestReportEqualsEvaluation(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t, register.Options{AnonymityThreshold: 1})
	submit(t, w, "respondent", uuid.Nil, answers(2, 2, 4, 1, 2))
	submit(t, w, "shared", uuid.New(), answers(5, 5, 1, 5, 5))
	submit(t, w, "shared", uuid.New(), answers(4, 4, 2, 4, 3))
	submit(t, w, "peer", uuid.New(), answers(2, 1, 5, 1, 1))

	rep, err := w.r.RoundReport(ctx, w.p["coordinator"], w.round)
	require.NoError(t, err)
	want := scoreExported(t, w, w.round)
	assert.Equal(t, want, rep.Combined)
	assert.Equal(t, 4, rep.Combined.Respondents)
	codes := map[string]bool{}
	for _, f := range rep.Combined.Flags {
		codes[f.Code] = true
	}
	assert.True(t, codes[evaluation.FlagDisagree], "flags: %v", rep.Combined.Flags)
	assert.True(t, codes[evaluation.FlagImbalance], "flags: %v", rep.Combined.Flags)
	assert.True(t, codes[evaluation.FlagReviewGap], "flags: %v", rep.Combined.Flags)
	require.Len(t, rep.Partners, 3)
	assert.Empty(t, rep.Withheld)
	for _, pr := range rep.Partners {
		assert.Equal(t, scoreExported(t, w, w.round, pr.Partner), pr.Combined, pr.Partner)
	}
	assert.Equal(t, []register.ResponseCount{
		{Partner: "riverside-primary", PartnerName: "Riverside Primary School", Review: evaluation.ReviewSelf, Invitations: 1, Responses: 1},
		{Partner: "st-aidans", PartnerName: "St Aidan's School", Review: evaluation.ReviewSelf, Invitations: 1, Responses: 2},
		{Partner: "uni-riverside", PartnerName: "University of Riverside", Review: evaluation.ReviewPeer, Invitations: 1, Responses: 1},
	}, rep.Responses)
	require.Len(t, rep.Advice.Dimensions, 2)
	assert.NotEmpty(t, rep.Advice.Overall)
	// Governance's mean is in the lowest band: its own advice.
	f := evaluation.MustParseFramework(readData(t, "framework-mini.json"))
	gv, _ := f.Dimension("governance")
	if rep.Combined.Dimensions[1].Band == "Concern" {
		assert.Equal(t, gv.Advice, rep.Advice.Dimensions[1].Advice)
	}
	_, err = json.Marshal(rep)
	require.NoError(t, err)
}

func TestAnonymityThreshold(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t, register.Options{}) // the default, 3
	assert.Equal(t, register.DefaultAnonymityThreshold, w.r.AnonymityThreshold())
	submit(t, w, "respondent", uuid.Nil, answers(1, 1, 5, 1, 1))
	submit(t, w, "peer", uuid.New(), answers(5, 5, 1, 5, 5))

	// Two respondents in all: nothing but the counts.
	rep, err := w.r.RoundReport(ctx, w.p["coordinator"], w.round)
	require.NoError(t, err)
	assert.Nil(t, rep.Combined)
	assert.Equal(t, 2, rep.Respondents)
	assert.Empty(t, rep.Partners)
	assert.Equal(t, []string{"riverside-primary", "uni-riverside"}, rep.Withheld)

	submit(t, w, "shared", uuid.New(), answers(5, 5, 1, 5, 5))
	submit(t, w, "shared", uuid.New(), answers(5, 4, 1, 5, 5))
	rep, err = w.r.RoundReport(ctx, w.p["coordinator"], w.round)
	require.NoError(t, err)
	require.NotNil(t, rep.Combined)
	assert.Empty(t, rep.Partners)
	for _, d := range rep.Combined.Dimensions {
		assert.NotNil(t, d.Self, "three self-reviews: their mean is shown")
		assert.Nil(t, d.Peer, "one peer review: its mean would be that reviewer's scores")
	}
	assert.Equal(t, []string{"riverside-primary", "st-aidans", "uni-riverside"}, rep.Withheld)
	assert.Empty(t, rep.Combined.Partners, "no partner's mean below the threshold")
	for _, f := range rep.Combined.Flags {
		assert.NotEqual(t, evaluation.FlagImbalance, f.Code, "an imbalance flag would name a withheld partner")
		assert.NotEqual(t, evaluation.FlagReviewGap, f.Code, "a review gap would tell of one peer reviewer")
	}
	// The whole round's figures are all there.
	assert.Equal(t, 4, rep.Combined.Respondents)

	submit(t, w, "shared", uuid.New(), answers(4, 4, 2, 4, 4))
	rep, err = w.r.RoundReport(ctx, w.p["coordinator"], w.round)
	require.NoError(t, err)
	require.Len(t, rep.Partners, 1)
	assert.Equal(t, "st-aidans", rep.Partners[0].Partner)
	assert.Equal(t, 3, rep.Partners[0].Respondents)
	assert.Equal(t, []string{"riverside-primary", "uni-riverside"}, rep.Withheld)
	require.Len(t, rep.Combined.Partners, 1)
	assert.Equal(t, "st-aidans", rep.Combined.Partners[0].Partner)

	// Overridden: 1 shows every partner, on the same file.
	w1 := openAt(t, w.path, register.Options{AnonymityThreshold: 1})
	rep, err = w1.RoundReport(ctx, w.p["coordinator"], w.round)
	require.NoError(t, err)
	assert.Len(t, rep.Partners, 3)
	assert.Empty(t, rep.Withheld)

	// Raised to 4: St Aidan's three are withheld too, on the same file.
	w4 := openAt(t, w.path, register.Options{AnonymityThreshold: 4})
	rep, err = w4.RoundReport(ctx, w.p["coordinator"], w.round)
	require.NoError(t, err)
	assert.Equal(t, 4, rep.AnonymityThreshold)
	assert.Empty(t, rep.Partners)
	assert.Equal(t, []string{"riverside-primary", "st-aidans", "uni-riverside"}, rep.Withheld)
	require.NotNil(t, rep.Combined, "four respondents in all reach 4")
	assert.Empty(t, rep.Combined.Partners)

	// Below 0 is a mistake, said as one.
	_, _, err = sqlite.Open(ctx, w.path, register.Options{AnonymityThreshold: -1})
	var oe *partnership.OptionError
	require.ErrorAs(t, err, &oe)
	assert.Equal(t, "/anonymityThreshold", oe.Option)
}

func TestIndicators(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t, register.Options{})
	coord := w.p["coordinator"]
	hs, err := w.r.DefineIndicators(ctx, coord, w.a, readData(t, "indicators.json"))
	require.NoError(t, err)
	require.Len(t, hs, 3)
	assert.Equal(t, "ks2-science", hs[0].Indicator.ID)
	require.Len(t, hs[0].History, 1)
	assert.Equal(t, 68.0, hs[0].Indicator.Actual)

	h, err := w.r.RecordActual(ctx, coord, w.a, "ks2-science", partnership.MustParseDate("2027-04-30"), 72)
	require.NoError(t, err)
	require.Len(t, h.History, 2)
	assert.Equal(t, 72.0, h.Indicator.Actual)
	want, err := evaluation.Progress(evaluation.Indicator{ID: "ks2-science", Baseline: 62, Target: 75, Actual: 72,
		Start: partnership.MustParseDate("2026-09-01"), Deadline: partnership.MustParseDate("2027-07-16")}, partnership.MustParseDate("2027-04-30"))
	require.NoError(t, err)
	assert.Equal(t, want, *h.Latest)
	assert.Equal(t, want, h.History[1].Progress)
	// The same date again replaces the value, keeping one row.
	h, err = w.r.RecordActual(ctx, coord, w.a, "ks2-science", partnership.MustParseDate("2027-04-30"), 73)
	require.NoError(t, err)
	require.Len(t, h.History, 2)
	assert.Equal(t, 73.0, h.History[1].Value)
	// An earlier date goes into its place in the history.
	h, err = w.r.RecordActual(ctx, coord, w.a, "ks2-science", partnership.MustParseDate("2026-12-01"), 64)
	require.NoError(t, err)
	require.Len(t, h.History, 3)
	assert.Equal(t, "2026-12-01", h.History[0].AsOf.String())
	assert.Equal(t, 73.0, h.Indicator.Actual)

	_, err = w.r.RecordActual(ctx, coord, w.a, "nope", partnership.MustParseDate("2027-04-30"), 1)
	require.ErrorIs(t, err, register.ErrNotFound)
	var ve *register.ValidationError
	_, err = w.r.RecordActual(ctx, coord, w.a, "ks2-science", partnership.Date{}, 1)
	require.ErrorAs(t, err, &ve)
	_, err = w.r.DefineIndicators(ctx, coord, w.a, []byte(`{"indicators": [{"id": "x", "baseline": 1, "target": 1, "actual": 1, "start": "2026-09-01", "deadline": "2027-01-01"}]}`))
	require.ErrorAs(t, err, &ve)
}

func TestExportImportRoundTrip(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t, register.Options{})
	submit(t, w, "respondent", uuid.Nil, answers(2, 2, 4, 1, 2))
	submit(t, w, "shared", uuid.New(), answers(5, 5, 1, 5, 5))
	_, err := w.r.DefineIndicators(ctx, w.p["coordinator"], w.a, readData(t, "indicators.json"))
	require.NoError(t, err)
	_, err = w.r.RecordActual(ctx, w.p["coordinator"], w.a, "ks2-science", partnership.MustParseDate("2027-04-30"), 71.3)
	require.NoError(t, err)
	// A document with odd spacing and characters, kept byte for byte.
	odd := []byte("{\"name\":  \"Caf\u00e9 <&> \\u00e9 partnership\",\n\t\"model\": \"broad-area\"}")
	_, err = w.r.SaveDocument(ctx, w.p["coordinatorB"], w.b, register.DocumentInput{Document: odd})
	require.NoError(t, err)
	require.NoError(t, w.r.RevokeInvitation(ctx, w.p["coordinatorB"], w.invitationB))
	// A published listing and a withdrawn one.
	la, err := w.r.PublishListing(ctx, w.p["coordinator"], w.a, []byte(listingA))
	require.NoError(t, err)
	lb, err := w.r.PublishListing(ctx, w.p["coordinatorB"], w.b, []byte(listingB))
	require.NoError(t, err)
	w.clock.Add(time.Minute)
	_, err = w.r.WithdrawListing(ctx, w.p["coordinatorB"], w.b)
	require.NoError(t, err)

	var first bytes.Buffer
	require.NoError(t, w.r.Export(ctx, w.p["admin"], &first))
	fresh, _ := open(t, register.Options{})
	require.NoError(t, fresh.Import(ctx, register.Operator(), bytes.NewReader(first.Bytes())))
	var second bytes.Buffer
	require.NoError(t, fresh.Export(ctx, register.Operator(), &second))
	assert.Equal(t, first.String(), second.String())
	assert.Contains(t, first.String(), `\t\"model\"`)

	// Links keep working after the import, and revoked ones stay revoked.
	p, err := fresh.Authenticate(ctx, w.secrets["coordinator"])
	require.NoError(t, err)
	rep, err := fresh.RoundReport(ctx, p, w.round)
	require.NoError(t, err)
	assert.Equal(t, 2, rep.Respondents)
	_, err = fresh.Authenticate(ctx, w.secrets["revoked"])
	require.ErrorIs(t, err, register.ErrUnauthenticated)
	_, err = fresh.Authenticate(ctx, w.secrets["respondentB"])
	require.ErrorIs(t, err, register.ErrUnauthenticated)

	// The listings come back, and only the published one is found.
	assert.Contains(t, first.String(), `"id": "`+la.ID.String()+`"`)
	assert.Contains(t, first.String(), `"id": "`+lb.ID.String()+`"`)
	for _, q := range []register.DirectoryQuery{{}, {Text: "scien"}, {FocusAreas: []string{"teaching"}}, {Areas: []string{"leeds"}}} {
		page, err := fresh.SearchListings(ctx, q)
		require.NoError(t, err)
		assert.Equal(t, []string{"Riverside STEM Partnership"}, names(page), "%+v", q)
	}
	for _, q := range []register.DirectoryQuery{{Text: "zoe cafe"}, {Types: []string{"charity"}}} {
		page, err := fresh.SearchListings(ctx, q)
		require.NoError(t, err)
		assert.Zero(t, page.Total, "%+v", q)
	}
	got, err := fresh.Listing(ctx, la.ID)
	require.NoError(t, err)
	assert.Equal(t, la.Listing, got)
	_, err = fresh.Listing(ctx, lb.ID)
	require.ErrorIs(t, err, register.ErrNotFound)
	st, err := fresh.PartnershipListing(ctx, register.Operator(), w.b)
	require.NoError(t, err)
	assert.True(t, st.Withdrawn)
	assert.Equal(t, lb.ID, st.ID)
	fresh2, _ := open(t, register.Options{})
	require.NoError(t, fresh2.Import(ctx, register.Operator(), bytes.NewReader(first.Bytes())))
	again, err := fresh2.PublishListing(ctx, register.Operator(), w.b, []byte(listingB))
	require.NoError(t, err)
	assert.Equal(t, lb.ID, again.ID, "published again after the import, at the same address")
	page, err := fresh2.SearchListings(ctx, register.DirectoryQuery{Text: "zoe cafe"})
	require.NoError(t, err)
	assert.Equal(t, []string{"Coastal Reading Network"}, names(page))

	// Not into a register that holds anything.
	err = fresh.Import(ctx, register.Operator(), bytes.NewReader(first.Bytes()))
	require.ErrorIs(t, err, register.ErrConflict)
	var ve *register.ValidationError
	empty, _ := open(t, register.Options{})
	require.ErrorAs(t, empty.Import(ctx, register.Operator(), strings.NewReader(`{"format": "other"}`)), &ve)
	require.ErrorAs(t, empty.Import(ctx, register.Operator(), strings.NewReader(`{"format": `)), &ve)
	require.ErrorAs(t, empty.Import(ctx, register.Operator(), strings.NewReader(`{"format": "partnerkit-register", "schemaVersion": 99}`)), &ve)
	bad := fmt.Sprintf(`{"format": "partnerkit-register", "schemaVersion": %d, "listings": [{"partnership": %q, "id": %q,
		"name": "x", "body": "not a listing", "band": null, "publishedAt": "2027-01-10T09:00:00Z", "withdrawnAt": null}]}`,
		register.SchemaVersion(), uuid.NewString(), uuid.NewString())
	require.ErrorAs(t, empty.Import(ctx, register.Operator(), strings.NewReader(bad)), &ve)
	assert.Equal(t, "/listings/0/body", ve.Findings[0].Path)
	page, err = empty.SearchListings(ctx, register.DirectoryQuery{})
	require.NoError(t, err)
	assert.Zero(t, page.Total, "nothing of a refused archive is written")
}

func TestTokens(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t, register.Options{})
	secret := w.secrets["coordinator"]
	assert.True(t, strings.HasPrefix(secret, register.TokenPrefix))
	assert.Len(t, secret, len(register.TokenPrefix)+22) // 128 bits in base64url

	// Bootstrap issues the first administrator only once.
	_, created, err := w.r.Bootstrap(ctx)
	require.NoError(t, err)
	assert.False(t, created)

	// Only the hash is stored: the secret appears nowhere in the file.
	db, err := sql.Open("sqlite", sqlite.DSN(w.path))
	require.NoError(t, err)
	defer db.Close()
	var n int
	require.NoError(t, db.QueryRow("SELECT COUNT(*) FROM tokens WHERE hash = ? OR hash = ?", secret, strings.TrimPrefix(secret, register.TokenPrefix)).Scan(&n))
	assert.Zero(t, n)
	var dump strings.Builder
	rows, err := db.Query("SELECT id, hash, role, label FROM tokens")
	require.NoError(t, err)
	for rows.Next() {
		var a, b, c, d string
		require.NoError(t, rows.Scan(&a, &b, &c, &d))
		dump.WriteString(a + b + c + d)
	}
	require.NoError(t, rows.Err())
	assert.NotContains(t, dump.String(), strings.TrimPrefix(secret, register.TokenPrefix))

	for _, bad := range []string{"", "pkt_", secret + "x", strings.ToUpper(secret), "Bearer " + secret, register.TokenPrefix + strings.Repeat("A", 22)} {
		_, err := w.r.Authenticate(ctx, bad)
		assert.ErrorIs(t, err, register.ErrUnauthenticated, bad)
	}

	// A coordinator lists and revokes their partnership's links only.
	ts, err := w.r.Tokens(ctx, w.p["coordinator"], w.a)
	require.NoError(t, err)
	assert.Len(t, ts, 5) // two coordinators, three invitations
	require.NoError(t, w.r.RevokeToken(ctx, w.p["coordinator"], w.p["respondent"].TokenID()))
	_, err = w.r.Authenticate(ctx, w.secrets["respondent"])
	require.ErrorIs(t, err, register.ErrUnauthenticated)
	require.ErrorIs(t, w.r.RevokeToken(ctx, w.p["coordinator"], w.p["respondentB"].TokenID()), register.ErrNotFound)
	require.ErrorIs(t, w.r.RevokeToken(ctx, w.p["coordinator"], w.p["admin"].TokenID()), register.ErrNotFound)

	// Reissuing an invitation's link revokes the old one.
	invs, err := w.r.CreateInvitations(ctx, w.p["coordinator"], w.round, register.InvitationInput{ID: w.shared, Partner: "st-aidans", Review: evaluation.ReviewSelf, Shared: true})
	require.NoError(t, err)
	_, err = w.r.Authenticate(ctx, w.secrets["shared"])
	require.ErrorIs(t, err, register.ErrUnauthenticated)
	p, err := w.r.Authenticate(ctx, invs[0].Token.Secret)
	require.NoError(t, err)
	assert.Equal(t, w.shared, p.Invitation())
	all, err := w.r.Invitations(ctx, w.p["coordinator"], w.round)
	require.NoError(t, err)
	assert.Len(t, all, 3)
}

func TestMigrationsRunOnce(t *testing.T) {
	ctx := context.Background()
	_, path := open(t, register.Options{})
	openAt(t, path, register.Options{})
	db, err := sql.Open("sqlite", sqlite.DSN(path))
	require.NoError(t, err)
	defer db.Close()
	var n, v int
	require.NoError(t, db.QueryRowContext(ctx, "SELECT COUNT(*), MAX(version) FROM schema_version").Scan(&n, &v))
	assert.Equal(t, register.SchemaVersion(), n)
	assert.Equal(t, register.SchemaVersion(), v)
	var mode string
	require.NoError(t, db.QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&mode))
	assert.Equal(t, "wal", mode)

	// A database from a newer partnerkit is refused, not changed.
	_, err = db.ExecContext(ctx, "INSERT INTO schema_version (version, name, applied_at) VALUES (999, 'future', 0)")
	require.NoError(t, err)
	_, _, err = sqlite.Open(ctx, path, register.Options{})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "newer")
}

func TestErrorsWrap(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t, register.Options{})
	_, err := w.r.GetRound(ctx, w.p["coordinatorB"], w.round)
	require.True(t, errors.Is(err, register.ErrNotFound))
	assert.NotContains(t, err.Error(), "Riverside")
}

// The register's progress per outcome is evaluation's, on the indicators'
// latest values; the round's report carries it.
func TestOutcomes(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t, register.Options{})
	coord := w.p["coordinator"]
	got, err := w.r.Outcomes(ctx, coord, w.a)
	require.NoError(t, err)
	assert.Equal(t, []evaluation.OutcomeProgress{}, got, "no indicators yet")

	_, err = w.r.DefineIndicators(ctx, coord, w.a, readData(t, "indicators.json"))
	require.NoError(t, err)
	_, err = w.r.RecordActual(ctx, coord, w.a, "ks2-science", partnership.MustParseDate("2027-04-30"), 72)
	require.NoError(t, err)
	got, err = w.r.Outcomes(ctx, coord, w.a)
	require.NoError(t, err)

	d, err := evaluation.ParseIndicators(readData(t, "indicators.json"))
	require.NoError(t, err)
	d.Indicators[0].Actual, d.Indicators[0].AsOf = 72, partnership.MustParseDate("2027-04-30")
	for i := range d.Indicators {
		if d.Indicators[i].AsOf.IsZero() {
			d.Indicators[i].AsOf = d.AsOf
		}
	}
	want, err := d.ProgressByOutcome()
	require.NoError(t, err)
	assert.Equal(t, want, got)
	require.NotEmpty(t, got)
	assert.Equal(t, "More pupils reach the expected standard in science", got[0].Outcome)
	assert.Equal(t, partnership.MustParseDate("2027-04-30"), got[0].Indicators[0].AsOf, "the latest value")

	rep, err := w.r.RoundReport(ctx, coord, w.round)
	require.NoError(t, err)
	assert.Equal(t, got, rep.Outcomes)

	_, err = w.r.Outcomes(ctx, w.p["respondent"], w.a)
	require.ErrorIs(t, err, register.ErrForbidden)
}

// TestScoringOptions: the register's reports score with Options.Scoring,
// on the same file: the defaults flag what evaluation flags; a wider
// spread or a flag switched off changes exactly that flag; options
// evaluation refuses stop Open.
func TestScoringOptions(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t, register.Options{AnonymityThreshold: 1})
	// The respondents disagree on shared goals (sg), not on governance.
	submit(t, w, "shared", uuid.New(), answers(1, 1, 1, 4, 4))
	submit(t, w, "shared", uuid.New(), answers(5, 5, 5, 4, 4))
	submit(t, w, "respondent", uuid.Nil, answers(3, 3, 3, 4, 4))
	disagree := func(r *register.Register) (codes []string, dims []string) {
		rep, err := r.RoundReport(ctx, w.p["coordinator"], w.round)
		require.NoError(t, err)
		require.NotNil(t, rep.Combined)
		for _, f := range rep.Combined.Flags {
			codes = append(codes, f.Code)
			if f.Code == evaluation.FlagDisagree {
				dims = append(dims, f.Dimension)
			}
		}
		return codes, dims
	}
	defCodes, defDims := disagree(w.r)
	require.Equal(t, []string{"shared-goals"}, defDims, "the default spread, 25 points, flags shared goals: %v", defCodes)

	for _, tt := range []struct {
		name  string
		opts  evaluation.Options
		flags int
	}{
		{"the defaults written out", evaluation.Options{DisagreeSpread: evaluation.DisagreeSpread}, 1},
		{"a spread wider than this round's", evaluation.Options{DisagreeSpread: 99}, 0},
		{"the flag switched off", evaluation.Options{Off: []string{evaluation.FlagDisagree}}, 0},
	} {
		t.Run(tt.name, func(t *testing.T) {
			codes, dims := disagree(openAt(t, w.path, register.Options{AnonymityThreshold: 1, Scoring: tt.opts}))
			assert.Len(t, dims, tt.flags)
			others := func(cs []string) []string {
				out := []string{}
				for _, c := range cs {
					if c != evaluation.FlagDisagree {
						out = append(out, c)
					}
				}
				return out
			}
			assert.Equal(t, others(defCodes), others(codes), "no other flag changes")
		})
	}

	_, _, err := sqlite.Open(ctx, w.path, register.Options{Scoring: evaluation.Options{LowCoverage: 2}})
	var oe *partnership.OptionError
	require.ErrorAs(t, err, &oe)
	assert.Equal(t, "/lowCoverage", oe.Option)
}

// A register of schema version 2, with the programme view's old cache
// table holding a row, is brought to the current version on opening: the
// cache goes, everything else stays.
func TestMigrationDropsTheOldCache(t *testing.T) {
	ctx := context.Background()
	w, before := answeredWorld(t)

	db, err := sql.Open("sqlite", sqlite.DSN(w.path))
	require.NoError(t, err)
	defer db.Close()
	for _, q := range []string{
		"DELETE FROM schema_version WHERE version > 2",
		`CREATE TABLE round_summaries (round_id TEXT PRIMARY KEY REFERENCES rounds (id), responses INTEGER NOT NULL,
			updated_at INTEGER NOT NULL, revisions INTEGER NOT NULL, summary TEXT NOT NULL, computed_at INTEGER NOT NULL)`,
		"INSERT INTO round_summaries SELECT id, 1, 0, 0, '{}', 0 FROM rounds",
	} {
		_, err := db.ExecContext(ctx, q)
		require.NoError(t, err, q)
	}

	again := openAt(t, w.path, register.Options{})
	var v, tables int
	require.NoError(t, db.QueryRowContext(ctx, "SELECT MAX(version) FROM schema_version").Scan(&v))
	assert.Equal(t, register.SchemaVersion(), v)
	assert.GreaterOrEqual(t, v, 3)
	require.NoError(t, db.QueryRowContext(ctx, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'round_summaries'").Scan(&tables))
	assert.Zero(t, tables, "the old cache is dropped")
	var after bytes.Buffer
	require.NoError(t, again.Export(ctx, register.Operator(), &after))
	assert.Equal(t, before.String(), after.String(), "nothing else changed")
}

// An archive exported by a register of schema version 2 imports into this
// one; older or newer versions are refused with the range that is read.
func TestImportReadsVersionTwoArchives(t *testing.T) {
	ctx := context.Background()
	_, cur := answeredWorld(t)
	now := fmt.Sprintf(`"schemaVersion": %d`, register.SchemaVersion())
	require.Contains(t, cur.String(), now)
	old := strings.Replace(cur.String(), now, `"schemaVersion": 2`, 1)

	fresh, _ := open(t, register.Options{})
	require.NoError(t, fresh.Import(ctx, register.Operator(), strings.NewReader(old)))
	var back bytes.Buffer
	require.NoError(t, fresh.Export(ctx, register.Operator(), &back))
	assert.Equal(t, cur.String(), back.String(), "exported again at the current version")

	for _, v := range []int{1, register.SchemaVersion() + 1} {
		empty, _ := open(t, register.Options{})
		err := empty.Import(ctx, register.Operator(), strings.NewReader(strings.Replace(cur.String(), now, fmt.Sprintf(`"schemaVersion": %d`, v), 1)))
		var ve *register.ValidationError
		require.ErrorAs(t, err, &ve, "version %d", v)
		assert.Equal(t, "/schemaVersion", ve.Findings[0].Path)
		assert.Contains(t, ve.Findings[0].Message, fmt.Sprintf("versions 2 to %d", register.SchemaVersion()))
	}
}

// answeredWorld is a world with one respondent's answers, and its export.
func answeredWorld(t *testing.T) (*world, *bytes.Buffer) {
	t.Helper()
	w := newWorld(t, register.Options{})
	submit(t, w, "respondent", uuid.Nil, answers(2, 2, 4, 1, 2))
	var out bytes.Buffer
	require.NoError(t, w.r.Export(context.Background(), w.p["admin"], &out))
	return w, &out
}
