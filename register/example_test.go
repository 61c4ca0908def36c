package register_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/partnerkit/partnerkit/evaluation"
	"github.com/partnerkit/partnerkit/register"
	"github.com/partnerkit/partnerkit/register/sqlite"
)

// A programme's register in one SQLite file: a partnership from its MOU,
// a round with one invitation, a respondent's answers and the report.
func Example() {
	ctx := context.Background()
	dir, _ := os.MkdirTemp("", "register")
	defer os.RemoveAll(dir)
	r, db, err := sqlite.Open(ctx, filepath.Join(dir, "partnerkit.db"), register.Options{AnonymityThreshold: 1})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer db.Close()

	first, _, _ := r.Bootstrap(ctx) // printed once, as a link, on the first start
	admin, _ := r.Authenticate(ctx, first.Secret)

	mouDoc, _ := os.ReadFile("../examples/data/mou-riverside.json")
	p, v, _ := r.CreatePartnership(ctx, admin, register.DocumentInput{Document: mouDoc})
	fmt.Printf("%s, version %d, draft: %v\n", p.Name, v.Version, p.Draft)

	now := time.Now()
	rd, _ := r.CreateRound(ctx, admin, p.ID, register.RoundInput{Framework: evaluation.HealthCheck,
		Opens: now.Add(-time.Minute), Closes: now.Add(14 * 24 * time.Hour)})
	invs, _ := r.CreateInvitations(ctx, admin, rd.ID, register.InvitationInput{Partner: "st-aidans", Review: evaluation.ReviewSelf})

	respondent, _ := r.Authenticate(ctx, invs[0].Token.Secret) // from the link's fragment
	s, err := r.Submit(ctx, respondent, register.SubmissionInput{Key: "device-key-1",
		Assessment: []byte(`{"framework": "partnership-health-check", "answers": {"sg1": 4, "sg6": 5}}`)})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("own score: %.1f\n", *s.Score.Overall)

	rep, _ := r.RoundReport(ctx, admin, rd.ID)
	fmt.Printf("%d respondent, overall %.1f (%s)\n", rep.Respondents, *rep.Combined.Overall, rep.Combined.Band)
	// Output:
	// Riverside STEM Partnership, version 1, draft: false
	// own score: 91.7
	// 1 respondent, overall 91.7 (Thriving)
}
