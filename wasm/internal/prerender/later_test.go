package prerender

import (
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// unlater is what a browser makes of Later's page once boot.js has put
// back all that it held.
func unlater(page string) string {
	return held.ReplaceAllString(page, "$1")
}

var held = regexp.MustCompile(`<script type="text/plain" data-pk-later>([\s\S]*?)</script>`)

const lo, lc = laterOpen, laterClose

func TestLaterSplits(t *testing.T) {
	const (
		p10 = "<p>123456</p>" // 13 bytes
	)
	for _, tc := range []struct {
		name         string
		page, want   string
		first, chunk int
	}{{
		name:  "what fits stays",
		page:  `<div data-view="a">` + p10 + p10 + `</div>`,
		want:  `<div data-view="a">` + p10 + p10 + `</div>`,
		first: 26, chunk: 13,
	}, {
		name:  "the rest in chunks",
		page:  `<div data-view="a">` + p10 + "\n" + p10 + "\n" + p10 + "\n" + p10 + "\n" + p10 + `</div>`,
		want:  `<div data-view="a">` + p10 + "\n" + lo + p10 + "\n" + p10 + lc + "\n" + lo + p10 + "\n" + p10 + lc + `</div>`,
		first: 13, chunk: 26,
	}, {
		name:  "into a section too large to keep whole",
		page:  `<div data-view="a"><section>` + p10 + p10 + `</section>` + p10 + `</div>`,
		want:  `<div data-view="a"><section>` + p10 + lo + p10 + lc + `</section>` + lo + p10 + lc + `</div>`,
		first: 30, chunk: 40,
	}, {
		name:  "once the first screen is full, a section is held back whole",
		page:  `<div data-view="a">` + p10 + `<section>` + p10 + p10 + `</section>` + p10 + `</div>`,
		want:  `<div data-view="a">` + p10 + lo + `<section>` + p10 + p10 + `</section>` + p10 + lc + `</div>`,
		first: 13, chunk: 100,
	}, {
		name:  "a large section held back in pieces",
		page:  `<div data-view="a">` + p10 + `<section>` + p10 + p10 + p10 + p10 + `</section></div>`,
		want:  `<div data-view="a">` + p10 + `<section>` + lo + p10 + p10 + lc + lo + p10 + p10 + lc + `</section></div>`,
		first: 13, chunk: 26,
	}, {
		name:  "an aside stays",
		page:  `<div data-view="a"><div class="main">` + p10 + p10 + p10 + `</div><aside>` + p10 + p10 + `</aside></div>`,
		want:  `<div data-view="a"><div class="main">` + p10 + lo + p10 + p10 + lc + `</div><aside>` + p10 + p10 + `</aside></div>`,
		first: 31, chunk: 26,
	}, {
		name:  "into a fieldset, its legend kept",
		page:  `<div data-view="a"><fieldset><legend>L</legend>` + p10 + p10 + `</fieldset></div>`,
		want:  `<div data-view="a"><fieldset><legend>L</legend>` + p10 + lo + p10 + lc + `</fieldset></div>`,
		first: 42, chunk: 100,
	}, {
		name:  "never into a small div, a question's",
		page:  `<div data-view="a"><div class="q">` + p10 + p10 + `</div></div>`,
		want:  `<div data-view="a">` + lo + `<div class="q">` + p10 + p10 + `</div>` + lc + `</div>`,
		first: 20, chunk: 1000,
	}, {
		name:  "never into a list",
		page:  `<div data-view="a"><ul><li>1</li><li>2</li><li>3</li></ul></div>`,
		want:  `<div data-view="a">` + lo + `<ul><li>1</li><li>2</li><li>3</li></ul>` + lc + `</div>`,
		first: 20, chunk: 100,
	}, {
		name:  "each view its own first screen",
		page:  `<main><div data-view="a">` + p10 + p10 + `</div><div data-view="b">` + p10 + p10 + `</div></main>`,
		want:  `<main><div data-view="a">` + p10 + lo + p10 + lc + `</div><div data-view="b">` + p10 + lo + p10 + lc + `</div></main>`,
		first: 13, chunk: 100,
	}, {
		name:  "outside the views nothing moves",
		page:  `<header>` + p10 + p10 + p10 + `</header><div data-view="a">` + p10 + `</div>`,
		want:  `<header>` + p10 + p10 + p10 + `</header><div data-view="a">` + p10 + `</div>`,
		first: 13, chunk: 13,
	}, {
		name:  "void elements, text fields and comments",
		page:  `<div data-view="a"><input value="a>b"><!-- <div> --><textarea rows="2"></div></textarea><br/>` + p10 + `</div>`,
		want:  `<div data-view="a"><input value="a>b"><!-- <div> -->` + lo + `<textarea rows="2"></div></textarea><br/>` + p10 + lc + `</div>`,
		first: 20, chunk: 100,
	}, {
		name:  "never a script's end tag or a comment, which would end the text or change it",
		page:  `<div data-view="a">` + p10 + `<div><script>x</script></div>` + "\n" + p10 + `<!-- c -->` + p10 + "\n" + p10 + `</div>`,
		want:  `<div data-view="a">` + p10 + `<div><script>x</script></div>` + "\n" + p10 + `<!-- c -->` + p10 + "\n" + lo + p10 + lc + `</div>`,
		first: 13, chunk: 30,
	}} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := later(tc.page, tc.first, tc.chunk)
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
			assert.Equal(t, tc.page, unlater(got), "put back, what was held gives the page")
		})
	}
}

