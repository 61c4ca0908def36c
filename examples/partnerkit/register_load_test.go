package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/partnerkit/partnerkit/internal/apitest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const (
	loadSubmissions = 1000
	loadInFlight    = 50
)

// buildPartnerkit builds the command into a temporary folder.
func buildPartnerkit(t *testing.T) string {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("no SIGKILL on Windows")
	}
	bin := filepath.Join(t.TempDir(), "partnerkit")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	require.NoError(t, err, "%s", out)
	return bin
}

var servingAt = regexp.MustCompile(`serving the checker at (http://\S+) `)

// binaryServer is `partnerkit serve` running as its own process.
type binaryServer struct {
	cmd  *exec.Cmd
	out  *serveBuffer
	base string
}

// startBinary runs `partnerkit serve --db db` on a free port and waits
// until it serves.
func startBinary(t *testing.T, bin, db string) *binaryServer {
	t.Helper()
	cmd := exec.Command(bin, "serve", "--addr", "127.0.0.1:0", "--db", db)
	stdout, err := cmd.StdoutPipe()
	require.NoError(t, err)
	stderr, err := cmd.StderrPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	s := &binaryServer{cmd: cmd, out: &serveBuffer{}}
	for _, r := range []io.Reader{stdout, stderr} {
		go func() {
			sc := bufio.NewScanner(r)
			for sc.Scan() {
				s.out.Write([]byte(sc.Text() + "\n"))
			}
		}()
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	require.Eventually(t, func() bool { return servingAt.MatchString(s.out.String()) }, time.Minute, 10*time.Millisecond, "the server did not start: %s", s.out)
	s.base = servingAt.FindStringSubmatch(s.out.String())[1]
	return s
}

// adminLink waits for the administrator's link of a first start.
func (s *binaryServer) adminLink(t *testing.T) []string {
	t.Helper()
	require.Eventually(t, func() bool { return adminLink.MatchString(s.out.String()) }, 10*time.Second, 10*time.Millisecond, "no administrator link: %s", s.out)
	return adminLink.FindStringSubmatch(s.out.String())
}

// kill stops the server with SIGKILL and waits for it to be gone.
func (s *binaryServer) kill(t *testing.T) {
	t.Helper()
	require.NoError(t, s.cmd.Process.Kill())
	s.cmd.Wait()
}

// loadRound makes a partnership, an open round and a shared invitation
// over HTTP, and returns the round's id and the invitation's token.
func loadRound(t *testing.T, base, admin string) (round, token string) {
	t.Helper()
	post := func(path, tok, body string, v any) {
		req, err := http.NewRequest(http.MethodPost, base+path, strings.NewReader(body))
		require.NoError(t, err)
		req.Header.Set("Authorization", "Bearer "+tok)
		req.Header.Set("Content-Type", "application/json")
		res, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		defer res.Body.Close()
		data, _ := io.ReadAll(res.Body)
		require.Equal(t, http.StatusCreated, res.StatusCode, "%s", data)
		require.NoError(t, json.Unmarshal(data, v))
	}
	var created struct {
		Partnership struct{ ID string }
	}
	post("/v1/partnerships", admin, apitest.Doc("mou-valid"), &created)
	var rd struct{ ID string }
	now := time.Now().UTC()
	post("/v1/partnerships/"+created.Partnership.ID+"/rounds", admin, fmt.Sprintf(`{"title": "Load", "framework": "partnership-health-check", "opens": %q, "closes": %q}`,
		now.Add(-time.Hour).Format(time.RFC3339), now.Add(24*time.Hour).Format(time.RFC3339)), &rd)
	var invs []struct {
		Token struct{ Token string }
	}
	post("/v1/rounds/"+rd.ID+"/invitations", admin, `{"invitations": [{"partner": "st-aidans", "review": "self", "shared": true}]}`, &invs)
	return rd.ID, invs[0].Token.Token
}

// loader sends submissions, each retried with its key until the server
// acknowledges it.
type loader struct {
	base   atomic.Pointer[string]
	token  string
	client *http.Client
	acked  [loadSubmissions]atomic.Bool
	count  atomic.Int64
	twice  bool // send each acknowledged submission once more, as a retry would
	errs   atomic.Int64
	failed atomic.Pointer[string]
}

// submit sends submission i until it is acknowledged, and returns the
// acknowledgements' bodies.
func (l *loader) submit(ctx context.Context, i int) {
	body := fmt.Sprintf(`{"answerSet": "%08x-0000-4000-8000-000000000000", "revision": 1, "assessment": {"framework": "partnership-health-check", "answers": {"sg1": %d, "sg6": %d}}}`, i, 1+i%5, 1+i%3)
	sends := 1
	if l.twice {
		sends = 2
	}
	for n := 0; n < sends; {
		if ctx.Err() != nil {
			return
		}
		req, _ := http.NewRequestWithContext(ctx, http.MethodPost, *l.base.Load()+"/v1/respond/answers", strings.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+l.token)
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Idempotency-Key", fmt.Sprintf("load-%d", i))
		res, err := l.client.Do(req)
		if err != nil {
			l.errs.Add(1)
			time.Sleep(20 * time.Millisecond)
			continue
		}
		data, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusOK {
			if res.StatusCode < 500 {
				msg := fmt.Sprintf("submission %d: status %d: %s", i, res.StatusCode, data)
				l.failed.CompareAndSwap(nil, &msg)
				return
			}
			l.errs.Add(1)
			time.Sleep(20 * time.Millisecond)
			continue
		}
		if !strings.Contains(string(data), `"changes": 1,`) {
			msg := fmt.Sprintf("submission %d stored more than once: %s", i, data)
			l.failed.CompareAndSwap(nil, &msg)
		}
		if n == 0 {
			l.acked[i].Store(true)
			l.count.Add(1)
		}
		n++
	}
}

// run sends every submission, loadInFlight at a time.
func (l *loader) run(ctx context.Context) {
	next := make(chan int)
	var wg sync.WaitGroup
	for range loadInFlight {
		wg.Go(func() {
			for i := range next {
				l.submit(ctx, i)
			}
		})
	}
	for i := range loadSubmissions {
		next <- i
	}
	close(next)
	wg.Wait()
}

// exported reads the register's answer sets from GET /v1/admin/export.
func exported(t *testing.T, base, admin string) map[string]int {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, base+"/v1/admin/export", nil)
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer "+admin)
	res, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer res.Body.Close()
	require.Equal(t, http.StatusOK, res.StatusCode)
	var a struct {
		AnswerSets []struct {
			ID      string
			Changes int
		}
	}
	require.NoError(t, json.NewDecoder(res.Body).Decode(&a))
	sets := map[string]int{}
	for _, s := range a.AnswerSets {
		sets[s.ID] += s.Changes
	}
	return sets
}

