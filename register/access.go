package register

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"
)

// Role is what a token allows.
type Role string

// The three roles.
const (
	// RoleAdmin is the programme's administrator: everything.
	RoleAdmin Role = "admin"
	// RoleCoordinator coordinates one partnership: its documents, rounds,
	// invitations, reports and indicators.
	RoleCoordinator Role = "coordinator"
	// RoleRespondent answers through one invitation.
	RoleRespondent Role = "respondent"
)

// TokenPrefix starts every token, so that people and secret scanners can
// recognise one.
const TokenPrefix = "pkt_"

// Principal is who a request comes from, as Authenticate found it from a
// token. The zero Principal is nobody: every operation refuses it with
// ErrUnauthenticated.
type Principal struct {
	role        Role
	token       uuid.UUID
	partnership uuid.UUID // coordinator and respondent
	round       uuid.UUID // respondent
	invitation  uuid.UUID // respondent
}

// Role returns the principal's role, or "" for nobody.
func (p Principal) Role() Role { return p.role }

// TokenID returns the id of the token the principal authenticated with.
func (p Principal) TokenID() uuid.UUID { return p.token }

// Partnership returns the partnership of a coordinator or respondent.
func (p Principal) Partnership() uuid.UUID { return p.partnership }

// Invitation returns a respondent's invitation.
func (p Principal) Invitation() uuid.UUID { return p.invitation }

// Round returns a respondent's review round.
func (p Principal) Round() uuid.UUID { return p.round }

// Token describes an issued token. The token itself is returned once, when
// it is issued, and never stored.
type Token struct {
	ID          uuid.UUID  `json:"id"`
	Role        Role       `json:"role"`
	Partnership uuid.UUID  `json:"partnership,omitzero"`
	Invitation  uuid.UUID  `json:"invitation,omitzero"`
	Label       string     `json:"label,omitempty"`
	CreatedAt   time.Time  `json:"createdAt"`
	RevokedAt   *time.Time `json:"revokedAt,omitempty"`
}

// Issued is a token just issued: the secret to hand over (in a link's
// fragment) and its description.
type Issued struct {
	Secret string `json:"token"`
	Token
}

// newSecret returns a new token: the prefix and 128 random bits in
// unpadded base64url, and the hex SHA-256 that is stored.
func newSecret() (secret, hash string) {
	var b [16]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails
	secret = TokenPrefix + base64.RawURLEncoding.EncodeToString(b[:])
	return secret, hashSecret(secret)
}

func hashSecret(secret string) string {
	sum := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(sum[:])
}

// Authenticate finds who a token belongs to. A missing, malformed,
// unknown or revoked token gives ErrUnauthenticated; so does a
// respondent's token whose invitation was revoked.
//
// The token is looked up by its SHA-256 hash. That is safe although the
// lookup's time may depend on the hash: what an attacker could learn is
// how the hash of a guess compares with stored hashes, and a hash does
// not lead back to a token (128 random bits, not guessable). The stored
// hash is then compared with the computed one in constant time.
func (r *Register) Authenticate(ctx context.Context, token string) (Principal, error) {
	token = strings.TrimSpace(token)
	if !strings.HasPrefix(token, TokenPrefix) || len(token) != len(TokenPrefix)+22 {
		return Principal{}, ErrUnauthenticated
	}
	hash := hashSecret(token)
	var (
		id, role, stored string
		pid, inv, round  sql.NullString
		revoked, invRev  sql.NullInt64
	)
	err := r.db.QueryRowContext(ctx, `SELECT t.id, t.hash, t.role, t.partnership_id, t.invitation_id, t.revoked_at, i.round_id, i.revoked_at
		FROM tokens t LEFT JOIN invitations i ON i.id = t.invitation_id WHERE t.hash = ?`, hash).
		Scan(&id, &stored, &role, &pid, &inv, &revoked, &round, &invRev)
	if err == sql.ErrNoRows {
		return Principal{}, ErrUnauthenticated
	}
	if err != nil {
		return Principal{}, fmt.Errorf("authenticate: %w", err)
	}
	if subtle.ConstantTimeCompare([]byte(stored), []byte(hash)) != 1 || revoked.Valid || invRev.Valid {
		return Principal{}, ErrUnauthenticated
	}
	p := Principal{role: Role(role), token: uuid.MustParse(id)}
	switch p.role {
	case RoleAdmin:
	case RoleCoordinator:
		p.partnership = uuid.MustParse(pid.String)
	case RoleRespondent:
		p.partnership = uuid.MustParse(pid.String)
		p.invitation = uuid.MustParse(inv.String)
		p.round = uuid.MustParse(round.String)
	default:
		return Principal{}, ErrUnauthenticated
	}
	return p, nil
}

