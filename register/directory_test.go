package register_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/google/uuid"
	"github.com/partnerkit/partnerkit/register"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const listingA = `{"name": "Riverside STEM Partnership", "summary": "Primary and secondary schools sharing science teaching with the university.",
	"model": "hub-and-spoke", "stage": "embed", "focusAreas": ["teaching", "cpd"], "contact": "partnerships@riverside.example",
	"partners": [{"name": "St Aidan's School", "type": "school", "sector": "state", "phase": "secondary", "area": "Leeds"},
		{"name": "University of Riverside", "type": "university", "area": "Leeds"}]}`

const listingB = `{"name": "Coastal Reading Network", "summary": "Schools on the coast reading together; Zoë's café hosts the book club.",
	"model": "broad-area", "stage": "build", "focusAreas": ["curriculum"], "showBand": true,
	"partners": [{"name": "Bay Primary", "type": "school", "sector": "independent", "phase": "primary", "area": "North East"},
		{"name": "Coast Readers", "type": "charity"}]}`

func names(page register.DirectoryPage) []string {
	var ns []string
	for _, l := range page.Listings {
		ns = append(ns, l.Name)
	}
	return ns
}

func TestDirectoryPublishSearchWithdraw(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t, register.Options{})
	a, err := w.r.PublishListing(ctx, w.p["coordinator"], w.a, []byte(listingA))
	require.NoError(t, err)
	b, err := w.r.PublishListing(ctx, w.p["coordinatorB"], w.b, []byte(listingB))
	require.NoError(t, err)
	assert.NotEqual(t, w.a, a.ID, "the listing has its own id, not the partnership's")
	assert.Empty(t, b.Band, "no round has enough answers for a band")

	tests := []struct {
		name string
		q    register.DirectoryQuery
		want []string
	}{
		{"everything by name", register.DirectoryQuery{}, []string{"Coastal Reading Network", "Riverside STEM Partnership"}},
		{"focus area", register.DirectoryQuery{FocusAreas: []string{"teaching"}}, []string{"Riverside STEM Partnership"}},
		{"focus areas: any", register.DirectoryQuery{FocusAreas: []string{"teaching", "curriculum"}}, []string{"Coastal Reading Network", "Riverside STEM Partnership"}},
		{"partner type", register.DirectoryQuery{Types: []string{"charity"}}, []string{"Coastal Reading Network"}},
		{"sector", register.DirectoryQuery{Sectors: []string{"independent"}}, []string{"Coastal Reading Network"}},
		{"phase", register.DirectoryQuery{Phases: []string{"secondary"}}, []string{"Riverside STEM Partnership"}},
		{"area, any case", register.DirectoryQuery{Areas: []string{"  north   EAST "}}, []string{"Coastal Reading Network"}},
		{"stage", register.DirectoryQuery{Stages: []string{"build"}}, []string{"Coastal Reading Network"}},
		{"every filter must match", register.DirectoryQuery{Types: []string{"charity"}, Areas: []string{"Leeds"}}, nil},
		{"text prefix", register.DirectoryQuery{Text: "scien"}, []string{"Riverside STEM Partnership"}},
		{"text without accents", register.DirectoryQuery{Text: "zoe cafe"}, []string{"Coastal Reading Network"}},
		{"text and filter", register.DirectoryQuery{Text: "schools", Stages: []string{"embed"}}, []string{"Riverside STEM Partnership"}},
		{"FTS5 syntax is only words", register.DirectoryQuery{Text: `NEAR("a" OR *) : ^ -reading`}, nil},
		{"hostile text", register.DirectoryQuery{Text: `'; DROP TABLE listings; --`}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page, err := w.r.SearchListings(ctx, tt.q)
			require.NoError(t, err)
			assert.Equal(t, tt.want, names(page))
			assert.Equal(t, len(tt.want), page.Total)
		})
	}

	// Pages are bounded.
	page, err := w.r.SearchListings(ctx, register.DirectoryQuery{PageSize: 1, Page: 2})
	require.NoError(t, err)
	assert.Equal(t, []string{"Riverside STEM Partnership"}, names(page))
	assert.Equal(t, 2, page.Total)
	page, err = w.r.SearchListings(ctx, register.DirectoryQuery{PageSize: 1 << 30})
	require.NoError(t, err)
	assert.Equal(t, register.MaxPageSize, page.PageSize)

	// Only what was published is returned.
	got, err := w.r.Listing(ctx, a.ID)
	require.NoError(t, err)
	assert.Equal(t, "partnerships@riverside.example", got.Contact)
	assert.Equal(t, "Leeds", got.Partners[0].Area)

	// Publishing again keeps the id and replaces the facets.
	again, err := w.r.PublishListing(ctx, w.p["coordinator"], w.a, []byte(strings.Replace(listingA, `"teaching", `, "", 1)))
	require.NoError(t, err)
	assert.Equal(t, a.ID, again.ID)
	page, err = w.r.SearchListings(ctx, register.DirectoryQuery{FocusAreas: []string{"teaching"}})
	require.NoError(t, err)
	assert.Empty(t, page.Listings)

	// Withdrawn: gone at once from search and from its page.
	st, err := w.r.WithdrawListing(ctx, w.p["coordinator"], w.a)
	require.NoError(t, err)
	assert.True(t, st.Withdrawn)
	page, err = w.r.SearchListings(ctx, register.DirectoryQuery{Text: "riverside"})
	require.NoError(t, err)
	assert.Empty(t, page.Listings)
	page, err = w.r.SearchListings(ctx, register.DirectoryQuery{})
	require.NoError(t, err)
	assert.Equal(t, []string{"Coastal Reading Network"}, names(page))
	_, err = w.r.Listing(ctx, a.ID)
	require.ErrorIs(t, err, register.ErrNotFound)
	_, err = w.r.Listing(ctx, uuid.New())
	require.ErrorIs(t, err, register.ErrNotFound)

	// Published again: back at the same address.
	back, err := w.r.PublishListing(ctx, w.p["admin"], w.a, []byte(listingA))
	require.NoError(t, err)
	assert.Equal(t, a.ID, back.ID)
	_, err = w.r.Listing(ctx, a.ID)
	require.NoError(t, err)
}

