package main

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/partnerkit/partnerkit/evaluation"
	"github.com/partnerkit/partnerkit/internal/text"
	"github.com/partnerkit/partnerkit/partnership"
)

const readinessUsage = `Usage:
  partnerkit evaluate readiness --framework FILE|ID [--stage STAGE] [--json] ASSESSMENT...

Scores each assessment against a phased framework, such as the built-in
peer-review-readiness, and judges it phase by phase (build, embed,
sustain): a phase is complete when its score reaches the second-highest
band and none of its dimensions is in the lowest. The verdict says which
phase the partnership is ready for, and what stands in the way.

With --stage, the phase the partnership is in, a warning
(readiness.stage-ahead) says when it is ahead of its readiness: in embed
while build is not complete.

With --json, it prints {"results": [...]}: each assessment's readiness
with its "file", as POST /v1/evaluations/readiness answers.

Exit status: 0 when every document is valid, 1 when any is not (or the
framework has no phases), 2 for a usage mistake or a file that cannot be
read.`

// readinessResult is one file's readiness, as --json prints it.
type readinessResult struct {
	File string `json:"file"`
	*evaluation.Readiness
}

func (c *cli) evaluateReadiness(args []string) int {
	fs := c.flags("partnerkit evaluate readiness", readinessUsage)
	c.maxBytesFlag(fs)
	frameworkName := fs.String("framework", evaluation.PeerReviewReadiness, "the phased framework: a built-in framework's id or a framework `FILE`")
	stage := fs.String("stage", "", "the `STAGE` the partnership is in: build, embed or sustain")
	asJSON := fs.Bool("json", false, "print JSON")
	if code := c.parse(fs, args); code >= 0 {
		return code
	}
	opts := evaluation.ReadinessOptions{Stage: partnership.Stage(*stage)}
	switch opts.Stage {
	case "", partnership.StageBuild, partnership.StageEmbed, partnership.StageSustain:
	default:
		fmt.Fprintf(c.stderr, "partnerkit evaluate readiness: --stage is build, embed or sustain, not %q\n", *stage)
		return exitUsage
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(c.stderr, "partnerkit evaluate readiness: name at least one ASSESSMENT file (or - for standard input)")
		return exitUsage
	}
	f, code := c.loadFramework(*frameworkName)
	if code >= 0 {
		return code
	}
	status := exitOK
	results := []readinessResult{}
	for i, name := range fs.Args() {
		data, err := c.readInput(name)
		if err != nil {
			c.fail("evaluate readiness: %v", err)
			status = max(status, exitUsage)
			continue
		}
		a, err := evaluation.ParseAssessment(data)
		var s *evaluation.Score
		if err == nil {
			s, err = f.Score(a)
		}
		if err != nil {
			status = max(status, c.problems(name, err))
			continue
		}
		r, err := f.Readiness(s, opts)
		if errors.Is(err, evaluation.ErrNotPhased) {
			fmt.Fprintf(c.stderr, "%s: the framework %q has no phases: readiness needs one whose dimensions are tagged build, embed or sustain, such as %s\n",
				displayName(*frameworkName), f.ID, evaluation.PeerReviewReadiness)
			return exitInvalid
		} else if err != nil {
			return c.fail("evaluate readiness: %v", err)
		}
		if *asJSON {
			results = append(results, readinessResult{File: displayName(name), Readiness: r})
			continue
		}
		if i > 0 {
			fmt.Fprintln(c.stdout)
		}
		writeReadiness(c.stdout, f, displayName(name), r)
	}
	if *asJSON {
		if err := c.printJSON(struct {
			Results []readinessResult `json:"results"`
		}{results}); err != nil {
			return c.fail("evaluate readiness: %v", err)
		}
	}
	return status
}

// writeReadiness prints one readiness for people.
func writeReadiness(w io.Writer, f *evaluation.Framework, file string, r *evaluation.Readiness) {
	fmt.Fprintf(w, "%s: %s\n", file, f.Title)
	if r.Overall != nil {
		fmt.Fprintf(w, "Overall: %s out of 100, %s.\n", fmtScore(*r.Overall), r.Band)
	}
	fmt.Fprintf(w, "A phase is complete at %s (%s) with no dimension in the lowest band.\n\n", fmtScore(r.CompleteAt), r.CompleteBand)
	for _, p := range r.Phases {
		state := "not complete"
		if p.Complete {
			state = "complete"
		}
		fmt.Fprintf(w, "  %-8s %5s  %-18s %s\n", text.Capital(string(p.Phase)), orDash(p.Score), p.Band, state)
	}
	fmt.Fprintf(w, "\n%s\n", r.Verdict)
	for _, p := range r.Phases {
		if !p.Complete && p.Phase != r.Next { // the verdict gives the next phase's
			fmt.Fprintf(w, "  - %s\n", p.Verdict)
		}
	}
	if r.Stage != "" {
		fmt.Fprintf(w, "\nStage: %s.", r.Stage)
		if len(r.Findings) == 0 {
			fmt.Fprint(w, " The partnership is where its readiness says it can be.")
		}
		fmt.Fprintln(w)
	}
	for _, fd := range r.Findings {
		fmt.Fprintf(w, "  ! %s [%s]\n", strings.TrimSpace(fd.Message), fd.Code)
	}
}
