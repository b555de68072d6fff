package bm

import (
	"fmt"
	"math/rand/v2"
)

// RNG is a seedable pseudo-random number generator: a 128-bit PCG (DXSM)
// from math/rand/v2 with the distributions that models need on top.
//
// The whole state of an RNG is the PCG state, so MarshalBinary and
// UnmarshalBinary save and restore the stream exactly. An RNG is not safe for
// concurrent use; give each goroutine its own stream (Split, NewRNGStream).
// Do not copy an RNG value; use pointers. The zero RNG becomes ready when
// Seed, SeedStream or UnmarshalBinary is called on it.
type RNG struct {
	pcg  rand.PCG
	rand *rand.Rand
}

// NewRNG returns a generator seeded with seed. It is the same as
// NewRNGStream(seed, 0).
func NewRNG(seed uint64) *RNG {
	return NewRNGStream(seed, 0)
}

// NewRNGStream returns the generator of stream number stream under seed.
// Distinct (seed, stream) pairs start at distinct, hashed points of the
// 2^128-long PCG cycle (two streams of length L overlap with probability
// about 2L/2^128), so they can be used as independent streams: one per row of
// a just-in-time connection matrix, one per goroutine, and so on.
func NewRNGStream(seed, stream uint64) *RNG {
	r := &RNG{}
	r.SeedStream(seed, stream)
	return r
}

// Seed re-seeds r in place: afterwards r produces the same numbers as
// NewRNG(seed).
func (r *RNG) Seed(seed uint64) { r.SeedStream(seed, 0) }

// SeedStream re-seeds r in place: afterwards r produces the same numbers as
// NewRNGStream(seed, stream).
func (r *RNG) SeedStream(seed, stream uint64) {
	r.init()
	r.pcg.Seed(streamState(seed, stream))
}

// init attaches the rand.Rand to the PCG of a zero RNG.
func (r *RNG) init() {
	if r.rand == nil {
		r.rand = rand.New(&r.pcg)
	}
}

// streamState maps (seed, stream) to a 128-bit PCG state. The map is
// injective (splitmix64's finaliser is a bijection) and both halves of the
// state depend on the stream, so neighbouring streams do not start at
// correlated states.
func streamState(seed, stream uint64) (hi, lo uint64) {
	lo = Mix64(stream + 0x9e3779b97f4a7c15)
	hi = Mix64(seed ^ lo)
	return hi, lo
}

// Mix64 is the splitmix64 finaliser, a bijection on uint64 with good
// avalanche: every input bit changes about half of the output bits. It
// hashes integers, such as (step, neuron) pairs for a digest of spikes.
func Mix64(z uint64) uint64 {
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// Split returns a new generator whose stream is derived from the next two
// outputs of r (so r advances). The same parent state always yields the same
// child, which keeps multi-goroutine runs deterministic.
func (r *RNG) Split() *RNG {
	return NewRNGStream(r.Uint64(), r.Uint64())
}

// Source returns r's underlying PCG as a rand.Source, for code (such as
// gonum's distuv) that takes one. Drawing from it advances r.
func (r *RNG) Source() rand.Source { return &r.pcg }

// MarshalBinary returns the state of r (encoding.BinaryMarshaler).
func (r *RNG) MarshalBinary() ([]byte, error) { return r.pcg.MarshalBinary() }

// UnmarshalBinary restores a state saved by MarshalBinary
// (encoding.BinaryUnmarshaler); r then continues the saved stream.
func (r *RNG) UnmarshalBinary(data []byte) error {
	r.init()
	if err := r.pcg.UnmarshalBinary(data); err != nil {
		return fmt.Errorf("bm: restoring RNG state: %w", err)
	}
	return nil
}

// Uint64 returns a uniformly distributed 64-bit value.
func (r *RNG) Uint64() uint64 { return r.pcg.Uint64() }

// Float64 returns a uniform number in [0, 1): one of the 2^53 multiples of
// 2^-53, the same value rand.Rand.Float64 makes from the same source, drawn
// here without its interface call.
func (r *RNG) Float64() float64 { return float64(r.pcg.Uint64()<<11>>11) / (1 << 53) }

// Intn returns a uniform integer in [0, n). It panics if n <= 0.
func (r *RNG) Intn(n int) int { return r.rand.IntN(n) }

// defaultRNG is the package-level generator behind Default and Seed.
var defaultRNG = NewRNG(0)

// Seed re-seeds the package's default generator (BrainPy's bm.random.seed).
// Generators previously obtained from Default are re-seeded too, since
// Default always returns the same generator.
func Seed(seed uint64) { defaultRNG.Seed(seed) }

// Default returns the package's default generator, seeded with 0 at start-up
// and re-seeded by Seed. It is not safe for concurrent use.
func Default() *RNG { return defaultRNG }
