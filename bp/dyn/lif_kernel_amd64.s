//go:build !purego

#include "textflag.h"

// func lifExactAVX2(v, tLast, in *float64, spike *bool, n int, k *lifConsts, idx *int32, base int) int
//
// n is a positive multiple of 4. Four neurons per iteration; lane for lane the same operations, in the
// same order and with the same roundings, as lifExactGo. The indices
// (plus base) of the neurons that spike go to idx, in order; the count is
// returned.
TEXT ·lifExactAVX2(SB), NOSPLIT, $0-72
	MOVQ v+0(FP), DI
	MOVQ tLast+8(FP), SI
	MOVQ in+16(FP), DX
	MOVQ spike+24(FP), R8
	MOVQ n+32(FP), CX
	MOVQ k+40(FP), AX
	MOVQ idx+48(FP), R13
	VBROADCASTSD 0(AX), Y0        // t
	VBROADCASTSD 8(AX), Y1        // refractory bound
	VBROADCASTSD 16(AX), Y2       // V_rest
	VBROADCASTSD 24(AX), Y3       // R
	VBROADCASTSD 32(AX), Y4       // decay
	VBROADCASTSD 40(AX), Y5       // V_th
	VBROADCASTSD 48(AX), Y6       // V_reset
	MOVQ base+56(FP), AX          // k is read: AX holds base from here
	MOVL $0x01010101, R9          // one byte per lane for PDEP
	XORQ R10, R10                 // spike count
	XORQ BX, BX                   // neuron index

loop:
	VMOVUPD (SI)(BX*8), Y7        // t_last
	VSUBPD  Y7, Y0, Y8            // t − t_last
	VCMPPD  $0x11, Y1, Y8, Y9     // refractory: t − t_last < bound (LT_OQ)
	VMOVUPD (DX)(BX*8), Y10       // I
	VMOVAPD Y2, Y11
	VFMADD231PD Y10, Y3, Y11      // V∞ = R·I + V_rest
	VMOVUPD (DI)(BX*8), Y12       // V
	VSUBPD  Y11, Y12, Y13         // V − V∞
	VFMADD213PD Y11, Y4, Y13      // (V − V∞)·decay + V∞
	VBLENDVPD Y9, Y12, Y13, Y13   // refractory: V held
	VCMPPD  $0x1D, Y5, Y13, Y14   // spike: V ≥ V_th (GE_OQ)
	VBLENDVPD Y14, Y6, Y13, Y13   // reset
	VMOVUPD Y13, (DI)(BX*8)
	VMOVMSKPD Y14, R11            // spike bits
	PDEPL   R9, R11, R12          // bit k → byte k (0 or 1)
	MOVL    R12, (R8)(BX*1)
	TESTL   R11, R11
	JNZ     record                // rare: spikes are sparse

next:
	ADDQ    $4, BX
	CMPQ    BX, CX
	JLT     loop
	JMP     done

record:
	TZCNTL  R11, R12              // lowest spiking lane
	ADDQ    BX, R12
	VMOVSD  X0, (SI)(R12*8)       // t_last = t, written only for a spike (t_last is mostly only read)
	ADDQ    AX, R12
	MOVL    R12, (R13)(R10*4)     // idx[count] = base + i + lane
	INCQ    R10
	BLSRL   R11, R11              // clear that lane
	JNZ     record
	JMP     next

done:
	VZEROUPPER
	MOVQ R10, ret+64(FP)
	RET
