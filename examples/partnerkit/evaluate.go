package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"

	"github.com/google/uuid"
	"github.com/partnerkit/partnerkit/evaluation"
	"github.com/partnerkit/partnerkit/finding"
	"github.com/partnerkit/partnerkit/internal/pointer"
	"github.com/partnerkit/partnerkit/internal/text"
)

const evaluateUsage = `Usage:
  partnerkit evaluate score --framework FILE|ID [--json] [OPTIONS] ASSESSMENT...
  partnerkit evaluate readiness --framework FILE|ID [--stage STAGE] [--json] ASSESSMENT...
  partnerkit evaluate progress [--json] [OPTIONS] FILE
  partnerkit evaluate effect [--json] FILE

Commands:
  score      score self-assessments against a framework, and combine several
  readiness  judge a phased framework's scores phase by phase: build, embed, sustain
  progress   track Theory of Change indicators against their targets
  effect     work out an effect size (Hedges' g) and months of progress

Run 'partnerkit evaluate COMMAND --help' for more.`

const scoreUsage = `Usage:
  partnerkit evaluate score --framework FILE|ID [--json] [OPTIONS] ASSESSMENT...

Scores each assessment against the framework: a built-in framework's id
(see 'partnerkit framework list') or a framework file. With several
assessments of one partnership, it also combines them: each dimension's mean and
spread, each partner's mean, and self-review against peer review.
ASSESSMENT may be - for standard input.

With --json, it prints {"results": [...], "combined": {...}}: each
assessment's score object with its "file", and for several, their
combination. The shape is the same for one assessment, as the HTTP API's.

A programme can set the flags' thresholds (--low-coverage,
--disagree-spread, --imbalance-gap, --review-gap) or switch a flag off
(--off dimension.concern); the output then names the options in force
(with --json, "options").

Exit status: 0 when every document is valid, 1 when any is not,
2 for a usage mistake or a file that cannot be read.`

const progressUsage = `Usage:
  partnerkit evaluate progress [--json] [OPTIONS] FILE

Measures each Theory of Change indicator in an indicators document against
its target and the time passed: met, on track, at risk or off track.
FILE may be - for standard input. --on-track-margin and --at-risk-margin
set how far behind the time passed an indicator may be for each status.

Exit status: 0 when the document is valid, 1 when it is not,
2 for a usage mistake or a file that cannot be read.`

const effectUsage = `Usage:
  partnerkit evaluate effect [--json] FILE

Compares an intervention group with a comparison group: Hedges' g with its
95% confidence interval, and the months of additional progress it is worth
on the Education Endowment Foundation's scale. FILE may be - for standard
input.

Exit status: 0 when the document is valid, 1 when it is not,
2 for a usage mistake or a file that cannot be read.`

const frameworkUsage = `Usage:
  partnerkit framework list [--json]   list the built-in frameworks
  partnerkit framework show ID         print a built-in framework as JSON

A framework is a self-assessment questionnaire: a rating scale, dimensions of
questions with weights and advice, and score bands. Use its id with
'partnerkit evaluate score --framework ID'.`

func (c *cli) evaluate(args []string) int {
	return c.dispatch("evaluate", evaluateUsage, args, map[string]func(*cli, []string) int{
		"score":     (*cli).evaluateScore,
		"readiness": (*cli).evaluateReadiness,
		"progress":  (*cli).evaluateProgress,
		"effect":    (*cli).evaluateEffect,
	})
}

// loadFramework reads a framework file, or else takes the built-in
// framework with that id. It returns the exit status to stop with, or -1.
func (c *cli) loadFramework(name string) (*evaluation.Framework, int) {
	if f, ok := evaluation.Builtin(name); ok && !isFile(name) {
		return f, -1
	}
	data, err := c.readInput(name)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, c.fail("evaluate score: %s is neither a file nor a built-in framework (the built-ins are %s)",
				name, strings.Join(evaluation.BuiltinIDs(), ", "))
		}
		return nil, c.fail("evaluate score: %v", err)
	}
	f, err := evaluation.ParseFramework(data)
	if err != nil {
		return nil, c.problems(name, err)
	}
	return f, -1
}

