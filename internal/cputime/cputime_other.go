//go:build !unix

package cputime

import "time"

// Process is not measured here: it is always 0, and the benchmarks
// report wall time only.
func Process() time.Duration { return 0 }

// Measured reports whether Process measures anything here.
const Measured = false
