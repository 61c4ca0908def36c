package schemas

// The validator allocates for every schema it enters, and a $ref is one more
// schema to enter for every value it applies to. The published schemas use
// $ref to share definitions; the copies we compile have every $ref replaced
// by what it points to, which validates the same documents in roughly half
// the time. None of our schemas is recursive, so the expansion is finite;
// TestSchemasAreWellFormed keeps it that way.

// annotations are the keywords that may stand beside a $ref and describe it
// rather than constrain it: the ref site's wording wins over the target's.
var annotations = map[string]bool{
	"$ref": true, "title": true, "description": true, "default": true,
	"examples": true, "$comment": true, "errorMessage": true,
}

// inlined returns a deep copy of a schema file's tree with every $ref
// expanded. base is the file's $id.
func inlined(tree map[string]any, base string) map[string]any {
	out := expand(tree, base, 0).(map[string]any)
	delete(out, "$defs")
	return out
}

func expand(v any, base string, depth int) any {
	if depth > 64 {
		panic("schemas: $ref nests too deeply; is a schema recursive?")
	}
	switch x := v.(type) {
	case map[string]any:
		if _, ok := x["$ref"].(string); ok && onlyAnnotations(x) {
			target, targetBase := resolve(x, base)
			if target != nil {
				merged := expand(target, targetBase, depth+1).(map[string]any)
				delete(merged, "$id")
				delete(merged, "$schema")
				delete(merged, "$defs")
				for k, val := range x {
					if k != "$ref" {
						merged[k] = val
					}
				}
				return merged
			}
		}
		out := make(map[string]any, len(x))
		for k, val := range x {
			if k == "$defs" || k == "enum" || k == "const" || k == "default" || k == "examples" {
				out[k] = val // data, not schemas
				continue
			}
			out[k] = expand(val, base, depth+1)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = expand(e, base, depth+1)
		}
		return out
	}
	return v
}

func onlyAnnotations(node map[string]any) bool {
	for k := range node {
		if !annotations[k] {
			return false
		}
	}
	return true
}
