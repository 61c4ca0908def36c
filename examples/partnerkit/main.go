// Command partnerkit checks Memoranda of Understanding, scores partnership
// self-assessments and prints partnerkit's JSON Schemas.
//
// Usage:
//
//	partnerkit check [--schema NAME] [--json] [OPTIONS] FILE...
//	partnerkit mou check [--json] [OPTIONS] FILE...
//	partnerkit schema [NAME]
//	partnerkit evaluate score --framework FILE|ID [--json] [OPTIONS] ASSESSMENT...
//	partnerkit evaluate readiness [--framework FILE|ID] [--stage STAGE] [--json] ASSESSMENT...
//	partnerkit evaluate progress [--json] [OPTIONS] FILE
//	partnerkit evaluate effect [--json] FILE
//	partnerkit framework list|show ID
//	partnerkit serve [--addr 127.0.0.1:8080] [--anonymity-threshold 3]
//
// OPTIONS are a programme's thresholds and rule settings, such as
// --mission-words 60 or --off signature.missing (see each command's
// --help, and the README's options table). FILE may be - for standard input. The exit status is 0 when every
// document is valid, 1 when any has an error, and 2 for a usage or I/O error.
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/partnerkit/partnerkit/api"
	"github.com/partnerkit/partnerkit/internal/jsontree"
	"github.com/partnerkit/partnerkit/internal/text"
	"github.com/partnerkit/partnerkit/register"
)

// Exit statuses.
const (
	exitOK      = 0 // every document is valid
	exitInvalid = 1 // a document has an error finding
	exitUsage   = 2 // bad usage, or a file could not be read
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// cli carries the streams a command reads and writes, so that tests can
// run commands in-process.
type cli struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	stdinRead      bool
	maxBytes       int64 // the most readInput reads of one file (--max-bytes)
	// register holds the options of the register commands open, such as
	// serve's --anonymity-threshold.
	register register.Options
}

// defaultMaxBytes is the most a command reads of one file unless
// --max-bytes says otherwise: 16 MiB, sixteen times what the HTTP API
// takes, and far more than any real document.
const defaultMaxBytes = 16 << 20

type command struct {
	name    string
	summary string
	run     func(c *cli, args []string) int
}

var commands []command

func init() {
	commands = []command{
		{"check", "check any partnerkit document against its schema and rules", (*cli).check},
		{"mou", "check Memoranda of Understanding", (*cli).mou},
		{"evaluate", "score self-assessments, track indicators and compute effect sizes", (*cli).evaluate},
		{"framework", "list and show the built-in self-assessment frameworks", (*cli).framework},
		{"schema", "list or print the JSON Schemas", (*cli).schema},
		{"serve", "serve the checker's HTTP API locally", (*cli).serve},
	}
	commands = append(commands, registerCommands()...)
}

const usage = `partnerkit checks school partnership documents.

Usage:
  partnerkit COMMAND [ARGUMENTS]

Commands:
%s
Run 'partnerkit COMMAND --help' for more about a command.
`

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	c := &cli{stdin: stdin, stdout: stdout, stderr: stderr}
	var list strings.Builder
	for _, cmd := range commands {
		fmt.Fprintf(&list, "  %-10s %s\n", cmd.name, cmd.summary)
	}
	if len(args) == 0 {
		fmt.Fprintf(stderr, usage, list.String())
		return exitUsage
	}
	switch args[0] {
	case "-h", "-help", "--help", "help":
		fmt.Fprintf(stdout, usage, list.String())
		return exitOK
	}
	for _, cmd := range commands {
		if cmd.name == args[0] {
			return cmd.run(c, args[1:])
		}
	}
	fmt.Fprintf(stderr, "partnerkit: unknown command %q\n\n", args[0])
	fmt.Fprintf(stderr, usage, list.String())
	return exitUsage
}

// dispatch runs the subcommand named by args[0] of the command name, or
// prints the command's usage: to stdout when asked for, to stderr with
// exit status 2 when the subcommand is missing or unknown.
func (c *cli) dispatch(name, usage string, args []string, subcommands map[string]func(*cli, []string) int) int {
	if len(args) == 0 {
		fmt.Fprintln(c.stderr, usage)
		return exitUsage
	}
	if run, ok := subcommands[args[0]]; ok {
		return run(c, args[1:])
	}
	switch args[0] {
	case "-h", "-help", "--help", "help":
		fmt.Fprintln(c.stdout, usage)
		return exitOK
	}
	fmt.Fprintf(c.stderr, "partnerkit %s: unknown command %q\n\n%s\n", name, args[0], usage)
	return exitUsage
}

// flags returns a flag set whose usage goes to stdout for --help and to
// stderr after a mistake (see parse).
func (c *cli) flags(name, usage string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard) // parse prints errors and usage itself, once
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "%s\n", strings.TrimSpace(usage))
		var hasFlags bool
		fs.VisitAll(func(*flag.Flag) { hasFlags = true })
		if hasFlags {
			fmt.Fprintf(fs.Output(), "\nOptions:\n")
			fs.PrintDefaults()
		}
	}
	return fs
}

// parse parses flags. It returns -1 to go on, or the exit status to stop
// with: 0 after --help, 2 after a mistake.
func (c *cli) parse(fs *flag.FlagSet, args []string) int {
	err := fs.Parse(interspersed(fs, args))
	switch {
	case err == nil:
		return -1
	case errors.Is(err, flag.ErrHelp):
		fs.SetOutput(c.stdout)
		fs.Usage()
		return exitOK
	}
	fs.SetOutput(c.stderr)
	fmt.Fprintf(c.stderr, "%s: %v\n\n", fs.Name(), err)
	fs.Usage()
	return exitUsage
}

