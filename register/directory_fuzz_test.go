package register_test

import (
	"context"
	"testing"

	"github.com/partnerkit/partnerkit/register"
)

// FuzzSearchListings searches with any text and any facet value: a
// search never fails, whatever is typed (FTS5 syntax included), and
// never returns more than a page.
func FuzzSearchListings(f *testing.F) {
	w := newWorld(f, register.Options{})
	ctx := context.Background()
	if _, err := w.r.PublishListing(ctx, w.p["coordinator"], w.a, []byte(listingA)); err != nil {
		f.Fatal(err)
	}
	for _, s := range []string{"", "science", `"`, "NEAR(a b)", "a OR b", "*", "-x", "^", "col:x", "'; DROP TABLE listings; --", "\x00", "Zoë café", "ℵ₀ ∞"} {
		f.Add(s, s, 1, 5)
	}
	f.Fuzz(func(t *testing.T, text, facet string, page, size int) {
		res, err := w.r.SearchListings(ctx, register.DirectoryQuery{Text: text, Areas: []string{facet}, FocusAreas: []string{facet, "teaching"},
			Page: page % 1000, PageSize: size})
		if err != nil {
			t.Fatalf("search %q, %q: %v", text, facet, err)
		}
		if len(res.Listings) > register.MaxPageSize || res.PageSize > register.MaxPageSize || res.PageSize < 1 {
			t.Fatalf("a page of %d (page size %d)", len(res.Listings), res.PageSize)
		}
	})
}