func isFile(name string) bool {
	_, err := os.Stat(name)
	return err == nil
}

// problems prints what is wrong with a document to standard error, one
// problem a line with the file and the path, as compilers do, and returns
// exitInvalid.
func (c *cli) problems(name string, err error) int {
	var inv *evaluation.InvalidError
	if !errors.As(err, &inv) {
		fmt.Fprintf(c.stderr, "%s: %v\n", displayName(name), err)
		return exitInvalid
	}
	for _, f := range inv.Findings {
		if f.Severity != finding.Error {
			continue
		}
		where := displayName(name)
		if f.Path != "" {
			where += ": " + pointer.Dotted(f.Path)
		}
		fmt.Fprintf(c.stderr, "%s: %s [%s]\n", where, f.Message, f.Code)
	}
	return exitInvalid
}

func (c *cli) evaluateScore(args []string) int {
	fs := c.flags("partnerkit evaluate score", scoreUsage)
	c.maxBytesFlag(fs)
	frameworkName := fs.String("framework", "", "the framework: a built-in framework's id or a framework `FILE`")
	asJSON := fs.Bool("json", false, "print JSON")
	options := scoreOptionFlags(fs)
	if code := c.parse(fs, args); code >= 0 {
		return code
	}
	opts, err := options()
	if err != nil {
		fmt.Fprintf(c.stderr, "partnerkit evaluate score: %v\n", err)
		return exitUsage
	}
	if *frameworkName == "" {
		fmt.Fprintln(c.stderr, "partnerkit evaluate score: name the framework with --framework FILE or ID (see 'partnerkit framework list')")
		return exitUsage
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(c.stderr, "partnerkit evaluate score: name at least one ASSESSMENT file (or - for standard input)")
		return exitUsage
	}
	f, code := c.loadFramework(*frameworkName)
	if code >= 0 {
		return code
	}

	// Each file is read, scored, printed and combined in turn, so that
	// memory stays flat however many files there are: only the
	// combination is kept.
	status := exitOK
	sc := opts.NewScorer(f)
	out := &scoreWriter{w: c.stdout, json: *asJSON, opts: opts}
	for _, name := range fs.Args() {
		data, err := c.readInput(name)
		if err != nil {
			c.fail("evaluate score: %v", err)
			status = max(status, exitUsage)
			continue
		}
		a, err := evaluation.ParseAssessment(data)
		var s *evaluation.Score
		if err == nil {
			s, err = sc.Add(a)
		}
		var m *evaluation.MismatchError
		if errors.As(err, &m) {
			out.close(nil)
			const why = "only assessments of one partnership, made with one version of the framework, can be combined"
			if m.Before != uuid.Nil {
				return c.fail("evaluate score: %s is of partnership %s, but the files before it are of %s: %s", displayName(name), m.Partnership, m.Before, why)
			}
			return c.fail("evaluate score: %s cannot be combined with the files before it: %s", displayName(name), why)
		}
		if err != nil {
			status = max(status, c.problems(name, err))
			continue
		}
		if err := out.score(f, displayName(name), s); err != nil {
			return c.fail("evaluate score: %v", err)
		}
	}
	var combined *evaluation.Combined
	if fs.NArg() > 1 {
		combined = sc.Combined()
	}
	if err := out.close(func() { writeCombined(c.stdout, f, combined) }, combined); err != nil {
		return c.fail("evaluate score: %v", err)
	}
	if set := evaluationOptionsSet(opts); len(set) > 0 && !*asJSON {
		fmt.Fprintln(c.stdout)
		writeOptions(c.stdout, set)
	}
	return status
}

// scoreWriter prints scores as they come: for people, one after another;
// with --json, {"results": [...], "combined": {...}}, each result the
// score object with its "file", and "combined" only for several
// assessments, as the HTTP API answers.
type scoreWriter struct {
	w      io.Writer
	json   bool
	opts   evaluation.Options // the options; the JSON names them when set
	n      int                // scores written
	closed bool               // whether close has run
}

