package app

import (
	"sort"
	"strings"
	"sync"

	"github.com/partnerkit/partnerkit/schemas"
)

// documentKinds are the schemas of whole documents, in the order a tie
// is broken.
var documentKinds = []string{schemas.MOU, schemas.Assessment, schemas.Framework, schemas.Partnership, schemas.Indicators, schemas.Effect}

// kindNames say what a document of each kind is, for messages.
var kindNames = map[string]string{
	schemas.MOU:         "an MOU",
	schemas.Assessment:  "a self-assessment",
	schemas.Framework:   "a self-assessment framework",
	schemas.Partnership: "a partnership description",
	schemas.Indicators:  "a file of indicators",
	schemas.Effect:      "an effect-size file",
}

var (
	membersOnce sync.Once
	members     map[string]map[string]bool // schema name to its top-level members
	distinctive map[string]string          // a member only one schema has, to that schema
)

func loadMembers() {
	members = map[string]map[string]bool{}
	count := map[string]int{}
	owner := map[string]string{}
	for _, name := range documentKinds {
		s := schemas.MustLookup(name)
		doc, err := schemas.Decode(s.Bytes())
		if err != nil {
			continue // the embedded schemas are tested
		}
		m := map[string]bool{}
		if top, ok := doc.(map[string]any); ok {
			if props, ok := top["properties"].(map[string]any); ok {
				for k := range props {
					if k == "$schema" {
						continue
					}
					m[k] = true
					count[k]++
					owner[k] = name
				}
			}
		}
		members[name] = m
	}
	distinctive = map[string]string{}
	for k, n := range count {
		if n == 1 {
			distinctive[k] = owner[k]
		}
	}
}

// kindOf says which of partnerkit's documents doc is: the schema its
// $schema member names; else the one schema it is valid against; else
// the schema whose distinctive members it has most of (a draft with
// problems is still recognised by its members). It returns "" when doc
// is none of them.
func kindOf(doc map[string]any) string {
	membersOnce.Do(loadMembers)
	if id, ok := doc["$schema"].(string); ok {
		if s, err := schemas.Lookup(id); err == nil && members[s.Name] != nil {
			return s.Name
		}
	}
	var valid []string
	for _, name := range documentKinds {
		if schemas.MustLookup(name).Validate(doc) == nil {
			valid = append(valid, name)
		}
	}
	if len(valid) == 1 {
		return valid[0]
	}
	votes := map[string]int{}
	for k := range doc {
		if name, ok := distinctive[k]; ok {
			votes[name]++
		}
	}
	best, most := "", 0
	for _, name := range documentKinds {
		if votes[name] > most {
			best, most = name, votes[name]
		}
	}
	return best
}

// hasMemberOf reports whether doc has any top-level member that the
// schema's documents may have.
func hasMemberOf(doc map[string]any, name string) bool {
	membersOnce.Do(loadMembers)
	for k := range doc {
		if members[name][k] {
			return true
		}
	}
	return false
}

// someMembers lists a few of a schema's members, for a message.
func someMembers(name string, n int) string {
	membersOnce.Do(loadMembers)
	var all []string
	for k := range members[name] {
		all = append(all, k)
	}
	sort.Strings(all)
	if len(all) > n {
		all = all[:n]
	}
	return strings.Join(all, ", ")
}

// wrongKind says, as a sentence, that a file of one kind is not what a
// view opens, and where to open it.
func wrongKind(kind, want string) string {
	where := "The forms on this page do not open it."
	switch kind {
	case schemas.MOU:
		where = "Open it in the MOU builder."
	case schemas.Assessment, schemas.Framework:
		where = "Open it in the health check."
	}
	return "This is " + kindNames[kind] + ", not " + want + ": " + lowerFirst(where)
}
