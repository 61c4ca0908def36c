// Command bench compares, on one corpus and in one run, how fast each of
// these checks documents:
//
//   - partnerkit's schema validation in native Go (parsing included);
//   - partnerkit's full MOU check in native Go (syntax, schema and rules);
//   - the same two compiled to WebAssembly and run in Node;
//   - ajv 8 in Node (draft 2020-12, ajv-formats, schemas compiled once,
//     JSON.parse included): the validator most teams already use;
//   - encoding/json.Valid on the same MOUs: the floor for anything that
//     reads the whole text.
//
// The documents are split into the valid and the invalid ones, since the
// two take different paths. Every row is measured once a round, for
// -seconds, and the rows take turns (the order rotates each round), so a
// busy spell of the machine falls on every row alike rather than on one.
// For each row the table gives the median over the rounds of documents a
// second (wall time) and of CPU time a document (getrusage for Go, and
// process.cpuUsage for Node: every thread, the garbage collector's
// included), and each ratio as its median with the ratio of every round,
// both sides of a ratio measured in the same round.
//
// It prints a Markdown table for BENCHMARKS.md. Run it from the
// repository's root after `(cd internal/interop && npm ci)`:
//
//	go run ./internal/interop/bench -rounds 7 -seconds 1
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/partnerkit/partnerkit/internal/corpus"
	"github.com/partnerkit/partnerkit/internal/cputime"
	"github.com/partnerkit/partnerkit/mou"
	"github.com/partnerkit/partnerkit/schemas"
)

func main() {
	seconds := flag.Float64("seconds", 1, "how long to run each row in each round")
	rounds := flag.Int("rounds", 7, "how many rounds")
	flag.Parse()
	if err := run(*rounds, *seconds); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

type set struct {
	name string
	docs []corpus.Document
	file string // its manifest
}

// measurement is one row's result in one round.
type measurement struct {
	perSecond float64 // documents a second, by the wall clock
	cpuPerDoc float64 // CPU seconds a document
}

type row struct {
	what    string
	set     *set
	run     func(*set) (measurement, error)
	ajv     *row // compared with, for speed (nil: none)
	floor   *row // compared with, for time: encoding/json.Valid (nil: none)
	results []measurement
}

func run(rounds int, seconds float64) error {
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
	valid, invalid := &set{name: "valid"}, &set{name: "invalid"}
	mouValid, mouInvalid := &set{name: "mou-valid"}, &set{name: "mou-invalid"}
	for _, d := range docs {
		ok := validate(d)
		if ok {
			valid.docs = append(valid.docs, d)
		} else {
			invalid.docs = append(invalid.docs, d)
		}
		if d.Schema == schemas.MOU {
			if check(d) {
				mouValid.docs = append(mouValid.docs, d)
			} else {
				mouInvalid.docs = append(mouInvalid.docs, d)
			}
		}
	}
	sets := []*set{valid, invalid, mouValid, mouInvalid}
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
	build := exec.Command("go", "build", "-trimpath", "-ldflags=-s -w", "-o", wasm, "./wasm/internal/benchcheck")
	build.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	if out, err := build.CombinedOutput(); err != nil {
		return fmt.Errorf("building the WebAssembly: %v\n%s", err, out)
	}
	goroot, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		return err
	}
	execJS := filepath.Join(strings.TrimSpace(string(goroot)), "lib", "wasm", "wasm_exec.js")

	native := func(f func(corpus.Document) bool) func(*set) (measurement, error) {
		return func(s *set) (measurement, error) { return measure(s.docs, f, seconds), nil }
	}
	node := func(args ...string) func(*set) (measurement, error) {
		return func(s *set) (measurement, error) {
			cmdArgs := []string{args[0], args[1], s.file, fmt.Sprint(seconds)}
			if args[0] == "wasm.mjs" {
				cmdArgs = []string{"wasm.mjs", execJS, wasm, s.file, args[1], fmt.Sprint(seconds)}
			}
			cmd := exec.Command("node", cmdArgs...)
			cmd.Dir = filepath.Join("internal", "interop")
			cmd.Stderr = os.Stderr
			out, err := cmd.Output()
			if err != nil {
				return measurement{}, err
			}
			var r struct{ Documents, CPUSeconds, PerSecond float64 }
			if err := json.Unmarshal(out, &r); err != nil {
				return measurement{}, fmt.Errorf("%w: %s", err, out)
			}
			return measurement{perSecond: r.PerSecond, cpuPerDoc: r.CPUSeconds / r.Documents}, nil
		}
	}
	jsonValid := func(d corpus.Document) bool { return json.Valid(d.Data) }

	var rows []*row
	add := func(r *row) *row { rows = append(rows, r); return r }
	for _, s := range []*set{valid, invalid} {
		ajv := add(&row{what: "ajv 8, schema validation (Node)", set: s, run: node("ajv.mjs", "bench")})
		add(&row{what: "partnerkit schema validation, native Go", set: s, run: native(validate), ajv: ajv})
		add(&row{what: "partnerkit schema validation, WebAssembly in Node", set: s, run: node("wasm.mjs", "validate"), ajv: ajv})
	}
	for _, s := range []*set{mouValid, mouInvalid} {
		ajv := add(&row{what: "ajv 8, schema validation (Node)", set: s, run: node("ajv.mjs", "bench")})
		floor := add(&row{what: "encoding/json.Valid, native Go", set: s, run: native(jsonValid)})
		add(&row{what: "partnerkit full MOU check, native Go", set: s, run: native(check), ajv: ajv, floor: floor})
		add(&row{what: "partnerkit full MOU check, WebAssembly in Node", set: s, run: node("wasm.mjs", "check"), ajv: ajv})
	}

	fmt.Fprintf(os.Stderr, "corpus: %d documents (%d valid, %d invalid), of them %d MOUs (%d pass the full check); %d rounds of %d rows, %gs each\n",
		len(docs), len(valid.docs), len(invalid.docs), len(mouValid.docs)+len(mouInvalid.docs), len(mouValid.docs), rounds, len(rows), seconds)
	for _, d := range docs {
		validate(d) // warm up: compile the schemas
	}
	start := time.Now()
	for round := range rounds {
		for i := range rows {
			r := rows[(i+round*3)%len(rows)] // a different order each round
			m, err := r.run(r.set)
			if err != nil {
				return fmt.Errorf("%s on %s: %w", r.what, r.set.name, err)
			}
			r.results = append(r.results, m)
		}
		fmt.Fprintf(os.Stderr, "round %d of %d done (%s)\n", round+1, rounds, time.Since(start).Round(time.Second))
	}

	fmt.Printf("Measured %s on %s/%s, %d cores, %s, Node %s: `go run ./internal/interop/bench -rounds %d -seconds %g` (%d rounds, every row %gs a round, the rows taking turns).\n\n",
		time.Now().UTC().Format("2006-01-02"), runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), runtime.Version(), nodeVersion(), rounds, seconds, rounds, seconds)
	fmt.Println("| documents | what | docs/s (median) | CPU µs a doc (median) | speed vs ajv: median (each round) | time ÷ json.Valid's: median (each round) |")
	fmt.Println("| --- | --- | ---: | ---: | --- | --- |")
	for _, r := range rows {
		speed := median(r.results, func(m measurement) float64 { return m.perSecond })
		cpu := median(r.results, func(m measurement) float64 { return m.cpuPerDoc })
		vsAjv, vsFloor := "", ""
		if r.ajv != nil {
			vsAjv = ratios(r.results, r.ajv.results, func(a, b measurement) float64 { return a.perSecond / b.perSecond })
		}
		if r.floor != nil {
			vsFloor = ratios(r.results, r.floor.results, func(a, b measurement) float64 { return b.perSecond / a.perSecond })
		}
		fmt.Printf("| %s (%d) | %s | %.0f | %.1f | %s | %s |\n", r.set.name, len(r.set.docs), r.what, speed, cpu*1e6, vsAjv, vsFloor)
	}
	return nil
}