func TestDirectoryAccess(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t, register.Options{})
	for name, want := range map[string]error{
		"coordinatorB": register.ErrNotFound, // another partnership's coordinator
		"respondent":   register.ErrForbidden,
		"respondentB":  register.ErrNotFound,
	} {
		_, err := w.r.PublishListing(ctx, w.p[name], w.a, []byte(listingA))
		require.ErrorIs(t, err, want, name)
		_, err = w.r.WithdrawListing(ctx, w.p[name], w.a)
		require.ErrorIs(t, err, want, name)
	}
	_, err := w.r.PublishListing(ctx, register.Principal{}, w.a, []byte(listingA))
	require.ErrorIs(t, err, register.ErrUnauthenticated)
	_, err = w.r.WithdrawListing(ctx, w.p["coordinator"], w.a)
	require.ErrorIs(t, err, register.ErrNotFound, "never published")
}

func TestDirectoryListingIsChecked(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t, register.Options{})
	for _, tt := range []struct{ name, doc, code, path string }{
		{"not JSON", `{"name": `, "syntax", ""},
		{"no summary", `{"name": "A", "model": "broad-area", "partners": [{"name": "B", "type": "school"}]}`, "schema", ""},
		{"unknown field", strings.Replace(listingA, `"stage"`, `"scores": 3, "stage"`, 1), "schema", ""},
		{"blank summary", strings.Replace(listingA, `"Primary and secondary schools sharing science teaching with the university."`, `"   "`, 1), "listing.summary", "/summary"},
		{"sector of a university", strings.Replace(listingA, `"type": "university",`, `"type": "university", "sector": "state",`, 1), "listing.partner-sector", "/partners/1"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := w.r.PublishListing(ctx, w.p["coordinator"], w.a, []byte(tt.doc))
			var ve *register.ValidationError
			require.ErrorAs(t, err, &ve)
			require.NotEmpty(t, ve.Findings)
			assert.Equal(t, tt.code, ve.Findings[0].Code)
			if tt.path != "" {
				assert.Equal(t, tt.path, ve.Findings[0].Path)
			}
			assert.NotEmpty(t, ve.Findings[0].Message)
		})
	}
	page, err := w.r.SearchListings(ctx, register.DirectoryQuery{})
	require.NoError(t, err)
	assert.Empty(t, page.Listings, "nothing was published")
}

