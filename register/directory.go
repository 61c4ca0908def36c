package register

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/google/uuid"
	"github.com/partnerkit/partnerkit/finding"
	"github.com/partnerkit/partnerkit/partnership"
	"github.com/partnerkit/partnerkit/schemas"
)

// The bounds of a directory search.
const (
	DefaultPageSize = 20  // listings on a page when a search asks for none
	MaxPageSize     = 50  // the most listings on a page
	MaxSearchWords  = 12  // words of free text a search uses; the rest are left out
	maxFacetValues  = 10  // values of one facet a search uses: D1 binds at most 100 in all
	facetChunk      = 40  // facet rows per INSERT: D1 binds at most 100 values
	maxSearchText   = 500 // characters of free text read
	maxPage         = 1_000_000
)

// Listing is a partnership's entry in the public directory: exactly what
// its coordinator published, with the listing's own id (not the
// partnership's), and the latest round's band only if they chose to show
// it.
type Listing struct {
	ID          uuid.UUID               `json:"id"`
	Name        string                  `json:"name"`
	Summary     string                  `json:"summary"`
	Model       partnership.Model       `json:"model"`
	Stage       partnership.Stage       `json:"stage,omitempty"`
	FocusAreas  []partnership.FocusArea `json:"focusAreas"`
	Partners    []ListedPartner         `json:"partners"`
	Contact     string                  `json:"contact,omitempty"`
	ShowBand    bool                    `json:"showBand"`
	Band        string                  `json:"band,omitempty"`
	PublishedAt time.Time               `json:"publishedAt"`
}

// ListedPartner is one partner as a listing shows it.
type ListedPartner struct {
	Name   string                  `json:"name"`
	Type   partnership.PartnerType `json:"type"`
	Sector partnership.Sector      `json:"sector,omitempty"`
	Phase  partnership.Phase       `json:"phase,omitempty"`
	Area   string                  `json:"area,omitempty"`
}

// listingDoc is the listing document a coordinator sends (schema listing).
type listingDoc struct {
	Name       string                  `json:"name"`
	Summary    string                  `json:"summary"`
	Model      partnership.Model       `json:"model"`
	Stage      partnership.Stage       `json:"stage,omitempty"`
	FocusAreas []partnership.FocusArea `json:"focusAreas"`
	Partners   []ListedPartner         `json:"partners"`
	Contact    string                  `json:"contact,omitempty"`
	ShowBand   bool                    `json:"showBand"`
}

// ListingStatus is a partnership's listing as its coordinator sees it:
// the listing, and whether it is withdrawn.
type ListingStatus struct {
	Listing
	Withdrawn   bool       `json:"withdrawn"`
	WithdrawnAt *time.Time `json:"withdrawnAt,omitempty"`
}

