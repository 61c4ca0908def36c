package schemas

import (
	"regexp/syntax"
	"strings"
)

// A matcher for the simple patterns the schemas use for ids, URNs and
// currency codes, such as ^[A-Za-z0-9][A-Za-z0-9._-]*$: anchored at both
// ends, a sequence of ASCII characters or character classes, each repeated
// a fixed or bounded number of times. Such a pattern is matched by testing
// bytes against the classes in one pass, several times faster than regexp
// (BenchmarkPattern), which was a sixth of checking an MOU. Any other
// pattern is left to regexp. FuzzSimplePattern holds the two to agree.

// patternStep is one class repeated min to max times (max < 0: no limit).
type patternStep struct {
	class    [2]uint64 // bit c: ASCII byte c is in the class
	min, max int
}

func (s *patternStep) has(c byte) bool { return c < 128 && s.class[c>>6]&(1<<(c&63)) != 0 }

// simplePattern is a compiled simple pattern.
type simplePattern []patternStep

// compileSimple compiles expr as a simple pattern, or reports false when
// it is not one: then regexp must match it.
func compileSimple(expr string) (simplePattern, bool) {
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil || re.Op != syntax.OpConcat || len(re.Sub) < 2 ||
		re.Sub[0].Op != syntax.OpBeginText || re.Sub[len(re.Sub)-1].Op != syntax.OpEndText {
		return nil, false
	}
	var p simplePattern
	for _, sub := range re.Sub[1 : len(re.Sub)-1] {
		if !p.add(sub, 1, 1) {
			return nil, false
		}
	}
	// Matching without going back is exact when no repeated class shares
	// a character with any class after it: then a character the repeat
	// can take, nothing later could.
	for i, s := range p {
		if s.min == s.max {
			continue
		}
		for _, later := range p[i+1:] {
			if s.class[0]&later.class[0] != 0 || s.class[1]&later.class[1] != 0 {
				return nil, false
			}
		}
	}
	return p, true
}

// add appends the steps of one part of the pattern, repeated min to max
// times.
func (p *simplePattern) add(re *syntax.Regexp, min, max int) bool {
	switch re.Op {
	case syntax.OpStar, syntax.OpPlus, syntax.OpQuest, syntax.OpRepeat:
		if min != 1 || max != 1 {
			return false // a repeat of a repeat
		}
		lo, hi := re.Min, re.Max // OpRepeat; x{2,} has Max -1
		switch re.Op {
		case syntax.OpStar:
			lo, hi = 0, -1
		case syntax.OpPlus:
			lo, hi = 1, -1
		case syntax.OpQuest:
			lo, hi = 0, 1
		}
		return len(re.Sub) == 1 && p.add(re.Sub[0], lo, hi)
	case syntax.OpLiteral:
		if re.Flags&syntax.FoldCase != 0 || (len(re.Rune) > 1 && (min != 1 || max != 1)) {
			return false
		}
		for _, r := range re.Rune {
			if !p.step([]rune{r, r}, min, max) {
				return false
			}
		}
		return true
	case syntax.OpCharClass:
		return p.step(re.Rune, min, max)
	}
	return false
}

// step appends a class given as rune ranges, if every range is ASCII.
func (p *simplePattern) step(ranges []rune, min, max int) bool {
	s := patternStep{min: min, max: max}
	for i := 0; i+1 < len(ranges); i += 2 {
		lo, hi := ranges[i], ranges[i+1]
		if lo < 0 || hi >= 128 || lo > hi {
			return false
		}
		for c := lo; c <= hi; c++ {
			s.class[c>>6] |= 1 << (c & 63)
		}
	}
	*p = append(*p, s)
	return true
}

// match reports whether the whole of s matches the pattern.
func (p simplePattern) match(s string) bool {
	i := 0
	for k := range p {
		st := &p[k]
		n := 0
		for i < len(s) && (st.max < 0 || n < st.max) && st.has(s[i]) {
			i++
			n++
		}
		if n < st.min {
			return false
		}
	}
	return i == len(s)
}

// The e-mail pattern, ^[^@]+@[^@]+\.[^@]+$ (defs.json's email), is not
// simple (its classes overlap), and regexp took a twentieth of checking
// an MOU on it; it says, byte by byte, that there is one "@", with
// something before it, and a "." after it with something either side.
const emailPattern = `^[^@]+@[^@]+\.[^@]+$`

func matchEmailPattern(s string) bool {
	at := strings.IndexByte(s, '@')
	if at < 1 || strings.IndexByte(s[at+1:], '@') >= 0 {
		return false
	}
	domain := s[at+1:]
	return len(domain) >= 3 && strings.IndexByte(domain[1:len(domain)-1], '.') >= 0
}
