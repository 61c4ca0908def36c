package schemas

import (
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// patterns are the schemas' own and others of the same forms, some of
// which are not simple.
var patterns = []string{
	`^[A-Za-z0-9][A-Za-z0-9._-]*$`, `^[0-9]{6}$`, `^[A-Z]{3}$`, `^[^@]+@[^@]+\.[^@]+$`,
	`^ab*c$`, `^[a-c]+x?[d-f]{2,3}$`, `^$`, `^a{2,}$`, `^[a-z]*[a-z]$`, `^(?i)abc$`, `^a|b$`, `[0-9]{6}`,
	`^[0-9]{6}\z`, `^[a-z]+[0-9]*-?$`, `^(ab)*$`, `^.$`, `^[é]$`, `^\d{2}$`, `^[[:alpha:]]+$`, `^x*y*$`,
}

// The schemas' id, URN and currency patterns are matched without regexp;
// the e-mail pattern, whose classes overlap, is not.
func TestSimplePatterns(t *testing.T) {
	simple := map[string]bool{}
	for _, p := range patterns {
		_, ok := compileSimple(p)
		simple[p] = ok
	}
	for _, p := range []string{`^[A-Za-z0-9][A-Za-z0-9._-]*$`, `^[0-9]{6}$`, `^[A-Z]{3}$`, `^ab*c$`, `^[a-c]+x?[d-f]{2,3}$`, `^$`, `^a{2,}$`, `^\d{2}$`, `^x*y*$`} {
		assert.True(t, simple[p], p)
	}
	for _, p := range []string{`^[^@]+@[^@]+\.[^@]+$`, `^[a-z]*[a-z]$`, `^(?i)abc$`, `^a|b$`, `[0-9]{6}`, `^(ab)*$`, `^.$`, `^[é]$`} {
		assert.False(t, simple[p], p)
	}
	for _, s := range []string{"st-aidans", "o1", "a", "A.b_c-9", "", "-a", "a b", "ŵyr", "a\n", "\xff"} {
		p, ok := compileSimple(`^[A-Za-z0-9][A-Za-z0-9._-]*$`)
		require.True(t, ok)
		assert.Equal(t, regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]*$`).MatchString(s), p.match(s), "%q", s)
	}
}

// The byte matchers agree with regexp on every pattern they take.
func FuzzSimplePattern(f *testing.F) {
	for _, s := range []string{"st-aidans", "100001", "GBP", "abbbc", "ac", "bxde", "aaa", "a\nb", "é", "\xff", "",
		"a@b.c", "a@.c", "a@b.", "@b.c", "a@b@c.d", "ŵyr@ysgol.cymru", "a\n@b\n.\nc", "\xff@\xff.\xff", "a@b..c", "a@bc"} {
		f.Add(s)
	}
	type compiled struct {
		re     *regexp.Regexp
		simple simplePattern
	}
	var all []compiled
	for _, p := range patterns {
		if sp, ok := compileSimple(p); ok {
			all = append(all, compiled{regexp.MustCompile(p), sp})
		}
	}
	email := regexp.MustCompile(emailPattern)
	f.Fuzz(func(t *testing.T, s string) {
		for _, in := range []string{s, "a@" + s, s + "@b.c", "a@b" + s, s + ".c", "@" + s} {
			if email.MatchString(in) != matchEmailPattern(in) {
				t.Fatalf("%s on %q: regexp says %v", email, in, email.MatchString(in))
			}
		}
		for _, c := range all {
			for _, in := range []string{s, strings.ToUpper(s), "st-" + s, s + "1"} {
				if c.re.MatchString(in) != c.simple.match(in) {
					t.Fatalf("%s on %q: regexp says %v", c.re, in, c.re.MatchString(in))
				}
			}
		}
	})
}

func BenchmarkPattern(b *testing.B) {
	const expr = `^[A-Za-z0-9][A-Za-z0-9._-]*$`
	re := regexp.MustCompile(expr)
	sp, ok := compileSimple(expr)
	require.True(b, ok)
	ids := []string{"st-aidans", "riverside-primary", "uni-riverside", "o1", "a12", "not an id"}
	b.Run("regexp", func(b *testing.B) {
		for b.Loop() {
			for _, id := range ids {
				re.MatchString(id)
			}
		}
	})
	b.Run("bytes", func(b *testing.B) {
		for b.Loop() {
			for _, id := range ids {
				sp.match(id)
			}
		}
	})
}