func answerSetID(i int) string { return fmt.Sprintf("%08x-0000-4000-8000-000000000000", i) }

// TestServeLosesNothing sends 1,000 submissions, 50 at a time, to one
// round of the built `partnerkit serve`, each sent twice with the same
// Idempotency-Key: each is stored exactly once. Then the same load on a
// new file, with the server killed (SIGKILL) part way and started again
// on the same file: every submission acknowledged before the kill is
// there, and in the end each is stored once.
func TestServeLosesNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command and sends 2,000 submissions")
	}
	bin := buildPartnerkit(t)
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	transport := &http.Transport{MaxIdleConnsPerHost: loadInFlight}
	client := &http.Client{Transport: transport, Timeout: 30 * time.Second}

	t.Run("retries", func(t *testing.T) {
		srv := startBinary(t, bin, filepath.Join(t.TempDir(), "partnerkit.db"))
		admin := srv.adminLink(t)
		round, token := loadRound(t, srv.base, admin[1])
		l := &loader{token: token, client: client, twice: true}
		l.base.Store(&srv.base)
		start := time.Now()
		l.run(ctx)
		elapsed := time.Since(start)
		require.Nil(t, l.failed.Load(), "%s", deref(l.failed.Load()))
		require.EqualValues(t, loadSubmissions, l.count.Load())
		t.Logf("%d submissions, each sent twice, %d in flight: %.0f requests/s", loadSubmissions, loadInFlight, float64(2*loadSubmissions)/elapsed.Seconds())

		sets := exported(t, srv.base, admin[1])
		require.Len(t, sets, loadSubmissions)
		for i := range loadSubmissions {
			assert.Equal(t, 1, sets[answerSetID(i)], "answer set %d stored once", i)
		}
		status, _, body := httpGet(t, srv.base+"/v1/rounds/"+round+"/report", admin[1])
		require.Equal(t, http.StatusOK, status)
		assert.Contains(t, body, fmt.Sprintf(`"respondents": %d`, loadSubmissions))
	})

	t.Run("killed and restarted", func(t *testing.T) {
		db := filepath.Join(t.TempDir(), "partnerkit.db")
		srv := startBinary(t, bin, db)
		admin := srv.adminLink(t)
		_, token := loadRound(t, srv.base, admin[1])
		l := &loader{token: token, client: client}
		l.base.Store(&srv.base)
		done := make(chan struct{})
		go func() { l.run(ctx); close(done) }()
		require.Eventually(t, func() bool { return l.count.Load() >= loadSubmissions/3 }, time.Minute, time.Millisecond)
		srv.kill(t)
		var before []int
		for i := range loadSubmissions {
			if l.acked[i].Load() {
				before = append(before, i)
			}
		}
		t.Logf("killed with SIGKILL after %d acknowledged submissions", len(before))
		require.Less(t, len(before), loadSubmissions, "killed mid-way")

		again := startBinary(t, bin, db)
		sets := exported(t, again.base, admin[1])
		for _, i := range before {
			assert.Equal(t, 1, sets[answerSetID(i)], "acknowledged submission %d is there after the kill", i)
		}
		l.base.Store(&again.base)
		<-done
		require.Nil(t, l.failed.Load(), "%s", deref(l.failed.Load()))
		require.EqualValues(t, loadSubmissions, l.count.Load())
		sets = exported(t, again.base, admin[1])
		require.Len(t, sets, loadSubmissions)
		for i := range loadSubmissions {
			assert.Equal(t, 1, sets[answerSetID(i)], "answer set %d stored once", i)
		}
	})
}

func httpGet(t *testing.T, url, token string) (int, http.Header, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, url, nil)
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer "+token)
	res, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer res.Body.Close()
	data, _ := io.ReadAll(res.Body)
	return res.StatusCode, res.Header, string(data)
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
