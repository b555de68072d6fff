package dyn

import (
	"fmt"
	"math"

	"github.com/braingo/braingo/bp"
)

// STDPParams are the parameters of [STDP]. Zero time constants and
// amplitudes select BrainPy's STDP_Song2000 defaults; WMin = WMax = 0
// means no bounds.
type STDPParams struct {
	TauS float64 // presynaptic trace time constant (ms); default 16.8
	TauT float64 // postsynaptic trace time constant (ms); default 33.7
	A1   float64 // potentiation amplitude (pre before post); default 0.96
	A2   float64 // depression amplitude (post before pre); default 0.53

	WMin, WMax float64 // weights are clipped to [WMin, WMax]
}

// STDP is pair-based spike-timing-dependent plasticity with traces (Song,
// Miller & Abbott 2000; BrainPy's STDP_Song2000) acting on the weights of a
// dense or CSR layer. Each presynaptic spike increments a trace x_pre
// (decaying with τ_s) and each postsynaptic spike a trace x_post (τ_t); a
// presynaptic spike depresses its synapses by A2·x_post[post], a
// postsynaptic spike potentiates its synapses by A1·x_pre[pre], and weights
// are clipped to [WMin, WMax]. For one pair, Δw = A1·e^{-Δt/τ_s} when the
// presynaptic spike leads by Δt > 0 and -A2·e^{-|Δt|/τ_t} when it lags;
// simultaneous spikes change nothing.
//
// Update reads Pre.Spikes() and Post.Spikes() as they are, so add STDP to a
// network after both groups: it then pairs the spikes of the same step.
// It visits only the synapses of spiking neurons.
type STDP struct {
	STDPParams
	Pre, Post bp.Spiker // the groups whose spikes are paired
	TracePre  []float64 // x_pre, one per presynaptic neuron
	TracePost []float64 // x_post, one per postsynaptic neuron
	W         []float64 // the layer's weights, updated in place

	nPost      int
	indptr     []int32 // CSR rows (nil for a dense layer)
	indices    []int32
	colPtr     []int32 // synapses of each postsynaptic neuron (CSR)
	colSyn     []int32
	synPre     []int32 // presynaptic neuron of each synapse (CSR)
	wMin, wMax float64
}

// NewSTDP makes the weights of comm plastic. comm must be a *DenseComm or
// a *CSRComm; a CSR with homogeneous weights gets a Weights slice filled
// with W (so the layer stays homogeneous no longer).
func NewSTDP(pre, post bp.Spiker, comm Comm, s STDPParams) (*STDP, error) {
	if pre == nil || post == nil || comm == nil {
		return nil, fmt.Errorf("%w: STDP needs pre, post and a layer, got a nil one", ErrSizeMismatch)
	}
	nPre, nPost := len(pre.Spikes()), len(post.Spikes())
	if cPre, cPost := comm.Shape(); cPre != nPre || cPost != nPost {
		return nil, fmt.Errorf("%w: STDP between %d and %d neurons on a %d×%d layer", ErrSizeMismatch, nPre, nPost, cPre, cPost)
	}
	var err error
	for _, p := range []struct {
		name string
		v    *float64
		def  float64
	}{{"TauS", &s.TauS, 16.8}, {"TauT", &s.TauT, 33.7}, {"A1", &s.A1, 0.96}, {"A2", &s.A2, 0.53}} {
		if *p.v, err = synPositive("STDP."+p.name, *p.v, p.def); err != nil {
			return nil, err
		}
	}
	st := &STDP{STDPParams: s, Pre: pre, Post: post, TracePre: make([]float64, nPre), TracePost: make([]float64, nPost),
		nPost: nPost, wMin: s.WMin, wMax: s.WMax}
	if s.WMin == 0 && s.WMax == 0 {
		st.wMin, st.wMax = math.Inf(-1), math.Inf(1)
	} else if !(s.WMin <= s.WMax) {
		return nil, fmt.Errorf("%w: STDP bounds [%v, %v] are empty", ErrSynapse, s.WMin, s.WMax)
	}
	switch c := comm.(type) {
	case *DenseComm:
		st.W = c.W
	case *CSRComm:
		if c.Weights == nil {
			c.Weights = make([]float64, c.NNZ())
			for k := range c.Weights {
				c.Weights[k] = c.CSR.W
			}
		}
		st.W, st.indptr, st.indices = c.Weights, c.Indptr, c.Indices
		st.colPtr, st.colSyn = c.Post2Syn()
		st.synPre = make([]int32, c.NNZ())
		for i := range nPre {
			for k := c.Indptr[i]; k < c.Indptr[i+1]; k++ {
				st.synPre[k] = int32(i)
			}
		}
	default:
		return nil, fmt.Errorf("%w: STDP works on a *DenseComm or *CSRComm layer, not %T", ErrSynapse, comm)
	}
	for k, w := range st.W {
		if w < st.wMin || w > st.wMax {
			return nil, fmt.Errorf("%w: weight %d is %v, outside the STDP bounds [%v, %v]", ErrSynapse, k, w, s.WMin, s.WMax)
		}
	}
	return st, nil
}

// clip bounds a weight.
func (s *STDP) clip(w float64) float64 { return min(max(w, s.wMin), s.wMax) }

// Update decays the traces, applies the weight changes of this step's
// spikes and then adds the spikes to the traces.
func (s *STDP) Update(ctx *bp.Context) {
	pre, post := s.Pre.Spikes(), s.Post.Spikes()
	xPre, xPost := s.TracePre[:len(pre)], s.TracePost[:len(post)]
	fs, ft := synDecay(ctx.DT, s.TauS), synDecay(ctx.DT, s.TauT)
	for i := range xPre {
		xPre[i] *= fs
	}
	for j := range xPost {
		xPost[j] *= ft
	}
	w := s.W
	for i, sp := range pre {
		if !sp {
			continue
		}
		if s.indptr == nil {
			row := w[i*s.nPost : (i+1)*s.nPost]
			for j, x := range xPost {
				row[j] = s.clip(row[j] - s.A2*x)
			}
			continue
		}
		for k := s.indptr[i]; k < s.indptr[i+1]; k++ {
			w[k] = s.clip(w[k] - s.A2*xPost[s.indices[k]])
		}
	}
	for j, sp := range post {
		if !sp {
			continue
		}
		if s.indptr == nil {
			for i, x := range xPre {
				k := i*s.nPost + j
				w[k] = s.clip(w[k] + s.A1*x)
			}
			continue
		}
		for _, k := range s.colSyn[s.colPtr[j]:s.colPtr[j+1]] {
			w[k] = s.clip(w[k] + s.A1*xPre[s.synPre[k]])
		}
	}
	for i, sp := range pre {
		if sp {
			xPre[i]++
		}
	}
	for j, sp := range post {
		if sp {
			xPost[j]++
		}
	}
}

// Vars returns the two traces and the weights.
func (s *STDP) Vars() []bp.Var {
	return []bp.Var{{Name: "trace_pre", Data: s.TracePre}, {Name: "trace_post", Data: s.TracePost}, {Name: "w", Data: s.W}}
}

// Reset zeroes the traces; the weights keep what they learnt.
func (s *STDP) Reset(uint64) { clear(s.TracePre); clear(s.TracePost) }
