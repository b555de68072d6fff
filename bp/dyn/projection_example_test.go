package dyn_test

import (
	"context"
	"fmt"

	"github.com/braingo/braingo/bp"
	"github.com/braingo/braingo/bp/dyn"
)

// Example_shortTermPlasticity sends a 20-Hz train through a facilitating
// Tsodyks–Markram synapse (BrainPy's STP defaults) in an align-pre
// projection: STP computes each spike's release, an exponential synapse
// turns it into a conductance. The releases relative to the first follow
// the analytic 1.6093 (2nd) and 1.6245 (5th).
func Example_shortTermPlasticity() {
	times := []float64{10, 60, 110, 160, 210}
	pre, _ := dyn.NewSpikeTimeGroup(1, times, make([]int, len(times)))
	post, _ := dyn.NewLIF(1, dyn.LIFParams{VRest: -60, VReset: -60, VTh: -50, Tau: 20})
	stp, _ := dyn.NewSTP(1, dyn.STPParams{})
	expon, _ := dyn.NewExpon(1, dyn.ExponParams{Tau: 5})
	syn, _ := dyn.NewChain(stp, expon)
	comm, _ := dyn.NewOneToOne(1, 1)
	proj, err := dyn.NewProjAlignPre(pre, post, comm, syn, &dyn.COBA{E: 0}, dyn.DelayOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	net := bp.NewNetwork()
	_ = net.Add("pre", pre)
	_ = net.Add("syn", proj)
	_ = net.Add("post", post)
	res, err := bp.Run(context.Background(), net, 250, bp.RunnerSettings{
		Progress: bp.NoProgress,
		Monitors: bp.Monitors("syn.release"),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	var rel []float64
	for _, r := range res.Traces["syn.release"].Series(0) {
		if r > 0 {
			rel = append(rel, r)
		}
	}
	for k, r := range rel {
		fmt.Printf("spike %d: release %.4f, R/R1 = %.4f\n", k+1, r, r/rel[0])
	}
	// Output:
	// spike 1: release 0.1500, R/R1 = 1.0000
	// spike 2: release 0.2414, R/R1 = 1.6093
	// spike 3: release 0.2702, R/R1 = 1.8011
	// spike 4: release 0.2622, R/R1 = 1.7477
	// spike 5: release 0.2437, R/R1 = 1.6245
}
