// Package dyn is BrainGo's model library (BrainPy's brainpy.dyn): neuron
// groups, ion channels and conductance-based neurons, synapse dynamics,
// synaptic outputs, projections, plasticity, connectivity builders, weight
// initialisers, inputs, spike sources, rate models and measurements. Every
// model is a [bp.Model], runs under a [bp.Runner] and composes in a
// [bp.Network] with the others and with models written by the user.
//
// # Models by family
//
// Point neurons (one state slice per variable, V first):
//   - integrate-and-fire: [LIF] (Lif, and LifRef with TRef > 0), [ExpIF],
//     [AdExIF], [QuaIF], [AdQuaIF], [GIF], [Izhikevich], and the
//     non-spiking [LeakyIntegrator];
//   - conductance-based: [HH] (BrainPy's defaults: gL 0.03, V_th 20 mV),
//     [MorrisLecar], [WangBuzsaki], [TraubHH];
//   - reduced: [FHN] (FitzHugh–Nagumo), [HindmarshRose].
//
// Ion channels ([Channel]) and pools ([Ion]) build neurons channel by
// channel in a [CondNeuGroup]: the Hodgkin–Huxley [INaHH1952], [IKHH1952]
// and [ILeak], the Traub–Miles [INaTM1991] and [IKTM1991], the T-type
// calcium [ICaTHM1992], the h-current [IhHM1992], the calcium-activated
// [IAHPDe1994], and the calcium pool [Calcium] ([NewCalciumFixed],
// [NewCalciumFirstOrder]).
//
// Synapses ([Synapse]): [Expon], [DualExpon] (and [NewAlpha]), [NMDA], the kinetic
// [NewAMPA] and [NewGABAa], short-term plasticity [STP] (Tsodyks–Markram)
// and [STD], and [Chain] to put two in series (STP → Expon). Outputs
// ([Output]) turn a synaptic variable into a current: [CUBA], [COBA] and
// [MgBlock]. [GapJunction] couples membrane potentials electrically.
//
// Projections connect a presynaptic [bp.Spiker] to postsynaptic [Neurons]
// through a communication layer ([Comm]: [DenseComm], [CSRComm] for sparse
// event-driven connectivity, [JITComm] for just-in-time random
// connectivity, [OneToOne], [AllToAll]), a synapse, an output and a delay
// ([DelayOptions], in steps or ms): [ProjAlignPost] keeps one synapse state
// per postsynaptic neuron (linear synapses, the cheap case), [ProjAlignPre]
// one per presynaptic neuron (needed for STP and NMDA), and [ProjDelta]
// adds weights to V directly. [STDP] is pair-based spike-timing-dependent
// plasticity with traces on dense or CSR weights.
//
// Connectivity builders return a [bm.CSR] (rows are presynaptic neurons):
// ConnOneToOne, ConnAllToAll, ConnFixedProb, ConnFixedPreNum,
// ConnFixedPostNum, ConnFixedTotalNum, ConnGaussianProb, ConnGridFour,
// ConnGridEight, ConnGridN, ConnSmallWorld, ConnScaleFreeBA, and
// ConnFromMatrix, ConnFromIJ, ConnFromCSR; the random ones take a seed.
// Weight initialisers ([Initializer]: [Constant], [Normal], [Uniform],
// [TruncatedNormal], [VarianceScaling] and the Kaiming/Xavier/LeCun
// shortcuts, [Orthogonal], [GaussianDecay], [DOGDecay]) fill dense or CSR
// weights.
//
// Inputs: the builders [SectionInput], [ConstantInput], [RampInput],
// [SinusoidalInput], [SquareInput], [SpikeInput], [WienerProcess] and
// [OUProcess] return one value per step for [bp.SeriesInput]; [OUNoise] is
// an Ornstein–Uhlenbeck current as a model. Spike sources: [PoissonGroup],
// [SpikeTimeGroup], and [PoissonInput] (Poisson input added to a variable).
//
// Rate models: [RateFHN], [FeedbackFHN], [WilsonCowan], [ThresholdLinear],
// [QIFRate], [StuartLandau], [VanDerPol], [ThetaNeuron], [JansenRit] and
// [Kuramoto]; [DelayCoupling] couples the nodes of a rate model through a
// connectivity matrix with per-link delays (whole-brain networks).
//
// Measurements work on monitor records: [FiringRate], [RasterData],
// [SpikeMatrix], [CrossCorrelation], [VoltageFluctuation],
// [FunctionalConnectivity], [MatrixCorrelation], [WeightedCorrelation].
//
// # Update order
//
// Within a step, a projection reads the spikes its presynaptic group made
// in the previous step, advances its delay and synapse, and leaves a
// conductance that its output turns into a current when the postsynaptic
// group integrates. Add projections to the network before the groups they
// feed (and spike sources after the projections that read them), so that a
// spike at step k acts at step k+1, as in BrainPy. A neuron group, in its
// Update, takes its input current (external input plus its current
// sources, evaluated at V before the step), integrates, holds refractory
// neurons, then detects spikes and resets. The network clears the inputs
// after the step.
//
// # Fast paths
//
// When every current source of a [LIF] or [TraubHH] group is a
// [RangeCurrentSource] (the outputs, [Bias]), the group makes its input
// block by block, fused with its update (the input after the step is
// cleared only where it is not zero). The exact LIF update,
// the outputs and the synaptic decay use AVX2 kernels where the CPU has
// them and portable loops elsewhere (or with -tags purego), with the same
// rounding, hence the same spikes. These groups list the neurons that
// spiked; CSR projections deliver from that list instead of scanning the
// spike flags, and [SpikeCounter] counts from it. During a Runner's run a
// [ProjAlignPost] with an [Expon] synapse over a [CSRComm] hands the
// synapse's decay to such a group, which applies it while reading the
// conductance (handoff.go); a LIF group with a bias and two such synapses
// then makes its input and updates in one pass. These groups and
// [ProjAlignPost] (no delay, [Expon], [CSRComm] or [JITComm]) are
// bp.PartUpdaters: with RunnerSettings.Workers > 1 each goroutine takes a
// range of neurons, with identical results.
//
// # Parameters
//
// Each model has a parameter struct named after it (LIFParams, HHParams,
// ExponParams, STPParams, STDPParams, HHChannelParams, RateFHNParams, ...)
// whose zero value is BrainPy's default model: a zero field takes the
// default given in its comment. Where zero is a meaningful value that
// differs from the default, give [Zero] (negative zero) to a neuron
// parameter, or set the model's field after construction. Neurons take
// their initial values as [At] (a constant) or [Between] (uniform, drawn
// from the group's seeded generator). Method names an integrator of
// bp/integrate ("" is exponential Euler, BrainPy's exp_auto); Noise > 0
// adds white noise σ dW to V, and Seed seeds the group (0 draws from
// bm.Default, so bm.Seed makes a program reproducible). Constructors check
// their parameters and return errors wrapping ErrNeuron, ErrChannel,
// ErrSynapse, ErrSizeMismatch, ErrDelay, ErrConn, ErrInit or ErrRate that name the
// parameter, its value and what is allowed.
//
// # Writing a neuron model
//
// A new neuron type embeds [Population], which gives it V, Spike, Input,
// current sources and the [Neurons] interface that projections need, and
// defines Update: read the step's total current with Current, step V (and
// its other variables, one slice each) with a bp/integrate stepper, and set
// Spike. It then composes with the built-in groups, projections, monitors
// and Save/Load (list extra variables in a Vars method). See the
// customNeuron example of package bp.
//
// # Equations for analysis
//
// The point neurons and the rate models RateFHN, WilsonCowan,
// ThresholdLinear, StuartLandau, VanDerPol, QIFRate and JansenRit state
// their differential equations once: the group integrates them and the
// Equations method returns them for one neuron or node (variable names,
// parameters by Go name with the input current, and the derivative), which
// bp/analysis.FromModel turns into a model for phase planes, bifurcations
// and continuation. What is analysed is what is simulated.
package dyn
