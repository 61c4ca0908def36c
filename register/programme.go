package register

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/google/uuid"
	"github.com/partnerkit/partnerkit/evaluation"
	"github.com/partnerkit/partnerkit/finding"
	"github.com/partnerkit/partnerkit/partnership"
)

// Programme is the programme view: every partnership in the register, one
// row each, and the roll-up of their latest rounds across the programme.
type Programme struct {
	// Rows are the partnerships the query kept, in its order.
	Rows []ProgrammeRow `json:"rows"`
	// Total counts every partnership in the register, kept or not.
	Total int `json:"total"`
	// RollUp holds, for each dimension of each framework in use, how the
	// kept partnerships' latest rounds spread over its bands, by stage.
	RollUp      []DimensionRollUp `json:"rollUp"`
	GeneratedAt time.Time         `json:"generatedAt"`
}

// ProgrammeRow is one partnership in the programme view.
type ProgrammeRow struct {
	ID        uuid.UUID          `json:"id"`
	Name      string             `json:"name"`
	Model     partnership.Model  `json:"model"`
	Stage     partnership.Stage  `json:"stage,omitempty"`
	Kind      DocumentKind       `json:"kind"`
	Partners  []ProgrammePartner `json:"partners"`
	MOU       MOUState           `json:"mou"`
	Latest    *LatestRound       `json:"latestRound"`
	Indicator IndicatorCounts    `json:"indicators"`
	// Attention lists the codes of what needs attention, such as
	// mou.invalid, round.none or indicators.off-track, and the flags of
	// the latest round (respondents.disagree, partners.imbalance,
	// review.gap, dimension.concern), each once, sorted.
	Attention []string  `json:"attention"`
	UpdatedAt time.Time `json:"updatedAt"`
}

// ProgrammePartner is one partner of a row.
type ProgrammePartner struct {
	ID     string                  `json:"id"`
	Name   string                  `json:"name"`
	Type   partnership.PartnerType `json:"type"`
	Sector partnership.Sector      `json:"sector,omitempty"`
	Phase  partnership.Phase       `json:"phase,omitempty"`
}

// MOUState is the check of a partnership's latest document.
type MOUState struct {
	Valid    bool `json:"valid"`
	Errors   int  `json:"errors"`
	Warnings int  `json:"warnings"`
	// Signed counts the partners that signed; Partners, all of them.
	Signed   int `json:"signed"`
	Partners int `json:"partners"`
}

// LatestRound is a partnership's latest round that has opened, with its
// answers combined. Its scores are nil while it has fewer respondents
// than the anonymity threshold.
type LatestRound struct {
	ID         uuid.UUID        `json:"id"`
	Title      string           `json:"title"`
	Framework  string           `json:"framework"`
	Opens      time.Time        `json:"opens"`
	Closes     time.Time        `json:"closes"`
	Responses  int              `json:"responses"`
	Overall    *float64         `json:"overall"`
	Band       string           `json:"band,omitempty"`
	Dimensions []DimensionScore `json:"dimensions"`
}

// DimensionScore is one dimension's mean in a latest round.
type DimensionScore struct {
	ID     string   `json:"id"`
	Mean   *float64 `json:"mean"`
	Band   string   `json:"band,omitempty"`
	Lowest bool     `json:"lowest"` // the mean is in the framework's lowest band
}

// IndicatorCounts counts a partnership's indicators by their status at
// their latest actual value; NoData counts those with none recorded.
type IndicatorCounts struct {
	Met      int `json:"met"`
	OnTrack  int `json:"onTrack"`
	AtRisk   int `json:"atRisk"`
	OffTrack int `json:"offTrack"`
	NoData   int `json:"noData"`
}

// DimensionRollUp is one dimension across the programme.
type DimensionRollUp struct {
	Framework string `json:"framework"`
	Dimension string `json:"dimension"`
	Title     string `json:"title"`
	// Bands are the framework's band labels, lowest first.
	Bands []string `json:"bands"`
	// ByStage counts, for each stage, the partnerships in each band (in
	// the order of Bands).
	ByStage []StageCounts `json:"byStage"`
	// Lowest lists the partnerships whose mean is in the lowest band.
	Lowest []PartnershipMean `json:"lowest"`
	// SVG is a small bar chart of ByStage, for a page to show as it is.
	SVG string `json:"svg"`
}

