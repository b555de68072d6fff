//go:build !purego

package dyn

import "golang.org/x/sys/cpu"

// useAVX2 selects the assembly kernels: they need AVX2 and FMA for the
// arithmetic, BMI2 (PDEP) for the spike flags and BMI1 (TZCNT, BLSR) for
// the spike list. Build with -tags purego to run the portable loops on such
// a machine.
var useAVX2 = cpu.X86.HasAVX2 && cpu.X86.HasFMA && cpu.X86.HasBMI1 && cpu.X86.HasBMI2

// lifExactAVX2 is lifExact for n neurons, n a multiple of 4, four at a
// time (lif_kernel_amd64.s).
//
//go:noescape
func lifExactAVX2(v, tLast, in *float64, spike *bool, n int, k *lifConsts, idx *int32, base int) int

// The AVX2 bodies of vec.go, for n a positive multiple of 8 (vec_amd64.s).

//go:noescape
func addConstToAVX2(dst, x *float64, n int, c float64)

//go:noescape
func addAVX2(dst, x *float64, n int)

//go:noescape
func cobaAVX2(dst, cond, v *float64, n int, e float64)

//go:noescape
func scaleAVX2(x *float64, n int, f float64)

//go:noescape
func anyAVX2(x *float64, n int) bool

//go:noescape
func decayAddAVX2(dst, x *float64, n int, f float64)

//go:noescape
func decayCOBAAVX2(dst, cond, v *float64, n int, e, f float64)

// lifFusedAVX2 is lifExactAVX2 with the input made in the same pass from
// in, a bias and two synapses handed their decay (lif_kernel_amd64.s).
//
//go:noescape
func lifFusedAVX2(v, tLast, in *float64, spike *bool, n int, k *lifConsts, idx *int32, base int, s *lifSynapses) int

//go:noescape
func prefetchSpans(ind, bounds *int32, stride int, rows *int32, n int)