func (sw *scoreWriter) score(f *evaluation.Framework, file string, s *evaluation.Score) error {
	if !sw.json {
		if sw.n > 0 {
			fmt.Fprintln(sw.w)
		}
		sw.n++
		writeScore(sw.w, f, file, s, sw.opts.Resolved().LowCoverage)
		return nil
	}
	data, err := json.MarshalIndent(s, "    ", "  ")
	if err != nil {
		return err
	}
	name, _ := json.Marshal(file)
	sep := ",\n    "
	if sw.n == 0 {
		sep = "{\n  \"results\": [\n    "
	}
	sw.n++
	// {"file": …, then the score's own members.
	_, err = fmt.Fprintf(sw.w, "%s{\n      \"file\": %s,%s", sep, name, data[1:])
	return err
}

// close ends the output: for people, the combination, if any, printed by
// text; with --json, the end of the results and the combination.
func (sw *scoreWriter) close(text func(), combined ...*evaluation.Combined) error {
	if sw.closed {
		return nil
	}
	sw.closed = true
	var comb *evaluation.Combined
	if len(combined) > 0 {
		comb = combined[0]
	}
	if !sw.json {
		if comb != nil && text != nil {
			fmt.Fprintln(sw.w)
			text()
		}
		return nil
	}
	if sw.n == 0 {
		fmt.Fprint(sw.w, "{\n  \"results\": [")
	} else {
		fmt.Fprint(sw.w, "\n  ")
	}
	fmt.Fprint(sw.w, "]")
	if comb != nil {
		data, err := json.MarshalIndent(comb, "  ", "  ")
		if err != nil {
			return err
		}
		fmt.Fprintf(sw.w, ",\n  \"combined\": %s", data)
	}
	if in := sw.opts.InForce(); in != nil {
		data, err := json.MarshalIndent(in, "  ", "  ")
		if err != nil {
			return err
		}
		fmt.Fprintf(sw.w, ",\n  \"options\": %s", data)
	}
	_, err := fmt.Fprint(sw.w, "\n}\n")
	return err
}

// fmtScore shows a score as people write it: 62.5, 25, 83.3.
func fmtScore(x float64) string {
	return strconv.FormatFloat(math.Round(x*10)/10, 'f', -1, 64)
}

func fmtPercent(x float64) string { return strconv.Itoa(int(math.Round(x*100))) + "%" }

func dimensionTitle(f *evaluation.Framework, id string) string {
	if d, ok := f.Dimension(id); ok && d.Title != "" {
		return d.Title
	}
	return id
}

func titleWidth(f *evaluation.Framework) int {
	w := 0
	for _, d := range f.Dimensions {
		w = max(w, len([]rune(d.Title)))
	}
	return w
}