// StageCounts is a stage's partnerships in each band of a dimension.
type StageCounts struct {
	Stage  partnership.Stage `json:"stage"` // "" for partnerships without a stage
	Counts []int             `json:"counts"`
}

// PartnershipMean is a partnership with its mean on a dimension.
type PartnershipMean struct {
	ID   uuid.UUID `json:"id"`
	Name string    `json:"name"`
	Mean float64   `json:"mean"`
}

// The attention codes a programme row may carry besides a round's flags.
const (
	AttentionDraft     = "mou.invalid"          // the latest document has errors
	AttentionUnsigned  = "mou.unsigned"         // an MOU not every partner signed
	AttentionNoRound   = "round.none"           // no review round has opened
	AttentionFew       = "round.few-responses"  // fewer respondents than the threshold
	AttentionOffTrack  = "indicators.off-track" // an indicator is off track
	AttentionAtRisk    = "indicators.at-risk"   // an indicator is at risk
	AttentionLowestDim = evaluation.FlagConcern // a dimension's mean is in the lowest band
)

// ProgrammeQuery filters and sorts the programme view. Empty fields keep
// everything.
type ProgrammeQuery struct {
	Search    string // in the name, any case
	Model     string
	Stage     string
	Type      string // a partner type some partner has
	Sector    string // a sector some partner has
	Valid     string // "true" or "false": the MOU state
	Band      string // the latest round's overall band
	Attention string // an attention code the row carries
	Indicator string // an indicator status (met, on-track, at-risk, off-track) the row has one of
	// Sort is one of name (the default), model, stage, partners, errors,
	// warnings, signed, score, date, responses, met, on-track, at-risk,
	// off-track, attention; Desc reverses it. Ties go by name.
	Sort string
	Desc bool
}

// ProgrammeSorts lists the keys ProgrammeQuery.Sort takes.
func ProgrammeSorts() []string {
	return []string{"name", "model", "stage", "partners", "errors", "warnings", "signed", "score", "date", "responses",
		"met", "on-track", "at-risk", "off-track", "attention"}
}

// Programme builds the programme view. Only administrators may see it.
func (r *Register) Programme(ctx context.Context, p Principal, q ProgrammeQuery) (*Programme, error) {
	if err := r.adminOnly(p); err != nil {
		return nil, fmt.Errorf("the programme view: %w", err)
	}
	if q.Sort != "" && !slices.Contains(ProgrammeSorts(), q.Sort) {
		return nil, invalid("programme query", "query.sort", "/sort",
			fmt.Sprintf("Sort by one of %s.", strings.Join(ProgrammeSorts(), ", ")))
	}
	if q.Valid != "" && q.Valid != "true" && q.Valid != "false" {
		return nil, invalid("programme query", "query.valid", "/valid", "Filter by valid=true or valid=false.")
	}
	rows, err := r.programmeRows(ctx)
	if err != nil {
		return nil, fmt.Errorf("the programme view: %w", err)
	}
	prog := &Programme{Total: len(rows), Rows: []ProgrammeRow{}, GeneratedAt: r.clock()}
	for _, row := range rows {
		if q.keeps(row) {
			prog.Rows = append(prog.Rows, row)
		}
	}
	sortRows(prog.Rows, q.Sort, q.Desc)
	prog.RollUp, err = r.rollUp(ctx, prog.Rows)
	if err != nil {
		return nil, fmt.Errorf("the programme view: %w", err)
	}
	return prog, nil
}

