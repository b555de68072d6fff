//go:build !purego

#include "textflag.h"

// The exact LIF update of four neurons, lane for lane the same operations,
// in the same order and with the same roundings, as lifExactGo. In: Y12 the
// input current I, Y13 V, BX the neuron index, SI t_last, and the
// constants Y0 t, Y1 refractory bound, Y2 V_rest, Y3 R, Y4 decay, Y5 V_th,
// Y6 V_reset. Out: V stored, Y14 the spike mask, R11 its bits, the spike
// flags stored (R8, R9 the PDEP pattern). Uses Y15, R12.
#define LIF4 \
	VMOVUPD (SI)(BX*8), Y14       \ // t_last
	VSUBPD  Y14, Y0, Y14          \ // t − t_last
	VCMPPD  $0x11, Y1, Y14, Y14   \ // refractory: t − t_last < bound (LT_OQ)
	VMOVAPD Y2, Y15               \
	VFMADD231PD Y12, Y3, Y15      \ // V∞ = R·I + V_rest
	VSUBPD  Y15, Y13, Y12         \ // V − V∞
	VFMADD213PD Y15, Y4, Y12      \ // (V − V∞)·decay + V∞
	VBLENDVPD Y14, Y13, Y12, Y12  \ // refractory: V held
	VCMPPD  $0x1D, Y5, Y12, Y14   \ // spike: V ≥ V_th (GE_OQ)
	VBLENDVPD Y14, Y6, Y12, Y12   \ // reset
	VMOVUPD Y12, (DI)(BX*8)       \
	VMOVMSKPD Y14, R11            \ // spike bits
	PDEPL   R9, R11, R12          \ // bit k → byte k (0 or 1)
	MOVL    R12, (R8)(BX*1)

// Loads the arguments the LIF kernels share (v DI, tLast SI, in DX, spike
// R8, n CX, idx R13) and the constants of the lifConsts k into Y0–Y6; AX
// is then free.
#define LIFARGS \
	MOVQ v+0(FP), DI              \
	MOVQ tLast+8(FP), SI          \
	MOVQ in+16(FP), DX            \
	MOVQ spike+24(FP), R8         \
	MOVQ n+32(FP), CX             \
	MOVQ k+40(FP), AX             \
	MOVQ idx+48(FP), R13          \
	VBROADCASTSD 0(AX), Y0        \ // t
	VBROADCASTSD 8(AX), Y1        \ // refractory bound
	VBROADCASTSD 16(AX), Y2       \ // V_rest
	VBROADCASTSD 24(AX), Y3       \ // R
	VBROADCASTSD 32(AX), Y4       \ // decay
	VBROADCASTSD 40(AX), Y5       \ // V_th
	VBROADCASTSD 48(AX), Y6         // V_reset

// func lifExactAVX2(v, tLast, in *float64, spike *bool, n int, k *lifConsts, idx *int32, base int) int
//
// n is a positive multiple of 4; four neurons per iteration (LIF4). The
// indices (plus base) of the neurons that spike go to idx, in order; the
// count is returned.
TEXT ·lifExactAVX2(SB), NOSPLIT, $0-72
	LIFARGS
	MOVQ base+56(FP), AX          // k is read: AX holds base from here
	MOVL $0x01010101, R9          // one byte per lane for PDEP
	XORQ R10, R10                 // spike count
	XORQ BX, BX                   // neuron index

loop:
	VMOVUPD (DX)(BX*8), Y12       // I
	VMOVUPD (DI)(BX*8), Y13       // V
	LIF4
	TESTL   R11, R11
	JNZ     record                // rare: spikes are sparse

next:
	ADDQ    $4, BX
	CMPQ    BX, CX
	JLT     loop
	VZEROUPPER
	MOVQ R10, ret+64(FP)
	RET

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

