package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/partnerkit/partnerkit/api"
	"github.com/partnerkit/partnerkit/register"
	"github.com/partnerkit/partnerkit/schemas"
	"github.com/partnerkit/partnerkit/wasm/build"
)

const serveUsage = `Usage:
  partnerkit serve [--addr 127.0.0.1:8080] [--db partnerkit.db] [--max-body BYTES] [--allow-origin ORIGIN]...
                   [--anonymity-threshold 3] [scoring and progress options]

Serves the checker's HTTP API, the same handler the edge worker runs:
  POST /v1/mou/check, POST /v1/evaluations/score|readiness|progress|effect,
  GET /v1/schemas[/NAME], GET /v1/frameworks[/ID], GET /healthz,
and the partnership register kept in the SQLite file --db (created on the
first start, which prints an administrator link once; --db '' serves
without a register). The register's reports, its programme view and its
indicators use the scoring and progress options, as evaluate score and
evaluate progress do. See docs/api.md for the reference. Stop it with Ctrl-C.`

// serveShutdown is how long requests in flight get to finish on Ctrl-C.
const serveShutdown = 10 * time.Second

// serveOrigins collects --allow-origin, which may be repeated.
type serveOrigins []string

func (o *serveOrigins) String() string { return strings.Join(*o, ", ") }

func (o *serveOrigins) Set(v string) error {
	for _, s := range strings.Split(v, ",") {
		if s = strings.TrimSpace(s); s != "" {
			*o = append(*o, s)
		}
	}
	return nil
}

func (c *cli) serve(args []string) int {
	fs := c.flags("partnerkit serve", serveUsage)
	addr := fs.String("addr", "127.0.0.1:8080", "the `address` to listen on; 127.0.0.1 serves this machine only")
	maxBody := fs.Int64("max-body", api.DefaultMaxBodyBytes, "the largest request body accepted, in `bytes`")
	dbPath := fs.String("db", "partnerkit.db", "the register's SQLite `file`, created on the first start; '' serves without a register")
	threshold := fs.Int("anonymity-threshold", register.DefaultAnonymityThreshold,
		"the fewest `respondents` a partner needs before the register's reports show its own figures; 1 shows every partner")
	scoring, progress := scoreOptionFlags(fs), progressOptionFlags(fs)
	var origins serveOrigins
	fs.Var(&origins, "allow-origin", "an `origin` whose pages may call the API from a browser, such as https://forms.example.org (repeat for more)")
	if code := c.parse(fs, args); code >= 0 {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(c.stderr, "partnerkit serve: takes no arguments (got %q)\n", fs.Arg(0))
		return exitUsage
	}
	if *maxBody <= 0 {
		fmt.Fprintln(c.stderr, "partnerkit serve: --max-body must be above 0")
		return exitUsage
	}
	if *threshold <= 0 {
		fmt.Fprintln(c.stderr, "partnerkit serve: --anonymity-threshold is a number of respondents, 1 or more")
		return exitUsage
	}
	c.register.AnonymityThreshold = *threshold
	so, err := scoring()
	if err != nil {
		fmt.Fprintf(c.stderr, "partnerkit serve: %v\n", err)
		return exitUsage
	}
	po, err := progress()
	if err != nil {
		fmt.Fprintf(c.stderr, "partnerkit serve: %v\n", err)
		return exitUsage
	}
	so.OnTrackMargin, so.AtRiskMargin = po.OnTrackMargin, po.AtRiskMargin
	c.register.Scoring = so
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := schemas.Precompile(); err != nil {
		return c.fail("serve: %v", err)
	}
	// The forms' page, its WebAssembly built from source into the user's
	// cache the first time (see package wasm/build).
	assets, err := build.Options{Log: func(msg string) { fmt.Fprintln(c.stderr, "partnerkit: "+msg) }}.Assets(ctx)
	if err != nil {
		return c.fail("serve: %v", err)
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return c.fail("serve: %v", err)
	}
	defer ln.Close()
	logger := slog.New(slog.NewTextHandler(c.stderr, nil))
	reg, closeReg, code := c.openServeRegister(ctx, *dbPath, "http://"+ln.Addr().String())
	if code >= 0 {
		return code
	}
	defer closeReg()
	h := api.New(api.Options{
		MaxBodyBytes:   *maxBody,
		AllowedOrigins: origins,
		Logger:         logger,
		Assets:         assets,
		Register:       reg,
	})
	fmt.Fprintf(c.stdout, "partnerkit: the health check and the MOU builder are at http://%s/\n", ln.Addr())
	return c.serveOn(ctx, ln, h, logger)
}

// serveOn serves h on ln until ctx is done, then lets requests in flight
// finish.
func (c *cli) serveOn(ctx context.Context, ln net.Listener, h http.Handler, logger *slog.Logger) int {
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       time.Minute,
		WriteTimeout:      time.Minute,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}
	url := "http://" + ln.Addr().String()
	fmt.Fprintf(c.stdout, "partnerkit: serving the checker at %s (try %s/healthz); Ctrl-C stops it\n", url, url)

	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case err := <-served:
		return c.fail("serve: %v", err)
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), serveShutdown)
	defer cancel()
	err := srv.Shutdown(shutdown)
	if err := <-served; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return c.fail("serve: %v", err)
	}
	if err != nil {
		return c.fail("serve: stopping: %v", err)
	}
	fmt.Fprintln(c.stdout, "partnerkit: stopped")
	return exitOK
}

var _ flag.Value = (*serveOrigins)(nil)
