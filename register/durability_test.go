package register_test

import (
	"bufio"
	"context"
	"database/sql"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/partnerkit/partnerkit/register"
	"github.com/partnerkit/partnerkit/register/sqlite"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The kill test re-runs this test binary as a child that submits in a
// loop: these variables tell it where and how.
const (
	envChildDB    = "PARTNERKIT_REGISTER_CHILD_DB"
	envChildToken = "PARTNERKIT_REGISTER_CHILD_TOKEN"
)

func TestMain(m *testing.M) {
	if path := os.Getenv(envChildDB); path != "" {
		os.Exit(child(path, os.Getenv(envChildToken)))
	}
	os.Exit(m.Run())
}

// child opens the register and submits answers until it is killed,
// printing "ack ID" for each answer set once Submit has returned.
func child(path, token string) int {
	ctx := context.Background()
	r, db, err := sqlite.Open(ctx, path, register.Options{Now: func() time.Time { return t0 }})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	defer db.Close()
	p, err := r.Authenticate(ctx, token)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	for i := 0; ; i++ {
		set := uuid.New()
		_, err := r.Submit(ctx, p, register.SubmissionInput{Key: set.String(), AnswerSet: set, Assessment: answers(1+i%5, 1+(i/5)%5, 3, 2, 4)})
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		fmt.Printf("ack %s\n", set) // os.Stdout is unbuffered: the line is out when Printf returns
	}
}

// TestAcknowledgedSurvivesKill9 kills a process that is submitting
// answers (SIGKILL, no chance to tidy up) and checks that every answer
// set it acknowledged is in the file when it is opened again.
func TestAcknowledgedSurvivesKill9(t *testing.T) {
	w := newWorld(t, register.Options{})
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), envChildDB+"="+w.path, envChildToken+"="+w.secrets["shared"])
	out, err := cmd.StdoutPipe()
	require.NoError(t, err)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	require.NoError(t, cmd.Start())

	var acked []uuid.UUID
	sc := bufio.NewScanner(out)
	deadline := time.After(60 * time.Second)
	for len(acked) < 150 && sc.Scan() {
		id, ok := strings.CutPrefix(sc.Text(), "ack ")
		require.True(t, ok, sc.Text())
		acked = append(acked, uuid.MustParse(id))
		select {
		case <-deadline:
			t.Fatalf("only %d acknowledged in a minute", len(acked))
		default:
		}
	}
	require.NoError(t, cmd.Process.Signal(syscall.SIGKILL))
	// Lines written before the kill are still in the pipe: read them all.
	for sc.Scan() {
		if id, ok := strings.CutPrefix(sc.Text(), "ack "); ok && len(id) == 36 {
			acked = append(acked, uuid.MustParse(id))
		}
	}
	err = cmd.Wait()
	require.Error(t, err, "the child was killed")
	require.GreaterOrEqual(t, len(acked), 150, "child's errors: %s", stderr.String())

	// Open the file afresh, as a restarted server would.
	r := openAt(t, w.path, register.Options{Now: w.clock.Now})
	p, err := r.Authenticate(context.Background(), w.secrets["shared"])
	require.NoError(t, err)
	for _, id := range acked {
		s, err := r.AnswerSet(context.Background(), p, id)
		require.NoError(t, err, "acknowledged answer set %s is lost", id)
		assert.Equal(t, id.String(), s.Key)
	}
	db, err := sql.Open("sqlite", sqlite.DSN(w.path))
	require.NoError(t, err)
	defer db.Close()
	var check string
	require.NoError(t, db.QueryRow("PRAGMA integrity_check").Scan(&check))
	assert.Equal(t, "ok", check)
	t.Logf("%d acknowledged before the kill, all there", len(acked))
}

// TestConcurrentSubmissions sends 1,000 answer sets from 50 goroutines
// to one round, every tenth sent twice as a retry would: each
// acknowledged answer set is stored exactly once.
func TestConcurrentSubmissions(t *testing.T) {
	const total, workers = 1000, 50
	ctx := context.Background()
	w := newWorld(t, register.Options{})
	sets := make([]uuid.UUID, total)
	for i := range sets {
		sets[i] = uuid.New()
	}
	var mu sync.Mutex
	acked := map[uuid.UUID]int{}
	var wg sync.WaitGroup
	errs := make(chan error, total)
	for g := range workers {
		wg.Go(func() {
			for i := g; i < total; i += workers {
				in := register.SubmissionInput{Key: "key-" + sets[i].String(), AnswerSet: sets[i], Assessment: answers(1+i%5, 1+(i/5)%5, 1+(i/25)%5, 2, 4)}
				tries := 1
				if i%10 == 0 {
					tries = 2
				}
				for range tries {
					s, err := w.r.Submit(ctx, w.p["shared"], in)
					if err != nil {
						errs <- err
						continue
					}
					mu.Lock()
					acked[s.AnswerSet]++
					mu.Unlock()
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	require.Equal(t, total, len(acked), "acknowledged answer sets")

	db, err := sql.Open("sqlite", sqlite.DSN(w.path))
	require.NoError(t, err)
	defer db.Close()
	var rows, sets1, changes int
	require.NoError(t, db.QueryRow("SELECT COUNT(*), COUNT(DISTINCT id), SUM(changes) FROM answer_sets WHERE round_id = ?", w.round.String()).Scan(&rows, &sets1, &changes))
	assert.Equal(t, total, rows)
	assert.Equal(t, total, sets1)
	assert.Equal(t, total, changes, "a retry with the same key changed nothing")
	rep, err := w.r.RoundReport(ctx, w.p["coordinator"], w.round)
	require.NoError(t, err)
	assert.Equal(t, total, rep.Combined.Respondents)
}
