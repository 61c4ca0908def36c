package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/partnerkit/partnerkit/evaluation"
	"github.com/partnerkit/partnerkit/finding"
	"github.com/partnerkit/partnerkit/internal/pointer"
	"github.com/partnerkit/partnerkit/mou"
	"github.com/partnerkit/partnerkit/partnership"
)

// The options' flags. Each flag is named after its option (missionWords is
// --mission-words) and shows the default; only the flags given on the
// command line are set in the options, so that a report names options
// only when a programme chose them.

// optionFlag maps an option's JSON name to its flag.
var optionFlag = map[string]string{
	"missionWords": "mission-words", "hubSchools": "hub-schools", "severity": "severity", "off": "off",
	"lowCoverage": "low-coverage", "disagreeSpread": "disagree-spread", "imbalanceGap": "imbalance-gap", "reviewGap": "review-gap",
	"onTrackMargin": "on-track-margin", "atRiskMargin": "at-risk-margin",
}

// listFlag is a flag given several times, or with values separated by
// commas: --off a --off b, or --off a,b.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }
func (l *listFlag) Set(s string) error {
	for _, v := range strings.Split(s, ",") {
		if v = strings.TrimSpace(v); v != "" {
			*l = append(*l, v)
		}
	}
	return nil
}

// given reports the flags set on the command line.
func given(fs *flag.FlagSet) map[string]bool {
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	return set
}

// optionError words an option's error with its flag.
func optionError(err error) error {
	var oe *partnership.OptionError
	if !errors.As(err, &oe) {
		return err
	}
	tokens := pointer.Tokens(oe.Option)
	name := oe.Option
	if len(tokens) > 0 {
		name = "--" + optionFlag[tokens[0]]
	}
	return fmt.Errorf("%s: %s", name, oe.Message)
}

// mouOptionFlags adds the MOU checks' options to fs; the function it
// returns gives the options after parsing.
func mouOptionFlags(fs *flag.FlagSet) func() (mou.Options, error) {
	words := fs.Int("mission-words", mou.MaxMissionWords, "mission.too-long: the most `words` a mission statement should have")
	schools := fs.Int("hub-schools", partnership.MaxHubSchools, "model.hub-too-large: the most `schools` a hub-and-spoke partnership should have")
	var off, severity listFlag
	fs.Var(&off, "off", "switch off the rule with this `CODE`, such as signature.missing for drafts (repeat, or separate with commas)")
	fs.Var(&severity, "severity", "give a rule another severity, as `CODE=LEVEL` (error, warning or info), such as objective.not-specific=error (repeat)")
	return func() (mou.Options, error) {
		set := given(fs)
		var o mou.Options
		if set["mission-words"] {
			o.MissionWords = *words
			if *words == 0 {
				return o, errors.New("--mission-words: give a whole number of 1 or more")
			}
		}
		if set["hub-schools"] {
			o.HubSchools = *schools
			if *schools == 0 {
				return o, errors.New("--hub-schools: give a whole number of 1 or more")
			}
		}
		o.Off = off
		for _, s := range severity {
			code, level, ok := strings.Cut(s, "=")
			var sev finding.Severity
			if !ok {
				return o, fmt.Errorf("--severity: give CODE=LEVEL, such as signature.missing=info, not %q", s)
			}
			if err := sev.UnmarshalText([]byte(level)); err != nil {
				return o, fmt.Errorf("--severity: the severity of %s is error, warning or info, not %q", code, level)
			}
			if o.Severity == nil {
				o.Severity = map[string]finding.Severity{}
			}
			o.Severity[code] = sev
		}
		return o, optionError(o.Validate())
	}
}

// floatOption adds a number option's flag, with its default shown.
func floatOption(fs *flag.FlagSet, name string, def float64, usage string) func(dst *float64) error {
	v := fs.Float64(name, def, usage)
	return func(dst *float64) error {
		if !given(fs)[name] {
			return nil
		}
		if *v == 0 {
			return fmt.Errorf("--%s: give a number above 0", name)
		}
		*dst = *v
		return nil
	}
}

