//go:build !purego

#include "textflag.h"

// The AVX2 bodies of vec.go: n is a positive multiple of 8; two 4-wide
// registers per iteration. Each lane does what the portable loop does.

// func addConstToAVX2(dst, x *float64, n int, c float64)
TEXT ·addConstToAVX2(SB), NOSPLIT, $0-32
	MOVQ dst+0(FP), DI
	MOVQ x+8(FP), SI
	MOVQ n+16(FP), CX
	VBROADCASTSD c+24(FP), Y0
	XORQ BX, BX
addconst_loop:
	VADDPD (SI)(BX*8), Y0, Y1
	VADDPD 32(SI)(BX*8), Y0, Y2
	VMOVUPD Y1, (DI)(BX*8)
	VMOVUPD Y2, 32(DI)(BX*8)
	ADDQ $8, BX
	CMPQ BX, CX
	JLT  addconst_loop
	VZEROUPPER
	RET

// func addAVX2(dst, x *float64, n int)
TEXT ·addAVX2(SB), NOSPLIT, $0-24
	MOVQ dst+0(FP), DI
	MOVQ x+8(FP), SI
	MOVQ n+16(FP), CX
	XORQ BX, BX
add_loop:
	VMOVUPD (DI)(BX*8), Y0
	VMOVUPD 32(DI)(BX*8), Y1
	VADDPD  (SI)(BX*8), Y0, Y0
	VADDPD  32(SI)(BX*8), Y1, Y1
	VMOVUPD Y0, (DI)(BX*8)
	VMOVUPD Y1, 32(DI)(BX*8)
	ADDQ $8, BX
	CMPQ BX, CX
	JLT  add_loop
	VZEROUPPER
	RET

// func cobaAVX2(dst, cond, v *float64, n int, e float64)
// dst = g·(e − v) + dst, fused.
TEXT ·cobaAVX2(SB), NOSPLIT, $0-40
	MOVQ dst+0(FP), DI
	MOVQ cond+8(FP), SI
	MOVQ v+16(FP), DX
	MOVQ n+24(FP), CX
	VBROADCASTSD e+32(FP), Y0
	XORQ BX, BX
coba_loop:
	VSUBPD  (DX)(BX*8), Y0, Y1    // e − v
	VSUBPD  32(DX)(BX*8), Y0, Y2
	VMOVUPD (DI)(BX*8), Y3
	VMOVUPD 32(DI)(BX*8), Y4
	VFMADD231PD (SI)(BX*8), Y1, Y3   // Y3 = (e − v)·g + dst
	VFMADD231PD 32(SI)(BX*8), Y2, Y4
	VMOVUPD Y3, (DI)(BX*8)
	VMOVUPD Y4, 32(DI)(BX*8)
	ADDQ $8, BX
	CMPQ BX, CX
	JLT  coba_loop
	VZEROUPPER
	RET

// func scaleAVX2(x *float64, n int, f float64)
TEXT ·scaleAVX2(SB), NOSPLIT, $0-24
	MOVQ x+0(FP), DI
	MOVQ n+8(FP), CX
	VBROADCASTSD f+16(FP), Y0
	XORQ BX, BX
scale_loop:
	VMULPD  (DI)(BX*8), Y0, Y1
	VMULPD  32(DI)(BX*8), Y0, Y2
	VMOVUPD Y1, (DI)(BX*8)
	VMOVUPD Y2, 32(DI)(BX*8)
	ADDQ $8, BX
	CMPQ BX, CX
	JLT  scale_loop
	VZEROUPPER
	RET

// func anyAVX2(x *float64, n int) bool
// Whether any bit of x is set.
TEXT ·anyAVX2(SB), NOSPLIT, $0-17
	MOVQ x+0(FP), SI
	MOVQ n+8(FP), CX
	VPXOR Y2, Y2, Y2
	XORQ BX, BX
any_loop:
	VPOR (SI)(BX*8), Y2, Y2
	VPOR 32(SI)(BX*8), Y2, Y2
	ADDQ $8, BX
	CMPQ BX, CX
	JLT  any_loop
	VPTEST Y2, Y2
	SETNE AX
	MOVB AX, ret+16(FP)
	VZEROUPPER
	RET