func TestProgrammeView(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t, register.Options{AnonymityThreshold: 1})
	for i, who := range []string{"shared", "shared", "peer"} {
		set := uuid.New()
		_, err := w.r.Submit(ctx, w.p[who], register.SubmissionInput{Key: set.String(), AnswerSet: set, Assessment: answers(1+i, 1, 1, 1+i, 2)})
		require.NoError(t, err)
	}
	_, err := w.r.Programme(ctx, w.p["coordinator"], register.ProgrammeQuery{})
	require.ErrorIs(t, err, register.ErrForbidden)
	_, err = w.r.Programme(ctx, register.Principal{}, register.ProgrammeQuery{})
	require.ErrorIs(t, err, register.ErrUnauthenticated)
	_, err = w.r.Programme(ctx, w.p["admin"], register.ProgrammeQuery{Sort: "colour"})
	var ve *register.ValidationError
	require.ErrorAs(t, err, &ve)
	_, err = w.r.Programme(ctx, w.p["admin"], register.ProgrammeQuery{Valid: "maybe"})
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, "/valid", ve.Findings[0].Path)

	prog, err := w.r.Programme(ctx, w.p["admin"], register.ProgrammeQuery{})
	require.NoError(t, err)
	require.Len(t, prog.Rows, 2)
	assert.Equal(t, 2, prog.Total)
	var riverside register.ProgrammeRow
	for _, row := range prog.Rows {
		if row.ID == w.a {
			riverside = row
		}
	}
	require.NotNil(t, riverside.Latest)
	assert.Equal(t, 3, riverside.Latest.Responses)
	require.NotNil(t, riverside.Latest.Overall)
	assert.NotEmpty(t, riverside.Latest.Band)
	assert.True(t, riverside.MOU.Valid)
	assert.NotZero(t, riverside.MOU.Partners)
	assert.NotEmpty(t, riverside.Partners)
	require.NotEmpty(t, prog.RollUp)
	assert.Contains(t, prog.RollUp[0].SVG, `role="img"`)
	assert.Contains(t, prog.RollUp[0].SVG, "aria-label=")

	// Filters and sorts.
	only, err := w.r.Programme(ctx, w.p["admin"], register.ProgrammeQuery{Search: "RIVERSIDE"})
	require.NoError(t, err)
	require.Len(t, only.Rows, 1)
	assert.Equal(t, w.a, only.Rows[0].ID)
	drafts, err := w.r.Programme(ctx, w.p["admin"], register.ProgrammeQuery{Valid: "false"})
	require.NoError(t, err)
	for _, row := range drafts.Rows {
		assert.False(t, row.MOU.Valid)
		assert.Contains(t, row.Attention, register.AttentionDraft)
	}
	for _, key := range register.ProgrammeSorts() {
		asc, err := w.r.Programme(ctx, w.p["admin"], register.ProgrammeQuery{Sort: key})
		require.NoError(t, err, key)
		desc, err := w.r.Programme(ctx, w.p["admin"], register.ProgrammeQuery{Sort: key, Desc: true})
		require.NoError(t, err, key)
		assert.Len(t, desc.Rows, 2, key)
		assert.ElementsMatch(t, asc.Rows, desc.Rows, key)
	}
	byScore, err := w.r.Programme(ctx, w.p["admin"], register.ProgrammeQuery{Sort: "score", Desc: true})
	require.NoError(t, err)
	assert.Equal(t, w.a, byScore.Rows[0].ID, "the only scored partnership comes first")

	// New answers are in the next view: the round's summary is made again.
	before := *riverside.Latest.Overall
	set := uuid.New()
	_, err = w.r.Submit(ctx, w.p["shared"], register.SubmissionInput{Key: set.String(), AnswerSet: set, Assessment: answers(5, 5, 5, 5, 5)})
	require.NoError(t, err)
	after, err := w.r.Programme(ctx, w.p["admin"], register.ProgrammeQuery{Search: "riverside"})
	require.NoError(t, err)
	require.Len(t, after.Rows, 1)
	assert.Equal(t, 4, after.Rows[0].Latest.Responses)
	assert.Greater(t, *after.Rows[0].Latest.Overall, before)
	// Changed answers, as many as before, are seen too.
	_, err = w.r.Submit(ctx, w.p["shared"], register.SubmissionInput{Key: "again", AnswerSet: set, Revision: 2, Assessment: answers(1, 1, 1, 1, 1)})
	require.NoError(t, err)
	changed, err := w.r.Programme(ctx, w.p["admin"], register.ProgrammeQuery{Search: "riverside"})
	require.NoError(t, err)
	assert.Equal(t, 4, changed.Rows[0].Latest.Responses)
	assert.Less(t, *changed.Rows[0].Latest.Overall, *after.Rows[0].Latest.Overall)

	// Below the anonymity threshold, no scores are shown.
	w2 := newWorld(t, register.Options{})
	set = uuid.New()
	_, err = w2.r.Submit(ctx, w2.p["shared"], register.SubmissionInput{Key: set.String(), AnswerSet: set, Assessment: answers(5, 5, 5, 5, 5)})
	require.NoError(t, err)
	few, err := w2.r.Programme(ctx, w2.p["admin"], register.ProgrammeQuery{Search: "riverside"})
	require.NoError(t, err)
	require.NotNil(t, few.Rows[0].Latest)
	assert.Equal(t, 1, few.Rows[0].Latest.Responses)
	assert.Nil(t, few.Rows[0].Latest.Overall)
	assert.Contains(t, few.Rows[0].Attention, register.AttentionFew)
	assert.Empty(t, few.RollUp)
}

