// Command partnerkit checks Memoranda of Understanding, scores partnership
// self-assessments and prints partnerkit's JSON Schemas.
//
// Usage:
//
//	partnerkit mou check [--json] FILE...
//	partnerkit schema [NAME]
//	partnerkit evaluate score --framework FILE|ID [--json] ASSESSMENT...
//	partnerkit evaluate progress [--json] FILE
//	partnerkit evaluate effect [--json] FILE
//	partnerkit framework list|show ID
//	partnerkit serve [--addr 127.0.0.1:8080]
//
// FILE may be - for standard input. The exit status is 0 when every
// document is valid, 1 when any has an error, and 2 for a usage or I/O error.
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
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
}

type command struct {
	name    string
	summary string
	run     func(c *cli, args []string) int
}

var commands []command

func init() {
	commands = []command{
		{"mou", "check Memoranda of Understanding", (*cli).mou},
		{"evaluate", "score self-assessments, track indicators and compute effect sizes", (*cli).evaluate},
		{"framework", "list and show the built-in self-assessment frameworks", (*cli).framework},
		{"schema", "list or print the JSON Schemas", (*cli).schema},
		{"serve", "serve the checker's HTTP API locally", (*cli).serve},
	}
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

// readInput reads a named file, or standard input for "-" (once).
func (c *cli) readInput(name string) ([]byte, error) {
	if name == "-" {
		if c.stdinRead {
			return nil, errors.New("standard input (-) can be read only once")
		}
		c.stdinRead = true
		return io.ReadAll(c.stdin)
	}
	return os.ReadFile(name)
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
