package evaluation

import (
	"errors"
	"fmt"
	"math"
	"strings"

	"github.com/partnerkit/partnerkit/finding"
	"github.com/partnerkit/partnerkit/internal/text"
	"github.com/partnerkit/partnerkit/partnership"
)

// Readiness by phase. A phased framework, such as the built-in
// peer-review-readiness, tags each dimension with the phase of the
// programme it belongs to: build, embed or sustain. Readiness scores each
// phase as well as the whole, and says whether the partnership is ready
// for the next phase, or what still stands in the way.
//
// The rule: a phase is complete when
//   - its score (the weighted mean, by dimension weight, of its dimensions'
//     scores) reaches the start of the framework's second-highest band,
//   - none of its dimensions is in the lowest band, and
//   - every one of its dimensions has a score (an unanswered area cannot
//     show it is ready).
//
// The partnership is ready for the first phase that is not complete, in the
// order build, embed, sustain. When its stage is known and lies beyond that
// phase (stage embed while build is not complete), Readiness raises a
// readiness.stage-ahead finding.

// CodeStageAhead is the finding Readiness raises when the partnership's
// stage is ahead of its readiness.
const CodeStageAhead = "readiness.stage-ahead"

// ErrNotPhased reports a framework none of whose dimensions has a phase.
var ErrNotPhased = errors.New("evaluation: the framework has no phases (no dimension has a phase)")

// phases is the order of a phased programme.
var phases = [...]partnership.Stage{partnership.StageBuild, partnership.StageEmbed, partnership.StageSustain}

// ReadinessOptions tunes Readiness. The zero value judges readiness alone.
type ReadinessOptions struct {
	// Stage is the phase the partnership is in, when known (as the
	// partnership document's stage gives it): build, embed or sustain.
	Stage partnership.Stage
}

// Readiness is how ready a partnership is, phase by phase.
type Readiness struct {
	Framework        string   `json:"framework"`
	FrameworkVersion string   `json:"frameworkVersion,omitempty"`
	Overall          *float64 `json:"overall"` // the score's overall, as Score gives it
	Band             string   `json:"band,omitempty"`
	// CompleteAt is the score a phase must reach: the start of the
	// second-highest band, whose label is CompleteBand.
	CompleteAt   float64 `json:"completeAt"`
	CompleteBand string  `json:"completeBand"`
	// Phases holds each phase the framework has, in programme order.
	Phases []PhaseReadiness `json:"phases"`
	// Next is the phase the partnership is ready to work on: the first
	// phase that is not complete. It is "" when every phase is complete.
	Next partnership.Stage `json:"next,omitempty"`
	// Stage is the stage the options gave, if any.
	Stage partnership.Stage `json:"stage,omitempty"`
	// Verdict says, in a sentence or two, which phase the partnership is
	// ready for and what stands in the way of the one after.
	Verdict string `json:"verdict"`
	// Findings holds readiness.stage-ahead when the stage is ahead of
	// readiness; it is empty otherwise.
	Findings []finding.Finding `json:"findings"`
}

// PhaseReadiness is one phase's part of a Readiness.
type PhaseReadiness struct {
	Phase partnership.Stage `json:"phase"`
	// Score is the weighted mean of the phase's dimension scores, or nil
	// when none of them has a score.
	Score    *float64 `json:"score"`
	Band     string   `json:"band,omitempty"`
	Complete bool     `json:"complete"`
	// Dimensions lists the phase's dimension ids, in the framework's order.
	Dimensions []string `json:"dimensions"`
	// Low lists the dimensions in the lowest band; Unscored those with no
	// score. Either keeps the phase from being complete.
	Low      []string `json:"low,omitempty"`
	Unscored []string `json:"unscored,omitempty"`
	// Verdict says whether the phase is complete and, if not, why.
	Verdict string `json:"verdict"`
}