func (q ProgrammeQuery) keeps(row ProgrammeRow) bool {
	has := func(want string, got func(ProgrammePartner) string) bool {
		return want == "" || slices.ContainsFunc(row.Partners, func(p ProgrammePartner) bool { return got(p) == want })
	}
	band := ""
	if row.Latest != nil {
		band = row.Latest.Band
	}
	ind := map[string]int{string(evaluation.StatusMet): row.Indicator.Met, string(evaluation.StatusOnTrack): row.Indicator.OnTrack,
		string(evaluation.StatusAtRisk): row.Indicator.AtRisk, string(evaluation.StatusOffTrack): row.Indicator.OffTrack}
	return (q.Search == "" || strings.Contains(strings.ToLower(row.Name), strings.ToLower(strings.TrimSpace(q.Search)))) &&
		(q.Model == "" || string(row.Model) == q.Model) &&
		(q.Stage == "" || string(row.Stage) == q.Stage) &&
		has(q.Type, func(p ProgrammePartner) string { return string(p.Type) }) &&
		has(q.Sector, func(p ProgrammePartner) string { return string(p.Sector) }) &&
		(q.Valid == "" || fmt.Sprint(row.MOU.Valid) == q.Valid) &&
		(q.Band == "" || strings.EqualFold(band, q.Band)) &&
		(q.Attention == "" || slices.Contains(row.Attention, q.Attention)) &&
		(q.Indicator == "" || ind[q.Indicator] > 0)
}

func sortRows(rows []ProgrammeRow, key string, desc bool) {
	score := func(r ProgrammeRow) float64 {
		if r.Latest == nil || r.Latest.Overall == nil {
			return -1
		}
		return *r.Latest.Overall
	}
	num := map[string]func(ProgrammeRow) float64{
		"partners":  func(r ProgrammeRow) float64 { return float64(len(r.Partners)) },
		"errors":    func(r ProgrammeRow) float64 { return float64(r.MOU.Errors) },
		"warnings":  func(r ProgrammeRow) float64 { return float64(r.MOU.Warnings) },
		"signed":    func(r ProgrammeRow) float64 { return float64(r.MOU.Signed) },
		"score":     score,
		"met":       func(r ProgrammeRow) float64 { return float64(r.Indicator.Met) },
		"on-track":  func(r ProgrammeRow) float64 { return float64(r.Indicator.OnTrack) },
		"at-risk":   func(r ProgrammeRow) float64 { return float64(r.Indicator.AtRisk) },
		"off-track": func(r ProgrammeRow) float64 { return float64(r.Indicator.OffTrack) },
		"attention": func(r ProgrammeRow) float64 { return float64(len(r.Attention)) },
		"responses": func(r ProgrammeRow) float64 {
			if r.Latest == nil {
				return -1
			}
			return float64(r.Latest.Responses)
		},
		"date": func(r ProgrammeRow) float64 {
			if r.Latest == nil {
				return -1
			}
			return float64(r.Latest.Opens.UnixMilli())
		},
	}
	text := map[string]func(ProgrammeRow) string{
		"model": func(r ProgrammeRow) string { return string(r.Model) },
		"stage": func(r ProgrammeRow) string { return stageOrder(r.Stage) },
	}
	slices.SortStableFunc(rows, func(a, b ProgrammeRow) int {
		c := 0
		if f, ok := num[key]; ok {
			c = cmp.Compare(f(a), f(b))
		} else if f, ok := text[key]; ok {
			c = cmp.Compare(f(a), f(b))
		}
		if desc {
			c = -c
		}
		if c == 0 {
			c = cmp.Or(cmp.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name)), cmp.Compare(a.ID.String(), b.ID.String()))
			if desc && key == "name" || desc && key == "" {
				c = -c
			}
		}
		return c
	})
}

// stageOrder sorts stages in the order of a partnership's life.
func stageOrder(s partnership.Stage) string {
	switch s {
	case partnership.StageBuild:
		return "1"
	case partnership.StageEmbed:
		return "2"
	case partnership.StageSustain:
		return "3"
	}
	return "4"
}

