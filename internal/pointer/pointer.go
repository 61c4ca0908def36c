// Package pointer builds and displays JSON Pointers (RFC 6901).
package pointer

import (
	"strconv"
	"strings"
)

// Escape escapes one reference token.
func Escape(token string) string {
	if !strings.ContainsAny(token, "~/") {
		return token
	}
	// Written out, not a strings.Replacer: building one is a good part of
	// what a WebAssembly page does before its first paint.
	var b strings.Builder
	b.Grow(len(token) + 4)
	for i := 0; i < len(token); i++ {
		switch c := token[i]; c {
		case '~':
			b.WriteString("~0")
		case '/':
			b.WriteString("~1")
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// unescape undoes Escape: ~1 is /, ~0 is ~, and any other ~ stays.
func unescape(t string) string {
	var b strings.Builder
	b.Grow(len(t))
	for i := 0; i < len(t); i++ {
		if t[i] == '~' && i+1 < len(t) && (t[i+1] == '0' || t[i+1] == '1') {
			b.WriteByte("~/"[t[i+1]-'0'])
			i++
			continue
		}
		b.WriteByte(t[i])
	}
	return b.String()
}

// Join appends reference tokens to a pointer.
func Join(base string, tokens ...string) string {
	n := len(base)
	for _, t := range tokens {
		n += 1 + len(t)
	}
	var b strings.Builder
	b.Grow(n)
	b.WriteString(base)
	for _, t := range tokens {
		b.WriteByte('/')
		b.WriteString(Escape(t))
	}
	return b.String()
}

// Index appends an array index to a pointer.
func Index(base string, i int) string { return base + "/" + strconv.Itoa(i) }

// Tokens splits a pointer into its unescaped reference tokens.
func Tokens(p string) []string {
	if p == "" {
		return nil
	}
	parts := strings.Split(strings.TrimPrefix(p, "/"), "/")
	for i, t := range parts {
		if strings.Contains(t, "~") {
			parts[i] = unescape(t)
		}
	}
	return parts
}

// Dotted shows a pointer the way people read a path into a document:
// /partnership/partners/2/urn becomes partnership.partners[2].urn.
// The empty pointer, the whole document, shows as "document".
func Dotted(p string) string {
	tokens := Tokens(p)
	if len(tokens) == 0 {
		return "document"
	}
	var b strings.Builder
	for i, t := range tokens {
		switch {
		case isIndex(t):
			b.WriteByte('[')
			b.WriteString(t)
			b.WriteByte(']')
		case isIdentifier(t):
			if i > 0 {
				b.WriteByte('.')
			}
			b.WriteString(t)
		default:
			b.WriteByte('[')
			b.WriteString(strconv.Quote(t))
			b.WriteByte(']')
		}
	}
	return b.String()
}

// Compare orders two pointers token by token, array indexes numerically,
// so that /a/2 comes before /a/10. It returns -1, 0 or +1.
func Compare(a, b string) int {
	ta, tb := Tokens(a), Tokens(b)
	for i := 0; i < len(ta) && i < len(tb); i++ {
		if ta[i] == tb[i] {
			continue
		}
		if isIndex(ta[i]) && isIndex(tb[i]) {
			na, _ := strconv.Atoi(ta[i])
			nb, _ := strconv.Atoi(tb[i])
			if na < nb {
				return -1
			}
			return 1
		}
		return strings.Compare(ta[i], tb[i])
	}
	switch {
	case len(ta) < len(tb):
		return -1
	case len(ta) > len(tb):
		return 1
	}
	return 0
}

func isIndex(t string) bool {
	if t == "" || len(t) > 9 || (len(t) > 1 && t[0] == '0') {
		return false
	}
	for i := 0; i < len(t); i++ {
		if t[i] < '0' || t[i] > '9' {
			return false
		}
	}
	return true
}

func isIdentifier(t string) bool {
	if t == "" {
		return false
	}
	for i := 0; i < len(t); i++ {
		c := t[i]
		if !(c == '_' || c == '$' || c == '-' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' && i > 0) {
			return false
		}
	}
	return true
}
