// Package ei builds the E/I network benchmarks of Brette et al. (2007) from
// the library's own parts, as a user would write them: LIF or TraubHH
// groups (80 % excitatory, 20 % inhibitory), fixed-probability CSR (or
// just-in-time) connectivity with p = 80/N, exponential synapses in
// align-post projections and COBA or CUBA outputs, run by a bp.Runner.
//
// The models are those of benchmarks/brian2/ei.py:
//
//   - COBA: LIF (V_rest = V_reset = −60 mV, V_th = −50 mV, τ = 20 ms,
//     refractory 5 ms) with a bias current of 20 mV, exponential
//     conductances (τ 5 / 10 ms, w 0.6 / 6.7, E 0 / −80 mV).
//   - CUBA: the same LIF with current synapses (w 1.62 / −9 mV).
//   - COBAHH: TraubHH neurons with conductances of 6 / 67 nS, τ 5 / 10 ms.
//   - COBA-JIT: COBA with just-in-time connectivity (no stored synapses).
//
// Initial V is uniform in [V_reset, V_th] for the LIF models; for COBAHH it
// is normal (mean −65, SD 5 mV) with normal initial conductances, as in the
// Brian2 script. dt = 0.1 ms.
package ei