func validate(d corpus.Document) bool {
	doc, err := schemas.Decode(d.Data)
	return err == nil && len(schemas.MustLookup(d.Schema).Validate(doc)) == 0
}

func check(d corpus.Document) bool { return mou.Check(d.Data).Valid }

// measure runs f over the documents, round and round, for the given
// seconds.
func measure(docs []corpus.Document, f func(corpus.Document) bool, seconds float64) measurement {
	n := 0
	cpu := cputime.Process()
	start := time.Now()
	for time.Since(start).Seconds() < seconds {
		for _, d := range docs {
			f(d)
		}
		n += len(docs)
	}
	wall := time.Since(start).Seconds()
	return measurement{perSecond: float64(n) / wall, cpuPerDoc: (cputime.Process() - cpu).Seconds() / float64(n)}
}

func median(ms []measurement, f func(measurement) float64) float64 {
	vs := make([]float64, len(ms))
	for i, m := range ms {
		vs[i] = f(m)
	}
	return medianOf(vs)
}

func medianOf(vs []float64) float64 {
	vs = slices.Clone(vs)
	slices.Sort(vs)
	if len(vs) == 0 {
		return 0
	}
	if len(vs)%2 == 1 {
		return vs[len(vs)/2]
	}
	return (vs[len(vs)/2-1] + vs[len(vs)/2]) / 2
}

// ratios shows f of each round's pair, and their median first.
func ratios(a, b []measurement, f func(a, b measurement) float64) string {
	var vs []float64
	var each []string
	for i := range a {
		v := f(a[i], b[i])
		vs = append(vs, v)
		each = append(each, fmt.Sprintf("%.2f", v))
	}
	return fmt.Sprintf("**%.2f×** (%s)", medianOf(vs), strings.Join(each, ", "))
}

func nodeVersion() string {
	out, err := exec.Command("node", "--version").Output()
	if err != nil {
		return "unknown"
	}
	return strings.TrimSpace(string(out))
}