// checkListing reads a listing document and checks it against the
// listing schema and the directory's rules.
func checkListing(data []byte) (listingDoc, error) {
	doc, err := schemas.Decode(data)
	if err != nil {
		var se *schemas.SyntaxError
		msg := err.Error()
		if errors.As(err, &se) {
			msg = se.Sentence()
		}
		ve := invalid("listing", "syntax", "", msg)
		ve.Err = err
		return listingDoc{}, ve
	}
	var fs []finding.Finding
	for _, v := range schemas.MustLookup(schemas.Listing).Validate(doc) {
		fs = append(fs, finding.Finding{Code: "schema", Severity: finding.Error, Path: v.Path, Message: v.Sentence()})
	}
	if len(fs) > 0 {
		return listingDoc{}, &ValidationError{What: "listing", Findings: fs}
	}
	var l listingDoc
	if err := json.Unmarshal(data, &l); err != nil {
		return listingDoc{}, invalid("listing", "schema", "", "Send a listing document: a JSON object.")
	}
	l.Name, l.Summary, l.Contact = strings.TrimSpace(l.Name), strings.TrimSpace(l.Summary), strings.TrimSpace(l.Contact)
	if l.Name == "" {
		fs = append(fs, finding.Finding{Code: "listing.name", Severity: finding.Error, Path: "/name",
			Message: "Give the name the partnership is known by."})
	}
	if l.Summary == "" {
		fs = append(fs, finding.Finding{Code: "listing.summary", Severity: finding.Error, Path: "/summary",
			Message: "Write a sentence or two on what the partnership does."})
	}
	for i := range l.Partners {
		pt := &l.Partners[i]
		pt.Name, pt.Area = strings.TrimSpace(pt.Name), strings.TrimSpace(pt.Area)
		if pt.Name == "" {
			fs = append(fs, finding.Finding{Code: "listing.partner-name", Severity: finding.Error,
				Path: fmt.Sprintf("/partners/%d/name", i), Message: "Give the partner's name as it should be listed."})
		}
		if (pt.Sector != "" || pt.Phase != "") && pt.Type != partnership.TypeSchool && pt.Type != partnership.TypeCollege {
			fs = append(fs, finding.Finding{Code: "listing.partner-sector", Severity: finding.Error,
				Path: fmt.Sprintf("/partners/%d", i), Message: fmt.Sprintf("Only schools and colleges have a sector and a phase: leave them out for %s.", pt.Name)})
		}
	}
	if len(fs) > 0 {
		return listingDoc{}, &ValidationError{What: "listing", Findings: fs}
	}
	if l.FocusAreas == nil {
		l.FocusAreas = []partnership.FocusArea{}
	}
	return l, nil
}

// facets lists what a search may filter a listing by, each once.
func (l listingDoc) facets() [][2]string {
	var fs [][2]string
	add := func(facet, value string) {
		if value = normalise(value); value != "" {
			fs = append(fs, [2]string{facet, value})
		}
	}
	add("model", string(l.Model))
	add("stage", string(l.Stage))
	for _, f := range l.FocusAreas {
		add("focus", string(f))
	}
	for _, p := range l.Partners {
		add("type", string(p.Type))
		add("sector", string(p.Sector))
		add("phase", string(p.Phase))
		add("area", p.Area)
	}
	slices.SortFunc(fs, func(a, b [2]string) int { return strings.Compare(a[0]+"\x00"+a[1], b[0]+"\x00"+b[1]) })
	return slices.Compact(fs)
}

// normalise is how facet values are compared: trimmed, lower case, with
// runs of spaces as one.
func normalise(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }

// PublishListing publishes, or publishes again, a partnership's listing in
// the public directory from a listing document (schema listing). A
// listing published again keeps its id and its address. The listing is
// checked first; one with problems is refused with a *ValidationError and
// nothing is published. A listing that shows its band shows the band of
// the latest round as it is when the listing is published. Administrators and the partnership's coordinators
// may.
func (r *Register) PublishListing(ctx context.Context, p Principal, partnershipID uuid.UUID, doc []byte) (ListingStatus, error) {
	if err := r.canManage(ctx, p, partnershipID); err != nil {
		return ListingStatus{}, fmt.Errorf("publish a listing: %w", err)
	}
	l, err := checkListing(doc)
	if err != nil {
		return ListingStatus{}, err
	}
	var band any
	if l.ShowBand {
		if b, err := r.latestBand(ctx, partnershipID); err != nil {
			return ListingStatus{}, fmt.Errorf("publish a listing: %w", err)
		} else if b != "" {
			band = b
		}
	}
	body, err := json.Marshal(l)
	if err != nil {
		return ListingStatus{}, err
	}
	pid := partnershipID.String()
	stmts := append([]Stmt{{Query: `INSERT INTO listings (partnership_id, id, name, body, band, published_at, withdrawn_at) VALUES (?, ?, ?, ?, ?, ?, NULL)
			ON CONFLICT (partnership_id) DO UPDATE SET name = excluded.name, body = excluded.body, band = excluded.band,
			published_at = excluded.published_at, withdrawn_at = NULL`,
		Args: []any{pid, uuid.NewString(), l.Name, string(body), band, millis(r.clock())}}}, indexListing(pid, l)...)
	if err := r.exec.Exec(ctx, stmts...); err != nil {
		return ListingStatus{}, fmt.Errorf("publish a listing: %w", err)
	}
	return r.listingOf(ctx, partnershipID)
}

