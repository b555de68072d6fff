//go:build !linux

package stderrguard

// The guard needs Linux's Pdeathsig to take the child down with a killed
// parent; elsewhere cells run unguarded.
