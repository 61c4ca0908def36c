package register

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"regexp"
	"time"

	"github.com/google/uuid"
	"github.com/partnerkit/partnerkit/evaluation"
	"github.com/partnerkit/partnerkit/finding"
)

// Round is a review round: a framework to answer and a window in which
// the invited respondents may answer, from Opens until Closes.
type Round struct {
	ID               uuid.UUID `json:"id"`
	Partnership      uuid.UUID `json:"partnership"`
	Title            string    `json:"title"`
	Framework        string    `json:"framework"` // the framework's id
	FrameworkVersion string    `json:"frameworkVersion,omitempty"`
	// Custom is true when the round has its own framework document, false
	// for a built-in framework.
	Custom    bool      `json:"custom"`
	Opens     time.Time `json:"opens"`
	Closes    time.Time `json:"closes"`
	CreatedAt time.Time `json:"createdAt"`
}

// Open reports whether the round takes answers at t: from Opens, until
// before Closes.
func (rd Round) Open(t time.Time) bool { return !t.Before(rd.Opens) && t.Before(rd.Closes) }

// RoundInput is a new review round. Give either Framework, the id of a
// built-in framework, or FrameworkDocument, a framework document of the
// coordinator's own. ID is optional: set it to make a retry converge.
type RoundInput struct {
	ID                uuid.UUID
	Title             string
	Framework         string
	FrameworkDocument []byte
	Opens, Closes     time.Time
}

// CreateRound opens a review round for a partnership. Administrators and
// the partnership's coordinators may.
func (r *Register) CreateRound(ctx context.Context, p Principal, partnershipID uuid.UUID, in RoundInput) (Round, error) {
	if err := r.canManage(ctx, p, partnershipID); err != nil {
		return Round{}, fmt.Errorf("create a round: %w", err)
	}
	var fs []finding.Finding
	fail := func(path, code, msg string) {
		fs = append(fs, finding.Finding{Code: code, Severity: finding.Error, Path: path, Message: msg})
	}
	var f *evaluation.Framework
	var custom any
	switch {
	case in.Framework != "" && len(in.FrameworkDocument) > 0:
		fail("/framework", "round.framework", "Choose a built-in framework or send your own, not both.")
	case len(in.FrameworkDocument) > 0:
		var err error
		f, err = evaluation.ParseFramework(in.FrameworkDocument)
		var inv *evaluation.InvalidError
		if errors.As(err, &inv) {
			fs = append(fs, finding.Prefixed(inv.Findings, "/frameworkDocument")...)
		} else if err != nil {
			return Round{}, fmt.Errorf("create a round: %w", err)
		}
		custom = string(in.FrameworkDocument)
	case in.Framework != "":
		var ok bool
		if f, ok = evaluation.Builtin(in.Framework); !ok {
			fail("/framework", "round.framework", fmt.Sprintf("There is no built-in framework %q: choose one of %v.", in.Framework, evaluation.BuiltinIDs()))
		}
	default:
		fail("/framework", "round.framework", "Choose the framework respondents will answer.")
	}
	if in.Opens.IsZero() {
		fail("/opens", "round.window", "Give the time the round opens.")
	}
	if in.Closes.IsZero() {
		fail("/closes", "round.window", "Give the time the round closes.")
	} else if !in.Closes.After(in.Opens) {
		fail("/closes", "round.window", "Close the round after it opens.")
	}
	if len(fs) > 0 {
		return Round{}, &ValidationError{What: "round", Findings: fs}
	}
	rd := Round{ID: orNew(in.ID), Partnership: partnershipID, Title: in.Title, Framework: f.ID, FrameworkVersion: f.Version,
		Custom: custom != nil, Opens: in.Opens.UTC().Truncate(time.Millisecond), Closes: in.Closes.UTC().Truncate(time.Millisecond), CreatedAt: r.clock()}
	if rd.Title == "" {
		rd.Title = f.Title
	}
	if err := r.exec.Exec(ctx, insertRound(rd, custom)); err != nil {
		return Round{}, fmt.Errorf("create a round: %w", err)
	}
	got, err := r.round(ctx, rd.ID)
	if err != nil {
		return Round{}, fmt.Errorf("create a round: %w", err)
	}
	if got.Partnership != partnershipID {
		return Round{}, fmt.Errorf("create a round: the id %s is taken: %w", rd.ID, ErrConflict)
	}
	return got, nil
}