// func decayAddAVX2(dst, x *float64, n int, f float64)
// x = x·f, then dst = dst + x: a synapse's decay fused with reading it.
TEXT ·decayAddAVX2(SB), NOSPLIT, $0-32
	MOVQ dst+0(FP), DI
	MOVQ x+8(FP), SI
	MOVQ n+16(FP), CX
	VBROADCASTSD f+24(FP), Y0
	XORQ BX, BX
decayadd_loop:
	VMULPD  (SI)(BX*8), Y0, Y1
	VMULPD  32(SI)(BX*8), Y0, Y2
	VMOVUPD Y1, (SI)(BX*8)
	VMOVUPD Y2, 32(SI)(BX*8)
	VADDPD  (DI)(BX*8), Y1, Y1
	VADDPD  32(DI)(BX*8), Y2, Y2
	VMOVUPD Y1, (DI)(BX*8)
	VMOVUPD Y2, 32(DI)(BX*8)
	ADDQ $8, BX
	CMPQ BX, CX
	JLT  decayadd_loop
	VZEROUPPER
	RET

// func decayCOBAAVX2(dst, cond, v *float64, n int, e, f float64)
// cond = cond·f, then dst = cond·(e − v) + dst, fused.
TEXT ·decayCOBAAVX2(SB), NOSPLIT, $0-48
	MOVQ dst+0(FP), DI
	MOVQ cond+8(FP), SI
	MOVQ v+16(FP), DX
	MOVQ n+24(FP), CX
	VBROADCASTSD e+32(FP), Y0
	VBROADCASTSD f+40(FP), Y5
	XORQ BX, BX
decaycoba_loop:
	VMULPD  (SI)(BX*8), Y5, Y3
	VMULPD  32(SI)(BX*8), Y5, Y4
	VMOVUPD Y3, (SI)(BX*8)
	VMOVUPD Y4, 32(SI)(BX*8)
	VSUBPD  (DX)(BX*8), Y0, Y1    // e − v
	VSUBPD  32(DX)(BX*8), Y0, Y2
	VFMADD213PD (DI)(BX*8), Y1, Y3   // Y3 = (e − v)·g + dst
	VFMADD213PD 32(DI)(BX*8), Y2, Y4
	VMOVUPD Y3, (DI)(BX*8)
	VMOVUPD Y4, 32(DI)(BX*8)
	ADDQ $8, BX
	CMPQ BX, CX
	JLT  decaycoba_loop
	VZEROUPPER
	RET

// func prefetchSpans(ind, bounds *int32, stride int, rows *int32, n int)
// Asks for the cache lines of the spans ind[bounds[i·stride]] …
// ind[bounds[i·stride+1]−1] of the n > 0 rows i of rows, with PREFETCHT0:
// a prefetch retires at once, so the misses of many lines are in flight
// together.
TEXT ·prefetchSpans(SB), NOSPLIT, $0-40
	MOVQ ind+0(FP), DI
	MOVQ bounds+8(FP), SI
	MOVQ stride+16(FP), R8
	MOVQ rows+24(FP), DX
	MOVQ n+32(FP), CX
	XORQ BX, BX
spans_row:
	MOVLQSX (DX)(BX*4), AX        // row i
	IMULQ   R8, AX                // i·stride
	MOVLQSX (SI)(AX*4), R9        // start
	MOVLQSX 4(SI)(AX*4), R10      // end
	CMPQ    R10, R9
	JLE     spans_next            // empty span
	LEAQ    (DI)(R9*4), R9        // &ind[start]
	LEAQ    (DI)(R10*4), R10      // &ind[end]
	ANDQ    $-64, R9              // its line
spans_line:
	PREFETCHT0 (R9)
	ADDQ    $64, R9
	CMPQ    R9, R10
	JLT     spans_line
spans_next:
	INCQ    BX
	CMPQ    BX, CX
	JLT     spans_row
	RET
