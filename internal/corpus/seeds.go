package corpus

import (
	"fmt"
	"os"
	"path/filepath"
)

// repoSeeds are the project's own sample documents, by path from the
// repository's root, with the schema each follows.
var repoSeeds = []struct{ Path, Schema string }{
	// The contract's MOU with an evaluation plan and a Theory of Change:
	// every member of mou-riverside.json and the optional ones besides, so
	// that the mutations reach them all (a missing-member mutation stands
	// for the contract's MOU without them).
	{"examples/data/mou-theory-of-change.json", "mou"},
	{"examples/data/framework-mini.json", "framework"},
	{"examples/data/assessment-mini.json", "assessment"},
	{"examples/data/indicators.json", "indicators"},
	{"examples/data/effect.json", "effect"},
}

// LoadSeeds reads repoSeeds from the repository at root.
func LoadSeeds(root string) ([]Seed, error) {
	seeds := make([]Seed, 0, len(repoSeeds))
	for _, s := range repoSeeds {
		data, err := os.ReadFile(filepath.Join(root, s.Path))
		if err != nil {
			return nil, fmt.Errorf("corpus: %w", err)
		}
		name := filepath.Base(s.Path)
		seeds = append(seeds, Seed{Name: name[:len(name)-len(filepath.Ext(name))], Schema: s.Schema, Data: data})
	}
	return seeds, nil
}