// TestLaterLeavesWhatItCannotRead proves a page Later cannot read is
// returned as it is, never cut in the wrong place.
func TestLaterLeavesWhatItCannotRead(t *testing.T) {
	for _, page := range []string{
		`<div data-view="a"><p>open`,
		`<div data-view="a"></p></div>`,
		`<div data-view="a"><p class="x>`,
		`<div data-view="a"><textarea>`,
		`<div data-view="a"><!-- never closed`,
		`</div>`,
	} {
		t.Run(page, func(t *testing.T) {
			_, err := later(page, 0, 1)
			require.ErrorIs(t, err, errUnreadable)
			assert.Equal(t, page, Later(page))
		})
	}
}

// TestLaterOnThePage proves what Later does to the real first view: the
// health check keeps its first questions on the page and holds the rest
// back; the MOU builder, shown on a visit to #mou, keeps its first
// fields; put back, what was held gives the page again.
func TestLaterOnThePage(t *testing.T) {
	p, err := Render()
	require.NoError(t, err)
	got := Later(p.HTML)
	require.NotEqual(t, p.HTML, got)
	assert.Equal(t, p.HTML, unlater(got))
	first := got[:strings.Index(got, lo)]
	assert.Contains(t, first, `id="hc__respondent__review"`, "the questions about the respondent are on the first screen")
	assert.Contains(t, first, `id="hc__answers__sg1-0"`, "so is the first question")
	assert.Greater(t, strings.Count(got, lo), 4)
	mou := got[strings.Index(got, `data-view="mou"`):]
	mou = mou[:strings.Index(mou, `data-view="preview"`)]
	assert.Contains(t, mou[:strings.Index(mou, lo)], `id="mou__partnership__stage"`, "the MOU's first fields are on its first screen")
	for i, part := range strings.Split(got, lo)[1:] {
		body := part[:strings.Index(part, lc)]
		assert.LessOrEqual(t, len(body), 3*Chunk, "part %d", i)
		_, err := parse(body)
		assert.NoError(t, err, "part %d is whole elements", i)
	}
}

// FuzzLater proves that whatever the page, Later never panics, and only
// ever holds back what, put back, gives the page again.
func FuzzLater(f *testing.F) {
	p, err := Render()
	require.NoError(f, err)
	f.Add(p.HTML[:min(len(p.HTML), 4000)], 100, 50)
	f.Add(`<div data-view="a"><section><p>x</p><p>y</p></section><p>z</p></div>`, 5, 3)
	f.Add(`<div data-view="a"><textarea></div></textarea><br/><!-- x --></div>`, 1, 1)
	f.Fuzz(func(t *testing.T, page string, first, chunk int) {
		if strings.Contains(page, LaterAttr) {
			return
		}
		got, err := later(page, first, max(chunk, 1))
		if err != nil {
			return
		}
		assert.Equal(t, page, unlater(got))
	})
}
