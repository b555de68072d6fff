//go:build !unix

package ei_test

// cpuNanos is not measured on this system.
func cpuNanos() int64 { return 0 }
