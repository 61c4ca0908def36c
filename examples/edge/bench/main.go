//go:build unix

// Command bench measures the edge worker in workerd on 127.0.0.1, with no
// network: the bundle's size raw and gzipped (it must stay under 3 MiB
// gzipped), the cold start, the warm latency of 1,000 MOU checks one
// after another (the target is a p50 under 5 ms), and 1,000 checks with
// 50 in flight, which must all succeed; then the register on the local
// D1: the first request with a fresh D1 (the migrations) and with one
// already migrated, submissions one after another, and the round's
// report for that many respondents (-respondents). It is a benchmark, not a test: it
// prints figures, and exits 1 only when a limit is broken.
//
// Run it with examples/edge/bench.sh, which builds the worker first:
//
//	(cd examples/edge && npm ci && ./bench.sh)
//
// The client is Go's, with keep-alive, on the same machine; the floor is
// a worker in plain JavaScript that only reads the body, served the same
// way, so the difference is the Go worker's own cost.
package main

import (
	"bytes"
	"compress/gzip"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/partnerkit/partnerkit/examples/edge/internal/workerd"
	"github.com/partnerkit/partnerkit/internal/apitest"
)

// debugInstance asks the worker for its Partnerkit-Instance header, so
// that the benchmark can see that one program answers every request.
// The checker's figures are the checker's alone (D1=off, as a worker
// deployed without a D1 binding); register measures the worker with D1.
var debugInstance = []string{"PARTNERKIT_DEBUG_INSTANCE=1", "D1=off"}

const (
	gzipLimit = 3 << 20 // bytes: Cloudflare's limit for a free account
	p50Target = 5 * time.Millisecond
)

func main() {
	edge := flag.String("edge", ".", "the examples/edge directory")
	build := flag.String("build", "build", "the built worker, relative to -edge")
	n := flag.Int("n", 1000, "requests in each run")
	inFlight := flag.Int("c", 50, "requests in flight under load")
	colds := flag.Int("cold", 5, "fresh workerd processes to time the cold start")
	respondents := flag.Int("respondents", 100, "respondents whose answers the register's benchmark submits")
	registerOnly := flag.Bool("register", false, "measure the register on D1 only")
	flag.Parse()
	buildDir := *build
	if !filepath.IsAbs(buildDir) {
		buildDir = filepath.Join(*edge, buildDir)
	}
	buildDir, _ = filepath.Abs(buildDir)
	if err := workerd.Check(*edge); err != nil {
		fail(err)
	}
	b := &bench{edge: *edge, buildDir: buildDir, valid: []byte(apitest.Doc("mou-valid")), draft: []byte(apitest.Doc("mou-draft"))}
	ok := b.bundle()
	if !*registerOnly {
		b.cold(*colds)
		ok = b.warm(*n, *inFlight) && ok
	}
	ok = b.register(*colds, *respondents) && ok
	if !ok {
		os.Exit(1)
	}
}

type bench struct {
	edge, buildDir string
	valid, draft   []byte
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "bench:", err)
	os.Exit(2)
}

// bundle prints what wrangler uploads: the module, wasm_exec.js and
// app.wasm, raw and gzipped.
func (b *bench) bundle() bool {
	fmt.Println("Bundle")
	var raw, gz int
	for _, f := range []string{"worker.mjs", "wasm_exec.js", "app.wasm"} {
		data, err := os.ReadFile(filepath.Join(b.buildDir, f))
		if err != nil {
			fail(fmt.Errorf("%w (run ./build.sh first)", err))
		}
		var z bytes.Buffer
		w, _ := gzip.NewWriterLevel(&z, gzip.DefaultCompression)
		w.Write(data)
		w.Close()
		raw += len(data)
		gz += z.Len()
		fmt.Printf("  %-13s %10s raw %10s gzipped\n", f, size(len(data)), size(z.Len()))
	}
	fmt.Printf("  %-13s %10s raw %10s gzipped (limit %s)\n", "total", size(raw), size(gz), size(gzipLimit))
	if gz >= gzipLimit {
		fmt.Println("  FAIL: the bundle is over the limit")
		return false
	}
	return true
}

