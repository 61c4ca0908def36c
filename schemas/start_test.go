package schemas

import (
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
)

// dayFirstRegexp is what dayFirstParts matches, as the regexp it replaces.
var dayFirstRegexp = regexp.MustCompile(`^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$`)

func dayFirstAgrees(t *testing.T, s string) {
	t.Helper()
	m, ok := dayFirstParts(s)
	want := dayFirstRegexp.FindStringSubmatch(s)
	if assert.Equal(t, want != nil, ok, "%q", s) && ok {
		assert.Equal(t, want[1:], m[:], "%q", s)
	}
}

// dayFirstParts is the regexp it replaces, written out so that the
// package does not compile a regexp when it starts.
func TestDayFirstPartsAgreesWithRegexp(t *testing.T) {
	for _, s := range []string{
		"16/07/2027", " 1.7.2027 ", "\t16-07-2027\r\n", "16/07/27", "116/07/2027", "16/07/20271",
		"16//2027", "/07/2027", "16/07/", "16/07/2027x", "x16/07/2027", "16\v/07/2027", "\v16/07/2027",
		"16/07-2027", "1a/07/2027", "", " ", "16 / 07 / 2027", "٣/07/2027", "16/07/2027\f", "\u00a016/07/2027",
	} {
		dayFirstAgrees(t, s)
	}
}

func FuzzDayFirstParts(f *testing.F) {
	for _, s := range []string{"16/07/2027", " 1.7.2027 ", "16-07-2027\n", "1/1/1"} {
		f.Add(s)
	}
	f.Fuzz(dayFirstAgrees)
}
