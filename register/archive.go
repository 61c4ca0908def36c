package register

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"time"
)

// ArchiveFormat names the register's export format.
const ArchiveFormat = "partnerkit-register"

// oldestArchive is the oldest schema version whose archives Import reads:
// version 2 added the directory's listings, and no migration since has
// changed what an archive holds.
const oldestArchive = 2

// Archive is everything in a register, table by table, each in the order
// of its key, as Export writes it and Import reads it. Texts are kept as
// they were stored (documents as sent, byte for byte), so an archive
// imported and exported again is the same, byte for byte. The directory's
// listings are in it, published and withdrawn, bodies as stored; their
// search index (listing_facets, listings_fts) is not, as Import makes it
// again from the bodies.
//
// Import reads an archive of this version or of any earlier one back to
// [oldestArchive] whose tables it has: the schema's later migrations
// changed nothing that an archive holds (0003 only dropped a cache).
type Archive struct {
	Format        string               `json:"format"`
	SchemaVersion int                  `json:"schemaVersion"`
	Partnerships  []ArchivePartnership `json:"partnerships"`
	Documents     []ArchiveDocument    `json:"documents"`
	Rounds        []ArchiveRound       `json:"rounds"`
	Invitations   []ArchiveInvitation  `json:"invitations"`
	AnswerSets    []ArchiveAnswerSet   `json:"answerSets"`
	Tokens        []ArchiveToken       `json:"tokens"`
	Indicators    []ArchiveIndicator   `json:"indicators"`
	Actuals       []ArchiveActual      `json:"actuals"`
	Listings      []ArchiveListing     `json:"listings"`
}

// The rows of an Archive. Times are UTC, to the millisecond.
type (
	ArchivePartnership struct {
		ID        string    `json:"id"`
		CreatedAt time.Time `json:"createdAt"`
	}
	ArchiveDocument struct {
		ID          string    `json:"id"`
		Partnership string    `json:"partnership"`
		Version     int       `json:"version"`
		Kind        string    `json:"kind"`
		Name        string    `json:"name"`
		Body        string    `json:"body"`
		Findings    string    `json:"findings"`
		Valid       bool      `json:"valid"`
		SavedAt     time.Time `json:"savedAt"`
	}
	ArchiveRound struct {
		ID               string    `json:"id"`
		Partnership      string    `json:"partnership"`
		Title            string    `json:"title"`
		Framework        string    `json:"framework"`
		FrameworkVersion string    `json:"frameworkVersion"`
		Document         *string   `json:"frameworkDocument"`
		Opens            time.Time `json:"opens"`
		Closes           time.Time `json:"closes"`
		CreatedAt        time.Time `json:"createdAt"`
	}
	ArchiveInvitation struct {
		ID        string     `json:"id"`
		Round     string     `json:"round"`
		Partner   string     `json:"partner"`
		Review    string     `json:"review"`
		Shared    bool       `json:"shared"`
		Label     string     `json:"label"`
		CreatedAt time.Time  `json:"createdAt"`
		RevokedAt *time.Time `json:"revokedAt"`
	}
	ArchiveAnswerSet struct {
		ID         string    `json:"id"`
		Invitation string    `json:"invitation"`
		Round      string    `json:"round"`
		Key        string    `json:"key"`
		Revision   int64     `json:"revision"`
		Assessment string    `json:"assessment"`
		FirstAt    time.Time `json:"firstAt"`
		UpdatedAt  time.Time `json:"updatedAt"`
		Changes    int       `json:"changes"`
	}
	// ArchiveToken holds a token's hash, never the token: links issued
	// before an export keep working after an import.
	ArchiveToken struct {
		ID          string     `json:"id"`
		Hash        string     `json:"hash"`
		Role        string     `json:"role"`
		Partnership *string    `json:"partnership"`
		Invitation  *string    `json:"invitation"`
		Label       string     `json:"label"`
		CreatedAt   time.Time  `json:"createdAt"`
		RevokedAt   *time.Time `json:"revokedAt"`
	}
	ArchiveIndicator struct {
		Partnership string    `json:"partnership"`
		ID          string    `json:"id"`
		Position    int       `json:"position"`
		Definition  string    `json:"definition"`
		SavedAt     time.Time `json:"savedAt"`
	}
	ArchiveActual struct {
		Partnership string    `json:"partnership"`
		Indicator   string    `json:"indicator"`
		AsOf        string    `json:"asOf"`
		Value       float64   `json:"value"`
		RecordedAt  time.Time `json:"recordedAt"`
	}
	// ArchiveListing is a partnership's listing in the directory: Body is
	// the listing document as stored when it was published.
	ArchiveListing struct {
		Partnership string     `json:"partnership"`
		ID          string     `json:"id"`
		Name        string     `json:"name"`
		Body        string     `json:"body"`
		Band        *string    `json:"band"`
		PublishedAt time.Time  `json:"publishedAt"`
		WithdrawnAt *time.Time `json:"withdrawnAt"`
	}
)

