package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/partnerkit/partnerkit/finding"
	"github.com/partnerkit/partnerkit/internal/pointer"
	"github.com/partnerkit/partnerkit/internal/text"
	"github.com/partnerkit/partnerkit/mou"
)

const mouUsage = `Usage:
  partnerkit mou check [--json] FILE...

Commands:
  check   check Memoranda of Understanding against the schema and the guidance

Run 'partnerkit mou check --help' for more.`

func (c *cli) mou(args []string) int {
	return c.dispatch("mou", mouUsage, args, map[string]func(*cli, []string) int{
		"check": (*cli).mouCheck,
	})
}

const mouCheckUsage = `Usage:
  partnerkit mou check [--json] [--max-bytes BYTES] [OPTIONS] FILE...

Checks each MOU: its JSON, the MOU schema, and the guidance's rules (a
mission statement, SMART objectives, activities, monitoring, a lead from
each partner, governance, finance, alterations and dissolution).
FILE may be - for standard input. A file larger than --max-bytes (16 MiB
unless set) is not read. A report lists at most 20 findings of one code,
then says how many more there are.

A programme can set the thresholds (--mission-words, --hub-schools),
switch a rule off (--off signature.missing for drafts) or change its
severity (--severity objective.not-specific=error); the report then
names the options in force (with --json, each report's "options").

Exit status: 0 when every MOU is valid, 1 when any has an error,
2 for a usage mistake or a file that cannot be read.`

// fileReport is one file's report, as --json prints it.
type fileReport struct {
	File     string            `json:"file"`
	Valid    bool              `json:"valid"`
	Schema   string            `json:"schema,omitempty"` // partnerkit check: the schema the document was checked against
	Findings []finding.Finding `json:"findings"`
	Options  any               `json:"options,omitempty"` // the options in force, when a programme set any
}

func (c *cli) mouCheck(args []string) int {
	fs := c.flags("partnerkit mou check", mouCheckUsage)
	c.maxBytesFlag(fs)
	asJSON := fs.Bool("json", false, "print a JSON array with one report per file")
	options := mouOptionFlags(fs)
	if code := c.parse(fs, args); code >= 0 {
		return code
	}
	opts, err := options()
	if err != nil {
		fmt.Fprintf(c.stderr, "partnerkit mou check: %v\n", err)
		return exitUsage
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(c.stderr, "partnerkit mou check: name at least one FILE (or - for standard input)")
		return exitUsage
	}
	return c.checkFiles("mou check", fs.Args(), *asJSON, opts, func(data []byte) (fileReport, error) {
		r, err := opts.Check(data)
		if err != nil { // options() validated them
			return fileReport{}, err
		}
		fr := fileReport{Valid: r.Valid, Findings: r.Findings}
		if r.Options != nil {
			fr.Options = r.Options
		}
		return fr, nil
	})
}

// checkFiles reads each file and reports on it with report, as mou check
// and check do: the reports as text, or one JSON array with --json, then
// the options in force. It returns the exit status.
func (c *cli) checkFiles(cmd string, files []string, asJSON bool, opts mou.Options, report func(data []byte) (fileReport, error)) int {
	status := exitOK
	reports := []fileReport{}
	for i, name := range files {
		data, err := c.readInput(name)
		if err != nil {
			c.fail("%s: %v", cmd, err)
			status = exitUsage
			continue
		}
		fr, err := report(data)
		if err != nil {
			return c.fail("%s: %v", cmd, err)
		}
		fr.File = displayName(name)
		if !fr.Valid && status == exitOK {
			status = exitInvalid
		}
		if asJSON {
			reports = append(reports, fr)
			continue
		}
		if i > 0 {
			fmt.Fprintln(c.stdout)
		}
		writeReport(c.stdout, fr)
	}
	if asJSON {
		if err := c.printJSON(reports); err != nil {
			return c.fail("%s: %v", cmd, err)
		}
		return status
	}
	if set := mouOptionsSet(opts); len(set) > 0 {
		fmt.Fprintln(c.stdout)
		writeOptions(c.stdout, set)
	}
	return status
}

// writeReport prints a report for people, grouped by severity.
func writeReport(w io.Writer, r fileReport) {
	counts := map[finding.Severity]int{}
	for _, f := range r.Findings {
		counts[f.Severity]++
	}
	var parts []string
	for _, g := range groups {
		if n := counts[g.severity]; n > 0 {
			parts = append(parts, text.Count(n, g.one, g.many))
		}
	}
	verdict := "valid"
	if !r.Valid {
		verdict = "not valid"
	}
	if len(parts) == 0 {
		fmt.Fprintf(w, "%s: valid, nothing to report\n", r.File)
		return
	}
	fmt.Fprintf(w, "%s: %s (%s)\n", r.File, verdict, strings.Join(parts, ", "))
	for _, g := range groups {
		if counts[g.severity] == 0 {
			continue
		}
		fmt.Fprintf(w, "\n%s\n", g.heading)
		for _, f := range r.Findings {
			if f.Severity == g.severity {
				fmt.Fprintf(w, "  %s %s\n      %s [%s]\n", g.mark, pointer.Dotted(f.Path), f.Message, f.Code)
			}
		}
	}
}

var groups = []struct {
	severity      finding.Severity
	heading, mark string
	one, many     string
}{
	{finding.Error, "Errors (must be fixed)", "x", "error", "errors"},
	{finding.Warning, "Warnings (advised against)", "!", "warning", "warnings"},
	{finding.Info, "Suggestions", "i", "suggestion", "suggestions"},
}
