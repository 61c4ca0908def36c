package register_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/google/uuid"
	"github.com/partnerkit/partnerkit/register"
)

// BenchmarkSubmit measures acknowledged submissions per second to one
// round on SQLite (WAL, synchronous=FULL): one after another, and from
// many goroutines at once.
func BenchmarkSubmit(b *testing.B) {
	ctx := context.Background()
	b.Run("serial", func(b *testing.B) {
		w := newWorld(b, register.Options{})
		p := w.p["shared"]
		i := 0
		for b.Loop() {
			set := uuid.New()
			if _, err := w.r.Submit(ctx, p, register.SubmissionInput{Key: set.String(), AnswerSet: set, Assessment: answers(1+i%5, 2, 3, 4, 5)}); err != nil {
				b.Fatal(err)
			}
			i++
		}
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "submissions/s")
	})
	b.Run("parallel", func(b *testing.B) {
		w := newWorld(b, register.Options{})
		p := w.p["shared"]
		b.SetParallelism(8) // 8 × GOMAXPROCS goroutines
		b.ResetTimer()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				set := uuid.New()
				if _, err := w.r.Submit(ctx, p, register.SubmissionInput{Key: set.String(), AnswerSet: set, Assessment: answers(3, 2, 3, 4, 5)}); err != nil {
					b.Error(err)
					return
				}
			}
		})
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "submissions/s")
	})
}

// BenchmarkRoundReport measures building a round's report for 10, 100
// and 1,000 respondents. The target is under 50 ms at 1,000, growing
// linearly.
func BenchmarkRoundReport(b *testing.B) {
	ctx := context.Background()
	for _, n := range []int{10, 100, 1000} {
		b.Run(fmt.Sprintf("respondents=%d", n), func(b *testing.B) {
			w := newWorld(b, register.Options{AnonymityThreshold: 1})
			who := []string{"shared", "peer"}
			for i := range n {
				set := uuid.New()
				_, err := w.r.Submit(ctx, w.p[who[i%2]], register.SubmissionInput{Key: set.String(), AnswerSet: set,
					Assessment: answers(1+i%5, 1+(i/5)%5, 1+(i/25)%5, 1+(i/3)%5, 1+(i/7)%5)})
				if err != nil {
					b.Fatal(err)
				}
			}
			for b.Loop() {
				rep, err := w.r.RoundReport(ctx, w.p["coordinator"], w.round)
				if err != nil {
					b.Fatal(err)
				}
				if rep.Combined.Respondents != n {
					b.Fatalf("%d respondents, want %d", rep.Combined.Respondents, n)
				}
			}
		})
	}
}
