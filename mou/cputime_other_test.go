//go:build !unix

package mou

import "time"

// cpuTime is not measured here: BenchmarkCheckVsJSONValid reports wall
// time only.
func cpuTime() time.Duration { return 0 }
