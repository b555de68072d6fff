package bm

import (
	"math/bits"
	"unsafe"
)

// NextSpike returns the index of the first true in spikes at or after i,
// or len(spikes) if there is none. It reads eight flags at a time (a Go
// bool is one byte holding 0 or 1), so walking a sparse spike vector,
//
//	for i := bm.NextSpike(s, 0); i < len(s); i = bm.NextSpike(s, i+1) { … }
//
// costs about one load per eight neurons instead of a branch per neuron.
func NextSpike(spikes []bool, i int) int {
	n := len(spikes)
	// Skip 32 flags per test while none is set (spikes are sparse), then
	// find the word.
	for ; i+32 <= n; i += 32 {
		p := unsafe.Pointer(&spikes[i])
		if *(*uint64)(p)|*(*uint64)(unsafe.Add(p, 8))|*(*uint64)(unsafe.Add(p, 16))|*(*uint64)(unsafe.Add(p, 24)) != 0 {
			break
		}
	}
	for ; i+8 <= n; i += 8 {
		if w := *(*uint64)(unsafe.Pointer(&spikes[i])); w != 0 {
			return i + bits.TrailingZeros64(w)/8
		}
	}
	for ; i < n; i++ {
		if spikes[i] {
			return i
		}
	}
	return n
}

// CountSpikes returns the number of true values in spikes, eight at a time.
func CountSpikes(spikes []bool) int {
	n, count := len(spikes), 0
	i := 0
	for ; i+8 <= n; i += 8 {
		count += bits.OnesCount64(*(*uint64)(unsafe.Pointer(&spikes[i])))
	}
	for ; i < n; i++ {
		if spikes[i] {
			count++
		}
	}
	return count
}
