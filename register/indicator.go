package register

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"time"

	"github.com/google/uuid"
	"github.com/partnerkit/partnerkit/evaluation"
	"github.com/partnerkit/partnerkit/partnership"
)

// IndicatorHistory is one indicator of a partnership with every actual
// value recorded, oldest first, and its progress at each.
type IndicatorHistory struct {
	// Indicator is the definition, with the latest actual value and its
	// date (zero before any is recorded).
	Indicator evaluation.Indicator `json:"indicator"`
	// Latest is the progress at the latest actual value, if there is one.
	Latest  *evaluation.IndicatorProgress `json:"latest"`
	History []Actual                      `json:"history"`
}

// Actual is an indicator's actual value as of a date, and its progress
// then.
type Actual struct {
	AsOf       partnership.Date             `json:"asOf"`
	Value      float64                      `json:"value"`
	RecordedAt time.Time                    `json:"recordedAt"`
	Progress   evaluation.IndicatorProgress `json:"progress"`
}

// DefineIndicators saves a partnership's indicators from an indicators
// document, as package evaluation reads it: an indicator with an id
// already defined is replaced, and each actual value in the document is
// recorded as of its date. Administrators and the partnership's
// coordinators may.
func (r *Register) DefineIndicators(ctx context.Context, p Principal, partnershipID uuid.UUID, doc []byte) ([]IndicatorHistory, error) {
	if err := r.canManage(ctx, p, partnershipID); err != nil {
		return nil, fmt.Errorf("define indicators: %w", err)
	}
	inds, err := evaluation.ParseIndicators(doc)
	var ie *evaluation.InvalidError
	if errors.As(err, &ie) {
		return nil, &ValidationError{What: "indicators", Findings: ie.Findings}
	} else if err != nil {
		return nil, fmt.Errorf("define indicators: %w", err)
	}
	now := millis(r.clock())
	var stmts []Stmt
	for i, ind := range inds.Indicators {
		asOf := ind.AsOf
		if asOf.IsZero() {
			asOf = inds.AsOf
		}
		actual := ind.Actual
		ind.Actual, ind.AsOf = 0, partnership.Date{}
		def, err := json.Marshal(ind)
		if err != nil {
			return nil, err
		}
		stmts = append(stmts, Stmt{Query: `INSERT INTO indicators (partnership_id, id, position, definition, saved_at) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (partnership_id, id) DO UPDATE SET position = excluded.position, definition = excluded.definition, saved_at = excluded.saved_at`,
			Args: []any{partnershipID.String(), ind.ID, i, string(def), now}},
			upsertActual(partnershipID, ind.ID, asOf, actual, now))
	}
	if err := r.exec.Exec(ctx, stmts...); err != nil {
		return nil, fmt.Errorf("define indicators: %w", err)
	}
	return r.indicators(ctx, partnershipID)
}

func upsertActual(pid uuid.UUID, id string, asOf partnership.Date, v float64, now int64) Stmt {
	return Stmt{Query: `INSERT INTO indicator_actuals (partnership_id, indicator_id, as_of, value, recorded_at) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (partnership_id, indicator_id, as_of) DO UPDATE SET value = excluded.value, recorded_at = excluded.recorded_at`,
		Args: []any{pid.String(), id, asOf.String(), v, now}}
}

// RecordActual records an indicator's actual value as of a date. A value
// for a date already recorded replaces it, so a retry changes nothing.
func (r *Register) RecordActual(ctx context.Context, p Principal, partnershipID uuid.UUID, indicator string, asOf partnership.Date, value float64) (IndicatorHistory, error) {
	if err := r.canManage(ctx, p, partnershipID); err != nil {
		return IndicatorHistory{}, fmt.Errorf("record an actual value: %w", err)
	}
	if asOf.IsZero() {
		return IndicatorHistory{}, invalid("actual value", "indicator.no-date", "/asOf", "Give the date the value was measured.")
	}
	if math.IsNaN(value) || math.IsInf(value, 0) {
		return IndicatorHistory{}, invalid("actual value", "number.not-finite", "/value", "Give the value as an ordinary number.")
	}
	hs, err := r.indicators(ctx, partnershipID)
	if err != nil {
		return IndicatorHistory{}, err
	}
	found := false
	for _, h := range hs {
		found = found || h.Indicator.ID == indicator
	}
	if !found {
		return IndicatorHistory{}, fmt.Errorf("indicator %q: %w", indicator, ErrNotFound)
	}
	if err := r.exec.Exec(ctx, upsertActual(partnershipID, indicator, asOf, value, millis(r.clock()))); err != nil {
		return IndicatorHistory{}, fmt.Errorf("record an actual value: %w", err)
	}
	if hs, err = r.indicators(ctx, partnershipID); err != nil {
		return IndicatorHistory{}, err
	}
	for _, h := range hs {
		if h.Indicator.ID == indicator {
			return h, nil
		}
	}
	return IndicatorHistory{}, fmt.Errorf("indicator %q: %w", indicator, ErrNotFound)
}