// indexListing returns the statements that make the search index of the
// partnership pid's listing from its document l: they clear its rows of
// listing_facets and listings_fts, then write its facets and its free text
// (name and summary) again. The listing's row must be written first, in
// the same batch. Publishing and Import both index a listing this way.
func indexListing(pid string, l listingDoc) []Stmt {
	idOf := "(SELECT id FROM listings WHERE partnership_id = ?)"
	stmts := []Stmt{
		{Query: "DELETE FROM listing_facets WHERE listing_id = " + idOf, Args: []any{pid}},
		{Query: "DELETE FROM listings_fts WHERE listing_id = " + idOf, Args: []any{pid}},
		{Query: "INSERT INTO listings_fts (listing_id, name, summary) SELECT id, ?, ? FROM listings WHERE partnership_id = ?",
			Args: []any{l.Name, l.Summary, pid}},
	}
	for chunk := range slices.Chunk(l.facets(), facetChunk) {
		var q strings.Builder
		q.WriteString("INSERT INTO listing_facets (listing_id, facet, value) SELECT l.id, v.column1, v.column2 FROM listings l, (VALUES ")
		args := make([]any, 0, 2*len(chunk)+1)
		for i, f := range chunk {
			if i > 0 {
				q.WriteString(", ")
			}
			q.WriteString("(?, ?)")
			args = append(args, f[0], f[1])
		}
		q.WriteString(") v WHERE l.partnership_id = ? ON CONFLICT DO NOTHING")
		stmts = append(stmts, Stmt{Query: q.String(), Args: append(args, pid)})
	}
	return stmts
}

// latestBand is the band of the partnership's latest round that has
// opened, as its report shows it (none while too few have answered).
func (r *Register) latestBand(ctx context.Context, pid uuid.UUID) (string, error) {
	var id string
	err := r.db.QueryRowContext(ctx, "SELECT id FROM rounds WHERE partnership_id = ? AND opens_at <= ? ORDER BY opens_at DESC, id DESC LIMIT 1",
		pid.String(), millis(r.clock())).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	rep, err := r.RoundReport(ctx, Operator(), uuid.MustParse(id))
	if err != nil || rep.Combined == nil {
		return "", err
	}
	return rep.Combined.Band, nil
}

// WithdrawListing takes a partnership's listing out of the directory, at
// once: it is gone from every search and its page. Publishing again
// brings it back at the same address. Withdrawing a withdrawn listing
// changes nothing. Administrators and the partnership's coordinators may.
func (r *Register) WithdrawListing(ctx context.Context, p Principal, partnershipID uuid.UUID) (ListingStatus, error) {
	if err := r.canManage(ctx, p, partnershipID); err != nil {
		return ListingStatus{}, fmt.Errorf("withdraw a listing: %w", err)
	}
	if _, err := r.listingOf(ctx, partnershipID); err != nil {
		return ListingStatus{}, err
	}
	pid := partnershipID.String()
	idOf := "(SELECT id FROM listings WHERE partnership_id = ?)"
	err := r.exec.Exec(ctx,
		Stmt{Query: "UPDATE listings SET withdrawn_at = ? WHERE partnership_id = ? AND withdrawn_at IS NULL", Args: []any{millis(r.clock()), pid}},
		Stmt{Query: "DELETE FROM listing_facets WHERE listing_id = " + idOf, Args: []any{pid}},
		Stmt{Query: "DELETE FROM listings_fts WHERE listing_id = " + idOf, Args: []any{pid}})
	if err != nil {
		return ListingStatus{}, fmt.Errorf("withdraw a listing: %w", err)
	}
	return r.listingOf(ctx, partnershipID)
}

