package partnership

import (
	"fmt"

	"github.com/partnerkit/partnerkit/finding"
)

// Options are the partnership checks' thresholds that a programme can
// set. The zero value is the guidance's defaults, as Check applies them.
type Options struct {
	// HubSchools is the most schools a hub-and-spoke partnership should
	// have: model.hub-too-large fires above it. 0 means MaxHubSchools (5).
	HubSchools int `json:"hubSchools,omitempty"`
}

// OptionError says which option is out of range, and why. Option is a JSON
// Pointer into the options as they marshal, such as /hubSchools.
type OptionError struct {
	Option  string
	Message string
}

func (e *OptionError) Error() string { return fmt.Sprintf("option %s: %s", e.Option, e.Message) }

// Validate reports the first option out of range as an *OptionError.
func (o Options) Validate() error {
	if o.HubSchools < 0 {
		return &OptionError{Option: "/hubSchools", Message: fmt.Sprintf("the most schools in a hub is a whole number of 1 or more (0 means %d), not %d", MaxHubSchools, o.HubSchools)}
	}
	return nil
}

// Resolved returns the options with each default filled in: the values in
// force.
func (o Options) Resolved() Options {
	if o.HubSchools == 0 {
		o.HubSchools = MaxHubSchools
	}
	return o
}

// Check applies the partnership rules with these options, as
// [Partnership.Check] does with the defaults. Options out of range give an
// *OptionError and no findings.
func (o Options) Check(p *Partnership) ([]finding.Finding, error) {
	if err := o.Validate(); err != nil {
		return nil, err
	}
	o = o.Resolved()
	c := checker{ids: indexPartners(p), List: finding.NewList(rules), opts: o}
	c.partners(p)
	c.leads(p)
	c.model(p)
	return c.Findings, nil
}
