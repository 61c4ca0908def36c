package schemas

import "github.com/partnerkit/partnerkit/internal/jsontree"

// ValidTree reports whether a document decoded into a jsontree.Tree is
// certainly valid against the schema: the fast path of Validate (see
// fastpath.go) on the tree, which has no map to look members up in or
// box to unwrap, so that mou.Check confirms a valid MOU and builds it
// from one small tree. When it says false the document may be valid all
// the same (an unusual number, a quoted e-mail local part, a member name
// given twice): Validate, on the document as Parse decodes it, decides
// and says what is wrong. Its argument's type is internal to partnerkit:
// it is for partnerkit's own packages.
func (s *Schema) ValidTree(t *jsontree.Tree) bool {
	compileOnce.Do(compile)
	return compileErr == nil && !t.HasDuplicates() && s.fast.validTree(t.Root())
}

// validTree is valid on a Tree's value: the same judgement, value by
// value (FuzzFastPath holds the two to agree).
func (n *fastNode) validTree(v jsontree.Value) bool {
	switch v.Kind() {
	case jsontree.KindObject:
		return n.is(tObject) && n.objectTree(v)
	case jsontree.KindArray:
		return n.is(tArray) && n.arrayTree(v)
	case jsontree.KindString:
		return n.is(tString) && n.string(v.Text())
	case jsontree.KindNumber:
		return n.number(v.Text())
	case jsontree.KindTrue, jsontree.KindFalse:
		return n.is(tBoolean) && n.enum == nil
	case jsontree.KindNull:
		return n.is(tNull) && n.enum == nil
	}
	return false
}

func (n *fastNode) objectTree(o jsontree.Value) bool {
	if n.enum != nil {
		return false
	}
	if !n.countRequired {
		for _, r := range n.required {
			if o.Get(r).Kind() == jsontree.KindAbsent {
				return false
			}
		}
	}
	required := 0
	for k, v := range o.Members() {
		if n.propNames != nil && !n.propNames.valid(k) {
			return false
		}
		if p, ok := n.props[k]; ok {
			if !p.validTree(v) {
				return false
			}
			if p.isRequired {
				required++
			}
			continue
		}
		if n.noAdditional || (n.additional != nil && !n.additional.validTree(v)) {
			return false
		}
	}
	return !n.countRequired || required == len(n.required)
}

func (n *fastNode) arrayTree(a jsontree.Value) bool {
	if n.enum != nil || a.Len() < n.minItems || (n.maxItems >= 0 && a.Len() > n.maxItems) {
		return false
	}
	if n.items != nil {
		for e := range a.Items() {
			if !n.items.validTree(e) {
				return false
			}
		}
	}
	if n.unique {
		// Strings only: anything else is left to the reporter.
		seen := make(map[string]struct{}, a.Len())
		for e := range a.Items() {
			s, ok := e.Str()
			if !ok {
				return false
			}
			if _, dup := seen[s]; dup {
				return false
			}
			seen[s] = struct{}{}
		}
	}
	return true
}