// programmeRows builds every partnership's row with a few queries over the
// whole register, not a few per partnership.
func (r *Register) programmeRows(ctx context.Context) ([]ProgrammeRow, error) {
	rows, err := r.db.QueryContext(ctx, `SELECT p.id, d.kind, d.name, d.body, d.findings, d.valid, d.saved_at
		FROM partnerships p JOIN documents d ON d.partnership_id = p.id
		AND d.version = (SELECT MAX(version) FROM documents WHERE partnership_id = p.id)`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []ProgrammeRow
	index := map[uuid.UUID]int{}
	for rows.Next() {
		var id, kind, name, body, findings string
		var valid int
		var saved int64
		if err := rows.Scan(&id, &kind, &name, &body, &findings, &valid, &saved); err != nil {
			return nil, err
		}
		row, err := programmeRow(uuid.MustParse(id), DocumentKind(kind), name, body, findings, valid == 1)
		if err != nil {
			return nil, err
		}
		row.UpdatedAt = fromMillis(saved)
		index[row.ID] = len(out)
		out = append(out, row)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()
	if err := r.latestRounds(ctx, out, index); err != nil {
		return nil, err
	}
	if err := r.indicatorCounts(ctx, out, index); err != nil {
		return nil, err
	}
	for i := range out {
		row := &out[i]
		if !row.MOU.Valid {
			row.Attention = append(row.Attention, AttentionDraft)
		}
		if row.Kind == KindMOU && row.MOU.Signed < row.MOU.Partners {
			row.Attention = append(row.Attention, AttentionUnsigned)
		}
		if row.Latest == nil {
			row.Attention = append(row.Attention, AttentionNoRound)
		} else if row.Latest.Overall == nil {
			row.Attention = append(row.Attention, AttentionFew)
		}
		if row.Indicator.OffTrack > 0 {
			row.Attention = append(row.Attention, AttentionOffTrack)
		}
		if row.Indicator.AtRisk > 0 {
			row.Attention = append(row.Attention, AttentionAtRisk)
		}
		slices.Sort(row.Attention)
		row.Attention = slices.Compact(row.Attention)
		if row.Attention == nil {
			row.Attention = []string{}
		}
	}
	return out, nil
}

// programmeRow reads a partnership's latest document for its row.
func programmeRow(id uuid.UUID, kind DocumentKind, name, body, findings string, valid bool) (ProgrammeRow, error) {
	row := ProgrammeRow{ID: id, Name: name, Kind: kind, Partners: []ProgrammePartner{}, MOU: MOUState{Valid: valid}}
	var doc struct {
		partnership.Partnership
		Inner      *partnership.Partnership `json:"partnership"`
		Signatures []struct {
			Partner string `json:"partner"`
		} `json:"signatures"`
	}
	// A draft may hold anything the schema refuses: read what reads.
	_ = json.Unmarshal([]byte(body), &doc)
	pt := doc.Partnership
	if doc.Inner != nil {
		pt = *doc.Inner
	}
	row.Model, row.Stage = pt.Model, pt.Stage
	for _, p := range pt.Partners {
		row.Partners = append(row.Partners, ProgrammePartner{ID: p.ID, Name: p.Name, Type: p.Type, Sector: p.Sector, Phase: p.Phase})
	}
	row.MOU.Partners = len(pt.Partners)
	signed := map[string]bool{}
	for _, s := range doc.Signatures {
		if pt.HasPartner(s.Partner) {
			signed[s.Partner] = true
		}
	}
	row.MOU.Signed = len(signed)
	var fs []finding.Finding
	if err := json.Unmarshal([]byte(findings), &fs); err != nil {
		return ProgrammeRow{}, fmt.Errorf("partnership %s: the stored findings: %w", id, err)
	}
	for _, f := range fs {
		switch f.Severity {
		case finding.Error:
			row.MOU.Errors++
		case finding.Warning:
			row.MOU.Warnings++
		}
	}
	return row, nil
}

// latestRounds fills in each row's latest round that has opened, its
// answers combined. It only reads: a round's combination is kept in the
// register's memory (summaryCache) while its answers stay as they were
// (the same count, latest time and sum of revisions); the rounds whose
// answers changed, or that this process has not combined yet, are
// combined again, in parallel. Nothing is written to the store, so that
// a view is a read, and two views at once never race to write.
func (r *Register) latestRounds(ctx context.Context, out []ProgrammeRow, index map[uuid.UUID]int) error {
	now := millis(r.clock())
	rows, err := r.db.QueryContext(ctx, roundColumns+" WHERE opens_at <= ? ORDER BY partnership_id, opens_at, id", now)
	if err != nil {
		return err
	}
	rds, err := scanRounds(rows)
	if err != nil {
		return err
	}
	byPartnership := map[uuid.UUID]Round{}
	for _, rd := range rds {
		byPartnership[rd.Partnership] = rd // the last is the latest
	}
	latest := map[uuid.UUID]Round{} // by round id
	for _, rd := range byPartnership {
		latest[rd.ID] = rd
	}
	const latestRounds = `SELECT r.id FROM rounds r WHERE r.opens_at = (SELECT MAX(r2.opens_at) FROM rounds r2
		WHERE r2.partnership_id = r.partnership_id AND r2.opens_at <= ?)`
	// What each latest round's answers are now, from a covering index,
	// without reading the answers themselves.
	srows, err := r.db.QueryContext(ctx, `SELECT round_id, COUNT(*), MAX(updated_at), SUM(revision) FROM answer_sets
		WHERE round_id IN (`+latestRounds+`) GROUP BY round_id`, now)
	if err != nil {
		return err
	}
	current := map[uuid.UUID]answersState{}
	for srows.Next() {
		var rid string
		var st answersState
		if err := srows.Scan(&rid, &st.responses, &st.updated, &st.revisions); err != nil {
			srows.Close()
			return err
		}
		current[uuid.MustParse(rid)] = st
	}
	if err := srows.Err(); err != nil {
		return err
	}
	srows.Close()
	summaries := r.summaries.lookup(current)

	// The answers of the rounds whose summary is missing or stale.
	var stale []uuid.UUID
	for id := range latest {
		if _, ok := summaries[id]; !ok && current[id].responses > 0 {
			stale = append(stale, id)
		}
	}
	answers := map[uuid.UUID][]string{}
	for chunk := range slices.Chunk(stale, 90) { // D1 binds at most 100 values
		args := make([]any, len(chunk))
		for i, id := range chunk {
			args[i] = id.String()
		}
		arows, err := r.db.QueryContext(ctx, "SELECT round_id, assessment FROM answer_sets WHERE round_id IN (?"+
			strings.Repeat(", ?", len(chunk)-1)+") ORDER BY round_id, id", args...)
		if err != nil {
			return err
		}
		for arows.Next() {
			var rid, doc string
			if err := arows.Scan(&rid, &doc); err != nil {
				arows.Close()
				return err
			}
			id := uuid.MustParse(rid)
			answers[id] = append(answers[id], doc)
		}
		if err := arows.Err(); err != nil {
			return err
		}
		arows.Close()
	}
	var mu sync.Mutex
	jobs := make(chan uuid.UUID)
	errs := make(chan error, 1)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for id := range jobs {
				rs, err := r.summarise(ctx, id, answers[id])
				if err != nil {
					select {
					case errs <- err:
					default:
					}
					continue
				}
				mu.Lock()
				summaries[id] = rs
				mu.Unlock()
			}
		})
	}
	var made []uuid.UUID
	for _, id := range stale {
		// A round whose answers changed between the two reads is left
		// without scores in this view, and combined in the next.
		if len(answers[id]) == current[id].responses {
			jobs <- id
			made = append(made, id)
		}
	}
	close(jobs)
	wg.Wait()
	select {
	case err := <-errs:
		return err
	default:
	}
	r.summaries.keep(latest, current, summaries, made)
	for id, rd := range latest {
		i, ok := index[rd.Partnership]
		if !ok {
			continue
		}
		row := &out[i]
		lr := &LatestRound{ID: rd.ID, Title: rd.Title, Framework: rd.Framework, Opens: rd.Opens, Closes: rd.Closes,
			Responses: current[id].responses, Dimensions: []DimensionScore{}}
		row.Latest = lr
		rs := summaries[id]
		if rs == nil || lr.Responses < r.threshold {
			continue
		}
		lr.Overall, lr.Band, lr.Dimensions = rs.Overall, rs.Band, slices.Clone(rs.Dimensions)
		for _, d := range rs.Dimensions {
			if d.Lowest {
				row.Attention = append(row.Attention, AttentionLowestDim)
			}
		}
		row.Attention = append(row.Attention, rs.Flags...)
	}
	return nil
}

