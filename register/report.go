package register

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/google/uuid"
	"github.com/partnerkit/partnerkit/evaluation"
)

// Report is a round's report: who has answered, and their answers
// combined by package evaluation exactly as `partnerkit evaluate score`
// combines assessment files. It holds no respondent's name or single
// answer set, and a partner's own figures only when it has at least the
// anonymity threshold of respondents.
type Report struct {
	Round           Round  `json:"round"`
	PartnershipName string `json:"partnershipName"`
	FrameworkTitle  string `json:"frameworkTitle"`
	// AnonymityThreshold is the fewest respondents a partner needs for its
	// own figures to be shown.
	AnonymityThreshold int `json:"anonymityThreshold"`
	// Responses counts invitations and answer sets by partner and review.
	Responses []ResponseCount `json:"responses"`
	// Respondents counts the round's answer sets.
	Respondents int `json:"respondents"`
	// Combined combines every answer set of the round, or is nil while
	// the round has fewer respondents than the anonymity threshold. Its
	// Partners list and its partners.imbalance flags name only partners
	// shown in Partners; its self-review (or peer-review) means, and the
	// review.gap flags, are left out while fewer respondents than the
	// threshold gave a self-review (or a peer review).
	Combined *evaluation.Combined `json:"combined"`
	Advice   Advice               `json:"advice"`
	// Partners holds the own breakdown of each partner with enough
	// respondents, by partner id.
	Partners []PartnerReport `json:"partners"`
	// Withheld lists the partners that have answered, but too few to show.
	Withheld []string `json:"withheld"`
	// Outcomes is the partnership's progress per Theory of Change outcome
	// (see Register.Outcomes): its indicators' latest values, grouped by
	// outcome; empty when no indicator has a value.
	Outcomes    []evaluation.OutcomeProgress `json:"outcomes"`
	GeneratedAt time.Time                    `json:"generatedAt"`
}

// ResponseCount is how many have been invited and have answered for one
// partner and kind of review. A shared invitation counts once however
// many answer through it.
type ResponseCount struct {
	Partner     string            `json:"partner"`
	PartnerName string            `json:"partnerName"`
	Review      evaluation.Review `json:"review"`
	Invitations int               `json:"invitations"`
	Responses   int               `json:"responses"`
}

// Advice is what to do next: the band's advice for the overall score, and
// for each dimension its own advice when its mean is in the lowest band,
// otherwise its band's, as scoring one assessment gives it.
type Advice struct {
	Overall    string            `json:"overall"`
	Dimensions []DimensionAdvice `json:"dimensions"`
}

// DimensionAdvice is the advice for one dimension.
type DimensionAdvice struct {
	ID     string `json:"id"`
	Title  string `json:"title"`
	Band   string `json:"band,omitempty"`
	Advice string `json:"advice,omitempty"`
}

// PartnerReport is one partner's respondents' answers combined.
type PartnerReport struct {
	Partner     string               `json:"partner"`
	PartnerName string               `json:"partnerName"`
	Respondents int                  `json:"respondents"`
	Combined    *evaluation.Combined `json:"combined"`
	Advice      Advice               `json:"advice"`
}

