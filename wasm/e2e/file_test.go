//go:build !(js && wasm)

package e2e_test

import (
	"encoding/base64"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestFilePicker chooses files for a data-url field (the club's logo,
// whose maxLength lets it take 66 KB) as a person would: a small PNG
// becomes its data: URL, with its media type and its bytes in base64; a
// file too large for the field is refused with a message beside it, and
// the logo attached before is kept; and a huge file (8 GB, sparse on
// disk) is refused from its size alone, without being read, as quickly.
func TestFilePicker(t *testing.T) {
	tb := openClub(t)
	hint := func() string { return eval[string](tb, club("form__logo-hint")+".textContent") }
	logo := func() any {
		return eval[map[string]any](tb, `document.querySelector("`+clubHost+`").value`)["logo"]
	}
	assert.Equal(t, "A small picture of the club's badge. No file chosen yet. It can be up to 66 KB.", hint())

	// A real PNG: the page's own icon.
	png, err := os.ReadFile("../web/icon-192.png")
	require.NoError(t, err)
	small := filepath.Join(t.TempDir(), "badge.png")
	require.NoError(t, os.WriteFile(small, png, 0o644))
	tb.do(chromedp.SetUploadFiles(chromedp.JSPath(club("form__logo")), []string{small}))
	require.Eventually(t, func() bool {
		return strings.HasPrefix(hint(), "A small picture of the club's badge. A file is attached")
	},
		10*time.Second, 50*time.Millisecond, hint())
	want := "data:image/png;base64," + base64.StdEncoding.EncodeToString(png)
	assert.Equal(t, want, logo())
	events := hostEvents(tb)
	require.NotEmpty(t, events)
	assert.Equal(t, want, events[len(events)-1].Detail.Value["logo"], "the page hears of it")
	assert.Contains(t, hint(), "A file is attached: image/png, 1 KB.")

	// Too large for the field: refused, and the logo is kept.
	big := filepath.Join(t.TempDir(), "poster.png")
	require.NoError(t, os.WriteFile(big, make([]byte, 100<<10), 0o644))
	tb.do(chromedp.SetUploadFiles(chromedp.JSPath(club("form__logo")), []string{big}))
	assert.Equal(t, "Error: This file is 100 KB, larger than the 66 KB this form takes: choose a smaller one. The file attached before is kept.",
		clubMessage(tb, "form__logo"))
	assert.Equal(t, want, logo(), "nothing is lost")
	assert.Empty(t, eval[string](tb, club("form__logo")+".value"), "the file input no longer holds the refused file")
	assert.Contains(t, hint(), "A file is attached")

	// A hostile file, far larger than memory: refused by its size.
	huge := filepath.Join(t.TempDir(), "huge.png")
	f, err := os.Create(huge)
	require.NoError(t, err)
	require.NoError(t, f.Truncate(8<<30))
	require.NoError(t, f.Close())
	tb.do(chromedp.SetUploadFiles(chromedp.JSPath(club("form__logo")), []string{huge}))
	require.Eventually(t, func() bool {
		return strings.Contains(eval[string](tb, club("form__logo-msg")+".textContent"), "This file is 8 GB")
	}, 10*time.Second, 50*time.Millisecond)
	assert.Equal(t, want, logo(), "nothing is lost")

	// The form goes on working, and a file that fits puts it right.
	tb.do(chromedp.SetUploadFiles(chromedp.JSPath(club("form__logo")), []string{small}))
	noClubMessage(tb, "form__logo")
	assert.Equal(t, want, logo())
	tb.axe("body")
}
