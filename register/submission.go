package register

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/google/uuid"
	"github.com/partnerkit/partnerkit/evaluation"
	"github.com/partnerkit/partnerkit/finding"
)

// MaxKeyLength is the longest idempotency key a submission may carry.
const MaxKeyLength = 128

// MaxRevision is the highest revision a submission may carry: the largest
// whole number a JavaScript number (as D1 stores it) holds exactly.
const MaxRevision = 1<<53 - 1

// SubmissionInput is a respondent's answers to their round.
type SubmissionInput struct {
	// Key is the idempotency key: the same answers sent again with the
	// same key are stored once. A device makes a new key whenever its
	// answers change, and keeps it until the server has acknowledged them.
	Key string
	// AnswerSet identifies the respondent's answer set on a shared link:
	// a UUID the device makes once and keeps, so that changed answers
	// replace its earlier ones. Nil means one derived from the invitation
	// and the key. On a link for one respondent the invitation has one
	// answer set, and AnswerSet is ignored.
	AnswerSet uuid.UUID
	// Revision orders a device's answers: answers with a lower revision
	// than those stored are refused with ErrConflict, so that a late retry
	// of old answers does not undo newer ones. 0 for a device that does
	// not count: then the last to arrive wins.
	Revision int64
	// Assessment is the assessment document. Its partnership, respondent
	// partner and review are those of the invitation: left out, they are
	// filled in; given otherwise, the answers are refused.
	Assessment []byte
}

// Submission is the answer set a respondent has saved, as acknowledged.
type Submission struct {
	AnswerSet  uuid.UUID `json:"answerSet"`
	Invitation uuid.UUID `json:"invitation"`
	Round      uuid.UUID `json:"round"`
	Key        string    `json:"key"`
	Revision   int64     `json:"revision"`
	// Changes counts the times the answers were saved.
	Changes    int       `json:"changes"`
	FirstAt    time.Time `json:"firstAt"`
	ReceivedAt time.Time `json:"receivedAt"` // when these answers were saved
	// Assessment is the stored assessment, as it is scored.
	Assessment *evaluation.Assessment `json:"assessment"`
	// Score is the respondent's own score, shown to them at once.
	Score *evaluation.Score `json:"score"`
}

// Submit saves a respondent's answers in one idempotent statement, which
// also checks that the round is open and the invitation not revoked: a
// retry with the same key is acknowledged and stored once; answers
// after the round closes are refused with ErrClosed. Only respondents
// may submit, to their own round.
func (r *Register) Submit(ctx context.Context, p Principal, in SubmissionInput) (Submission, error) {
	switch p.role {
	case RoleRespondent:
	case "":
		return Submission{}, fmt.Errorf("submit: %w", ErrUnauthenticated)
	default:
		return Submission{}, fmt.Errorf("submit: only a respondent's link may send answers: %w", ErrForbidden)
	}
	if in.Key == "" || len(in.Key) > MaxKeyLength {
		return Submission{}, invalid("submission", "submission.key", "/key", fmt.Sprintf("Send an idempotency key of 1 to %d characters with the answers.", MaxKeyLength))
	}
	if in.Revision < 0 || in.Revision > MaxRevision {
		return Submission{}, invalid("submission", "submission.revision", "/revision", "Count revisions from 0 upwards, in whole numbers up to 2^53 - 1.")
	}
	inv, err := r.invitation(ctx, p.invitation, false)
	if err != nil {
		return Submission{}, fmt.Errorf("submit: %w", err)
	}
	f, err := r.framework(ctx, inv.Round)
	if err != nil {
		return Submission{}, fmt.Errorf("submit: %w", err)
	}
	a, err := evaluation.ParseAssessment(in.Assessment)
	var ie *evaluation.InvalidError
	if errors.As(err, &ie) {
		return Submission{}, &ValidationError{What: "assessment", Findings: ie.Findings}
	} else if err != nil {
		return Submission{}, fmt.Errorf("submit: %w", err)
	}
	var fs []finding.Finding
	mismatch := func(path, msg string) {
		fs = append(fs, finding.Finding{Code: "submission.invitation", Severity: finding.Error, Path: path, Message: msg})
	}
	if a.Partnership != uuid.Nil && a.Partnership != inv.Partnership {
		mismatch("/partnership", "These answers are about another partnership than the invitation's: leave the partnership out.")
	}
	if a.Respondent.Partner != "" && a.Respondent.Partner != inv.Partner {
		mismatch("/respondent/partner", fmt.Sprintf("The invitation is for %s: leave the partner out or give %q.", inv.Partner, inv.Partner))
	}
	if a.Respondent.Review != "" && a.Respondent.Review != inv.Review {
		mismatch("/respondent/review", fmt.Sprintf("The invitation is for a %s review: leave the review out or give %q.", inv.Review, inv.Review))
	}
	if len(fs) > 0 {
		return Submission{}, &ValidationError{What: "assessment", Findings: fs}
	}
	set := inv.ID
	if inv.Shared {
		set = in.AnswerSet
		if set == uuid.Nil {
			set = uuid.NewSHA1(inv.ID, []byte(in.Key))
		}
	}
	a.ID, a.Partnership, a.Respondent.Partner, a.Respondent.Review = set, inv.Partnership, inv.Partner, inv.Review
	// Scoring validates the answers against the round's framework.
	_, err = f.Score(a)
	if errors.As(err, &ie) {
		return Submission{}, &ValidationError{What: "assessment", Findings: ie.Findings}
	} else if err != nil {
		return Submission{}, fmt.Errorf("submit: %w", err)
	}
	doc, err := json.Marshal(a)
	if err != nil {
		return Submission{}, fmt.Errorf("submit: %w", err)
	}
	now := millis(r.clock())
	err = r.exec.Exec(ctx, Stmt{Query: `INSERT INTO answer_sets (id, invitation_id, round_id, idempotency_key, revision, assessment, first_at, updated_at, changes)
		SELECT ?, i.id, i.round_id, ?, ?, ?, ?, ?, 1 FROM invitations i JOIN rounds r ON r.id = i.round_id
		WHERE i.id = ? AND i.revoked_at IS NULL AND r.opens_at <= ? AND r.closes_at > ?
		ON CONFLICT (id) DO UPDATE SET idempotency_key = excluded.idempotency_key, revision = excluded.revision,
			assessment = excluded.assessment, updated_at = excluded.updated_at, changes = answer_sets.changes + 1
		WHERE answer_sets.invitation_id = excluded.invitation_id AND answer_sets.idempotency_key <> excluded.idempotency_key
			AND answer_sets.revision <= excluded.revision`,
		Args: []any{set.String(), in.Key, in.Revision, string(doc), now, now, inv.ID.String(), now, now}})
	if err != nil {
		return Submission{}, fmt.Errorf("submit: %w", err)
	}
	got, err := r.answerSet(ctx, set)
	if err == nil && got.Invitation == inv.ID && got.Key == in.Key {
		if got.Score, err = r.scoring.Score(f, got.Assessment); err != nil {
			return Submission{}, fmt.Errorf("submit: the stored answers: %w", err)
		}
		return got, nil
	}
	if err != nil && !errors.Is(err, ErrNotFound) {
		return Submission{}, fmt.Errorf("submit: %w", err)
	}
	rd, rerr := r.round(ctx, inv.Round)
	switch {
	case rerr != nil:
		return Submission{}, fmt.Errorf("submit: %w", rerr)
	case !rd.Open(fromMillis(now)):
		return Submission{}, fmt.Errorf("submit: %w", ErrClosed)
	case errors.Is(err, ErrNotFound):
		return Submission{}, fmt.Errorf("submit: the invitation was withdrawn: %w", ErrUnauthenticated)
	case got.Invitation != inv.ID:
		return Submission{}, fmt.Errorf("submit: answer set %s: %w", set, ErrNotFound)
	}
	return Submission{}, fmt.Errorf("submit: newer answers (revision %d) are already saved: %w", got.Revision, ErrConflict)
}