// RoundReport builds a round's report from the answers saved so far.
// Administrators and the partnership's coordinators may see it.
func (r *Register) RoundReport(ctx context.Context, p Principal, roundID uuid.UUID) (*Report, error) {
	rd, err := r.manageRound(ctx, p, roundID)
	if err != nil {
		return nil, fmt.Errorf("report of round %s: %w", roundID, err)
	}
	f, err := r.framework(ctx, roundID)
	if err != nil {
		return nil, fmt.Errorf("report of round %s: %w", roundID, err)
	}
	rec, err := r.partnership(ctx, rd.Partnership)
	if err != nil {
		return nil, err
	}
	doc, err := r.partnershipDoc(ctx, rd.Partnership)
	if err != nil {
		return nil, err
	}
	invs, err := r.Invitations(ctx, p, roundID)
	if err != nil {
		return nil, err
	}
	type key struct {
		partner string
		review  evaluation.Review
	}
	counts := map[key]*ResponseCount{}
	reviewOf := map[uuid.UUID]key{}
	for _, inv := range invs {
		k := key{inv.Partner, inv.Review}
		reviewOf[inv.ID] = k
		c := counts[k]
		if c == nil {
			c = &ResponseCount{Partner: inv.Partner, PartnerName: doc.PartnerName(inv.Partner), Review: inv.Review}
			counts[k] = c
		}
		c.Invitations++
	}

	all := r.scoring.NewCombiner(f)
	byPartner := map[string]*evaluation.Combiner{}
	n := map[string]int{}
	reviews := map[evaluation.Review]int{}
	rows, err := r.db.QueryContext(ctx, answerSetColumns+" WHERE round_id = ? ORDER BY id", roundID.String())
	if err != nil {
		return nil, fmt.Errorf("report of round %s: %w", roundID, err)
	}
	err = scanAnswerSets(rows, func(s Submission) error {
		sc, err := r.scoring.Score(f, s.Assessment)
		if err != nil {
			return fmt.Errorf("answer set %s: %w", s.AnswerSet, err)
		}
		if err := all.Add(sc); err != nil {
			return fmt.Errorf("answer set %s: %w", s.AnswerSet, err)
		}
		if c := counts[reviewOf[s.Invitation]]; c != nil {
			c.Responses++
		}
		partner := s.Assessment.Respondent.Partner
		c := byPartner[partner]
		if c == nil {
			c = r.scoring.NewCombiner(f)
			byPartner[partner] = c
		}
		n[partner]++
		reviews[s.Assessment.Respondent.Review]++
		return c.Add(sc)
	})
	if err != nil {
		return nil, fmt.Errorf("report of round %s: %w", roundID, err)
	}

	rep := &Report{Round: rd, PartnershipName: rec.Name, FrameworkTitle: f.Title, AnonymityThreshold: r.threshold,
		Responses: []ResponseCount{}, Partners: []PartnerReport{}, Withheld: []string{}, GeneratedAt: r.clock()}
	for _, c := range counts {
		rep.Responses = append(rep.Responses, *c)
	}
	slices.SortFunc(rep.Responses, func(a, b ResponseCount) int {
		if a.Partner != b.Partner {
			if a.Partner < b.Partner {
				return -1
			}
			return 1
		}
		if a.Review < b.Review {
			return -1
		} else if a.Review > b.Review {
			return 1
		}
		return 0
	})
	shown := map[string]bool{}
	partners := make([]string, 0, len(byPartner))
	for partner := range byPartner {
		partners = append(partners, partner)
	}
	slices.Sort(partners)
	for _, partner := range partners {
		if n[partner] < r.threshold {
			rep.Withheld = append(rep.Withheld, partner)
			continue
		}
		shown[partner] = true
		c := byPartner[partner].Result()
		rep.Partners = append(rep.Partners, PartnerReport{Partner: partner, PartnerName: doc.PartnerName(partner),
			Respondents: n[partner], Combined: c, Advice: advice(f, c)})
	}
	hs, err := r.indicators(ctx, rd.Partnership)
	if err != nil {
		return nil, fmt.Errorf("report of round %s: %w", roundID, err)
	}
	if rep.Outcomes, err = r.outcomes(hs); err != nil {
		return nil, fmt.Errorf("report of round %s: %w", roundID, err)
	}
	combined := all.Result()
	rep.Respondents = combined.Respondents
	if rep.Respondents >= r.threshold {
		rep.Combined = withhold(combined, shown, reviews[evaluation.ReviewSelf] >= r.threshold, reviews[evaluation.ReviewPeer] >= r.threshold)
		rep.Advice = advice(f, rep.Combined)
	}
	return rep, nil
}

// withhold leaves out of c the partner means, and the imbalance flags, of
// partners not shown, and the self-review or peer-review means, with the
// review gaps, when too few gave that review.
func withhold(c *evaluation.Combined, shown map[string]bool, self, peer bool) *evaluation.Combined {
	for i := range c.Dimensions {
		if !self {
			c.Dimensions[i].Self = nil
		}
		if !peer {
			c.Dimensions[i].Peer = nil
		}
	}
	c.Partners = slices.DeleteFunc(c.Partners, func(m evaluation.PartnerMean) bool { return !shown[m.Partner] })
	c.Flags = slices.DeleteFunc(c.Flags, func(fl evaluation.Flag) bool {
		if fl.Code == evaluation.FlagReviewGap {
			return !self || !peer
		}
		if fl.Code != evaluation.FlagImbalance {
			return false
		}
		for _, p := range fl.Partners {
			if !shown[p] {
				return true
			}
		}
		return false
	})
	return c
}

// advice gives the advice for a combination, as Framework.Score gives it
// for one assessment.
func advice(f *evaluation.Framework, c *evaluation.Combined) Advice {
	a := Advice{Dimensions: []DimensionAdvice{}}
	if c.Overall != nil {
		if b, ok := f.Band(*c.Overall); ok {
			a.Overall = b.Advice
		}
	}
	for _, d := range c.Dimensions {
		da := DimensionAdvice{ID: d.ID, Band: d.Band}
		dim, _ := f.Dimension(d.ID)
		if dim != nil {
			da.Title = dim.Title
		}
		if d.Mean != nil {
			if b, ok := f.Band(*d.Mean); ok {
				da.Advice = b.Advice
				if len(f.Bands) > 0 && b.Min == f.Bands[0].Min && dim != nil && dim.Advice != "" {
					da.Advice = dim.Advice
				}
			}
		}
		a.Dimensions = append(a.Dimensions, da)
	}
	return a
}