// PartnershipListing returns a partnership's listing, published or
// withdrawn, for its coordinators and administrators; ErrNotFound if it
// has never been published.
func (r *Register) PartnershipListing(ctx context.Context, p Principal, partnershipID uuid.UUID) (ListingStatus, error) {
	if err := r.canManage(ctx, p, partnershipID); err != nil {
		return ListingStatus{}, fmt.Errorf("listing: %w", err)
	}
	return r.listingOf(ctx, partnershipID)
}

const listingColumns = "SELECT l.id, l.body, l.band, l.published_at, l.withdrawn_at FROM listings l"

func (r *Register) listingOf(ctx context.Context, pid uuid.UUID) (ListingStatus, error) {
	rows, err := r.db.QueryContext(ctx, listingColumns+" WHERE l.partnership_id = ?", pid.String())
	if err != nil {
		return ListingStatus{}, fmt.Errorf("listing: %w", err)
	}
	ls, err := scanListings(rows)
	if err != nil {
		return ListingStatus{}, fmt.Errorf("listing: %w", err)
	}
	if len(ls) == 0 {
		return ListingStatus{}, fmt.Errorf("listing of partnership %s: %w", pid, ErrNotFound)
	}
	return ls[0], nil
}

func scanListings(rows *sql.Rows) ([]ListingStatus, error) {
	defer rows.Close()
	var ls []ListingStatus
	for rows.Next() {
		var id, body string
		var band sql.NullString
		var published int64
		var withdrawn sql.NullInt64
		if err := rows.Scan(&id, &body, &band, &published, &withdrawn); err != nil {
			return nil, err
		}
		var doc listingDoc
		if err := json.Unmarshal([]byte(body), &doc); err != nil {
			return nil, fmt.Errorf("listing %s: the stored listing: %w", id, err)
		}
		l := ListingStatus{Listing: Listing{ID: uuid.MustParse(id), Name: doc.Name, Summary: doc.Summary, Model: doc.Model,
			Stage: doc.Stage, FocusAreas: doc.FocusAreas, Partners: doc.Partners, Contact: doc.Contact, ShowBand: doc.ShowBand,
			PublishedAt: fromMillis(published)}, WithdrawnAt: nullMillis(withdrawn)}
		if doc.ShowBand {
			l.Band = band.String
		}
		if l.FocusAreas == nil {
			l.FocusAreas = []partnership.FocusArea{}
		}
		if l.Partners == nil {
			l.Partners = []ListedPartner{}
		}
		l.Withdrawn = withdrawn.Valid
		ls = append(ls, l)
	}
	return ls, rows.Err()
}

// Listing returns a published listing by its id, to anyone: no token is
// needed. A withdrawn listing, or one never published, is ErrNotFound.
func (r *Register) Listing(ctx context.Context, id uuid.UUID) (Listing, error) {
	rows, err := r.db.QueryContext(ctx, listingColumns+" WHERE l.id = ? AND l.withdrawn_at IS NULL", id.String())
	if err != nil {
		return Listing{}, fmt.Errorf("listing %s: %w", id, err)
	}
	ls, err := scanListings(rows)
	if err != nil {
		return Listing{}, fmt.Errorf("listing %s: %w", id, err)
	}
	if len(ls) == 0 {
		return Listing{}, fmt.Errorf("listing %s: %w", id, ErrNotFound)
	}
	return ls[0].Listing, nil
}

// DirectoryQuery is a search of the directory. Within one filter any
// value may match (focus area teaching or curriculum); every filter given
// must match (a primary school in Leeds). Text matches words of the name
// and summary, each word as a prefix; results with text are ranked by
// how well they match (BM25), otherwise by name.
type DirectoryQuery struct {
	Text       string
	FocusAreas []string
	Types      []string // partner types
	Sectors    []string
	Phases     []string
	Areas      []string
	Stages     []string
	Models     []string
	Page       int // from 1; 0 means 1
	PageSize   int // 0 means DefaultPageSize; at most MaxPageSize
}