// interspersed moves flags after the first argument to the front, so that
// "partnerkit mou check a.json --json" works as people expect. Everything
// after "--" stays an argument.
func interspersed(fs *flag.FlagSet, args []string) []string {
	var flags, rest []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			rest = append(rest, args[i+1:]...)
			break
		}
		if len(a) > 1 && a[0] == '-' {
			flags = append(flags, a)
			name := strings.TrimLeft(a, "-")
			if !strings.Contains(name, "=") {
				if f := fs.Lookup(name); f != nil && !isBool(f) && i+1 < len(args) {
					i++
					flags = append(flags, args[i])
				}
			}
			continue
		}
		rest = append(rest, a)
	}
	return append(append(flags, "--"), rest...)
}

func isBool(f *flag.Flag) bool {
	b, ok := f.Value.(interface{ IsBoolFlag() bool })
	return ok && b.IsBoolFlag()
}

// maxBytesFlag adds --max-bytes, the most readInput reads of one file, to
// a command that reads documents.
func (c *cli) maxBytesFlag(fs *flag.FlagSet) {
	fs.Int64Var(&c.maxBytes, "max-bytes", defaultMaxBytes, "the most to read of one file, in `BYTES`: a larger file is refused")
}

// readInput reads a named file, or standard input for "-" (once), up to
// the --max-bytes limit: a larger file is an error, found without reading
// it all. Reading stops at the first byte that cannot start a JSON
// document, since that byte is all it takes to report the error.
func (c *cli) readInput(name string) ([]byte, error) {
	limit := c.maxBytes
	if limit <= 0 {
		limit = defaultMaxBytes
	}
	limit = min(limit, math.MaxInt64-1) // one byte more is read to tell
	tooLarge := fmt.Errorf("%s is larger than %s, the most partnerkit reads of one file: check a smaller file, or raise the limit with --max-bytes", displayName(name), byteSize(limit))
	var r io.Reader
	if name == "-" {
		if c.stdinRead {
			return nil, errors.New("standard input (-) can be read only once")
		}
		c.stdinRead = true
		r = c.stdin
	} else {
		f, err := os.Open(name)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		if info, err := f.Stat(); err == nil && info.Mode().IsRegular() && info.Size() > limit {
			return nil, tooLarge
		}
		r = f
	}
	data, err := readJSONText(r, limit)
	if errors.Is(err, errTooLarge) {
		return nil, tooLarge
	}
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", displayName(name), err)
	}
	if most := maxValues(limit); jsontree.CountValues(data) > most {
		return nil, fmt.Errorf("%s holds more than %s JSON values, the most partnerkit checks of a file with --max-bytes %d: no real document needs that many", displayName(name), text.Thousands(most), limit)
	}
	return data, nil
}

// maxValues is the most JSON values a file may hold: as many per byte of
// the limit as the HTTP API allows (api.MaxValues in api.DefaultMaxBodyBytes),
// and at least api.MaxValues. Checking a file costs memory for each value
// more than for each byte, so that a file of a million empty objects
// would take gigabytes.
func maxValues(limit int64) int {
	per := int64(api.MaxValues) * max(1, limit/api.DefaultMaxBodyBytes)
	return int(min(per, math.MaxInt32))
}

var errTooLarge = errors.New("too large")

// readJSONText reads r to its end, or up to limit bytes (errTooLarge if
// there are more), or up to the first character after any byte order
// mark and white space when it cannot start a JSON value: what the parser
// needs to say where and what the error is.
func readJSONText(r io.Reader, limit int64) ([]byte, error) {
	br := bufio.NewReader(io.LimitReader(r, limit+1))
	var buf bytes.Buffer
	if bom, err := br.Peek(3); err == nil && string(bom) == "\uFEFF" {
		buf.Write(bom)
		br.Discard(3)
	}
	for {
		b, err := br.ReadByte()
		if errors.Is(err, io.EOF) {
			return buf.Bytes(), nil
		}
		if err != nil {
			return nil, err
		}
		buf.WriteByte(b)
		if int64(buf.Len()) > limit {
			return nil, errTooLarge
		}
		if b == ' ' || b == '\t' || b == '\n' || b == '\r' {
			continue
		}
		if !strings.ContainsRune(`{["-0123456789tfn`, rune(b)) {
			// The rest of the character, for the error message.
			start := buf.Len() - 1
			for buf.Len()-start < utf8.UTFMax && !utf8.FullRune(buf.Bytes()[start:]) {
				next, err := br.ReadByte()
				if err != nil {
					break
				}
				buf.WriteByte(next)
			}
			return buf.Bytes(), nil
		}
		break
	}
	if _, err := buf.ReadFrom(br); err != nil {
		return nil, err
	}
	if int64(buf.Len()) > limit {
		return nil, errTooLarge
	}
	return buf.Bytes(), nil
}

// byteSize writes a byte count as people read it: 16 MiB, 512 KiB, 100 bytes.
func byteSize(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return strconv.FormatInt(n>>20, 10) + " MiB"
	case n >= 1<<10 && n%(1<<10) == 0:
		return strconv.FormatInt(n>>10, 10) + " KiB"
	case n == 1:
		return "1 byte"
	}
	return strconv.FormatInt(n, 10) + " bytes"
}

// displayName is how a file is named in output.
func displayName(name string) string {
	if name == "-" {
		return "<stdin>"
	}
	return name
}

// printJSON writes v as indented JSON.
func (c *cli) printJSON(v any) error {
	enc := json.NewEncoder(c.stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// fail prints an error for the user and returns the usage/I/O exit status.
func (c *cli) fail(format string, args ...any) int {
	fmt.Fprintf(c.stderr, "partnerkit: "+format+"\n", args...)
	return exitUsage
}
