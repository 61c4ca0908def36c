package main

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCheckFindsTheSchema(t *testing.T) {
	tests := []struct {
		file, schema string
		valid        bool
	}{
		{"mou-riverside.json", "mou", true},
		{"mou-coastal-draft.json", "mou", false},
		{"framework-mini.json", "framework", true},
		{"assessment-mini.json", "assessment", true},
		{"indicators.json", "indicators", true},
		{"effect.json", "effect", true},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			code, stdout, stderr := evalRun(t, "", "check", "--json", "../data/"+tt.file)
			var reports []fileReport
			require.NoError(t, json.Unmarshal([]byte(stdout), &reports), "%s%s", stdout, stderr)
			require.Len(t, reports, 1)
			assert.Equal(t, tt.schema, reports[0].Schema)
			assert.Equal(t, tt.valid, reports[0].Valid)
			assert.Equal(t, map[bool]int{true: exitOK, false: exitInvalid}[tt.valid], code)
		})
	}
}

// An MOU's report from check is mou check's, word for word.
func TestCheckReportsAsMOUCheck(t *testing.T) {
	for _, file := range []string{"../data/mou-coastal-draft.json", "../data/mou-riverside.json"} {
		c1, out1, _ := evalRun(t, "", "check", file)
		c2, out2, _ := evalRun(t, "", "mou", "check", file)
		assert.Equal(t, c2, c1, file)
		assert.Equal(t, out2, out1, file)
	}
}

func TestCheckHostileAndOdd(t *testing.T) {
	tests := []struct {
		name, stdin string
		args        []string
		code        int
		stdout      string
		stderr      string
	}{
		{name: "none of ours", stdin: `{"title": 1}`, args: []string{"check", "-"}, code: exitInvalid, stdout: "This is none of partnerkit's documents: name its schema with --schema NAME"},
		{name: "malformed", stdin: "{\n  \"a\": 1,,\n}", args: []string{"check", "-"}, code: exitInvalid, stdout: "line 2"},
		{name: "not an object", stdin: `[1, 2]`, args: []string{"check", "-"}, code: exitInvalid, stdout: "none of partnerkit's documents"},
		{name: "--schema says", stdin: `{"partners": []}`, args: []string{"check", "--schema", "partnership", "-"}, code: exitInvalid, stdout: "[partners.too-few]"},
		{name: "--schema by file name", stdin: `{"indicators": []}`, args: []string{"check", "--schema", "indicators.json", "-"}, code: exitOK, stdout: "valid, nothing to report"},
		{name: "--schema of the wrong kind", stdin: `{"indicators": []}`, args: []string{"check", "--schema", "mou", "-"}, code: exitInvalid, stdout: "[schema]"},
		{name: "--schema unknown", args: []string{"check", "--schema", "nope", "x.json"}, code: exitUsage, stderr: "--schema is one of mou, partnership, framework"},
		{name: "--schema defs", args: []string{"check", "--schema", "defs", "x.json"}, code: exitUsage, stderr: "--schema is one of"},
		{name: "no file", args: []string{"check"}, code: exitUsage, stderr: "name at least one FILE"},
		{name: "missing file", args: []string{"check", "no-such-file.json"}, code: exitUsage, stderr: "no-such-file.json"},
		{name: "$schema wins", stdin: `{"$schema": "https://partnerkit.github.io/schemas/v1/effect.json", "indicators": []}`, args: []string{"check", "--json", "-"}, code: exitInvalid, stdout: `"schema": "effect"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := evalRun(t, tt.stdin, tt.args...)
			assert.Equal(t, tt.code, code, "%s%s", stdout, stderr)
			assert.Contains(t, stdout, tt.stdout)
			assert.Contains(t, stderr, tt.stderr)
		})
	}
}