const answerSetColumns = "SELECT id, invitation_id, round_id, idempotency_key, revision, assessment, first_at, updated_at, changes FROM answer_sets"

func scanAnswerSets(rows *sql.Rows, each func(Submission) error) error {
	defer rows.Close()
	for rows.Next() {
		var s Submission
		var id, inv, round, doc string
		var first, updated int64
		if err := rows.Scan(&id, &inv, &round, &s.Key, &s.Revision, &doc, &first, &updated, &s.Changes); err != nil {
			return err
		}
		s.AnswerSet, s.Invitation, s.Round = uuid.MustParse(id), uuid.MustParse(inv), uuid.MustParse(round)
		s.FirstAt, s.ReceivedAt = fromMillis(first), fromMillis(updated)
		s.Assessment = new(evaluation.Assessment)
		// Stored answers were checked on the way in: decoding them is enough.
		if err := json.Unmarshal([]byte(doc), s.Assessment); err != nil {
			return fmt.Errorf("answer set %s: %w", id, err)
		}
		if err := each(s); err != nil {
			return err
		}
	}
	return rows.Err()
}

func (r *Register) answerSet(ctx context.Context, id uuid.UUID) (Submission, error) {
	rows, err := r.db.QueryContext(ctx, answerSetColumns+" WHERE id = ?", id.String())
	if err != nil {
		return Submission{}, err
	}
	var out *Submission
	if err := scanAnswerSets(rows, func(s Submission) error { out = &s; return nil }); err != nil {
		return Submission{}, err
	}
	if out == nil {
		return Submission{}, ErrNotFound
	}
	return *out, nil
}

// AnswerSet returns a respondent's own saved answers and score. Nobody
// else may see a single answer set: to an administrator or coordinator
// it is forbidden.
func (r *Register) AnswerSet(ctx context.Context, p Principal, id uuid.UUID) (Submission, error) {
	switch p.role {
	case RoleRespondent:
	case "":
		return Submission{}, fmt.Errorf("answer set: %w", ErrUnauthenticated)
	default:
		return Submission{}, fmt.Errorf("answer set: only the respondent may see their answers: %w", ErrForbidden)
	}
	s, err := r.answerSet(ctx, id)
	if err != nil || s.Invitation != p.invitation {
		return Submission{}, fmt.Errorf("answer set %s: %w", id, ErrNotFound)
	}
	f, err := r.framework(ctx, s.Round)
	if err != nil {
		return Submission{}, err
	}
	if s.Score, err = r.scoring.Score(f, s.Assessment); err != nil {
		return Submission{}, fmt.Errorf("answer set %s: %w", id, err)
	}
	return s, nil
}
