package pointer

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestDotted(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", "document"},
		{"/partnership/partners/2/urn", "partnership.partners[2].urn"},
		{"/answers/sg1", "answers.sg1"},
		{"/notes/a~1b", `notes["a/b"]`},
		{"/notes/with space", `notes["with space"]`},
		{"/0", "[0]"},
		{"/$schema", "$schema"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, Dotted(tt.in), tt.in)
	}
}

func TestJoinAndTokens(t *testing.T) {
	p := Join("/notes", "a/b", "c~d")
	assert.Equal(t, "/notes/a~1b/c~0d", p)
	assert.Equal(t, []string{"notes", "a/b", "c~d"}, Tokens(p))
	assert.Equal(t, "/objectives/3", Index("/objectives", 3))
	assert.Nil(t, Tokens(""))
}

func TestCompare(t *testing.T) {
	assert.Equal(t, -1, Compare("/a/2", "/a/10"))
	assert.Equal(t, 1, Compare("/b", "/a/1"))
	assert.Equal(t, -1, Compare("/a", "/a/0"))
	assert.Equal(t, 0, Compare("/a/x", "/a/x"))
}

// Escape and unescape are the strings.Replacers they replace, written out.
func escapeAgrees(t *testing.T, s string) {
	t.Helper()
	assert.Equal(t, strings.NewReplacer("~", "~0", "/", "~1").Replace(s), Escape(s), "escape %q", s)
	assert.Equal(t, strings.NewReplacer("~1", "/", "~0", "~").Replace(s), unescape(s), "unescape %q", s)
	assert.Equal(t, s, unescape(Escape(s)), "round trip %q", s)
}

func TestEscapeAgreesWithReplacer(t *testing.T) {
	for _, s := range []string{"", "a", "~", "/", "~0", "~1", "~01", "~~1", "~2", "a/b~c", "~10", "é/~"} {
		escapeAgrees(t, s)
	}
}

func FuzzEscape(f *testing.F) {
	for _, s := range []string{"a/b", "~01", "~~1~"} {
		f.Add(s)
	}
	f.Fuzz(escapeAgrees)
}