// answersState is what a round's answers are: how many, the latest
// time one changed, and the sum of their revisions. A summary made from
// answers in one state is right while they stay in it.
type answersState struct {
	responses          int
	updated, revisions int64
}

// summaryCache keeps the latest rounds' summaries in memory, each with
// the state of the answers it was made from. It holds only the rounds
// that were latest at the last view, so it grows with the partnerships,
// not with the rounds.
type summaryCache struct {
	mu sync.Mutex
	m  map[uuid.UUID]cachedSummary
}

type cachedSummary struct {
	state   answersState
	summary *roundSummary
}

// lookup returns the summaries still right for the answers' states.
func (c *summaryCache) lookup(current map[uuid.UUID]answersState) map[uuid.UUID]*roundSummary {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := map[uuid.UUID]*roundSummary{}
	for id, st := range current {
		if e, ok := c.m[id]; ok && e.state == st {
			out[id] = e.summary
		}
	}
	return out
}

// keep keeps the summaries made (of the rounds in made) and forgets the
// rounds that are no longer the latest of their partnership.
func (c *summaryCache) keep(latest map[uuid.UUID]Round, current map[uuid.UUID]answersState, summaries map[uuid.UUID]*roundSummary, made []uuid.UUID) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = map[uuid.UUID]cachedSummary{}
	}
	for _, id := range made {
		if rs := summaries[id]; rs != nil {
			c.m[id] = cachedSummary{state: current[id], summary: rs}
		}
	}
	for id := range c.m {
		if _, ok := latest[id]; !ok {
			delete(c.m, id)
		}
	}
}

