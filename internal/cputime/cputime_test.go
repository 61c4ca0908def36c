package cputime

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

// Work on this goroutine shows in the process's CPU time.
func TestProcessCountsWork(t *testing.T) {
	if !Measured {
		assert.Zero(t, Process())
		return
	}
	start := Process()
	deadline := time.Now().Add(50 * time.Millisecond)
	n := 0
	for time.Now().Before(deadline) {
		n++
	}
	assert.Positive(t, n)
	assert.Greater(t, Process(), start, "50 ms of busy work")
}