// Export writes everything in the register to w as one JSON Archive.
// Only administrators may export. The export reads each table in turn;
// on SQLite, take it while no one writes for a consistent snapshot.
func (r *Register) Export(ctx context.Context, p Principal, w io.Writer) error {
	if err := r.adminOnly(p); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	a, err := r.archive(ctx)
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(a)
}

func (r *Register) archive(ctx context.Context) (*Archive, error) {
	a := &Archive{Format: ArchiveFormat, SchemaVersion: SchemaVersion(),
		Partnerships: []ArchivePartnership{}, Documents: []ArchiveDocument{}, Rounds: []ArchiveRound{}, Invitations: []ArchiveInvitation{},
		AnswerSets: []ArchiveAnswerSet{}, Tokens: []ArchiveToken{}, Indicators: []ArchiveIndicator{}, Actuals: []ArchiveActual{}, Listings: []ArchiveListing{}}
	q := func(query string, scan func(*sql.Rows) error) error {
		rows, err := r.db.QueryContext(ctx, query)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			if err := scan(rows); err != nil {
				return err
			}
		}
		return rows.Err()
	}
	var t1, t2, t3 int64
	var n1, n2 sql.NullInt64
	steps := []error{
		q("SELECT id, created_at FROM partnerships ORDER BY id", func(rows *sql.Rows) error {
			var x ArchivePartnership
			err := rows.Scan(&x.ID, &t1)
			x.CreatedAt = fromMillis(t1)
			a.Partnerships = append(a.Partnerships, x)
			return err
		}),
		q("SELECT id, partnership_id, version, kind, name, body, findings, valid, saved_at FROM documents ORDER BY partnership_id, version", func(rows *sql.Rows) error {
			var x ArchiveDocument
			err := rows.Scan(&x.ID, &x.Partnership, &x.Version, &x.Kind, &x.Name, &x.Body, &x.Findings, &x.Valid, &t1)
			x.SavedAt = fromMillis(t1)
			a.Documents = append(a.Documents, x)
			return err
		}),
		q("SELECT id, partnership_id, title, framework_id, framework_version, framework, opens_at, closes_at, created_at FROM rounds ORDER BY id", func(rows *sql.Rows) error {
			var x ArchiveRound
			var doc sql.NullString
			err := rows.Scan(&x.ID, &x.Partnership, &x.Title, &x.Framework, &x.FrameworkVersion, &doc, &t1, &t2, &t3)
			x.Opens, x.Closes, x.CreatedAt = fromMillis(t1), fromMillis(t2), fromMillis(t3)
			if doc.Valid {
				x.Document = &doc.String
			}
			a.Rounds = append(a.Rounds, x)
			return err
		}),
		q("SELECT id, round_id, partner, review, shared, label, created_at, revoked_at FROM invitations ORDER BY id", func(rows *sql.Rows) error {
			var x ArchiveInvitation
			err := rows.Scan(&x.ID, &x.Round, &x.Partner, &x.Review, &x.Shared, &x.Label, &t1, &n1)
			x.CreatedAt, x.RevokedAt = fromMillis(t1), nullMillis(n1)
			a.Invitations = append(a.Invitations, x)
			return err
		}),
		q(answerSetColumns+" ORDER BY id", func(rows *sql.Rows) error {
			var x ArchiveAnswerSet
			err := rows.Scan(&x.ID, &x.Invitation, &x.Round, &x.Key, &x.Revision, &x.Assessment, &t1, &t2, &x.Changes)
			x.FirstAt, x.UpdatedAt = fromMillis(t1), fromMillis(t2)
			a.AnswerSets = append(a.AnswerSets, x)
			return err
		}),
		q("SELECT id, hash, role, partnership_id, invitation_id, label, created_at, revoked_at FROM tokens ORDER BY id", func(rows *sql.Rows) error {
			var x ArchiveToken
			var pid, inv sql.NullString
			err := rows.Scan(&x.ID, &x.Hash, &x.Role, &pid, &inv, &x.Label, &t1, &n2)
			x.CreatedAt, x.RevokedAt = fromMillis(t1), nullMillis(n2)
			if pid.Valid {
				x.Partnership = &pid.String
			}
			if inv.Valid {
				x.Invitation = &inv.String
			}
			a.Tokens = append(a.Tokens, x)
			return err
		}),
		q("SELECT partnership_id, id, position, definition, saved_at FROM indicators ORDER BY partnership_id, id", func(rows *sql.Rows) error {
			var x ArchiveIndicator
			err := rows.Scan(&x.Partnership, &x.ID, &x.Position, &x.Definition, &t1)
			x.SavedAt = fromMillis(t1)
			a.Indicators = append(a.Indicators, x)
			return err
		}),
		q("SELECT partnership_id, indicator_id, as_of, value, recorded_at FROM indicator_actuals ORDER BY partnership_id, indicator_id, as_of", func(rows *sql.Rows) error {
			var x ArchiveActual
			err := rows.Scan(&x.Partnership, &x.Indicator, &x.AsOf, &x.Value, &t1)
			x.RecordedAt = fromMillis(t1)
			a.Actuals = append(a.Actuals, x)
			return err
		}),
		q("SELECT partnership_id, id, name, body, band, published_at, withdrawn_at FROM listings ORDER BY partnership_id", func(rows *sql.Rows) error {
			var x ArchiveListing
			var band sql.NullString
			err := rows.Scan(&x.Partnership, &x.ID, &x.Name, &x.Body, &band, &t1, &n1)
			x.PublishedAt, x.WithdrawnAt = fromMillis(t1), nullMillis(n1)
			if band.Valid {
				x.Band = &band.String
			}
			a.Listings = append(a.Listings, x)
			return err
		}),
	}
	for _, err := range steps {
		if err != nil {
			return nil, err
		}
	}
	return a, nil
}