// Bootstrap issues the first administrator token when the register has
// none, for the first start of a server to print once. When there is one
// already it returns created false and no token: make another with
// IssueAdminToken.
func (r *Register) Bootstrap(ctx context.Context) (tok Issued, created bool, err error) {
	secret, hash := newSecret()
	id, now := uuid.New(), r.clock()
	err = r.exec.Exec(ctx, Stmt{Query: `INSERT INTO tokens (id, hash, role, partnership_id, invitation_id, label, created_at)
		SELECT ?, ?, ?, NULL, NULL, ?, ? WHERE NOT EXISTS (SELECT 1 FROM tokens WHERE role = ?)`,
		Args: []any{id.String(), hash, string(RoleAdmin), "first administrator", millis(now), string(RoleAdmin)}})
	if err != nil {
		return Issued{}, false, fmt.Errorf("bootstrap: %w", err)
	}
	var n int
	if err := r.db.QueryRowContext(ctx, "SELECT COUNT(*) FROM tokens WHERE id = ?", id.String()).Scan(&n); err != nil {
		return Issued{}, false, fmt.Errorf("bootstrap: %w", err)
	}
	if n == 0 {
		return Issued{}, false, nil
	}
	return Issued{Secret: secret, Token: Token{ID: id, Role: RoleAdmin, Label: "first administrator", CreatedAt: now}}, true, nil
}

// IssueAdminToken issues a new administrator token. Only administrators
// may; `partnerkit admin link` does it as the Operator.
func (r *Register) IssueAdminToken(ctx context.Context, p Principal, label string) (Issued, error) {
	if err := r.adminOnly(p); err != nil {
		return Issued{}, fmt.Errorf("issue an administrator link: %w", err)
	}
	return r.issue(ctx, Token{Role: RoleAdmin, Label: label})
}

// Operator returns the administrator principal of a program that holds
// the database itself, such as the command line's export, import and
// admin link. It has no token and cannot be revoked: never use it for a
// request that came over a network.
func Operator() Principal { return Principal{role: RoleAdmin} }

// IssueCoordinatorToken issues a token for a coordinator of the
// partnership. Administrators and the partnership's coordinators may.
func (r *Register) IssueCoordinatorToken(ctx context.Context, p Principal, partnershipID uuid.UUID, label string) (Issued, error) {
	if err := r.canManage(ctx, p, partnershipID); err != nil {
		return Issued{}, fmt.Errorf("issue a coordinator link: %w", err)
	}
	return r.issue(ctx, Token{Role: RoleCoordinator, Partnership: partnershipID, Label: label})
}

func (r *Register) issue(ctx context.Context, t Token) (Issued, error) {
	secret, hash := newSecret()
	t.ID, t.CreatedAt = uuid.New(), r.clock()
	if err := r.exec.Exec(ctx, insertToken(t, hash)); err != nil {
		return Issued{}, fmt.Errorf("issue a link: %w", err)
	}
	return Issued{Secret: secret, Token: t}, nil
}