// DirectoryPage is one page of a directory search.
type DirectoryPage struct {
	Listings []Listing `json:"listings"`
	Total    int       `json:"total"` // listings matching, on every page
	Page     int       `json:"page"`
	PageSize int       `json:"pageSize"`
}

// ftsQuery turns free text into an FTS5 query: each word, quoted, as a
// prefix, all of them required. Nothing the user types is FTS5 syntax.
func ftsQuery(text string) string {
	if len(text) > maxSearchText {
		text = text[:maxSearchText]
	}
	words := strings.FieldsFunc(text, func(c rune) bool { return !unicode.IsLetter(c) && !unicode.IsDigit(c) })
	if len(words) > MaxSearchWords {
		words = words[:MaxSearchWords]
	}
	for i, w := range words {
		words[i] = `"` + strings.ToLower(w) + `"*`
	}
	return strings.Join(words, " ")
}

// SearchListings searches the published listings. Anyone may: no token is
// needed, and only what coordinators published is read.
func (r *Register) SearchListings(ctx context.Context, q DirectoryQuery) (DirectoryPage, error) {
	page := DirectoryPage{Listings: []Listing{}, Page: min(max(q.Page, 1), maxPage), PageSize: q.PageSize}
	if page.PageSize <= 0 {
		page.PageSize = DefaultPageSize
	}
	page.PageSize = min(page.PageSize, MaxPageSize)
	from, order := " FROM listings l", " ORDER BY l.name, l.id"
	where := []string{"l.withdrawn_at IS NULL"}
	var args []any
	if text := ftsQuery(q.Text); text != "" {
		from = " FROM listings_fts f JOIN listings l ON l.id = f.listing_id"
		where = append(where, "listings_fts MATCH ?")
		args = append(args, text)
		order = " ORDER BY f.rank, l.name, l.id"
	}
	for _, f := range []struct {
		facet  string
		values []string
	}{{"focus", q.FocusAreas}, {"type", q.Types}, {"sector", q.Sectors}, {"phase", q.Phases}, {"area", q.Areas}, {"stage", q.Stages}, {"model", q.Models}} {
		var vs []string
		for _, v := range f.values {
			if v = normalise(v); v != "" && !slices.Contains(vs, v) && len(vs) < maxFacetValues {
				vs = append(vs, v)
			}
		}
		if len(vs) == 0 {
			continue
		}
		// IN, not EXISTS: SQLite may start from the facet's index rows.
		where = append(where, "l.id IN (SELECT x.listing_id FROM listing_facets x WHERE x.facet = ? AND x.value IN (?"+strings.Repeat(", ?", len(vs)-1)+"))")
		args = append(args, f.facet)
		for _, v := range vs {
			args = append(args, v)
		}
	}
	cond := from + " WHERE " + strings.Join(where, " AND ")
	if err := r.db.QueryRowContext(ctx, "SELECT COUNT(*)"+cond, args...).Scan(&page.Total); err != nil {
		return DirectoryPage{}, fmt.Errorf("search the directory: %w", err)
	}
	if page.Total == 0 || (page.Page-1)*page.PageSize >= page.Total {
		return page, nil
	}
	rows, err := r.db.QueryContext(ctx, "SELECT l.id, l.body, l.band, l.published_at, l.withdrawn_at"+cond+order+" LIMIT ? OFFSET ?",
		append(args, page.PageSize, (page.Page-1)*page.PageSize)...)
	if err != nil {
		return DirectoryPage{}, fmt.Errorf("search the directory: %w", err)
	}
	ls, err := scanListings(rows)
	if err != nil {
		return DirectoryPage{}, fmt.Errorf("search the directory: %w", err)
	}
	for _, l := range ls {
		page.Listings = append(page.Listings, l.Listing)
	}
	return page, nil
}
