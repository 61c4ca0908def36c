package register

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/google/uuid"
	"github.com/partnerkit/partnerkit/finding"
	"github.com/partnerkit/partnerkit/mou"
	"github.com/partnerkit/partnerkit/partnership"
	"github.com/partnerkit/partnerkit/schemas"
)

// DocumentKind is what a saved document is.
type DocumentKind string

// The kinds of partnership document.
const (
	KindMOU         DocumentKind = "mou"         // a Memorandum of Understanding
	KindPartnership DocumentKind = "partnership" // a partnership document alone
)

// Partnership is a partnership's record in the register, as its latest
// document describes it.
type Partnership struct {
	ID   uuid.UUID `json:"id"`
	Name string    `json:"name"`
	// Draft is true when the latest document has errors.
	Draft     bool         `json:"draft"`
	Version   int          `json:"version"` // the latest document's version
	Kind      DocumentKind `json:"kind"`
	CreatedAt time.Time    `json:"createdAt"`
	UpdatedAt time.Time    `json:"updatedAt"`
}

// Version is one saved document of a partnership, with what the check
// found in it. Versions count from 1 and are never changed.
type Version struct {
	ID          uuid.UUID         `json:"id"`
	Partnership uuid.UUID         `json:"partnership"`
	Version     int               `json:"version"`
	Kind        DocumentKind      `json:"kind"`
	Name        string            `json:"name"`
	Document    json.RawMessage   `json:"document"` // as it was sent
	Findings    []finding.Finding `json:"findings"`
	Valid       bool              `json:"valid"`
	SavedAt     time.Time         `json:"savedAt"`
}

// DocumentInput is a partnership or MOU document to save. The ids are
// optional: a client that sets them may repeat a failed request and
// reach the same record, not a second one.
type DocumentInput struct {
	Partnership uuid.UUID // for CreatePartnership: the new record's id
	Version     uuid.UUID // the new version's id
	Document    []byte    // a partnership or MOU document (JSON)
}

// checked is a document read and checked.
type checked struct {
	kind     DocumentKind
	name     string
	findings []finding.Finding
	valid    bool
	p        partnership.Partnership
}

// checkDocument reads a partnership or MOU document: an object with a
// "partnership" member is an MOU, checked with mou.Check; otherwise a
// partnership document, checked against its schema and rules. Only a
// document that is not JSON at all, or not an object, is refused:
// anything else is kept with its findings.
func checkDocument(data []byte) (*checked, error) {
	doc, err := schemas.Decode(data)
	if err != nil {
		var se *schemas.SyntaxError
		msg := err.Error()
		if errors.As(err, &se) {
			msg = se.Sentence()
		}
		ve := invalid("document", "syntax", "", msg)
		ve.Err = err
		return nil, ve
	}
	obj, ok := doc.(map[string]any)
	if !ok {
		return nil, invalid("document", "schema", "", "Send a partnership or MOU document: a JSON object.")
	}
	c := &checked{}
	if _, isMOU := obj["partnership"]; isMOU {
		rep := mou.CheckValue(doc)
		m := mou.FromValue(doc)
		c.kind, c.findings, c.valid, c.p = KindMOU, rep.Findings, rep.Valid, m.Partnership
		c.name = m.Partnership.Name
		if c.name == "" {
			c.name = m.Title
		}
	} else {
		c.kind, c.p = KindPartnership, partnership.FromValue(doc)
		for _, v := range schemas.MustLookup(schemas.Partnership).Validate(doc) {
			c.findings = append(c.findings, finding.Finding{Code: "schema", Severity: finding.Error, Path: v.Path, Message: v.Sentence()})
		}
		c.findings = append(c.findings, c.p.Check()...)
		c.valid = finding.Valid(c.findings)
		c.name = c.p.Name
	}
	if c.findings == nil {
		c.findings = []finding.Finding{}
	}
	if c.name == "" {
		c.name = "Untitled partnership"
	}
	return c, nil
}

