// Command bench compares, on one corpus and in one run, how many documents a
// second each of these checks:
//
//   - partnerkit's schema validation in native Go (parsing included);
//   - partnerkit's full MOU check in native Go (syntax, schema and rules);
//   - the same two compiled to WebAssembly and run in Node;
//   - ajv 8 in Node (draft 2020-12, ajv-formats, schemas compiled once,
//     JSON.parse included): the validator most teams already use.
//
// It prints a Markdown table for BENCHMARKS.md. Run it from the repository's
// root after `(cd interop && npm ci)`:
//
//	go run ./interop/bench
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/partnerkit/partnerkit/internal/corpus"
	"github.com/partnerkit/partnerkit/mou"
	"github.com/partnerkit/partnerkit/schemas"
)

func main() {
	seconds := flag.Float64("seconds", 3, "how long to run each measurement")
	flag.Parse()
	if err := run(*seconds); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

type set struct {
	name string
	docs []corpus.Document
	file string // its manifest
}

func run(seconds float64) error {
	seeds, err := corpus.LoadSeeds(".")
	if err != nil {
		return err
	}
	docs, err := corpus.Generate(seeds, corpus.Options{})
	if err != nil {
		return err
	}
	dir, err := os.MkdirTemp("", "partnerkit-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	if err := corpus.Write(dir, docs); err != nil {
		return err
	}
	var valid, mous, validMOUs []corpus.Document
	for _, d := range docs {
		ok := validate(d)
		if ok {
			valid = append(valid, d)
		}
		if d.Schema == schemas.MOU {
			mous = append(mous, d)
			if ok {
				validMOUs = append(validMOUs, d)
			}
		}
	}
	sets := []*set{{name: "all", docs: docs}, {name: "valid", docs: valid}, {name: "mou", docs: mous}, {name: "mou-valid", docs: validMOUs}}
	for _, s := range sets {
		s.file = filepath.Join(dir, "manifest-"+s.name+".json")
		data, err := json.Marshal(map[string]any{"documents": s.docs})
		if err != nil {
			return err
		}
		if err := os.WriteFile(s.file, data, 0o644); err != nil {
			return err
		}
	}
	wasm := filepath.Join(dir, "benchcheck.wasm")
	build := exec.Command("go", "build", "-o", wasm, "./wasm/internal/benchcheck")
	build.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	if out, err := build.CombinedOutput(); err != nil {
		return fmt.Errorf("building the WebAssembly: %v\n%s", err, out)
	}
	goroot, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		return err
	}
	execJS := filepath.Join(strings.TrimSpace(string(goroot)), "lib", "wasm", "wasm_exec.js")

	fmt.Fprintf(os.Stderr, "corpus: %d documents (%d valid), %d MOUs (%d valid); %gs a measurement\n",
		len(docs), len(valid), len(mous), len(validMOUs), seconds)
	type row struct {
		what       string
		all, valid float64
		base       string // the ajv row it is compared with
	}
	var rows []row
	measure := func(what string, f func(s *set) (float64, error), onAll, onValid *set, base string) error {
		fmt.Fprintf(os.Stderr, "measuring %s…\n", what)
		a, err := f(onAll)
		if err != nil {
			return fmt.Errorf("%s: %w", what, err)
		}
		v, err := f(onValid)
		if err != nil {
			return fmt.Errorf("%s: %w", what, err)
		}
		rows = append(rows, row{what, a, v, base})
		return nil
	}
	native := func(check func(corpus.Document) bool) func(s *set) (float64, error) {
		return func(s *set) (float64, error) { return perSecond(s.docs, check, seconds), nil }
	}
	node := func(args ...string) func(s *set) (float64, error) {
		return func(s *set) (float64, error) {
			cmdArgs := []string{args[0], args[1], s.file, fmt.Sprint(seconds)}
			if args[0] == "wasm.mjs" {
				cmdArgs = []string{"wasm.mjs", execJS, wasm, s.file, args[1], fmt.Sprint(seconds)}
			}
			cmd := exec.Command("node", cmdArgs...)
			cmd.Dir = "interop"
			cmd.Stderr = os.Stderr
			out, err := cmd.Output()
			if err != nil {
				return 0, err
			}
			var r struct{ PerSecond float64 }
			if err := json.Unmarshal(out, &r); err != nil {
				return 0, fmt.Errorf("%w: %s", err, out)
			}
			return r.PerSecond, nil
		}
	}
	all, val, mou, mouValid := sets[0], sets[1], sets[2], sets[3]
	steps := []error{
		measure("ajv 8, schema validation (Node)", node("ajv.mjs", "bench"), all, val, ""),
		measure("partnerkit schema validation, native Go", native(validate), all, val, "ajv 8, schema validation (Node)"),
		measure("partnerkit schema validation, WebAssembly in Node", node("wasm.mjs", "validate"), all, val, "ajv 8, schema validation (Node)"),
		measure("ajv 8, schema validation of MOUs (Node)", node("ajv.mjs", "bench"), mou, mouValid, ""),
		measure("partnerkit full MOU check, native Go", native(check), mou, mouValid, "ajv 8, schema validation of MOUs (Node)"),
		measure("partnerkit full MOU check, WebAssembly in Node", node("wasm.mjs", "check"), mou, mouValid, "ajv 8, schema validation of MOUs (Node)"),
	}
	for _, err := range steps {
		if err != nil {
			return err
		}
	}
	base := map[string]row{}
	for _, r := range rows {
		if r.base == "" {
			base[r.what] = r
		}
	}
	fmt.Printf("Measured %s on %s/%s, %d cores, %s, Node %s.\n\n", time.Now().UTC().Format("2006-01-02"), runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), runtime.Version(), nodeVersion())
	fmt.Printf("| what | all %d documents: docs/s | vs ajv | the %d valid ones: docs/s | vs ajv |\n", len(docs), len(valid))
	fmt.Println("| --- | ---: | ---: | ---: | ---: |")
	for _, r := range rows {
		ratio := func(x, b float64) string { return fmt.Sprintf("%.2f×", x/b) }
		ra, rv := "1.00×", "1.00×"
		if r.base != "" {
			ra, rv = ratio(r.all, base[r.base].all), ratio(r.valid, base[r.base].valid)
		}
		if strings.Contains(r.what, "MOU") && r.base == "" {
			fmt.Printf("| *MOUs only (%d documents, %d valid):* | | | | |\n", len(mous), len(validMOUs))
		}
		fmt.Printf("| %s | %.0f | %s | %.0f | %s |\n", r.what, r.all, ra, r.valid, rv)
	}
	return nil
}

func validate(d corpus.Document) bool {
	vs, err := schemas.MustLookup(d.Schema).ValidateJSON(d.Data)
	return err == nil && len(vs) == 0
}

func check(d corpus.Document) bool { return mou.Check(d.Data).Valid }

func perSecond(docs []corpus.Document, f func(corpus.Document) bool, seconds float64) float64 {
	for _, d := range docs {
		f(d) // warm up: compile the schemas
	}
	n := 0
	start := time.Now()
	for time.Since(start).Seconds() < seconds {
		for _, d := range docs {
			f(d)
		}
		n += len(docs)
	}
	return float64(n) / time.Since(start).Seconds()
}

func nodeVersion() string {
	out, err := exec.Command("node", "--version").Output()
	if err != nil {
		return "unknown"
	}
	return strings.TrimSpace(string(out))
}