func insertRound(rd Round, custom any) Stmt {
	return Stmt{Query: `INSERT INTO rounds (id, partnership_id, title, framework_id, framework_version, framework, opens_at, closes_at, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
		Args: []any{rd.ID.String(), rd.Partnership.String(), rd.Title, rd.Framework, rd.FrameworkVersion, custom,
			millis(rd.Opens), millis(rd.Closes), millis(rd.CreatedAt)}}
}

const roundColumns = "SELECT id, partnership_id, title, framework_id, framework_version, framework IS NOT NULL, opens_at, closes_at, created_at FROM rounds"

func scanRounds(rows *sql.Rows) ([]Round, error) {
	defer rows.Close()
	rds := []Round{}
	for rows.Next() {
		var rd Round
		var id, pid string
		var custom bool
		var opens, closes, created int64
		if err := rows.Scan(&id, &pid, &rd.Title, &rd.Framework, &rd.FrameworkVersion, &custom, &opens, &closes, &created); err != nil {
			return nil, err
		}
		rd.ID, rd.Partnership, rd.Custom = uuid.MustParse(id), uuid.MustParse(pid), custom
		rd.Opens, rd.Closes, rd.CreatedAt = fromMillis(opens), fromMillis(closes), fromMillis(created)
		rds = append(rds, rd)
	}
	return rds, rows.Err()
}

func (r *Register) round(ctx context.Context, id uuid.UUID) (Round, error) {
	rows, err := r.db.QueryContext(ctx, roundColumns+" WHERE id = ?", id.String())
	if err != nil {
		return Round{}, err
	}
	rds, err := scanRounds(rows)
	if err != nil {
		return Round{}, err
	}
	if len(rds) == 0 {
		return Round{}, ErrNotFound
	}
	return rds[0], nil
}

// manageRound finds a round the principal may manage.
func (r *Register) manageRound(ctx context.Context, p Principal, id uuid.UUID) (Round, error) {
	if p.role == "" {
		return Round{}, ErrUnauthenticated
	}
	rd, err := r.round(ctx, id)
	if errors.Is(err, ErrNotFound) && p.role == RoleRespondent {
		return Round{}, ErrNotFound
	}
	if err != nil {
		return Round{}, err
	}
	if err := r.canManage(ctx, p, rd.Partnership); err != nil {
		return Round{}, err
	}
	return rd, nil
}

// GetRound returns a round.
func (r *Register) GetRound(ctx context.Context, p Principal, id uuid.UUID) (Round, error) {
	rd, err := r.manageRound(ctx, p, id)
	if err != nil {
		return Round{}, fmt.Errorf("round %s: %w", id, err)
	}
	return rd, nil
}

// Rounds lists a partnership's rounds, the earliest opening first.
func (r *Register) Rounds(ctx context.Context, p Principal, partnershipID uuid.UUID) ([]Round, error) {
	if err := r.canManage(ctx, p, partnershipID); err != nil {
		return nil, fmt.Errorf("list rounds: %w", err)
	}
	rows, err := r.db.QueryContext(ctx, roundColumns+" WHERE partnership_id = ? ORDER BY opens_at, id", partnershipID.String())
	if err != nil {
		return nil, fmt.Errorf("list rounds: %w", err)
	}
	return scanRounds(rows)
}

// CloseRound closes a round now, if it closes later. Answers sent after
// it are refused with ErrClosed.
func (r *Register) CloseRound(ctx context.Context, p Principal, id uuid.UUID) (Round, error) {
	if _, err := r.manageRound(ctx, p, id); err != nil {
		return Round{}, fmt.Errorf("close round %s: %w", id, err)
	}
	now := millis(r.clock())
	if err := r.exec.Exec(ctx, Stmt{Query: "UPDATE rounds SET closes_at = ? WHERE id = ? AND closes_at > ?", Args: []any{now, id.String(), now}}); err != nil {
		return Round{}, fmt.Errorf("close round %s: %w", id, err)
	}
	return r.round(ctx, id)
}

// framework returns a round's framework, parsed once.
func (r *Register) framework(ctx context.Context, roundID uuid.UUID) (*evaluation.Framework, error) {
	r.mu.Lock()
	f, ok := r.frameworks[roundID]
	r.mu.Unlock()
	if ok {
		return f, nil
	}
	var id string
	var doc sql.NullString
	if err := r.db.QueryRowContext(ctx, "SELECT framework_id, framework FROM rounds WHERE id = ?", roundID.String()).Scan(&id, &doc); err != nil {
		return nil, queryErr("framework", err)
	}
	if doc.Valid {
		var err error
		if f, err = evaluation.ParseFramework([]byte(doc.String)); err != nil {
			return nil, fmt.Errorf("round %s: its framework: %w", roundID, err)
		}
	} else if f, ok = evaluation.Builtin(id); !ok {
		return nil, fmt.Errorf("round %s: no built-in framework %q", roundID, id)
	}
	r.mu.Lock()
	r.frameworks[roundID] = f
	r.mu.Unlock()
	return f, nil
}

// Framework returns the framework of a round, for its respondents and
// those who manage it.
func (r *Register) Framework(ctx context.Context, p Principal, roundID uuid.UUID) (*evaluation.Framework, error) {
	if p.role == RoleRespondent && p.round == roundID {
		return r.framework(ctx, roundID)
	}
	if _, err := r.manageRound(ctx, p, roundID); err != nil {
		return nil, fmt.Errorf("framework of round %s: %w", roundID, err)
	}
	return r.framework(ctx, roundID)
}

// Invitation invites respondents of one partner to answer a round as a
// self-review or a peer review: one respondent, or a group sharing the
// link.
type Invitation struct {
	ID          uuid.UUID         `json:"id"`
	Round       uuid.UUID         `json:"round"`
	Partnership uuid.UUID         `json:"partnership"`
	Partner     string            `json:"partner"`
	Review      evaluation.Review `json:"review"`
	// Shared is true for a link a group shares: each respondent's device
	// keeps its own answer set. A link that is not shared has one answer
	// set, whoever sends it.
	Shared    bool       `json:"shared"`
	Label     string     `json:"label,omitempty"`
	CreatedAt time.Time  `json:"createdAt"`
	RevokedAt *time.Time `json:"revokedAt,omitempty"`
	Responses int        `json:"responses"` // answer sets received
}

// InvitationInput is a new invitation. ID is optional; sending the same
// ID again issues a fresh link and revokes the one issued before, so a
// retried request leaves one working link.
type InvitationInput struct {
	ID      uuid.UUID
	Partner string
	Review  evaluation.Review
	Shared  bool
	Label   string
}

// IssuedInvitation is an invitation with its link's token, returned only
// when it is issued.
type IssuedInvitation struct {
	Invitation
	Token Issued `json:"token"`
}

var partnerID = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$`)

// CreateInvitations invites respondents to a round, all the invitations
// in one write. For a self-review the partner must be one of the
// partnership's partners; for a peer review it is the reviewer's own
// institution, which may be outside the partnership.
func (r *Register) CreateInvitations(ctx context.Context, p Principal, roundID uuid.UUID, ins ...InvitationInput) ([]IssuedInvitation, error) {
	rd, err := r.manageRound(ctx, p, roundID)
	if err != nil {
		return nil, fmt.Errorf("invite: %w", err)
	}
	doc, err := r.partnershipDoc(ctx, rd.Partnership)
	if err != nil {
		return nil, fmt.Errorf("invite: %w", err)
	}
	var fs []finding.Finding
	for i, in := range ins {
		path := fmt.Sprintf("/%d", i)
		switch {
		case in.Review != evaluation.ReviewSelf && in.Review != evaluation.ReviewPeer:
			fs = append(fs, finding.Finding{Code: "invitation.review", Severity: finding.Error, Path: path + "/review",
				Message: "Say whether this is a self-review (self) or a peer review (peer)."})
		case !partnerID.MatchString(in.Partner):
			fs = append(fs, finding.Finding{Code: "invitation.partner", Severity: finding.Error, Path: path + "/partner",
				Message: "Give the partner's id: letters, digits, dots, hyphens and underscores."})
		case in.Review == evaluation.ReviewSelf && !doc.HasPartner(in.Partner):
			fs = append(fs, finding.Finding{Code: "invitation.partner", Severity: finding.Error, Path: path + "/partner",
				Message: fmt.Sprintf("%q is not a partner in this partnership: invite one of its partners to a self-review.", in.Partner)})
		}
	}
	if len(fs) > 0 {
		return nil, &ValidationError{What: "invitations", Findings: fs}
	}
	now := r.clock()
	out := make([]IssuedInvitation, len(ins))
	var stmts []Stmt
	for i, in := range ins {
		inv := Invitation{ID: orNew(in.ID), Round: roundID, Partnership: rd.Partnership, Partner: in.Partner, Review: in.Review,
			Shared: in.Shared, Label: in.Label, CreatedAt: now}
		secret, hash := newSecret()
		tok := Token{ID: uuid.New(), Role: RoleRespondent, Partnership: rd.Partnership, Invitation: inv.ID, Label: in.Label, CreatedAt: now}
		stmts = append(stmts, insertInvitation(inv),
			Stmt{Query: "UPDATE tokens SET revoked_at = ? WHERE invitation_id = ? AND revoked_at IS NULL", Args: []any{millis(now), inv.ID.String()}},
			insertToken(tok, hash))
		out[i] = IssuedInvitation{Invitation: inv, Token: Issued{Secret: secret, Token: tok}}
	}
	if err := r.exec.Exec(ctx, stmts...); err != nil {
		return nil, fmt.Errorf("invite: %w", err)
	}
	for i := range out {
		got, err := r.invitation(ctx, out[i].ID, true)
		if err != nil {
			return nil, fmt.Errorf("invite: %w", err)
		}
		if got.Round != roundID {
			return nil, fmt.Errorf("invite: the id %s is taken: %w", got.ID, ErrConflict)
		}
		out[i].Invitation = got
	}
	return out, nil
}

func insertInvitation(inv Invitation) Stmt {
	return Stmt{Query: `INSERT INTO invitations (id, round_id, partner, review, shared, label, created_at, revoked_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
		Args: []any{inv.ID.String(), inv.Round.String(), inv.Partner, string(inv.Review), boolInt(inv.Shared), inv.Label,
			millis(inv.CreatedAt), nullTime(inv.RevokedAt)}}
}

const invitationColumns = `SELECT i.id, i.round_id, r.partnership_id, i.partner, i.review, i.shared, i.label, i.created_at, i.revoked_at,
	(SELECT COUNT(*) FROM answer_sets a WHERE a.invitation_id = i.id)
	FROM invitations i JOIN rounds r ON r.id = i.round_id`

// invitationNoCount reads an invitation without counting its answers,
// as Submit needs it.
const invitationNoCount = `SELECT i.id, i.round_id, r.partnership_id, i.partner, i.review, i.shared, i.label, i.created_at, i.revoked_at, 0
	FROM invitations i JOIN rounds r ON r.id = i.round_id`

func scanInvitations(rows *sql.Rows) ([]Invitation, error) {
	defer rows.Close()
	invs := []Invitation{}
	for rows.Next() {
		var inv Invitation
		var id, round, pid, review string
		var shared int
		var created int64
		var revoked sql.NullInt64
		if err := rows.Scan(&id, &round, &pid, &inv.Partner, &review, &shared, &inv.Label, &created, &revoked, &inv.Responses); err != nil {
			return nil, err
		}
		inv.ID, inv.Round, inv.Partnership, inv.Review, inv.Shared = uuid.MustParse(id), uuid.MustParse(round), uuid.MustParse(pid), evaluation.Review(review), shared == 1
		inv.CreatedAt, inv.RevokedAt = fromMillis(created), nullMillis(revoked)
		invs = append(invs, inv)
	}
	return invs, rows.Err()
}

// invitation reads an invitation, counting its answer sets if asked.
func (r *Register) invitation(ctx context.Context, id uuid.UUID, count bool) (Invitation, error) {
	q := invitationNoCount
	if count {
		q = invitationColumns
	}
	rows, err := r.db.QueryContext(ctx, q+" WHERE i.id = ?", id.String())
	if err != nil {
		return Invitation{}, err
	}
	invs, err := scanInvitations(rows)
	if err != nil {
		return Invitation{}, err
	}
	if len(invs) == 0 {
		return Invitation{}, ErrNotFound
	}
	return invs[0], nil
}

// Invitations lists a round's invitations, oldest first, with how many
// answer sets each has brought.
func (r *Register) Invitations(ctx context.Context, p Principal, roundID uuid.UUID) ([]Invitation, error) {
	if _, err := r.manageRound(ctx, p, roundID); err != nil {
		return nil, fmt.Errorf("list invitations: %w", err)
	}
	rows, err := r.db.QueryContext(ctx, invitationColumns+" WHERE i.round_id = ? ORDER BY i.created_at, i.id", roundID.String())
	if err != nil {
		return nil, fmt.Errorf("list invitations: %w", err)
	}
	return scanInvitations(rows)
}

// RevokeInvitation revokes an invitation and its links: its answers so
// far stay in the report, and no more are taken.
func (r *Register) RevokeInvitation(ctx context.Context, p Principal, id uuid.UUID) error {
	if p.role == "" {
		return fmt.Errorf("revoke an invitation: %w", ErrUnauthenticated)
	}
	inv, err := r.invitation(ctx, id, false)
	if err != nil {
		return fmt.Errorf("revoke an invitation: %w", err)
	}
	if err := r.canManage(ctx, p, inv.Partnership); err != nil {
		return fmt.Errorf("revoke an invitation: %w", err)
	}
	now := millis(r.clock())
	return r.exec.Exec(ctx,
		Stmt{Query: "UPDATE invitations SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", Args: []any{now, id.String()}},
		Stmt{Query: "UPDATE tokens SET revoked_at = ? WHERE invitation_id = ? AND revoked_at IS NULL", Args: []any{now, id.String()}})
}

// Welcome is what a respondent's page shows before the form: whose
// partnership it is, the round and its window, and the invitation.
type Welcome struct {
	Partnership     uuid.UUID  `json:"partnership"`
	PartnershipName string     `json:"partnershipName"`
	PartnerName     string     `json:"partnerName"`
	Round           Round      `json:"round"`
	Invitation      Invitation `json:"invitation"`
	Open            bool       `json:"open"` // whether answers are taken now
}

// Welcome returns what a respondent needs to answer: only respondents
// have one.
func (r *Register) Welcome(ctx context.Context, p Principal) (Welcome, error) {
	if p.role != RoleRespondent {
		if p.role == "" {
			return Welcome{}, fmt.Errorf("welcome: %w", ErrUnauthenticated)
		}
		return Welcome{}, fmt.Errorf("welcome: only a respondent's link has one: %w", ErrForbidden)
	}
	inv, err := r.invitation(ctx, p.invitation, false)
	if err != nil {
		return Welcome{}, fmt.Errorf("welcome: %w", err)
	}
	rd, err := r.round(ctx, p.round)
	if err != nil {
		return Welcome{}, fmt.Errorf("welcome: %w", err)
	}
	rec, err := r.partnership(ctx, p.partnership)
	if err != nil {
		return Welcome{}, fmt.Errorf("welcome: %w", err)
	}
	doc, err := r.partnershipDoc(ctx, p.partnership)
	if err != nil {
		return Welcome{}, fmt.Errorf("welcome: %w", err)
	}
	inv.Responses = 0 // not the respondent's business
	return Welcome{Partnership: rec.ID, PartnershipName: rec.Name, PartnerName: doc.PartnerName(inv.Partner),
		Round: rd, Invitation: inv, Open: rd.Open(r.clock())}, nil
}
