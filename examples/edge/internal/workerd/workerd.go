//go:build unix

// Package workerd builds the edge worker and runs it locally in workerd,
// through miniflare (node serve.mjs), on 127.0.0.1 and with no network:
// for the end-to-end test and the benchmark.
package workerd

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"time"
)

// Build runs build.sh in edgeDir (examples/edge), writing the worker to
// outDir.
func Build(edgeDir, outDir string) error {
	return build(edgeDir, outDir, "EDGE_TEST=")
}

// BuildTest builds the end-to-end test's worker, with the test paths of
// testhooks.go (such as /_test/exit), to outDir. Never deploy it.
func BuildTest(edgeDir, outDir string) error {
	return build(edgeDir, outDir, "EDGE_TEST=1")
}

func build(edgeDir, outDir, test string) error {
	cmd := exec.Command("./build.sh")
	cmd.Dir = edgeDir
	cmd.Env = append(os.Environ(), "BUILD_DIR="+outDir, test)
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("workerd: ./build.sh: %w\n%s", err, out)
	}
	return nil
}

// Check reports what is missing to run the worker: Node, or miniflare
// (`npm ci` in examples/edge).
func Check(edgeDir string) error {
	if _, err := exec.LookPath("node"); err != nil {
		return errors.New("workerd: node is not installed")
	}
	if _, err := os.Stat(filepath.Join(edgeDir, "node_modules", "miniflare")); err != nil {
		return errors.New("workerd: miniflare is not installed: run `npm ci` in examples/edge")
	}
	return nil
}

// Worker is a worker running in workerd.
type Worker struct {
	URL string // such as http://127.0.0.1:41234
	cmd *exec.Cmd
	// waited is closed once node has exited and cmd.Wait has returned;
	// waitOnce makes that one call, for Stop and Kill, however often
	// and from however many goroutines they are called.
	waited   chan struct{}
	waitOnce sync.Once

	mu  sync.Mutex
	log []string // the lines of standard output after the URL
}

// Log returns the lines the worker has logged to standard output so far
// (workerd prints the worker's console there), after its URL.
func (w *Worker) Log() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return slices.Clone(w.log)
}

// Start runs `node serve.mjs` in edgeDir with the worker built in buildDir,
// on a free port, and returns once it serves. env adds variables such as
// PARTNERKIT_ALLOWED_ORIGINS=…; args are serve.mjs's arguments.
func Start(edgeDir, buildDir string, env []string, args ...string) (*Worker, error) {
	cmd := exec.Command("node", append([]string{"serve.mjs"}, args...)...)
	cmd.Dir = edgeDir
	cmd.Env = append(append(os.Environ(), "BUILD_DIR="+buildDir, "PORT=0"), env...)
	cmd.Stderr = os.Stderr
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true} // so that workerd stops with it
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("workerd: starting node serve.mjs: %w", err)
	}
	w := &Worker{cmd: cmd}
	lines := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		if sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
		for sc.Scan() {
			w.mu.Lock()
			w.log = append(w.log, sc.Text())
			w.mu.Unlock()
		}
		io.Copy(io.Discard, stdout)
	}()
	select {
	case url, ok := <-lines:
		if !ok || !strings.HasPrefix(url, "http://127.0.0.1:") {
			w.Stop()
			return nil, fmt.Errorf("workerd: node serve.mjs did not print its URL (got %q)", url)
		}
		w.URL = url
		return w, nil
	case <-time.After(time.Minute):
		w.Stop()
		return nil, errors.New("workerd: node serve.mjs did not start within a minute")
	}
}

// wait returns a channel closed once node has exited.
func (w *Worker) wait() <-chan struct{} {
	w.waitOnce.Do(func() {
		w.waited = make(chan struct{})
		go func() {
			w.cmd.Wait()
			close(w.waited)
		}()
	})
	return w.waited
}

// Kill kills node and workerd at once (SIGKILL to the process group), as
// a crash or a power cut would, and waits for them to go.
func (w *Worker) Kill() {
	syscall.Kill(-w.cmd.Process.Pid, syscall.SIGKILL)
	<-w.wait()
}

// Stop stops the worker and workerd: SIGTERM, which serve.mjs handles,
// and SIGKILL to the process group if that is not enough. Stopping a
// worker stopped or killed already does nothing more.
func (w *Worker) Stop() error {
	pid := w.cmd.Process.Pid
	syscall.Kill(-pid, syscall.SIGTERM)
	select {
	case <-w.wait():
	case <-time.After(10 * time.Second):
		syscall.Kill(-pid, syscall.SIGKILL)
		<-w.wait()
	}
	syscall.Kill(-pid, syscall.SIGKILL) // anything left in the group
	return nil
}