// roundSummary is a round's answers combined, as summaryCache keeps it.
type roundSummary struct {
	Overall    *float64         `json:"overall"`
	Band       string           `json:"band,omitempty"`
	Dimensions []DimensionScore `json:"dimensions"`
	Flags      []string         `json:"flags"`
}

// summarise combines a round's answers.
func (r *Register) summarise(ctx context.Context, roundID uuid.UUID, docs []string) (*roundSummary, error) {
	f, err := r.framework(ctx, roundID)
	if err != nil {
		return nil, fmt.Errorf("round %s: %w", roundID, err)
	}
	c := r.scoring.NewCombiner(f)
	for _, doc := range docs {
		var a evaluation.Assessment
		// Stored answers were checked on the way in: decoding them is enough.
		if err := json.Unmarshal([]byte(doc), &a); err != nil {
			return nil, fmt.Errorf("round %s: %w", roundID, err)
		}
		sc, err := r.scoring.Score(f, &a)
		if err != nil {
			return nil, fmt.Errorf("round %s: %w", roundID, err)
		}
		if err := c.Add(sc); err != nil {
			return nil, fmt.Errorf("round %s: %w", roundID, err)
		}
	}
	res := c.Result()
	rs := &roundSummary{Overall: res.Overall, Band: res.Band, Dimensions: []DimensionScore{}, Flags: []string{}}
	for _, d := range res.Dimensions {
		ds := DimensionScore{ID: d.ID, Mean: d.Mean, Band: d.Band}
		if d.Mean != nil && len(f.Bands) > 0 {
			if b, ok := f.Band(*d.Mean); ok && b.Min == f.Bands[0].Min {
				ds.Lowest = true
			}
		}
		rs.Dimensions = append(rs.Dimensions, ds)
	}
	for _, fl := range res.Flags {
		rs.Flags = append(rs.Flags, fl.Code)
	}
	return rs, nil
}