func TestProgrammeCSV(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t, register.Options{})
	prog, err := w.r.Programme(ctx, w.p["admin"], register.ProgrammeQuery{})
	require.NoError(t, err)
	hostile := prog.Rows[0]
	hostile.Name = "=HYPERLINK(\"http://evil.example\")"
	rows := append(prog.Rows, hostile)
	rows[1].Name = "Ysgol Gymraeg Aberhonddu — Zoë’s ‘partnership’"
	var buf bytes.Buffer
	require.NoError(t, register.WriteProgrammeCSV(&buf, rows))
	data := buf.Bytes()
	require.True(t, bytes.HasPrefix(data, []byte("\ufeff")), "a byte order mark, for spreadsheets")
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\ufeff")))).ReadAll()
	require.NoError(t, err)
	require.Len(t, recs, len(rows)+1)
	assert.Equal(t, register.ProgrammeCSVHeader(), recs[0])
	assert.Equal(t, "Ysgol Gymraeg Aberhonddu — Zoë’s ‘partnership’", recs[2][1])
	assert.Equal(t, "'=HYPERLINK(\"http://evil.example\")", recs[3][1])
	for _, rec := range recs[1:] {
		require.Len(t, rec, len(recs[0]))
		for _, cell := range rec {
			if cell != "" {
				assert.NotContains(t, "=+-@", cell[:1], "cell %q", cell)
			}
		}
	}
}