// func lifFusedAVX2(v, tLast, in *float64, spike *bool, n int, k *lifConsts, idx *int32, base int, s *lifSynapses) int
//
// lifExactAVX2 with the input made in the same pass, as blockInput makes
// it for a group whose sources are a bias and two outputs that were handed
// their decay: I = in + bias, then for each synapse g ← g·f and
// I ← I + g (CUBA) or I ← g·(E − V) + I (COBA, one rounding; computed as
// −g·(V − E) + I, which is the same value). It also ORs the bits of in
// and sets s.inputSet when one is set (the group then knows whether its
// Input needs clearing). It steps through in by s.inStride bytes per four
// neurons: 0 reads the same four zeros throughout, for an Input known to
// be zero (a stream fewer: 8 of about 65 bytes per neuron).
TEXT ·lifFusedAVX2(SB), NOSPLIT, $0-80
	LIFARGS
	MOVQ s+64(FP), AX             // AX holds s from here
	MOVQ 0(AX), R14               // g of synapse 0
	MOVQ 8(AX), R15               // g of synapse 1
	VBROADCASTSD 16(AX), Y8       // f0
	VBROADCASTSD 24(AX), Y9       // f1
	VBROADCASTSD 32(AX), Y7       // bias
	VBROADCASTSD 40(AX), Y10      // E0 (E1 is read from s.e1)
	VXORPD  Y11, Y11, Y11         // the OR of the bits of in
	MOVL $0x01010101, R9
	XORQ R10, R10
	XORQ BX, BX
	CMPQ 48(AX), $0               // COBA?
	JNE  coba

cuba:
	VMOVUPD (DI)(BX*8), Y13       // V
	VMOVUPD (DX), Y12             // in
	ADDQ    96(AX), DX            // next input (s.inStride: 0 when zero)
	VORPD   Y12, Y11, Y11
	VADDPD  Y12, Y7, Y12          // I = in + bias
	VMULPD  (R14)(BX*8), Y8, Y14  // g0·f0
	VMOVUPD Y14, (R14)(BX*8)
	VADDPD  Y14, Y12, Y12
	VMULPD  (R15)(BX*8), Y9, Y14  // g1·f1
	VMOVUPD Y14, (R15)(BX*8)
	VADDPD  Y14, Y12, Y12
	LIF4
	TESTL   R11, R11
	JNZ     record

cuba_next:
	ADDQ    $4, BX
	CMPQ    BX, CX
	JLT     cuba
	JMP     done

coba:
	VMOVUPD (DI)(BX*8), Y13       // V
	VMOVUPD (DX), Y12             // in
	ADDQ    96(AX), DX            // next input (s.inStride: 0 when zero)
	VORPD   Y12, Y11, Y11
	VADDPD  Y12, Y7, Y12          // I = in + bias
	VMULPD  (R14)(BX*8), Y8, Y14  // g0·f0
	VMOVUPD Y14, (R14)(BX*8)
	VSUBPD  Y10, Y13, Y15         // V − E0
	VFNMADD231PD Y15, Y14, Y12    // I − g0·(V − E0)
	VMULPD  (R15)(BX*8), Y9, Y14  // g1·f1
	VMOVUPD Y14, (R15)(BX*8)
	VSUBPD  64(AX), Y13, Y15      // V − E1
	VFNMADD231PD Y15, Y14, Y12    // I − g1·(V − E1)
	LIF4
	TESTL   R11, R11
	JNZ     record

coba_next:
	ADDQ    $4, BX
	CMPQ    BX, CX
	JLT     coba
	JMP     done

record:                               // rare: list the spiking lanes, then back to the loop
	TZCNTL  R11, R12
	ADDQ    BX, R12
	VMOVSD  X0, (SI)(R12*8)
	ADDQ    base+56(FP), R12
	MOVL    R12, (R13)(R10*4)
	INCQ    R10
	BLSRL   R11, R11
	JNZ     record
	CMPQ    48(AX), $0            // which loop
	JNE     coba_next
	JMP     cuba_next

done:
	VPTEST  Y11, Y11
	SETNE   R12B
	MOVBQZX R12B, R12
	MOVQ    R12, 56(AX)           // s.inputSet
	VZEROUPPER
	MOVQ R10, ret+72(FP)
	RET
