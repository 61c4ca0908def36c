//go:build !(js && wasm)

package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/partnerkit/partnerkit/wasm/build"
)

func main() {
	runs := flag.Int("runs", 10, "page loads to time")
	keystrokes := flag.Int("keystrokes", 200, "keystrokes to time")
	mouPath := flag.String("mou", "", "the MOU to type into (default: the contract's, ../../examples/data/mou-riverside.json)")
	flag.Parse()
	if err := run(*runs, *keystrokes, *mouPath); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

const (
	mib         = 1 << 20
	targetGzip  = 2 * mib
	targetReady = time.Second
	targetKey   = 16 * time.Millisecond
)

func run(runs, keystrokes int, mouPath string) error {
	ctx := context.Background()
	assets, err := build.Options{Log: func(m string) { fmt.Fprintln(os.Stderr, m) }}.Assets(ctx)
	if err != nil {
		return err
	}
	wasm, err := fs.ReadFile(assets, build.WasmFile)
	if err != nil {
		return err
	}
	var gz bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&gz, gzip.BestCompression)
	zw.Write(wasm)
	zw.Close()
	fmt.Printf("partnerkit.wasm            %6.2f MiB raw, %.2f MiB gzipped (%d bytes; target under 2 MiB gzipped: %s)\n",
		float64(len(wasm))/mib, float64(gz.Len())/mib, gz.Len(), verdict(gz.Len() < targetGzip))

	chromium := os.Getenv("PARTNERKIT_CHROMIUM")
	if chromium == "" {
		chromium = "/usr/bin/chromium"
	}
	if _, err := os.Stat(chromium); err != nil {
		return errors.New("no Chromium at " + chromium + ": apt-get install -y chromium, or set PARTNERKIT_CHROMIUM")
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: http.FileServerFS(assets)}
	go srv.Serve(ln)
	defer srv.Close()
	url := "http://" + ln.Addr().String() + "/"

	opts := append(slices.Clone(chromedp.DefaultExecAllocatorOptions[:]),
		chromedp.ExecPath(chromium), chromedp.Headless, chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.WindowSize(1280, 1000))
	alloc, cancel := chromedp.NewExecAllocator(ctx, opts...)
	defer cancel()
	browser, cancel := chromedp.NewContext(alloc)
	defer cancel()
	if err := chromedp.Do(browser); err != nil {
		return err
	}

	const readyJS = `performance.getEntriesByName("pk-interactive")[0].startTime`
	var first, firstChecked, again []time.Duration
	for range runs {
		tab, cancel := chromedp.NewContext(browser, chromedp.WithNewBrowserContext())
		if err := chromedp.Do(tab, chromedp.Navigate(url+"#mou"), chromedp.WaitReady(chromedp.CSS("html[data-pk-ready]"))); err != nil {
			cancel()
			return err
		}
		ms, err := chromedp.Run(tab, chromedp.Evaluate[float64](readyJS))
		if err != nil {
			cancel()
			return err
		}
		first = append(first, millis(ms))
		checked, err := chromedp.Run(tab, chromedp.Evaluate[float64](`new Promise(r => { const f = () => { const e = performance.getEntriesByName("pk-checked")[0]; e ? r(e.startTime) : setTimeout(f, 20); }; f(); })`, chromedp.EvalAwaitPromise))
		if err != nil {
			cancel()
			return err
		}
		firstChecked = append(firstChecked, millis(checked))
		if err := chromedp.Do(tab, chromedp.Reload(), chromedp.WaitReady(chromedp.CSS("html[data-pk-ready]"))); err != nil {
			cancel()
			return err
		}
		if ms, err = chromedp.Run(tab, chromedp.Evaluate[float64](readyJS)); err != nil {
			cancel()
			return err
		}
		again = append(again, millis(ms))
		cancel()
	}
	fmt.Printf("navigation to interactive  first visit: median %s (min %s, max %s); reload: median %s, over %d runs (target under 1 s: %s)\n",
		ms(median(first)), ms(slices.Min(first)), ms(slices.Max(first)), ms(median(again)), runs, verdict(median(first) < targetReady))
	fmt.Printf("navigation to MOU checked  first visit: median %s (the findings shown beside the fields)\n", ms(median(firstChecked)))

	if mouPath == "" {
		mouPath = filepath.Join("examples", "data", "mou-riverside.json")
		if _, err := os.Stat(mouPath); err != nil {
			mouPath = filepath.Join("..", "..", "examples", "data", "mou-riverside.json")
		}
	}
	abs, err := filepath.Abs(mouPath)
	if err != nil {
		return err
	}
	tab, cancel := chromedp.NewContext(browser, chromedp.WithNewBrowserContext())
	defer cancel()
	err = chromedp.Do(tab,
		chromedp.Navigate(url+"#mou"), chromedp.WaitReady(chromedp.CSS("html[data-pk-ready]")),
		chromedp.SetUploadFiles(chromedp.ID("mou-import"), []string{abs}),
		chromedp.WaitVisible(chromedp.CSS("#mou-summary .pk-summary-ok")))
	if err != nil {
		return fmt.Errorf("loading %s: %w", mouPath, err)
	}
	times, err := chromedp.Run(tab, chromedp.Evaluate[[]float64](fmt.Sprintf(`(() => {
		const el = document.getElementById("mou__missionStatement");
		const base = el.value;
		const out = [];
		for (let i = 0; i < %d; i++) {
			el.value = base + " x".repeat(i %% 40);
			const t0 = performance.now();
			el.dispatchEvent(new InputEvent("input", {bubbles: true, inputType: "insertText", data: "x"}));
			const t1 = performance.now();
			document.body.offsetHeight;
			out.push(performance.now() - t0, t1 - t0);
		}
		return out;
	})()`, keystrokes)))
	if err != nil {
		return err
	}
	var keys, handler []time.Duration
	for i := 0; i+1 < len(times); i += 2 {
		keys = append(keys, millis(times[i]))
		handler = append(handler, millis(times[i+1]))
	}
	slices.Sort(keys)
	slices.Sort(handler)
	fmt.Printf("re-validate after a keystroke  median %s, 95th percentile %s, max %s, over %d keystrokes (target under 16 ms: %s)\n",
		ms(median(keys)), ms(keys[len(keys)*95/100]), ms(slices.Max(keys)), len(keys), verdict(keys[len(keys)*95/100] < targetKey))
	fmt.Printf("  of which the Go handler     median %s, 95th percentile %s (the rest is the browser's style and layout)\n",
		ms(median(handler)), ms(handler[len(handler)*95/100]))
	return nil
}

func millis(f float64) time.Duration { return time.Duration(f * float64(time.Millisecond)) }

func median(d []time.Duration) time.Duration {
	s := slices.Clone(d)
	slices.Sort(s)
	return s[len(s)/2]
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d)/float64(time.Millisecond)) }

func verdict(ok bool) string {
	if ok {
		return "met"
	}
	return "NOT met"
}
