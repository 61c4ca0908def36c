package evaluation

// Progress per outcome. In a Theory of Change each outcome is measured by
// one or more indicators; an indicator names its outcome in Outcome (the
// outcome's id or statement). ProgressByOutcome reports each outcome's
// indicators together, with a status that is the worst of theirs: an
// outcome is only as on track as its least advanced indicator.

// OutcomeProgress is how one outcome is doing.
type OutcomeProgress struct {
	// Outcome is the outcome the indicators name; "" gathers the
	// indicators that name none.
	Outcome string `json:"outcome"`
	// Progress and Expected are the means of the indicators' progress and
	// expected progress.
	Progress float64 `json:"progress"`
	Expected float64 `json:"expected"`
	// Status is the worst of the indicators' statuses, from off-track
	// (worst) to met.
	Status     Status              `json:"status"`
	Indicators []IndicatorProgress `json:"indicators"`
}

var statusRank = map[Status]int{StatusOffTrack: 0, StatusAtRisk: 1, StatusOnTrack: 2, StatusMet: 3}

// ProgressByOutcome works out every indicator's progress, as Progress
// does, and groups it by outcome, in the order the outcomes first appear.
// It applies the contract's margins; [Options.ProgressByOutcome] a
// programme's.
func (d *Indicators) ProgressByOutcome() ([]OutcomeProgress, error) {
	return Options{}.ProgressByOutcome(d)
}

// ProgressByOutcome groups the indicators' progress by outcome as
// [Indicators.ProgressByOutcome] does, with these options' margins.
func (o Options) ProgressByOutcome(d *Indicators) ([]OutcomeProgress, error) {
	ps, err := o.Progress(d)
	if err != nil {
		return nil, err
	}
	return byOutcome(d, ps), nil
}

// byOutcome groups progress by the outcomes its indicators name.
func byOutcome(d *Indicators, ps []IndicatorProgress) []OutcomeProgress {
	var out []OutcomeProgress
	at := map[string]int{}
	for i, p := range ps {
		name := d.Indicators[i].Outcome
		j, ok := at[name]
		if !ok {
			j = len(out)
			at[name] = j
			out = append(out, OutcomeProgress{Outcome: name, Status: StatusMet})
		}
		o := &out[j]
		o.Indicators = append(o.Indicators, p)
		if statusRank[p.Status] < statusRank[o.Status] {
			o.Status = p.Status
		}
	}
	for i := range out {
		o := &out[i]
		for _, p := range o.Indicators {
			o.Progress += p.Progress
			o.Expected += p.Expected
		}
		n := float64(len(o.Indicators))
		o.Progress /= n
		o.Expected /= n
	}
	return out
}
