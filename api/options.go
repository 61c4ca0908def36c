package api

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/partnerkit/partnerkit/evaluation"
	"github.com/partnerkit/partnerkit/finding"
	"github.com/partnerkit/partnerkit/internal/pointer"
	"github.com/partnerkit/partnerkit/internal/text"
	"github.com/partnerkit/partnerkit/mou"
	"github.com/partnerkit/partnerkit/partnership"
)

// CodeInvalidOption is the code of the findings of a 400
// ProblemInvalidOption: a query parameter that is not one of the
// endpoint's options, or whose value is not one the option takes. The
// finding's path is a JSON Pointer into the options as the answer's
// "options" member shows them: /missionWords for ?missionWords=, /off/1
// for the second code switched off.
const CodeInvalidOption = "option.invalid"

// The query parameters each endpoint takes: its options.
var (
	mouParams      = []string{"missionWords", "hubSchools", "severity", "off"}
	scoreParams    = []string{"lowCoverage", "disagreeSpread", "imbalanceGap", "reviewGap", "off"}
	progressParams = []string{"onTrackMargin", "atRiskMargin"}
	readinessParam = []string{"stage"}
)

// query reads an endpoint's options from its query string, gathering what
// is wrong as findings.
type query struct {
	v     url.Values
	takes []string
	fs    []finding.Finding
}

func newQuery(u *url.URL, takes []string) *query {
	q := &query{v: u.Query(), takes: takes}
	for _, name := range slices.Sorted(func(yield func(string) bool) {
		for k := range q.v {
			if !yield(k) {
				return
			}
		}
	}) {
		if !slices.Contains(takes, name) {
			q.bad("/"+pointer.Escape(name), "This endpoint has no option called %q: it takes %s.", name, text.AndList(quoted(takes)))
		}
	}
	return q
}

func quoted(names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = strconv.Quote(n)
	}
	return out
}

func (q *query) bad(path, format string, args ...any) {
	q.fs = append(q.fs, finding.Finding{Code: CodeInvalidOption, Severity: finding.Error, Path: path, Message: fmt.Sprintf(format, args...)})
}

// one returns the value of a parameter given at most once.
func (q *query) one(name string) (string, bool) {
	vs := q.v[name]
	switch len(vs) {
	case 0:
		return "", false
	case 1:
		return vs[0], true
	}
	q.bad("/"+name, "Give %s once, not %d times.", name, len(vs))
	return "", false
}

func (q *query) int(name string, dst *int) {
	if s, ok := q.one(name); ok {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil {
			q.bad("/"+name, "%s is a whole number, such as 50, not %q.", name, s)
			return
		}
		*dst = n
	}
}

func (q *query) float(name string, dst *float64) {
	if s, ok := q.one(name); ok {
		x, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
		if err != nil {
			q.bad("/"+name, "%s is a number, such as 0.5, not %q.", name, s)
			return
		}
		*dst = x
	}
}

// list returns a parameter's values, given as several parameters or
// separated by commas: off=a&off=b or off=a,b.
func (q *query) list(name string) []string {
	var out []string
	for _, v := range q.v[name] {
		for _, s := range strings.Split(v, ",") {
			if s = strings.TrimSpace(s); s != "" {
				out = append(out, s)
			}
		}
	}
	return out
}

// option adds the error of an options' Validate, if any.
func (q *query) option(err error) {
	var oe *partnership.OptionError
	if errors.As(err, &oe) {
		q.bad(oe.Option, "%s.", text.Capital(oe.Message))
	}
}

func (q *query) problem() *Problem {
	if len(q.fs) == 0 {
		return nil
	}
	p := newProblem(ProblemInvalidOption, "The query's options are not ones this endpoint takes: see findings.")
	if len(q.fs) == 1 {
		p.Detail = q.fs[0].Message
	}
	p.Findings = q.fs
	return p
}

// readRequest reads a request's options from its query, with parse, and
// then its JSON body, with the body's size in bytes. On a problem with
// either it answers the request with it and ok is false.
func readRequest[O any](h *handler, w http.ResponseWriter, r *http.Request, parse func(*url.URL) (O, *Problem)) (opts O, doc any, size int, ok bool) {
	opts, p := parse(r.URL)
	if p == nil {
		doc, size, p = h.readJSON(r)
	}
	if p != nil {
		h.problem(w, r, p)
		return opts, nil, 0, false
	}
	return opts, doc, size, true
}

// mouOptions reads the options of POST /v1/mou/check.
func mouOptions(u *url.URL) (mou.Options, *Problem) {
	q := newQuery(u, mouParams)
	var o mou.Options
	q.int("missionWords", &o.MissionWords)
	q.int("hubSchools", &o.HubSchools)
	o.Off = q.list("off")
	for _, s := range q.list("severity") {
		code, level, ok := strings.Cut(s, "=")
		if !ok {
			code, level, ok = strings.Cut(s, ":")
		}
		if !ok {
			q.bad("/severity", "Give a severity as CODE=LEVEL, such as signature.missing=info, not %q.", s)
			continue
		}
		var sev finding.Severity
		if err := sev.UnmarshalText([]byte(level)); err != nil {
			q.bad(pointer.Join("/severity", code), "The severity of %s is error, warning or info, not %q.", code, level)
			continue
		}
		if o.Severity == nil {
			o.Severity = map[string]finding.Severity{}
		}
		o.Severity[code] = sev
	}
	if len(q.fs) == 0 {
		q.option(o.Validate())
	}
	return o, q.problem()
}

// scoreOptions reads the options of the score endpoints.
func scoreOptions(u *url.URL) (evaluation.Options, *Problem) {
	q := newQuery(u, scoreParams)
	var o evaluation.Options
	q.float("lowCoverage", &o.LowCoverage)
	q.float("disagreeSpread", &o.DisagreeSpread)
	q.float("imbalanceGap", &o.ImbalanceGap)
	q.float("reviewGap", &o.ReviewGap)
	o.Off = q.list("off")
	if len(q.fs) == 0 {
		q.option(o.Validate())
	}
	return o, q.problem()
}

// progressOptions reads the options of POST /v1/evaluations/progress.
func progressOptions(u *url.URL) (evaluation.Options, *Problem) {
	q := newQuery(u, progressParams)
	var o evaluation.Options
	q.float("onTrackMargin", &o.OnTrackMargin)
	q.float("atRiskMargin", &o.AtRiskMargin)
	if len(q.fs) == 0 {
		q.option(o.Validate())
	}
	return o, q.problem()
}

// readinessOptions reads the options of POST /v1/evaluations/readiness.
func readinessOptions(u *url.URL) (evaluation.ReadinessOptions, *Problem) {
	q := newQuery(u, readinessParam)
	var o evaluation.ReadinessOptions
	if s, ok := q.one("stage"); ok {
		switch st := partnership.Stage(s); st {
		case partnership.StageBuild, partnership.StageEmbed, partnership.StageSustain:
			o.Stage = st
		default:
			q.bad("/stage", "The stage is build, embed or sustain, not %q.", s)
		}
	}
	return o, q.problem()
}
