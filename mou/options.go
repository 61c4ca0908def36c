package mou

import (
	"fmt"
	"maps"
	"slices"

	"github.com/partnerkit/partnerkit/finding"
	"github.com/partnerkit/partnerkit/internal/jsontree"
	"github.com/partnerkit/partnerkit/internal/pointer"
	"github.com/partnerkit/partnerkit/partnership"
	"github.com/partnerkit/partnerkit/schemas"
)

// Options are what a programme can set about the checks: the thresholds
// of the rules that have one, and the severity of any rule, or that it is
// switched off. The zero value is the guidance's defaults, exactly as
// [Check] applies them.
//
// Options marshal as the report's "options" member and as the HTTP API's
// query parameters and the command line's flags of the same names.
type Options struct {
	// MissionWords is the most words a mission statement should have:
	// mission.too-long fires above it. 0 means MaxMissionWords (50).
	MissionWords int `json:"missionWords,omitempty"`
	// HubSchools is the most schools a hub-and-spoke partnership should
	// have: model.hub-too-large fires above it. 0 means
	// partnership.MaxHubSchools (5).
	HubSchools int `json:"hubSchools,omitempty"`
	// Severity gives rules another severity, by code: a programme that
	// wants every objective to name its year groups makes
	// objective.not-specific an error. A finding's severity decides
	// whether the MOU is valid, as ever.
	Severity map[string]finding.Severity `json:"severity,omitempty"`
	// Off lists the codes of rules switched off, such as
	// signature.missing for drafts: they report nothing.
	Off []string `json:"off,omitempty"`
}

// fixed are the codes a programme cannot change: a document that is not
// JSON, or breaks the schema, cannot be read by the rules, and the cap on
// findings takes the severity of the code it stands for.
var fixed = map[string]bool{schemas.CodeSyntax: true, schemas.CodeSchema: true, CodeTruncated: true}

// IsZero reports whether the options are the defaults.
func (o Options) IsZero() bool {
	return o.MissionWords == 0 && o.HubSchools == 0 && len(o.Severity) == 0 && len(o.Off) == 0
}

// Validate reports the first option that is out of range, or names a code
// that is not a rule, as a *partnership.OptionError whose Option is a JSON
// Pointer into the options, such as /off/0 or /severity/signature.missing.
func (o Options) Validate() error {
	if o.MissionWords < 0 {
		return &partnership.OptionError{Option: "/missionWords", Message: fmt.Sprintf(
			"the most words in a mission statement is a whole number of 1 or more (0 means %d), not %d", MaxMissionWords, o.MissionWords)}
	}
	if err := o.partnership().Validate(); err != nil {
		return err
	}
	if len(o.Off) == 0 && len(o.Severity) == 0 {
		return nil
	}
	off := map[string]bool{}
	for i, code := range o.Off {
		if msg := settable(code); msg != "" {
			return &partnership.OptionError{Option: pointer.Index("/off", i), Message: msg}
		}
		off[code] = true
	}
	for _, code := range slices.Sorted(maps.Keys(o.Severity)) {
		at := pointer.Join("/severity", code)
		if msg := settable(code); msg != "" {
			return &partnership.OptionError{Option: at, Message: msg}
		}
		if sev := o.Severity[code]; sev > finding.Info {
			return &partnership.OptionError{Option: at, Message: fmt.Sprintf("%s is not a severity: give error, warning or info", sev)}
		}
		if off[code] {
			return &partnership.OptionError{Option: at, Message: fmt.Sprintf("%s is switched off, so it cannot have a severity too: choose one", code)}
		}
	}
	return nil
}

// settable says why a programme cannot set the rule with this code, or ""
// when it can.
func settable(code string) string {
	if _, ok := rules.Lookup(code); !ok {
		return fmt.Sprintf("no rule has the code %q (mou.Rules and the README list them)", code)
	}
	if fixed[code] {
		return fmt.Sprintf("the rule %s cannot be changed or switched off", code)
	}
	return ""
}

// Resolved returns the options in force: each threshold with its default
// filled in, Off sorted, and the maps and lists copied.
func (o Options) Resolved() Options {
	if o.MissionWords == 0 {
		o.MissionWords = MaxMissionWords
	}
	o.HubSchools = o.partnership().Resolved().HubSchools
	if o.Severity != nil {
		o.Severity = maps.Clone(o.Severity)
	}
	if o.Off != nil {
		o.Off = slices.Compact(slices.Sorted(slices.Values(o.Off)))
	}
	return o
}

func (o Options) partnership() partnership.Options {
	return partnership.Options{HubSchools: o.HubSchools}
}

// Check checks an MOU document as the package's Check does, with these
// options. Options that Validate rejects give its error and no report.
// The report's Options are the options in force, unless they are the
// defaults.
func (o Options) Check(data []byte) (*Report, error) {
	if err := o.Validate(); err != nil {
		return nil, err
	}
	return o.annotate(checkData(data, o.settings())), nil
}

// CheckValue checks an MOU document that is already decoded, as
// CheckValue does, with these options.
func (o Options) CheckValue(doc any) (*Report, error) {
	if err := o.Validate(); err != nil {
		return nil, err
	}
	return o.annotate(checkBoth(doc, jsontree.FromAny(doc), o.settings())), nil
}

func (o Options) annotate(r *Report) *Report {
	if !o.IsZero() {
		in := o.Resolved()
		r.Options = &in
	}
	return r
}

// settings are valid options, resolved, as the checker applies them.
type settings struct {
	missionWords int
	partnership  partnership.Options
	severity     map[string]finding.Severity
	off          map[string]bool
}

func (o Options) settings() settings {
	r := o.Resolved()
	s := settings{missionWords: r.MissionWords, partnership: r.partnership(), severity: r.Severity}
	if len(r.Off) > 0 {
		s.off = make(map[string]bool, len(r.Off))
		for _, code := range r.Off {
			s.off[code] = true
		}
	}
	return s
}

// apply gives a rule's finding the severity the options set, and reports
// whether its rule is on.
func (s *settings) apply(f *finding.Finding) bool {
	if s.off[f.Code] {
		return false
	}
	if sev, ok := s.severity[f.Code]; ok {
		f.Severity = sev
	}
	return true
}
