// Package cputime reads the CPU time this process has used, for the
// benchmarks that report CPU time beside wall time: on a shared machine
// the wall clock swings with other work, the CPU a measurement took much
// less.
package cputime