// writeScore prints one score for people; lowCoverage is the coverage.low
// threshold in force.
func writeScore(w io.Writer, f *evaluation.Framework, file string, s *evaluation.Score, lowCoverage float64) {
	fmt.Fprintf(w, "%s: %s\n", file, f.Title)
	if s.Overall == nil {
		fmt.Fprintln(w, "Overall: no score yet, as no question has been answered.")
	} else {
		fmt.Fprintf(w, "Overall: %s out of 100, %s.", fmtScore(*s.Overall), s.Band)
		if s.Advice != "" {
			fmt.Fprintf(w, " %s", s.Advice)
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintln(w)
	width := titleWidth(f)
	var concerns []string
	for _, d := range s.Dimensions {
		title := dimensionTitle(f, d.ID)
		if d.Score == nil {
			fmt.Fprintf(w, "  %-*s     -  not scored: no question answered\n", width, title)
			continue
		}
		fmt.Fprintf(w, "  %-*s  %5s  %s\n", width, title, fmtScore(*d.Score), d.Band)
	}
	low := false
	for _, fl := range s.Flags {
		switch fl.Code {
		case evaluation.FlagConcern:
			concerns = append(concerns, fl.Dimension)
		case evaluation.FlagLowCoverage:
			low = true
		}
	}
	fmt.Fprintln(w)
	fmt.Fprintf(w, "Coverage: %s of the questions that apply were answered", fmtPercent(s.Coverage))
	if low {
		fmt.Fprintf(w, ". That is under %s, so read these scores with care", fmtPercent(lowCoverage))
	}
	fmt.Fprintln(w, ".")
	if len(concerns) > 0 {
		fmt.Fprintln(w)
		fmt.Fprintln(w, "Worth talking through together:")
		for _, id := range concerns {
			d, _ := f.Dimension(id)
			fmt.Fprintf(w, "  - %s: %s\n", dimensionTitle(f, id), adviceOf(d))
		}
	}
}

func adviceOf(d *evaluation.Dimension) string {
	if d == nil || d.Advice == "" {
		return "agree one small step to take together."
	}
	return d.Advice
}

// writeCombined prints a combination of several scores for people.
func writeCombined(w io.Writer, f *evaluation.Framework, c *evaluation.Combined) {
	fmt.Fprintf(w, "Combined: %s, %s\n", text.Count(c.Respondents, "respondent", "respondents"), f.Title)
	if c.Overall != nil {
		fmt.Fprintf(w, "Overall: %s out of 100, %s.\n", fmtScore(*c.Overall), c.Band)
	}
	fmt.Fprintln(w)
	width := titleWidth(f)
	fmt.Fprintf(w, "  %-*s  %5s  %6s  %5s  %5s\n", width, "", "mean", "spread", "self", "peer")
	for _, d := range c.Dimensions {
		fmt.Fprintf(w, "  %-*s  %5s  %6s  %5s  %5s\n", width, dimensionTitle(f, d.ID), orDash(d.Mean), orDash(d.Spread), orDash(d.Self), orDash(d.Peer))
	}
	if len(c.Partners) > 0 {
		fmt.Fprintln(w)
		fmt.Fprintln(w, "By partner (mean overall score):")
		pw := 0
		for _, p := range c.Partners {
			pw = max(pw, len(p.Partner))
		}
		for _, p := range c.Partners {
			fmt.Fprintf(w, "  %-*s  %5s  (%s)\n", pw, p.Partner, fmtScore(p.Overall), text.Count(p.Respondents, "respondent", "respondents"))
		}
	}
	if len(c.Flags) == 0 {
		fmt.Fprintln(w)
		fmt.Fprintln(w, "Respondents broadly agree: nothing stands out.")
		return
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Worth talking through together:")
	for _, fl := range c.Flags {
		fmt.Fprintf(w, "  - %s\n", flagText(f, c, fl))
	}
}

func orDash(x *float64) string {
	if x == nil {
		return "-"
	}
	return fmtScore(*x)
}

func flagText(f *evaluation.Framework, c *evaluation.Combined, fl evaluation.Flag) string {
	var dim *evaluation.CombinedDimension
	for i := range c.Dimensions {
		if c.Dimensions[i].ID == fl.Dimension {
			dim = &c.Dimensions[i]
		}
	}
	switch {
	case fl.Code == evaluation.FlagDisagree && dim != nil && dim.Spread != nil:
		return fmt.Sprintf("Respondents see %s quite differently: their scores are %s points apart.", dimensionTitle(f, fl.Dimension), fmtScore(*dim.Spread))
	case fl.Code == evaluation.FlagReviewGap && dim != nil && dim.Self != nil && dim.Peer != nil:
		return fmt.Sprintf("Self-review and peer review differ on %s by %s points.", dimensionTitle(f, fl.Dimension), fmtScore(math.Abs(*dim.Self-*dim.Peer)))
	case fl.Code == evaluation.FlagImbalance && len(fl.Partners) == 2:
		low, high := partnerMean(c, fl.Partners[0]), partnerMean(c, fl.Partners[1])
		return fmt.Sprintf("%s rates the partnership %s points lower than %s: worth asking how it feels for them.", fl.Partners[0], fmtScore(high-low), fl.Partners[1])
	}
	return fl.Code + " " + fl.Dimension
}

func partnerMean(c *evaluation.Combined, id string) float64 {
	for _, p := range c.Partners {
		if p.Partner == id {
			return p.Overall
		}
	}
	return 0
}

// readOne reads and parses the single FILE a command takes. It returns
// the exit status to stop with, or -1.
func (c *cli) readOne(cmd string, args []string) ([]byte, string, int) {
	if len(args) != 1 {
		fmt.Fprintf(c.stderr, "partnerkit evaluate %s: name one FILE (or - for standard input)\n", cmd)
		return nil, "", exitUsage
	}
	data, err := c.readInput(args[0])
	if err != nil {
		return nil, "", c.fail("evaluate %s: %v", cmd, err)
	}
	return data, args[0], -1
}

var statusWords = map[evaluation.Status]string{
	evaluation.StatusMet:      "met",
	evaluation.StatusOnTrack:  "on track",
	evaluation.StatusAtRisk:   "at risk",
	evaluation.StatusOffTrack: "off track",
}

func (c *cli) evaluateProgress(args []string) int {
	fs := c.flags("partnerkit evaluate progress", progressUsage)
	c.maxBytesFlag(fs)
	asJSON := fs.Bool("json", false, "print JSON")
	options := progressOptionFlags(fs)
	if code := c.parse(fs, args); code >= 0 {
		return code
	}
	opts, err := options()
	if err != nil {
		fmt.Fprintf(c.stderr, "partnerkit evaluate progress: %v\n", err)
		return exitUsage
	}
	data, name, code := c.readOne("progress", fs.Args())
	if code >= 0 {
		return code
	}
	d, err := evaluation.ParseIndicators(data)
	var ps []evaluation.IndicatorProgress
	if err == nil {
		ps, err = opts.Progress(d)
	}
	if err != nil {
		return c.problems(name, err)
	}
	if *asJSON {
		if err := c.printJSON(struct {
			Indicators []evaluation.IndicatorProgress `json:"indicators"`
			Options    *evaluation.Options            `json:"options,omitempty"`
		}{ps, opts.InForce()}); err != nil {
			return c.fail("evaluate progress: %v", err)
		}
		return exitOK
	}
	if d.AsOf.IsZero() {
		fmt.Fprintf(c.stdout, "%s:\n", displayName(name))
	} else {
		fmt.Fprintf(c.stdout, "%s, as of %s:\n", displayName(name), d.AsOf)
	}
	width := 0
	for _, p := range ps {
		width = max(width, len(p.ID))
	}
	counts := map[evaluation.Status]int{}
	for _, p := range ps {
		counts[p.Status]++
		line := fmt.Sprintf("  %-*s  %-9s  %4s of the way, with %s of the time gone", width, p.ID, statusWords[p.Status], fmtPercent(p.Progress), fmtPercent(p.Expected))
		if p.AsOf != d.AsOf {
			line += " (as of " + p.AsOf.String() + ")"
		}
		fmt.Fprintln(c.stdout, line)
	}
	var parts []string
	for _, st := range []evaluation.Status{evaluation.StatusMet, evaluation.StatusOnTrack, evaluation.StatusAtRisk, evaluation.StatusOffTrack} {
		if counts[st] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", counts[st], statusWords[st]))
		}
	}
	if len(parts) > 0 {
		fmt.Fprintf(c.stdout, "\n%s.", strings.Join(parts, ", "))
		if counts[evaluation.StatusOffTrack]+counts[evaluation.StatusAtRisk] > 0 {
			fmt.Fprint(c.stdout, " Indicators behind the time passed are worth a look together.")
		}
		fmt.Fprintln(c.stdout)
	} else {
		fmt.Fprintln(c.stdout, "  No indicators yet.")
	}
	if set := evaluationOptionsSet(opts); len(set) > 0 {
		fmt.Fprintln(c.stdout)
		writeOptions(c.stdout, set)
	}
	return exitOK
}

func (c *cli) evaluateEffect(args []string) int {
	fs := c.flags("partnerkit evaluate effect", effectUsage)
	c.maxBytesFlag(fs)
	asJSON := fs.Bool("json", false, "print JSON")
	if code := c.parse(fs, args); code >= 0 {
		return code
	}
	data, name, code := c.readOne("effect", fs.Args())
	if code >= 0 {
		return code
	}
	s, err := evaluation.ParseStudy(data)
	var e evaluation.EffectSize
	if err == nil {
		e, err = s.Effect()
	}
	if err != nil {
		return c.problems(name, err)
	}
	if *asJSON {
		if err := c.printJSON(e); err != nil {
			return c.fail("evaluate effect: %v", err)
		}
		return exitOK
	}
	title := displayName(name)
	if s.Outcome != "" {
		title += ": " + s.Outcome
	}
	fmt.Fprintln(c.stdout, title)
	fmt.Fprintf(c.stdout, "  Hedges' g = %.2f (95%% confidence interval %.2f to %.2f)\n", e.G, e.CILow, e.CIHigh)
	switch {
	case e.Months > 0:
		fmt.Fprintf(c.stdout, "  About %s of additional progress on the Education Endowment Foundation's scale.\n", text.Count(e.Months, "month", "months"))
	case e.Months < 0:
		fmt.Fprintf(c.stdout, "  About %s less progress than the comparison group, on the Education Endowment Foundation's scale.\n", text.Count(-e.Months, "month", "months"))
	default:
		fmt.Fprintln(c.stdout, "  No additional progress to speak of (0 months) on the Education Endowment Foundation's scale.")
	}
	if e.CILow < 0 && e.CIHigh > 0 {
		fmt.Fprintln(c.stdout, "  The interval includes 0, so the difference could be down to chance: larger groups would tell you more.")
	}
	return exitOK
}

func (c *cli) framework(args []string) int {
	return c.dispatch("framework", frameworkUsage, args, map[string]func(*cli, []string) int{
		"list": (*cli).frameworkList,
		"show": (*cli).frameworkShow,
	})
}

func (c *cli) frameworkList(args []string) int {
	fs := c.flags("partnerkit framework list", "Usage:\n  partnerkit framework list [--json]\n\nLists the built-in frameworks.")
	asJSON := fs.Bool("json", false, "print JSON")
	if code := c.parse(fs, args); code >= 0 {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintln(c.stderr, "partnerkit framework list: takes no arguments")
		return exitUsage
	}
	type entry struct {
		ID         string `json:"id"`
		Version    string `json:"version"`
		Title      string `json:"title"`
		Dimensions int    `json:"dimensions"`
		Questions  int    `json:"questions"`
	}
	var list []entry
	for _, f := range evaluation.Builtins() {
		list = append(list, entry{f.ID, f.Version, f.Title, len(f.Dimensions), f.Questions()})
	}
	if *asJSON {
		if err := c.printJSON(list); err != nil {
			return c.fail("framework list: %v", err)
		}
		return exitOK
	}
	width := 0
	for _, e := range list {
		width = max(width, len(e.ID))
	}
	for _, e := range list {
		fmt.Fprintf(c.stdout, "%-*s  %s (%d dimensions, %d questions)\n", width, e.ID, e.Title, e.Dimensions, e.Questions)
	}
	return exitOK
}

func (c *cli) frameworkShow(args []string) int {
	fs := c.flags("partnerkit framework show", "Usage:\n  partnerkit framework show ID\n\nPrints a built-in framework as JSON, ready to copy and adapt.")
	if code := c.parse(fs, args); code >= 0 {
		return code
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(c.stderr, "partnerkit framework show: name one framework ID (see 'partnerkit framework list')")
		return exitUsage
	}
	f, ok := evaluation.Builtin(fs.Arg(0))
	if !ok {
		return c.fail("framework show: there is no built-in framework %q (the built-ins are %s)", fs.Arg(0), strings.Join(evaluation.BuiltinIDs(), ", "))
	}
	if err := c.printJSON(f); err != nil {
		return c.fail("framework show: %v", err)
	}
	return exitOK
}
