// Command corpus writes the interoperability corpus: the project's sample
// documents and deterministic mutations of them, with a manifest.json.
//
//	go run ./internal/interop/corpus -out /tmp/corpus
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/partnerkit/partnerkit/internal/corpus"
)

func main() {
	out := flag.String("out", "", "the folder to write the corpus to (required)")
	root := flag.String("root", ".", "the repository's root, where the seed documents are")
	per := flag.Int("per-seed", 150, "variants of each seed at most")
	flag.Parse()
	if *out == "" {
		flag.Usage()
		os.Exit(2)
	}
	seeds, err := corpus.LoadSeeds(*root)
	if err == nil {
		var docs []corpus.Document
		docs, err = corpus.Generate(seeds, corpus.Options{PerSeed: *per})
		if err == nil {
			err = corpus.Write(*out, docs)
			fmt.Printf("wrote %d documents to %s\n", len(docs), *out)
		}
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