// Readiness judges a score of this framework phase by phase, by the rule
// above. It fails when the score is of another framework, when the
// framework has no phases, or when the stage is not build, embed or
// sustain.
func (f *Framework) Readiness(s *Score, opts ReadinessOptions) (*Readiness, error) {
	if p := f.ready(); p.err != nil {
		return nil, p.err
	}
	if s == nil {
		return nil, errors.New("evaluation: no score to judge (nil)")
	}
	if s.Framework != f.ID {
		return nil, fmt.Errorf("evaluation: the score is of framework %q, not %q", s.Framework, f.ID)
	}
	if len(s.Dimensions) != len(f.Dimensions) {
		return nil, fmt.Errorf("evaluation: the score has %d dimensions, but framework %q has %d", len(s.Dimensions), f.ID, len(f.Dimensions))
	}
	stage := -1
	if opts.Stage != "" {
		stage = phaseIndex(opts.Stage)
		if stage < 0 {
			return nil, fmt.Errorf("evaluation: the stage %q is not build, embed or sustain", opts.Stage)
		}
	}
	r := &Readiness{
		Framework: f.ID, FrameworkVersion: f.Version, Overall: s.Overall, Band: s.Band,
		Stage: opts.Stage, Findings: []finding.Finding{},
	}
	lowest := f.Bands[0].Label
	second := f.Bands[0]
	if len(f.Bands) > 1 {
		second = f.Bands[len(f.Bands)-2]
	}
	r.CompleteAt, r.CompleteBand = second.Min, second.Label

	byPhase := map[partnership.Stage][]int{}
	for i, d := range f.Dimensions {
		if d.ID != s.Dimensions[i].ID {
			return nil, fmt.Errorf("evaluation: the score's dimension %d is %q, not %q", i+1, s.Dimensions[i].ID, d.ID)
		}
		if phaseIndex(d.Phase) >= 0 {
			byPhase[d.Phase] = append(byPhase[d.Phase], i)
		}
	}
	if len(byPhase) == 0 {
		return nil, ErrNotPhased
	}
	for _, ph := range phases {
		dims, ok := byPhase[ph]
		if !ok {
			continue
		}
		r.Phases = append(r.Phases, f.phaseReadiness(s, ph, dims, second, lowest))
	}
	for _, p := range r.Phases {
		if !p.Complete {
			r.Next = p.Phase
			break
		}
	}
	r.Verdict = r.verdict()
	if stage >= 0 {
		for _, p := range r.Phases {
			if phaseIndex(p.Phase) < stage && !p.Complete {
				r.Findings = append(r.Findings, finding.Finding{
					Code: CodeStageAhead, Severity: rules.Severity(CodeStageAhead), Path: "/stage",
					Message: fmt.Sprintf("The partnership is in the %s phase, but the %s phase is not complete yet: %s Strengthen it before moving on.",
						opts.Stage, p.Phase, p.reasons()),
				})
				break
			}
		}
	}
	return r, nil
}

func (f *Framework) phaseReadiness(s *Score, ph partnership.Stage, dims []int, second Band, lowest string) PhaseReadiness {
	p := PhaseReadiness{Phase: ph, Dimensions: make([]string, 0, len(dims))}
	var sum, w float64
	for _, i := range dims {
		d, ds := &f.Dimensions[i], &s.Dimensions[i]
		p.Dimensions = append(p.Dimensions, d.ID)
		switch {
		case ds.Score == nil:
			p.Unscored = append(p.Unscored, d.ID)
			continue
		case bandIndex(f.Bands, *ds.Score) == 0:
			p.Low = append(p.Low, d.ID)
		}
		sum += *ds.Score * weight(d.Weight)
		w += weight(d.Weight)
	}
	if w > 0 {
		score := clamp(sum / w)
		p.Score = &score
		p.Band = f.Bands[bandIndex(f.Bands, score)].Label
	}
	reached := p.Score != nil && *p.Score+near >= second.Min
	p.Complete = reached && len(p.Low) == 0 && len(p.Unscored) == 0

	name := text.Capital(string(ph))
	if p.Complete {
		p.Verdict = fmt.Sprintf("%s is complete: it scores %s, in %s, and no dimension is in %s.", name, roundedScore(*p.Score), p.Band, lowest)
		return p
	}
	var why []string
	if len(p.Low) > 0 {
		why = append(why, text.AndList(f.titles(p.Low))+" "+isAre(len(p.Low))+" in "+lowest)
	}
	if len(p.Unscored) > 0 {
		why = append(why, text.AndList(f.titles(p.Unscored))+" "+hasHave(len(p.Unscored))+" no answers")
	}
	if p.Score != nil && !reached {
		why = append(why, fmt.Sprintf("the phase scores %s, below the %s of %s", roundedScore(*p.Score), formatNumber(second.Min), second.Label))
	}
	p.Verdict = name + " is not complete yet: " + strings.Join(why, "; ") + "."
	return p
}

// reasons is the part of an incomplete phase's verdict after the colon.
func (p PhaseReadiness) reasons() string {
	_, why, _ := strings.Cut(p.Verdict, ": ")
	return why
}

func (r *Readiness) verdict() string {
	if r.Next == "" {
		return "Every phase is complete: the partnership owns its own journey."
	}
	var done []string
	var next PhaseReadiness
	for _, p := range r.Phases {
		if p.Phase == r.Next {
			next = p
			break
		}
		done = append(done, string(p.Phase))
	}
	if len(done) == 0 {
		return "Not ready for the next phase yet. " + next.Verdict
	}
	return fmt.Sprintf("Ready for the %s phase: %s %s complete. %s", r.Next, text.AndList(done), isAre(len(done)), next.Verdict)
}

func phaseIndex(s partnership.Stage) int {
	for i, p := range phases {
		if p == s {
			return i
		}
	}
	return -1
}

func (f *Framework) titles(ids []string) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = id
		for _, d := range f.Dimensions {
			if d.ID == id && d.Title != "" {
				out[i] = d.Title
			}
		}
	}
	return out
}

// roundedScore writes a score to one decimal place, without a trailing .0.
func roundedScore(x float64) string { return formatNumber(math.Round(x*10) / 10) }

func isAre(n int) string {
	if n == 1 {
		return "is"
	}
	return "are"
}

func hasHave(n int) string {
	if n == 1 {
		return "has"
	}
	return "have"
}