// scoreOptionFlags adds the scoring options to fs.
func scoreOptionFlags(fs *flag.FlagSet) func() (evaluation.Options, error) {
	sets := []struct {
		set func(*float64) error
		dst func(*evaluation.Options) *float64
	}{
		{floatOption(fs, "low-coverage", evaluation.LowCoverage, "coverage.low: flag a score whose coverage is under this `share` (0 to 1)"), func(o *evaluation.Options) *float64 { return &o.LowCoverage }},
		{floatOption(fs, "disagree-spread", evaluation.DisagreeSpread, "respondents.disagree: flag a dimension whose scores spread this many `points` or more"), func(o *evaluation.Options) *float64 { return &o.DisagreeSpread }},
		{floatOption(fs, "imbalance-gap", evaluation.ImbalanceGap, "partners.imbalance: flag partners whose mean scores are this many `points` apart or more"), func(o *evaluation.Options) *float64 { return &o.ImbalanceGap }},
		{floatOption(fs, "review-gap", evaluation.ReviewGap, "review.gap: flag a dimension whose self- and peer-review means differ by this many `points` or more"), func(o *evaluation.Options) *float64 { return &o.ReviewGap }},
	}
	var off listFlag
	fs.Var(&off, "off", "switch off the flag with this `CODE`, such as dimension.concern (repeat, or separate with commas)")
	return func() (evaluation.Options, error) {
		var o evaluation.Options
		for _, s := range sets {
			if err := s.set(s.dst(&o)); err != nil {
				return o, err
			}
		}
		o.Off = off
		return o, optionError(o.Validate())
	}
}

// progressOptionFlags adds the indicators' margins to fs.
func progressOptionFlags(fs *flag.FlagSet) func() (evaluation.Options, error) {
	onTrack := floatOption(fs, "on-track-margin", evaluation.OnTrackMargin, "on track: progress at least the expected progress minus this `share` (0 to 1)")
	atRisk := floatOption(fs, "at-risk-margin", evaluation.AtRiskMargin, "at risk: progress at least the expected progress minus this `share` (0 to 1)")
	return func() (evaluation.Options, error) {
		var o evaluation.Options
		if err := onTrack(&o.OnTrackMargin); err != nil {
			return o, err
		}
		if err := atRisk(&o.AtRiskMargin); err != nil {
			return o, err
		}
		return o, optionError(o.Validate())
	}
}

// writeOptions prints the options in force for people: "Options in force:
// --mission-words 60, --off signature.missing."
func writeOptions(w io.Writer, set map[string]string) {
	if len(set) == 0 {
		return
	}
	var parts []string
	for name, v := range set {
		parts = append(parts, "--"+name+" "+v)
	}
	sort.Strings(parts)
	fmt.Fprintf(w, "Options in force: %s.\n", strings.Join(parts, ", "))
}

// mouOptionsSet lists the MOU options a programme set, by flag.
func mouOptionsSet(o mou.Options) map[string]string {
	set := map[string]string{}
	if o.MissionWords != 0 {
		set["mission-words"] = strconv.Itoa(o.MissionWords)
	}
	if o.HubSchools != 0 {
		set["hub-schools"] = strconv.Itoa(o.HubSchools)
	}
	if len(o.Off) > 0 {
		set["off"] = strings.Join(o.Resolved().Off, ",")
	}
	if len(o.Severity) > 0 {
		var s []string
		for code, sev := range o.Severity {
			s = append(s, code+"="+sev.String())
		}
		sort.Strings(s)
		set["severity"] = strings.Join(s, ",")
	}
	return set
}

// evaluationOptionsSet lists the scoring options a programme set, by flag.
func evaluationOptionsSet(o evaluation.Options) map[string]string {
	set := map[string]string{}
	for name, v := range map[string]float64{"low-coverage": o.LowCoverage, "disagree-spread": o.DisagreeSpread, "imbalance-gap": o.ImbalanceGap,
		"review-gap": o.ReviewGap, "on-track-margin": o.OnTrackMargin, "at-risk-margin": o.AtRiskMargin} {
		if v != 0 {
			set[name] = strconv.FormatFloat(v, 'f', -1, 64)
		}
	}
	if len(o.Off) > 0 {
		set["off"] = strings.Join(o.Resolved().Off, ",")
	}
	return set
}
