package schemas

import (
	"slices"
	"sync"
)

// documents are the schemas of whole documents a person writes, in the
// order Detect breaks a tie.
var documents = []string{MOU, Assessment, Framework, Partnership, Indicators, Effect}

var (
	membersOnce sync.Once
	members     map[string][]string // schema name to its top-level members, sorted
	distinctive map[string]string   // a member only one schema has, to that schema
)

func loadMembers() {
	members = map[string][]string{}
	count := map[string]int{}
	owner := map[string]string{}
	for _, name := range documents {
		doc, err := Decode(MustLookup(name).raw)
		if err != nil {
			continue // the embedded schemas are tested
		}
		var m []string
		if top, ok := doc.(map[string]any); ok {
			if props, ok := top["properties"].(map[string]any); ok {
				for k := range props {
					if k == "$schema" {
						continue
					}
					m = append(m, k)
					count[k]++
					owner[k] = name
				}
			}
		}
		slices.Sort(m)
		members[name] = m
	}
	distinctive = map[string]string{}
	for k, n := range count {
		if n == 1 {
			distinctive[k] = owner[k]
		}
	}
}

// Members returns the names of the top-level members the schema's
// documents may have, sorted, without $schema; nil for a schema that is
// not of a whole document (defs, score-request).
func (s *Schema) Members() []string {
	membersOnce.Do(loadMembers)
	return slices.Clone(members[s.Name])
}

// Detect says which of partnerkit's documents doc is, by name (MOU,
// Assessment, Framework, Partnership, Indicators or Effect): the schema
// its $schema member names; else the one schema it is valid against;
// else the schema whose distinctive members it has most of, so that a
// draft with problems is still recognised by its members. It returns ""
// when doc is none of them, or not an object.
func Detect(doc any) string {
	obj, ok := doc.(map[string]any)
	if !ok {
		return ""
	}
	membersOnce.Do(loadMembers)
	if id, ok := obj["$schema"].(string); ok {
		if s, err := Lookup(id); err == nil && members[s.Name] != nil {
			return s.Name
		}
	}
	var valid []string
	for _, name := range documents {
		if MustLookup(name).Validate(obj) == nil {
			valid = append(valid, name)
		}
	}
	if len(valid) == 1 {
		return valid[0]
	}
	votes := map[string]int{}
	for k := range obj {
		if name, ok := distinctive[k]; ok {
			votes[name]++
		}
	}
	best, most := "", 0
	for _, name := range documents {
		if votes[name] > most {
			best, most = name, votes[name]
		}
	}
	return best
}
