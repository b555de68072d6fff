//go:build !amd64 || purego

package dyn

// useAVX2 is false where there is no assembly kernel.
const useAVX2 = false

func lifExactAVX2(v, tLast, in *float64, spike *bool, n int, k *lifConsts, idx *int32, base int) int {
	panic("dyn: no AVX2 kernel in this build")
}

func addConstToAVX2(dst, x *float64, n int, c float64) { panic("dyn: no AVX2 kernel in this build") }
func addAVX2(dst, x *float64, n int)                   { panic("dyn: no AVX2 kernel in this build") }
func cobaAVX2(dst, cond, v *float64, n int, e float64) { panic("dyn: no AVX2 kernel in this build") }
func scaleAVX2(x *float64, n int, f float64)           { panic("dyn: no AVX2 kernel in this build") }
func anyAVX2(x *float64, n int) bool                   { panic("dyn: no AVX2 kernel in this build") }
func decayAddAVX2(dst, x *float64, n int, f float64)   { panic("dyn: no AVX2 kernel in this build") }
func decayCOBAAVX2(dst, cond, v *float64, n int, e, f float64) {
	panic("dyn: no AVX2 kernel in this build")
}

func lifFusedAVX2(v, tLast, in *float64, spike *bool, n int, k *lifConsts, idx *int32, base int, s *lifSynapses) int {
	panic("dyn: no AVX2 kernel in this build")
}
func prefetchSpans(ind, bounds *int32, stride int, rows *int32, n int) {
	panic("dyn: no AVX2 kernel in this build")
}