func size(n int) string {
	if n < 1<<20 {
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%.2f MiB", float64(n)/(1<<20))
}

// cold starts workerd afresh several times: how long workerd takes to
// serve, then the first request, which starts Go and compiles the schemas.
func (b *bench) cold(runs int) {
	fmt.Printf("\nCold start (%d fresh workerd processes; median)\n", runs)
	var ready, first, firstMOU []time.Duration
	for range runs {
		t0 := time.Now()
		w, err := workerd.Start(b.edge, b.buildDir, debugInstance)
		if err != nil {
			fail(err)
		}
		t1 := time.Now()
		c := &http.Client{}
		if _, err := get(c, w.URL+"/healthz"); err != nil {
			fail(err)
		}
		t2 := time.Now()
		d, err := check(c, w.URL, b.valid)
		if err != nil {
			fail(err)
		}
		w.Stop()
		ready = append(ready, t1.Sub(t0))
		first = append(first, t2.Sub(t1))
		firstMOU = append(firstMOU, d)
	}
	var floor []time.Duration
	for range runs {
		t0 := time.Now()
		w, err := workerd.Start(b.edge, b.buildDir, nil, "--floor")
		if err != nil {
			fail(err)
		}
		floor = append(floor, time.Since(t0))
		w.Stop()
	}
	fmt.Printf("  workerd serving (node serve.mjs):             %s (a JavaScript worker: %s)\n", ms(median(ready)), ms(median(floor)))
	fmt.Printf("  first request (Go start-up, schema compile):  %s\n", ms(median(first)))
	fmt.Printf("  then the first MOU check:                     %s\n", ms(median(firstMOU)))
}

// warm measures requests to one running worker: one at a time, then many
// in flight, and the JavaScript floor.
func (b *bench) warm(n, inFlight int) bool {
	w, err := workerd.Start(b.edge, b.buildDir, debugInstance)
	if err != nil {
		fail(err)
	}
	defer w.Stop()
	c := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: inFlight}}
	for range 100 { // warm up: V8 compiles the hot code optimised
		if _, err := check(c, w.URL, b.valid); err != nil {
			fail(err)
		}
	}

	fmt.Printf("\nWarm, one at a time (%d requests each)\n", n)
	valid := b.sequence(c, w.URL, n, b.valid)
	fmt.Printf("  valid MOU (4.4 KB, no findings): %s\n", summary(valid))
	fmt.Printf("  draft MOU (4.4 KB, 14 findings): %s\n", summary(b.sequence(c, w.URL, n, b.draft)))
	if p := quantile(valid, 0.5); p >= p50Target {
		fmt.Printf("  note: the p50 target is under %s; this machine may be busy\n", ms(p50Target))
	}
	floor, err := workerd.Start(b.edge, b.buildDir, nil, "--floor")
	if err != nil {
		fail(err)
	}
	for range 100 {
		check(c, floor.URL, b.valid)
	}
	fmt.Printf("  floor, a JavaScript worker that only reads the body: %s\n", summary(b.sequence(c, floor.URL, n, b.valid)))
	floor.Stop()

	fmt.Printf("\nUnder load: %d MOU checks (valid and draft in turn), %d in flight\n", n, inFlight)
	var (
		next     atomic.Int64
		mu       sync.Mutex
		times    []time.Duration
		errs     []string
		wg       sync.WaitGroup
		distinct = map[string]bool{}
	)
	t0 := time.Now()
	for range inFlight {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := next.Add(1) - 1
				if i >= int64(n) {
					return
				}
				body := b.valid
				if i%2 == 1 {
					body = b.draft
				}
				t := time.Now()
				res, err := c.Post(w.URL+"/v1/mou/check", "application/json", bytes.NewReader(body))
				var text []byte
				if err == nil {
					text, err = io.ReadAll(res.Body)
					res.Body.Close()
					if err == nil && res.StatusCode != http.StatusOK {
						err = fmt.Errorf("status %d: %.200s", res.StatusCode, text)
					}
				}
				d := time.Since(t)
				mu.Lock()
				if err != nil {
					errs = append(errs, err.Error())
				} else {
					times = append(times, d)
					id, _, _ := strings.Cut(res.Header.Get("Partnerkit-Instance"), ";")
					distinct[id] = true
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	wall := time.Since(t0)
	fmt.Printf("  %d succeeded, %d failed, in %s (%.0f requests/s), answered by %d Go program(s)\n",
		len(times), len(errs), ms(wall), float64(n)/wall.Seconds(), len(distinct))
	if len(times) > 0 {
		fmt.Printf("  latency: %s\n", summary(times))
	}
	if len(errs) > 0 {
		fmt.Printf("  FAIL: %s\n", strings.Join(errs[:min(3, len(errs))], "; "))
		return false
	}
	return true
}

func (b *bench) sequence(c *http.Client, url string, n int, body []byte) []time.Duration {
	times := make([]time.Duration, 0, n)
	for range n {
		d, err := check(c, url, body)
		if err != nil {
			fail(err)
		}
		times = append(times, d)
	}
	return times
}

// check posts an MOU and times the answer, body read.
func check(c *http.Client, url string, body []byte) (time.Duration, error) {
	t := time.Now()
	res, err := c.Post(url+"/v1/mou/check", "application/json", bytes.NewReader(body))
	if err != nil {
		return 0, err
	}
	text, err := io.ReadAll(res.Body)
	res.Body.Close()
	d := time.Since(t)
	if err != nil {
		return 0, err
	}
	if res.StatusCode != http.StatusOK || !bytes.Contains(text, []byte(`"findings"`)) {
		return 0, fmt.Errorf("status %d: %.200s", res.StatusCode, text)
	}
	return d, nil
}

func get(c *http.Client, url string) ([]byte, error) {
	res, err := c.Get(url)
	if err != nil {
		return nil, err
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err == nil && res.StatusCode != http.StatusOK {
		err = fmt.Errorf("GET %s: status %d: %.200s", url, res.StatusCode, body)
	}
	return body, err
}

func quantile(ts []time.Duration, q float64) time.Duration {
	s := slices.Clone(ts)
	slices.Sort(s)
	i := int(q*float64(len(s))+0.999999) - 1
	return s[max(0, min(len(s)-1, i))]
}

func median(ts []time.Duration) time.Duration { return quantile(ts, 0.5) }

func summary(ts []time.Duration) string {
	var sum time.Duration
	for _, t := range ts {
		sum += t
	}
	return fmt.Sprintf("p50 %s, p99 %s, mean %s, max %s", ms(quantile(ts, 0.5)), ms(quantile(ts, 0.99)),
		ms(sum/time.Duration(len(ts))), ms(slices.Max(ts)))
}

func ms(d time.Duration) string { return fmt.Sprintf("%.2f ms", float64(d)/float64(time.Millisecond)) }
