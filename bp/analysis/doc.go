// Package analysis analyses low-dimensional dynamical systems and finds the
// slow points of high-dimensional ones, as BrainPy's bp.analysis does, and
// adds numerical continuation so that bifurcation points come out as numbers.
//
// A [Model] is an autonomous ODE given by its derivative function over named
// variables with named parameters. [FromModel] makes one from a bp/dyn point
// neuron (any [EquationSource]), with the very equations the neuron group
// integrates and its settings as parameters, the input current "I" among
// them; [FromFunc] wraps a parameterless integrate.Func. The analysers are functions that take a
// model, the axes (named variables or parameters with ranges and
// resolutions) and a settings struct whose zero value works, and return
// plain data:
//
//   - [PhasePlane1D]: the vector field along one variable and its fixed
//     points with their stability.
//   - [PhasePlane2D]: the vector field on a grid, both nullclines as
//     polylines (marching squares), and the fixed points found from the grid,
//     refined by Newton's method and classified from the Jacobian ([Class]).
//   - [Simulate] and [FindLimitCycle]: trajectories (with any bp/integrate
//     method), and limit cycles detected by simulation (period, extrema and
//     one sampled orbit).
//   - [Bifurcation]: fixed points with stability sampled over one or two
//     parameters; [LimitCycles]: cycle extrema along a parameter.
//   - [Continue]: pseudo-arclength continuation of an equilibrium branch with
//     fold (saddle-node) and Hopf points located and refined;
//     [ContinueCurve] continues a fold or Hopf point in two parameters.
//   - [FastSlow]: the equilibria of the fast subsystem against the slow
//     variables (sampled, and continued with their folds and Hopf points),
//     the fast limit cycles, and the full trajectory on top.
//   - [FindSlowPoints]: the Sussillo–Barak slow-point finder for
//     high-dimensional systems such as recurrent networks, for flows and
//     for maps, with Jacobians and eigenvalues at every point.
//
// Variables of a larger model that an analysis does not vary are held fixed
// with a Hold map; held variables become parameters of the same name, which
// is how fast–slow analysis treats the slow variables.
//
// Bad input returns an error wrapping one of the sentinel errors
// ([ErrUnknownName], [ErrBadRange], [ErrTooManyEvals], [ErrNonFinite],
// [ErrBadModel], [ErrBadSettings]) that names the variable, parameter or
// limit at fault. Grid searches refuse resolutions that would need more than
// [Limits].MaxEvals model evaluations.
package analysis