// indicatorCounts counts each row's indicators by their latest status.
func (r *Register) indicatorCounts(ctx context.Context, out []ProgrammeRow, index map[uuid.UUID]int) error {
	rows, err := r.db.QueryContext(ctx, "SELECT partnership_id, id, definition FROM indicators ORDER BY partnership_id, id")
	if err != nil {
		return err
	}
	type key struct{ pid, id string }
	defs := map[key]evaluation.Indicator{}
	for rows.Next() {
		var pid, id, def string
		if err := rows.Scan(&pid, &id, &def); err != nil {
			rows.Close()
			return err
		}
		var ind evaluation.Indicator
		if err := json.Unmarshal([]byte(def), &ind); err != nil {
			rows.Close()
			return fmt.Errorf("indicator %q: %w", id, err)
		}
		defs[key{pid, id}] = ind
	}
	if err := rows.Err(); err != nil {
		return err
	}
	rows.Close()
	// The latest actual of each indicator: the last of each group.
	arows, err := r.db.QueryContext(ctx, "SELECT partnership_id, indicator_id, as_of, value FROM indicator_actuals ORDER BY partnership_id, indicator_id, as_of")
	if err != nil {
		return err
	}
	defer arows.Close()
	type actual struct {
		asOf  string
		value float64
	}
	latest := map[key]actual{}
	for arows.Next() {
		var k key
		var a actual
		if err := arows.Scan(&k.pid, &k.id, &a.asOf, &a.value); err != nil {
			return err
		}
		latest[k] = a
	}
	if err := arows.Err(); err != nil {
		return err
	}
	for k, ind := range defs {
		i, ok := index[uuid.MustParse(k.pid)]
		if !ok {
			continue
		}
		counts := &out[i].Indicator
		a, ok := latest[k]
		if !ok {
			counts.NoData++
			continue
		}
		asOf, err := partnership.ParseDate(a.asOf)
		if err != nil {
			return fmt.Errorf("indicator %q: %w", k.id, err)
		}
		ind.Actual, ind.AsOf = a.value, asOf
		pr, err := r.scoring.IndicatorProgress(ind, asOf)
		if err != nil {
			counts.NoData++
			continue
		}
		switch pr.Status {
		case evaluation.StatusMet:
			counts.Met++
		case evaluation.StatusOnTrack:
			counts.OnTrack++
		case evaluation.StatusAtRisk:
			counts.AtRisk++
		case evaluation.StatusOffTrack:
			counts.OffTrack++
		}
	}
	return nil
}

// rollUp spreads the rows' latest rounds over each dimension's bands, by
// stage.
func (r *Register) rollUp(ctx context.Context, rows []ProgrammeRow) ([]DimensionRollUp, error) {
	type dimKey struct{ framework, dim string }
	frameworks := map[string]*evaluation.Framework{}
	var keys []dimKey
	byKey := map[dimKey]*DimensionRollUp{}
	for _, row := range rows {
		lr := row.Latest
		if lr == nil || lr.Overall == nil {
			continue
		}
		f := frameworks[lr.Framework]
		if f == nil {
			var err error
			if f, err = r.framework(ctx, lr.ID); err != nil {
				return nil, err
			}
			frameworks[lr.Framework] = f
		}
		for _, d := range lr.Dimensions {
			k := dimKey{lr.Framework, d.ID}
			ru := byKey[k]
			if ru == nil {
				ru = &DimensionRollUp{Framework: k.framework, Dimension: k.dim, Bands: []string{}, Lowest: []PartnershipMean{}}
				if dim, _ := f.Dimension(d.ID); dim != nil {
					ru.Title = dim.Title
				}
				for _, b := range f.Bands {
					ru.Bands = append(ru.Bands, b.Label)
				}
				for _, s := range []partnership.Stage{partnership.StageBuild, partnership.StageEmbed, partnership.StageSustain, ""} {
					ru.ByStage = append(ru.ByStage, StageCounts{Stage: s, Counts: make([]int, len(f.Bands))})
				}
				byKey[k] = ru
				keys = append(keys, k)
			}
			if d.Mean == nil {
				continue
			}
			b := slices.Index(ru.Bands, d.Band)
			if b < 0 {
				continue
			}
			si := slices.IndexFunc(ru.ByStage, func(s StageCounts) bool { return s.Stage == row.Stage })
			if si < 0 {
				si = len(ru.ByStage) - 1
			}
			ru.ByStage[si].Counts[b]++
			if d.Lowest {
				ru.Lowest = append(ru.Lowest, PartnershipMean{ID: row.ID, Name: row.Name, Mean: *d.Mean})
			}
		}
	}
	slices.SortFunc(keys, func(a, b dimKey) int { return cmp.Or(cmp.Compare(a.framework, b.framework), cmp.Compare(a.dim, b.dim)) })
	out := []DimensionRollUp{}
	for _, k := range keys {
		ru := byKey[k]
		slices.SortFunc(ru.Lowest, func(a, b PartnershipMean) int {
			return cmp.Or(cmp.Compare(a.Mean, b.Mean), cmp.Compare(a.Name, b.Name))
		})
		ru.SVG = rollUpSVG(*ru)
		out = append(out, *ru)
	}
	return out, nil
}
