package api

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestMatchRegister(t *testing.T) {
	id := "3f0e8f5e-4a8b-4b8e-9a59-2f1f7c1d9a10"
	tests := []struct {
		path string
		ok   bool
		arg  string
	}{
		{"/v1/partnerships", true, ""},
		{"/v1/partnerships/" + id, true, id},
		{"/v1/partnerships/" + id + "/versions/2", true, id + "/2"},
		{"/v1/partnerships/" + id + "/indicators/ks2/actuals", true, id + "/ks2"},
		{"/v1/rounds/" + id + "/report", true, id},
		{"/v1/respond/answers", true, ""},
		{"/v1/partnerships/", false, ""},
		{"/v1/partnerships//versions", false, ""},
		{"/v1/rounds/" + id + "/report/", false, ""},
		{"/v1/rounds", false, ""},
		{"/v2/partnerships", false, ""},
		{"/v1/mou/check", false, ""},
		{"", false, ""},
	}
	for _, tt := range tests {
		rt, arg := matchRegister(tt.path)
		assert.Equal(t, tt.ok, rt != nil, tt.path)
		assert.Equal(t, tt.arg, arg, tt.path)
		if rt != nil {
			assert.True(t, isRegisterRoute(rt), tt.path)
		}
	}
	rt, _ := match("/v1/mou/check")
	assert.False(t, isRegisterRoute(rt), "the checker's routes take no credentials")
}

func TestRegisterPatternsAreDistinct(t *testing.T) {
	seen := map[Endpoint]bool{}
	for _, e := range RegisterEndpoints() {
		assert.False(t, seen[e], "%s %s twice", e.Method, e.Pattern)
		seen[e] = true
		assert.True(t, strings.HasPrefix(e.Pattern, "/v1/"), e.Pattern)
		rt, _ := match(strings.ReplaceAll(strings.ReplaceAll(e.Pattern, "{", "x"), "}", "x"))
		assert.Nil(t, rt, "%s is also one of the checker's routes", e.Pattern)
	}
}

func FuzzMatchRegister(f *testing.F) {
	for _, e := range RegisterEndpoints() {
		f.Add(e.Pattern)
	}
	f.Add("/v1//")
	f.Fuzz(func(t *testing.T, p string) {
		rt, arg := matchRegister(p)
		if rt == nil {
			if arg != "" {
				t.Fatalf("%q: no route but %q", p, arg)
			}
			return
		}
		for _, id := range strings.Split(arg, "/") {
			if arg != "" && (id == "" || !strings.Contains(p, id)) {
				t.Fatalf("%q: id %q", p, id)
			}
		}
	})
}