func (c *checked) insert(pid, vid uuid.UUID, body []byte, now time.Time) (Stmt, error) {
	findings, err := json.Marshal(c.findings)
	if err != nil {
		return Stmt{}, err
	}
	// The version is the next number for the partnership, worked out in
	// the same statement; a repeated id inserts nothing.
	return Stmt{Query: `INSERT INTO documents (id, partnership_id, version, kind, name, body, findings, valid, saved_at)
		SELECT ?, ?, COALESCE(MAX(version), 0) + 1, ?, ?, ?, ?, ?, ? FROM documents WHERE partnership_id = ?
		ON CONFLICT (id) DO NOTHING`,
		Args: []any{vid.String(), pid.String(), string(c.kind), c.name, string(body), string(findings), boolInt(c.valid), millis(now), pid.String()}}, nil
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// CreatePartnership creates a partnership record from a partnership or
// MOU document, saved as its version 1. The document is checked on the
// way in and its findings kept; one with errors is saved as a draft.
// Only administrators may create partnerships.
func (r *Register) CreatePartnership(ctx context.Context, p Principal, in DocumentInput) (Partnership, Version, error) {
	if err := r.adminOnly(p); err != nil {
		return Partnership{}, Version{}, fmt.Errorf("create a partnership: %w", err)
	}
	c, err := checkDocument(in.Document)
	if err != nil {
		return Partnership{}, Version{}, err
	}
	pid, vid := orNew(in.Partnership), orNew(in.Version)
	now := r.clock()
	ins, err := c.insert(pid, vid, in.Document, now)
	if err != nil {
		return Partnership{}, Version{}, err
	}
	err = r.exec.Exec(ctx,
		Stmt{Query: "INSERT INTO partnerships (id, created_at) VALUES (?, ?) ON CONFLICT (id) DO NOTHING", Args: []any{pid.String(), millis(now)}},
		ins)
	if err != nil {
		return Partnership{}, Version{}, fmt.Errorf("create a partnership: %w", err)
	}
	v, err := r.version(ctx, vid)
	if err != nil || v.Partnership != pid {
		return Partnership{}, Version{}, fmt.Errorf("create a partnership: the version id %s is taken: %w", vid, ErrConflict)
	}
	rec, err := r.partnership(ctx, pid)
	return rec, v, err
}

func orNew(id uuid.UUID) uuid.UUID {
	if id == uuid.Nil {
		return uuid.New()
	}
	return id
}

// SaveDocument saves a new version of a partnership's document, checked
// as CreatePartnership checks it. Administrators and the partnership's
// coordinators may.
func (r *Register) SaveDocument(ctx context.Context, p Principal, partnershipID uuid.UUID, in DocumentInput) (Version, error) {
	if err := r.canManage(ctx, p, partnershipID); err != nil {
		return Version{}, fmt.Errorf("save a document: %w", err)
	}
	c, err := checkDocument(in.Document)
	if err != nil {
		return Version{}, err
	}
	vid := orNew(in.Version)
	ins, err := c.insert(partnershipID, vid, in.Document, r.clock())
	if err != nil {
		return Version{}, err
	}
	if err := r.exec.Exec(ctx, ins); err != nil {
		return Version{}, fmt.Errorf("save a document: %w", err)
	}
	v, err := r.version(ctx, vid)
	if err != nil || v.Partnership != partnershipID {
		return Version{}, fmt.Errorf("save a document: the version id %s is taken: %w", vid, ErrConflict)
	}
	return v, nil
}

// GetPartnership returns a partnership's record.
func (r *Register) GetPartnership(ctx context.Context, p Principal, id uuid.UUID) (Partnership, error) {
	if err := r.canManage(ctx, p, id); err != nil {
		return Partnership{}, fmt.Errorf("partnership %s: %w", id, err)
	}
	return r.partnership(ctx, id)
}

const partnershipQuery = `SELECT p.id, p.created_at, d.version, d.kind, d.name, d.valid, d.saved_at
	FROM partnerships p JOIN documents d ON d.partnership_id = p.id
	AND d.version = (SELECT MAX(version) FROM documents WHERE partnership_id = p.id)`

func (r *Register) partnership(ctx context.Context, id uuid.UUID) (Partnership, error) {
	rows, err := r.db.QueryContext(ctx, partnershipQuery+" WHERE p.id = ?", id.String())
	if err != nil {
		return Partnership{}, fmt.Errorf("partnership %s: %w", id, err)
	}
	ps, err := scanPartnerships(rows)
	if err != nil {
		return Partnership{}, fmt.Errorf("partnership %s: %w", id, err)
	}
	if len(ps) == 0 {
		return Partnership{}, fmt.Errorf("partnership %s: %w", id, ErrNotFound)
	}
	return ps[0], nil
}

// Partnerships lists the partnerships the principal may see, by name: all
// of them for an administrator, their own for a coordinator.
func (r *Register) Partnerships(ctx context.Context, p Principal) ([]Partnership, error) {
	var rows *sql.Rows
	var err error
	switch p.role {
	case RoleAdmin:
		rows, err = r.db.QueryContext(ctx, partnershipQuery+" ORDER BY d.name, p.id")
	case RoleCoordinator:
		rows, err = r.db.QueryContext(ctx, partnershipQuery+" WHERE p.id = ?", p.partnership.String())
	case RoleRespondent:
		return nil, fmt.Errorf("list partnerships: %w", ErrForbidden)
	default:
		return nil, fmt.Errorf("list partnerships: %w", ErrUnauthenticated)
	}
	if err != nil {
		return nil, fmt.Errorf("list partnerships: %w", err)
	}
	return scanPartnerships(rows)
}

func scanPartnerships(rows *sql.Rows) ([]Partnership, error) {
	defer rows.Close()
	ps := []Partnership{}
	for rows.Next() {
		var pt Partnership
		var id, kind string
		var created, saved int64
		var valid int
		if err := rows.Scan(&id, &created, &pt.Version, &kind, &pt.Name, &valid, &saved); err != nil {
			return nil, err
		}
		pt.ID, pt.Kind, pt.Draft = uuid.MustParse(id), DocumentKind(kind), valid == 0
		pt.CreatedAt, pt.UpdatedAt = fromMillis(created), fromMillis(saved)
		ps = append(ps, pt)
	}
	return ps, rows.Err()
}

// Versions lists a partnership's documents, oldest first.
func (r *Register) Versions(ctx context.Context, p Principal, partnershipID uuid.UUID) ([]Version, error) {
	if err := r.canManage(ctx, p, partnershipID); err != nil {
		return nil, fmt.Errorf("list versions: %w", err)
	}
	rows, err := r.db.QueryContext(ctx, versionColumns+" WHERE partnership_id = ? ORDER BY version", partnershipID.String())
	if err != nil {
		return nil, fmt.Errorf("list versions: %w", err)
	}
	return scanVersions(rows)
}

// GetVersion returns one version of a partnership's document; version 0
// means the latest.
func (r *Register) GetVersion(ctx context.Context, p Principal, partnershipID uuid.UUID, version int) (Version, error) {
	if err := r.canManage(ctx, p, partnershipID); err != nil {
		return Version{}, fmt.Errorf("version %d: %w", version, err)
	}
	q, args := versionColumns+" WHERE partnership_id = ? AND version = ?", []any{partnershipID.String(), version}
	if version == 0 {
		q, args = versionColumns+" WHERE partnership_id = ? ORDER BY version DESC LIMIT 1", []any{partnershipID.String()}
	}
	rows, err := r.db.QueryContext(ctx, q, args...)
	if err != nil {
		return Version{}, fmt.Errorf("version %d: %w", version, err)
	}
	vs, err := scanVersions(rows)
	if err != nil {
		return Version{}, fmt.Errorf("version %d: %w", version, err)
	}
	if len(vs) == 0 {
		return Version{}, fmt.Errorf("version %d: %w", version, ErrNotFound)
	}
	return vs[0], nil
}

const versionColumns = "SELECT id, partnership_id, version, kind, name, body, findings, valid, saved_at FROM documents"

func (r *Register) version(ctx context.Context, id uuid.UUID) (Version, error) {
	rows, err := r.db.QueryContext(ctx, versionColumns+" WHERE id = ?", id.String())
	if err != nil {
		return Version{}, err
	}
	vs, err := scanVersions(rows)
	if err != nil {
		return Version{}, err
	}
	if len(vs) == 0 {
		return Version{}, ErrNotFound
	}
	return vs[0], nil
}

func scanVersions(rows *sql.Rows) ([]Version, error) {
	defer rows.Close()
	vs := []Version{}
	for rows.Next() {
		var v Version
		var id, pid, kind, body, findings string
		var valid int
		var saved int64
		if err := rows.Scan(&id, &pid, &v.Version, &kind, &v.Name, &body, &findings, &valid, &saved); err != nil {
			return nil, err
		}
		v.ID, v.Partnership, v.Kind, v.Valid, v.SavedAt = uuid.MustParse(id), uuid.MustParse(pid), DocumentKind(kind), valid == 1, fromMillis(saved)
		v.Document = json.RawMessage(body)
		if err := json.Unmarshal([]byte(findings), &v.Findings); err != nil {
			return nil, fmt.Errorf("version %s: the stored findings: %w", id, err)
		}
		vs = append(vs, v)
	}
	return vs, rows.Err()
}

// partnershipDoc returns the partnership as its latest document
// describes it, read without checking it again.
func (r *Register) partnershipDoc(ctx context.Context, id uuid.UUID) (partnership.Partnership, error) {
	var body string
	err := r.db.QueryRowContext(ctx, "SELECT body FROM documents WHERE partnership_id = ? ORDER BY version DESC LIMIT 1", id.String()).Scan(&body)
	if err != nil {
		return partnership.Partnership{}, queryErr("partnership", err)
	}
	var doc any
	if err := json.Unmarshal([]byte(body), &doc); err != nil {
		return partnership.Partnership{}, fmt.Errorf("partnership %s: the stored document: %w", id, err)
	}
	if obj, ok := doc.(map[string]any); ok {
		if inner, isMOU := obj["partnership"]; isMOU {
			doc = inner
		}
	}
	return partnership.FromValue(doc), nil
}