func insertToken(t Token, hash string) Stmt {
	return Stmt{Query: `INSERT INTO tokens (id, hash, role, partnership_id, invitation_id, label, created_at, revoked_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		Args: []any{t.ID.String(), hash, string(t.Role), nullUUID(t.Partnership), nullUUID(t.Invitation), t.Label,
			millis(t.CreatedAt), nullTime(t.RevokedAt)}}
}

func nullUUID(id uuid.UUID) any {
	if id == uuid.Nil {
		return nil
	}
	return id.String()
}

func nullTime(t *time.Time) any {
	if t == nil {
		return nil
	}
	return millis(*t)
}

// Tokens lists the tokens of a partnership (its coordinators' and its
// respondents'), or with uuid.Nil the administrators' tokens, which only
// an administrator may list.
func (r *Register) Tokens(ctx context.Context, p Principal, partnershipID uuid.UUID) ([]Token, error) {
	var rows *sql.Rows
	var err error
	if partnershipID == uuid.Nil {
		if err := r.adminOnly(p); err != nil {
			return nil, fmt.Errorf("list administrator links: %w", err)
		}
		rows, err = r.db.QueryContext(ctx, tokenColumns+" WHERE partnership_id IS NULL ORDER BY created_at, id")
	} else {
		if err := r.canManage(ctx, p, partnershipID); err != nil {
			return nil, fmt.Errorf("list links: %w", err)
		}
		rows, err = r.db.QueryContext(ctx, tokenColumns+" WHERE partnership_id = ? ORDER BY created_at, id", partnershipID.String())
	}
	if err != nil {
		return nil, fmt.Errorf("list links: %w", err)
	}
	ts, _, err := scanTokens(rows)
	return ts, err
}

const tokenColumns = "SELECT id, role, partnership_id, invitation_id, label, created_at, revoked_at, hash FROM tokens"

func scanTokens(rows *sql.Rows) ([]Token, []string, error) {
	defer rows.Close()
	var ts []Token
	var hashes []string
	for rows.Next() {
		var t Token
		var id, role, hash string
		var pid, inv sql.NullString
		var created int64
		var revoked sql.NullInt64
		if err := rows.Scan(&id, &role, &pid, &inv, &t.Label, &created, &revoked, &hash); err != nil {
			return nil, nil, err
		}
		t.ID, t.Role, t.CreatedAt, t.RevokedAt = uuid.MustParse(id), Role(role), fromMillis(created), nullMillis(revoked)
		if pid.Valid {
			t.Partnership = uuid.MustParse(pid.String)
		}
		if inv.Valid {
			t.Invitation = uuid.MustParse(inv.String)
		}
		ts = append(ts, t)
		hashes = append(hashes, hash)
	}
	return ts, hashes, rows.Err()
}

// RevokeToken revokes a token, at once and for good. Administrators may
// revoke any token; a coordinator, the tokens of their partnership.
// Revoking a revoked token changes nothing.
func (r *Register) RevokeToken(ctx context.Context, p Principal, tokenID uuid.UUID) error {
	if p.role == "" {
		return fmt.Errorf("revoke a link: %w", ErrUnauthenticated)
	}
	var pid sql.NullString
	err := r.db.QueryRowContext(ctx, "SELECT partnership_id FROM tokens WHERE id = ?", tokenID.String()).Scan(&pid)
	if err != nil {
		return queryErr("revoke a link", err)
	}
	if !pid.Valid {
		err = r.adminOnly(p)
		if p.role != RoleAdmin {
			err = ErrNotFound
		}
	} else {
		err = r.canManage(ctx, p, uuid.MustParse(pid.String))
	}
	if err != nil {
		return fmt.Errorf("revoke a link: %w", err)
	}
	return r.exec.Exec(ctx, Stmt{Query: "UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
		Args: []any{millis(r.clock()), tokenID.String()}})
}

// adminOnly allows administrators only.
func (r *Register) adminOnly(p Principal) error {
	switch p.role {
	case RoleAdmin:
		return nil
	case "":
		return ErrUnauthenticated
	}
	return ErrForbidden
}

// canManage allows administrators and the partnership's coordinators, and
// says whether the partnership exists. To anyone else a partnership they
// do not belong to does not exist; a respondent of it is forbidden.
func (r *Register) canManage(ctx context.Context, p Principal, partnershipID uuid.UUID) error {
	switch p.role {
	case "":
		return ErrUnauthenticated
	case RoleAdmin:
	case RoleCoordinator:
		if p.partnership != partnershipID {
			return ErrNotFound
		}
	case RoleRespondent:
		if p.partnership != partnershipID {
			return ErrNotFound
		}
		return ErrForbidden
	default:
		return ErrUnauthenticated
	}
	var n int
	if err := r.db.QueryRowContext(ctx, "SELECT COUNT(*) FROM partnerships WHERE id = ?", partnershipID.String()).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		return ErrNotFound
	}
	return nil
}
