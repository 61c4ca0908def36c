package form

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// hostileSchemas are schemas made to make Compile's work or memory
// grow without bound.
func hostileSchemas() map[string]string {
	deep := strings.Repeat(`{"type": "object", "properties": {"a": `, 150) + `{"type": "string"}` + strings.Repeat(`}}`, 150)
	tooDeep := strings.Repeat(`{"properties": {"a": `, 5000) + `true` + strings.Repeat(`}}`, 5000)
	var fan strings.Builder
	fan.WriteString(`{"$ref": "#/$defs/d0", "$defs": {`)
	for i := range 40 {
		fmt.Fprintf(&fan, `"d%d": {"type": "object", "properties": {"l": {"$ref": "#/$defs/d%d"}, "r": {"$ref": "#/$defs/d%d"}}},`, i, i+1, i+1)
	}
	fan.WriteString(`"d40": {"type": "string"}}}`)
	var enum strings.Builder
	enum.WriteString(`{"enum": [`)
	for i := range 200000 {
		if i > 0 {
			enum.WriteByte(',')
		}
		fmt.Fprintf(&enum, `"v%d"`, i)
	}
	enum.WriteString(`]}`)
	nestedIf := strings.Repeat(`{"if": {"required": ["x"]}, "then": {"properties": {"x": `, 60) + `{}` + strings.Repeat(`}}}`, 60)
	allOf := strings.Repeat(`{"allOf": [{"properties": {"p": {"type": "string"}}}, {"properties": {"p": `, 60) + `{}` + strings.Repeat(`}}]}`, 60)
	boxes := strings.Repeat(`{"type": ["string", "integer", "object"], "required": ["a"], "oneOf": [`, 60) + `{}` +
		strings.Repeat(`, {"type": "object", "required": ["b"]}]}`, 60)
	return map[string]string{
		"json box storm": boxes,
		"deep":           deep,
		"too deep":       tooDeep,
		"ref fan-out":    fan.String(),
		"mutual refs":    `{"$defs": {"a": {"type": "object", "properties": {"b": {"$ref": "#/$defs/b"}}}, "b": {"type": "array", "items": {"$ref": "#/$defs/a"}}}, "$ref": "#/$defs/a"}`,
		"self ref":       `{"$ref": "#"}`,
		"huge enum":      enum.String(),
		"nested if":      nestedIf,
		"allOf chain":    allOf,
		"bad patterns":   `{"type": "object", "patternProperties": {"(": {"type": "string"}}, "properties": {"s": {"type": "string", "pattern": "["}}}`,
		"tuple storm":    `{"type": "array", "prefixItems": [` + strings.TrimSuffix(strings.Repeat(`{"type": "array", "items": [{}, {}, {}]},`, 500), ",") + `]}`,
		"many branches":  `{"oneOf": [` + strings.TrimSuffix(strings.Repeat(`{"type": "object", "properties": {"a": {"oneOf": [{"type": "string"}, {"type": "integer"}]}}},`, 2000), ",") + `]}`,
	}
}

// TestHostileSchemas compiles each hostile schema: within the field
// budget, never a panic, and a form that renders and checks.
func TestHostileSchemas(t *testing.T) {
	for name, schema := range hostileSchemas() {
		t.Run(name, func(t *testing.T) {
			root, err := Compile([]byte(schema), nil)
			if err != nil {
				var ce *Error
				require.ErrorAs(t, err, &ce, "only a schema that is not JSON (or nests beyond the limit) fails")
				return
			}
			assert.LessOrEqual(t, countFields(root, 0), 8*maxFields, "the model stays within the budget")
			for _, f := range []*Field{root} {
				assert.LessOrEqual(t, len(f.Options), maxOptions)
			}
			form := New(root, "h")
			page := form.HTML(nil)
			assert.Less(t, len(page), 50<<20)
			_ = form.Problems()
			_ = form.JSON()
		})
	}
}

// countFields counts the fields of a model, each recursive $ref once.
func countFields(f *Field, depth int) int {
	if f == nil || depth > 10*maxDepth {
		return 0
	}
	n := 1
	for _, p := range f.Properties {
		n += countFields(p, depth+1)
	}
	for _, p := range f.Prefix {
		n += countFields(p, depth+1)
	}
	for _, c := range f.Choices {
		n += countFields(c, depth+1)
	}
	for _, p := range f.Patterns {
		n += countFields(p.Field, depth+1)
	}
	for _, c := range f.Conditionals {
		n += countFields(c.If, depth+1) + countFields(c.Then, depth+1) + countFields(c.Else, depth+1)
	}
	return n + countFields(f.Items, depth+1) + countFields(f.Extra, depth+1)
}

func BenchmarkCompileHostile(b *testing.B) {
	for name, schema := range hostileSchemas() {
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				_, _ = Compile([]byte(schema), nil)
			}
		})
	}
}