// Indicators returns a partnership's indicators in the order they were
// defined, each with its history of actual values and progress.
func (r *Register) Indicators(ctx context.Context, p Principal, partnershipID uuid.UUID) ([]IndicatorHistory, error) {
	if err := r.canManage(ctx, p, partnershipID); err != nil {
		return nil, fmt.Errorf("indicators: %w", err)
	}
	return r.indicators(ctx, partnershipID)
}

func (r *Register) indicators(ctx context.Context, pid uuid.UUID) ([]IndicatorHistory, error) {
	rows, err := r.db.QueryContext(ctx, "SELECT id, definition FROM indicators WHERE partnership_id = ? ORDER BY position, id", pid.String())
	if err != nil {
		return nil, fmt.Errorf("indicators: %w", err)
	}
	defer rows.Close()
	hs := []IndicatorHistory{}
	index := map[string]int{}
	for rows.Next() {
		var id, def string
		if err := rows.Scan(&id, &def); err != nil {
			return nil, err
		}
		var h IndicatorHistory
		if err := json.Unmarshal([]byte(def), &h.Indicator); err != nil {
			return nil, fmt.Errorf("indicator %q: %w", id, err)
		}
		h.History = []Actual{}
		index[id] = len(hs)
		hs = append(hs, h)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()
	arows, err := r.db.QueryContext(ctx, "SELECT indicator_id, as_of, value, recorded_at FROM indicator_actuals WHERE partnership_id = ? ORDER BY indicator_id, as_of", pid.String())
	if err != nil {
		return nil, fmt.Errorf("indicators: %w", err)
	}
	defer arows.Close()
	for arows.Next() {
		var id, asOf string
		var a Actual
		var recorded int64
		if err := arows.Scan(&id, &asOf, &a.Value, &recorded); err != nil {
			return nil, err
		}
		if a.AsOf, err = partnership.ParseDate(asOf); err != nil {
			return nil, fmt.Errorf("indicator %q: %w", id, err)
		}
		a.RecordedAt = fromMillis(recorded)
		h := &hs[index[id]]
		ind := h.Indicator
		ind.Actual, ind.AsOf = a.Value, a.AsOf
		if a.Progress, err = r.scoring.IndicatorProgress(ind, a.AsOf); err != nil {
			return nil, fmt.Errorf("indicator %q: %w", id, err)
		}
		h.History = append(h.History, a)
	}
	if err := arows.Err(); err != nil {
		return nil, err
	}
	for i := range hs {
		if n := len(hs[i].History); n > 0 {
			last := hs[i].History[n-1]
			hs[i].Indicator.Actual, hs[i].Indicator.AsOf = last.Value, last.AsOf
			hs[i].Latest = &last.Progress
		}
	}
	return hs, nil
}

// Outcomes returns a partnership's progress per Theory of Change outcome:
// its indicators that have an actual value, each at its latest, grouped by
// the outcome each names, in the order the outcomes first appear, as
// evaluation's ProgressByOutcome groups them. An outcome's status is the
// worst of its indicators'; indicators that name no outcome are gathered
// under "". Administrators and the partnership's coordinators may see it.
func (r *Register) Outcomes(ctx context.Context, p Principal, partnershipID uuid.UUID) ([]evaluation.OutcomeProgress, error) {
	if err := r.canManage(ctx, p, partnershipID); err != nil {
		return nil, fmt.Errorf("outcomes: %w", err)
	}
	hs, err := r.indicators(ctx, partnershipID)
	if err != nil {
		return nil, err
	}
	return r.outcomes(hs)
}

// outcomes groups the latest progress of the indicators that have an
// actual value by outcome.
func (r *Register) outcomes(hs []IndicatorHistory) ([]evaluation.OutcomeProgress, error) {
	d := &evaluation.Indicators{}
	for _, h := range hs {
		if h.Latest != nil {
			d.Indicators = append(d.Indicators, h.Indicator) // its Actual and AsOf are the latest
		}
	}
	out, err := r.scoring.ProgressByOutcome(d)
	if err != nil {
		return nil, fmt.Errorf("outcomes: %w", err)
	}
	if out == nil {
		out = []evaluation.OutcomeProgress{}
	}
	return out, nil
}