// Import restores an archive written by Export into a register that is
// empty, in one write, and indexes the listings that are not withdrawn
// for search as publishing them did. Only administrators may import; a register that
// already holds partnerships or links gives ErrConflict.
func (r *Register) Import(ctx context.Context, p Principal, src io.Reader) error {
	if err := r.adminOnly(p); err != nil {
		return fmt.Errorf("import: %w", err)
	}
	dec := json.NewDecoder(src)
	dec.DisallowUnknownFields()
	var a Archive
	if err := dec.Decode(&a); err != nil {
		return invalid("archive", "syntax", "", fmt.Sprintf("The archive cannot be read: %v.", err))
	}
	if a.Format != ArchiveFormat {
		return invalid("archive", "archive.format", "/format", fmt.Sprintf("This is not a partnerkit register archive: its format should be %q.", ArchiveFormat))
	}
	if a.SchemaVersion < oldestArchive || a.SchemaVersion > SchemaVersion() {
		return invalid("archive", "archive.version", "/schemaVersion", fmt.Sprintf("The archive has schema version %d; this partnerkit reads versions %d to %d.", a.SchemaVersion, oldestArchive, SchemaVersion()))
	}
	var n int
	if err := r.db.QueryRowContext(ctx, "SELECT (SELECT COUNT(*) FROM partnerships) + (SELECT COUNT(*) FROM tokens)").Scan(&n); err != nil {
		return fmt.Errorf("import: %w", err)
	}
	if n > 0 {
		return fmt.Errorf("import: the register is not empty: import into a new database: %w", ErrConflict)
	}
	var stmts []Stmt
	add := func(q string, args ...any) { stmts = append(stmts, Stmt{Query: q, Args: args}) }
	for _, x := range a.Partnerships {
		add("INSERT INTO partnerships (id, created_at) VALUES (?, ?)", x.ID, millis(x.CreatedAt))
	}
	for _, x := range a.Documents {
		add("INSERT INTO documents (id, partnership_id, version, kind, name, body, findings, valid, saved_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
			x.ID, x.Partnership, x.Version, x.Kind, x.Name, x.Body, x.Findings, boolInt(x.Valid), millis(x.SavedAt))
	}
	for _, x := range a.Rounds {
		var doc any
		if x.Document != nil {
			doc = *x.Document
		}
		add("INSERT INTO rounds (id, partnership_id, title, framework_id, framework_version, framework, opens_at, closes_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
			x.ID, x.Partnership, x.Title, x.Framework, x.FrameworkVersion, doc, millis(x.Opens), millis(x.Closes), millis(x.CreatedAt))
	}
	for _, x := range a.Invitations {
		add("INSERT INTO invitations (id, round_id, partner, review, shared, label, created_at, revoked_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
			x.ID, x.Round, x.Partner, x.Review, boolInt(x.Shared), x.Label, millis(x.CreatedAt), nullTime(x.RevokedAt))
	}
	for _, x := range a.AnswerSets {
		add("INSERT INTO answer_sets (id, invitation_id, round_id, idempotency_key, revision, assessment, first_at, updated_at, changes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
			x.ID, x.Invitation, x.Round, x.Key, x.Revision, x.Assessment, millis(x.FirstAt), millis(x.UpdatedAt), x.Changes)
	}
	for _, x := range a.Tokens {
		add("INSERT INTO tokens (id, hash, role, partnership_id, invitation_id, label, created_at, revoked_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
			x.ID, x.Hash, x.Role, nullString(x.Partnership), nullString(x.Invitation), x.Label, millis(x.CreatedAt), nullTime(x.RevokedAt))
	}
	for _, x := range a.Indicators {
		add("INSERT INTO indicators (partnership_id, id, position, definition, saved_at) VALUES (?, ?, ?, ?, ?)",
			x.Partnership, x.ID, x.Position, x.Definition, millis(x.SavedAt))
	}
	for _, x := range a.Actuals {
		add("INSERT INTO indicator_actuals (partnership_id, indicator_id, as_of, value, recorded_at) VALUES (?, ?, ?, ?, ?)",
			x.Partnership, x.Indicator, x.AsOf, x.Value, millis(x.RecordedAt))
	}
	for i, x := range a.Listings {
		var l listingDoc
		if err := json.Unmarshal([]byte(x.Body), &l); err != nil {
			return invalid("archive", "archive.listing", fmt.Sprintf("/listings/%d/body", i), fmt.Sprintf("The listing %s cannot be read: its body should be a listing document.", x.ID))
		}
		add("INSERT INTO listings (partnership_id, id, name, body, band, published_at, withdrawn_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
			x.Partnership, x.ID, x.Name, x.Body, nullString(x.Band), millis(x.PublishedAt), nullTime(x.WithdrawnAt))
		if x.WithdrawnAt == nil {
			stmts = append(stmts, indexListing(x.Partnership, l)...)
		}
	}
	if err := r.exec.Exec(ctx, stmts...); err != nil {
		return fmt.Errorf("import: %w", err)
	}
	return nil
}

func nullString(s *string) any {
	if s == nil {
		return nil
	}
	return *s
}
