package testenv

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestRequired(t *testing.T) {
	for _, tt := range []struct {
		env   string
		suite string
		want  bool
	}{
		{"", Browser, false},
		{"browser", Browser, true},
		{"browser,edge", Edge, true},
		{" edge , interop ", Interop, true},
		{"edge", Browser, false},
		{"all", Interop, true},
		{"browsers", Browser, false},
	} {
		t.Setenv(Variable, tt.env)
		assert.Equal(t, tt.want, Required(tt.suite), "%s=%q, suite %s", Variable, tt.env, tt.suite)
	}
}
