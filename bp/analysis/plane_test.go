package analysis

import (
	"errors"
	"math"
	"strings"
	"testing"
)

func TestPhasePlane1DSin(t *testing.T) {
	// dx/dt = sin x: fixed points at kπ, stable for odd k (cos kπ = −1).
	res, err := PhasePlane1D(sinModel(0), Axis{Name: "x", Min: -10, Max: 10, N: 201}, PhasePlane1DSettings{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Fixed) != 7 {
		t.Fatalf("got %d fixed points, want 7 (k = −3..3): %v", len(res.Fixed), res.Fixed)
	}
	for i, fp := range res.Fixed {
		k := i - 3
		if d := math.Abs(fp.X[0] - float64(k)*math.Pi); d > 1e-12 {
			t.Errorf("point %d at %v, want %dπ (|Δ| %.1e > 1e-12)", i, fp.X[0], k, d)
		}
		want := UnstablePoint
		if k%2 != 0 {
			want = StablePoint
		}
		if fp.Class != want {
			t.Errorf("x = %dπ: class %v, want %v", k, fp.Class, want)
		}
	}
}

func TestPhasePlane1DEndpoints(t *testing.T) {
	// Roots exactly on the ends of the range and on an interior grid
	// point are each found once: dx/dt = x(x−0.5)(x−1) on [0, 1], 11 points.
	m := Model{Vars: []string{"x"}, F: func(dst, x []float64, _ Params) { dst[0] = x[0] * (x[0] - 0.5) * (x[0] - 1) }}
	res, err := PhasePlane1D(m, Axis{Name: "x", Min: 0, Max: 1, N: 11}, PhasePlane1DSettings{})
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		x float64
		c Class
	}{{0, UnstablePoint}, {0.5, StablePoint}, {1, UnstablePoint}}
	if len(res.Fixed) != len(want) {
		t.Fatalf("got %d fixed points %v, want 3", len(res.Fixed), res.Fixed)
	}
	for i, w := range want {
		if math.Abs(res.Fixed[i].X[0]-w.x) > 1e-14 || res.Fixed[i].Class != w.c {
			t.Errorf("point %d: %v %v, want %v %v", i, res.Fixed[i].X[0], res.Fixed[i].Class, w.x, w.c)
		}
	}
}

// fhnTable is numbers.md §3.5.
var fhnTable = []struct {
	I, V, w float64
	class   Class
}{
	{0, -1.199408, -0.624260, StableFocus},
	{0.5, -0.804848, -0.131060, UnstableFocus},
	{0.8, -0.272901, 0.533874, UnstableNode},
	{1.0, 0.408866, 1.386082, UnstableNode},
	{1.5, 1.032480, 2.165600, StableFocus},
}

func TestPhasePlane2DFHN(t *testing.T) {
	for _, row := range fhnTable {
		res, err := PhasePlane2D(fhn(row.I), Axis{Name: "V", Min: -3, Max: 3}, Axis{Name: "w", Min: -3, Max: 3}, PhasePlane2DSettings{})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Fixed) != 1 {
			t.Fatalf("I = %v: %d fixed points, want 1: %v", row.I, len(res.Fixed), res.Fixed)
		}
		fp := res.Fixed[0]
		// The table has 6 decimals.
		if math.Abs(fp.X[0]-row.V) > 1e-6 || math.Abs(fp.X[1]-row.w) > 1e-6 {
			t.Errorf("I = %v: fixed point %v, want (%v, %v) to 1e-6", row.I, fp.X, row.V, row.w)
		}
		if fp.Class != row.class {
			t.Errorf("I = %v: class %v, want %v", row.I, fp.Class, row.class)
		}
		if len(res.XNullcline) == 0 || len(res.YNullcline) != 1 {
			t.Errorf("I = %v: %d V-nullclines and %d w-nullclines, want ≥ 1 and 1", row.I, len(res.XNullcline), len(res.YNullcline))
		}
		// Nullcline points satisfy their equation to the grid's linear
		// interpolation error (spacing 0.06, |f''| ≤ 2·3 ⇒ ≈ 3e-3).
		for _, line := range res.XNullcline {
			for k := range line.X {
				V, w := line.X[k], line.Y[k]
				if r := V - V*V*V/3 - w + row.I; math.Abs(r) > 5e-3 {
					t.Fatalf("I = %v: V-nullcline point (%v, %v) has dV/dt = %v", row.I, V, w, r)
				}
			}
		}
	}
}

func TestClassifyLinear(t *testing.T) {
	cases := []struct {
		name       string
		a, b, c, d float64
		want       Class
	}{
		{"saddle", 1, 0, 0, -1, Saddle},
		{"stable node", -1, 0, 0, -3, StableNode},
		{"unstable node", 2, 1, 0, 1, UnstableNode},
		{"stable focus", -0.1, -1, 1, -0.1, StableFocus},
		{"unstable focus", 0.2, 1, -1, 0.2, UnstableFocus},
		{"center", 0, 1, -1, 0, Center},
		{"stable star", -2, 0, 0, -2, StableStar},
		{"unstable star", 0.5, 0, 0, 0.5, UnstableStar},
		{"stable degenerate", -1, 1, 0, -1, StableDegenerate},
		{"unstable degenerate", 1, 0, 1, 1, UnstableDegenerate},
		{"stable line", -1, 0, 0, 0, StableLine},
		{"unstable line", 0, 0, 0, 1, UnstableLine},
		{"degenerate", 0, 1, 0, 0, Degenerate},
	}
	for _, tc := range cases {
		m := linear2(tc.a, tc.b, tc.c, tc.d)
		fp, err := mustSystem(t, m).fixedPoint([]float64{0, 0}, 0)
		if err != nil {
			t.Fatal(err)
		}
		if fp.Class != tc.want || fp.Class.String() != tc.name {
			t.Errorf("%s: classified %q", tc.name, fp.Class)
		}
		if tc.want == Saddle || tc.want == Center || tc.want == StableLine {
			continue // not isolated or found by the grid only at the origin
		}
		// Through the whole pipeline: the origin is found once on a grid
		// that does not contain it.
		res, err := PhasePlane2D(m, Axis{Name: "x", Min: -1.03, Max: 0.97, N: 41}, Axis{Name: "y", Min: -0.98, Max: 1.02, N: 41}, PhasePlane2DSettings{})
		if err != nil {
			t.Fatal(err)
		}
		if tc.want != UnstableLine && tc.want != Degenerate && (len(res.Fixed) != 1 || res.Fixed[0].Class != tc.want || infNorm(res.Fixed[0].X) > 1e-12) {
			t.Errorf("%s: phase plane found %v", tc.name, res.Fixed)
		}
	}
}

func mustSystem(t *testing.T, m Model) *system {
	t.Helper()
	s, err := newSystem(m)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestNullclinesAxisAligned(t *testing.T) {
	// dx/dt = y − 0.3 (horizontal x-nullcline), dy/dt = x − 0.2 (vertical
	// y-nullcline); once off the grid, once on grid lines.
	for _, n := range []int{37, 41} {
		m := Model{Vars: []string{"x", "y"}, F: func(dst, x []float64, _ Params) { dst[0], dst[1] = x[1]-0.3, x[0]-0.2 }}
		res, err := PhasePlane2D(m, Axis{Name: "x", Min: -1, Max: 1, N: n}, Axis{Name: "y", Min: -1, Max: 1, N: n}, PhasePlane2DSettings{})
		if err != nil {
			t.Fatal(err)
		}
		check := func(name string, lines []Polyline, coord func(l Polyline, k int) float64, want float64) {
			if len(lines) != 1 || len(lines[0].X) < n-1 {
				t.Errorf("N = %d: %s nullcline: %d lines, want one spanning the plane", n, name, len(lines))
				return
			}
			for k := range lines[0].X {
				if d := math.Abs(coord(lines[0], k) - want); d > 1e-12 {
					t.Fatalf("N = %d: %s nullcline point off by %v", n, name, d)
				}
			}
		}
		check("x", res.XNullcline, func(l Polyline, k int) float64 { return l.Y[k] }, 0.3)
		check("y", res.YNullcline, func(l Polyline, k int) float64 { return l.X[k] }, 0.2)
		if len(res.Fixed) != 1 || res.Fixed[0].Class != Saddle {
			t.Errorf("N = %d: fixed points %v, want one saddle at (0.2, 0.3)", n, res.Fixed)
		}
	}
}

func TestBadInput(t *testing.T) {
	m := fhn(0.5)
	V, w := Axis{Name: "V", Min: -3, Max: 3}, Axis{Name: "w", Min: -3, Max: 3}
	cases := []struct {
		name    string
		err     error
		mention string // what the message must name
		run     func() error
	}{
		{"unknown var", ErrUnknownName, `"u"`, func() error {
			_, err := PhasePlane2D(m, Axis{Name: "u", Min: 0, Max: 1}, w, PhasePlane2DSettings{})
			return err
		}},
		{"min >= max", ErrBadRange, `"V" has Min 1 >= Max 1`, func() error {
			_, err := PhasePlane2D(m, Axis{Name: "V", Min: 1, Max: 1}, w, PhasePlane2DSettings{})
			return err
		}},
		{"non-finite range end", ErrBadRange, `"V"`, func() error {
			_, err := PhasePlane2D(m, Axis{Name: "V", Min: math.Inf(-1), Max: 1}, w, PhasePlane2DSettings{})
			return err
		}},
		{"resolution below 2", ErrBadRange, `"w"`, func() error {
			_, err := PhasePlane2D(m, V, Axis{Name: "w", Min: -3, Max: 3, N: 1}, PhasePlane2DSettings{})
			return err
		}},
		{"non-finite parameter", ErrBadModel, `"I"`, func() error { _, err := m.With(Params{"I": math.NaN()}); return err }},
		{"too many evals", ErrTooManyEvals, "MaxEvals = 10000000", func() error {
			_, err := PhasePlane2D(m, Axis{Name: "V", Min: -3, Max: 3, N: 10000}, Axis{Name: "w", Min: -3, Max: 3, N: 10000}, PhasePlane2DSettings{})
			return err
		}},
		{"unknown param", ErrUnknownName, `"Iext"`, func() error { _, err := m.With(Params{"Iext": 1}); return err }},
		{"var not held", ErrBadSettings, `"w"`, func() error {
			_, err := PhasePlane1D(m, V, PhasePlane1DSettings{})
			return err
		}},
		{"continuation parameter unknown", ErrUnknownName, `"J"`, func() error {
			_, err := Continue(m, "J", []float64{-1, 0}, ContinuationSettings{Min: 0, Max: 1})
			return err
		}},
		{"continuation start outside range", ErrBadSettings, "I = 0.5", func() error {
			_, err := Continue(m, "I", []float64{-1, 0}, ContinuationSettings{Min: 1, Max: 2})
			return err
		}},
		{"continuation range", ErrBadRange, `"I" has Min 1 >= Max -1`, func() error {
			_, err := Continue(m, "I", []float64{-1, 0}, ContinuationSettings{Min: 1, Max: -1})
			return err
		}},
		{"bifurcation parameter unknown", ErrUnknownName, `parameter "V"`, func() error {
			_, err := Bifurcation(m, []Axis{V, {Name: "w", Min: -3, Max: 3}}, []Axis{{Name: "V", Min: 0, Max: 1}}, BifurcationSettings{})
			return err
		}},
		{"simulation blows up", ErrNonFinite, "x became +Inf", func() error {
			blow := Model{Vars: []string{"x"}, F: func(dst, x []float64, _ Params) { dst[0] = x[0] * x[0] }}
			_, err := Simulate(blow, []float64{1}, SimSettings{Duration: 2, DT: 0.01})
			return err
		}},
		{"non-finite in continuation", ErrNonFinite, "dx/dt = NaN", func() error {
			bad := Model{Vars: []string{"x"}, Params: Params{"p": 0.5}, F: func(dst, x []float64, p Params) { dst[0] = math.Sqrt(p["p"]) - x[0] }}
			_, err := Continue(bad, "p", []float64{0.7}, ContinuationSettings{Min: -1, Max: 1})
			return err
		}},
		{"slow-point candidate length", ErrBadSettings, "candidate 0", func() error {
			_, err := FindSlowPoints(m, [][]float64{{1}}, SlowPointSettings{})
			return err
		}},
		{"non-finite", ErrNonFinite, "dx/dt = NaN at x=-1", func() error {
			bad := Model{Vars: []string{"x"}, F: func(dst, x []float64, _ Params) { dst[0] = math.Log(x[0]) }}
			_, err := PhasePlane1D(bad, Axis{Name: "x", Min: -1, Max: 1}, PhasePlane1DSettings{})
			return err
		}},
	}
	for _, tc := range cases {
		err := tc.run()
		if !errors.Is(err, tc.err) || !strings.Contains(err.Error(), tc.mention) {
			t.Errorf("%s: got %v, want %v naming %s", tc.name, err, tc.err, tc.mention)
		}
	}
}

func TestPhasePlane2DGridOfPoints(t *testing.T) {
	// x′ = sin x, y′ = sin y on [−10, 10]²: fixed points (jπ, kπ), 49 of
	// them, J = diag(cos jπ, cos kπ): stable star for odd j, k, unstable
	// star for even, saddle otherwise. Seven vertical x-nullclines and
	// seven horizontal y-nullclines; x = 0 lies on the grid.
	m := Model{Vars: []string{"x", "y"}, F: func(dst, v []float64, _ Params) { dst[0], dst[1] = math.Sin(v[0]), math.Sin(v[1]) }}
	res, err := PhasePlane2D(m, Axis{Name: "x", Min: -10, Max: 10, N: 201}, Axis{Name: "y", Min: -10, Max: 10, N: 151}, PhasePlane2DSettings{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Fixed) != 49 {
		t.Fatalf("%d fixed points, want 49", len(res.Fixed))
	}
	for _, fp := range res.Fixed {
		j, k := math.Round(fp.X[0]/math.Pi), math.Round(fp.X[1]/math.Pi)
		if math.Abs(fp.X[0]-j*math.Pi) > 1e-12 || math.Abs(fp.X[1]-k*math.Pi) > 1e-12 {
			t.Errorf("fixed point %v is not at (jπ, kπ)", fp.X)
		}
		oj, ok := math.Mod(math.Abs(j), 2) == 1, math.Mod(math.Abs(k), 2) == 1
		want := Saddle
		switch {
		case oj && ok:
			want = StableStar
		case !oj && !ok:
			want = UnstableStar
		}
		if fp.Class != want {
			t.Errorf("(%vπ, %vπ): %v, want %v", j, k, fp.Class, want)
		}
	}
	if len(res.XNullcline) != 7 || len(res.YNullcline) != 7 {
		t.Errorf("%d x-nullclines and %d y-nullclines, want 7 and 7", len(res.XNullcline), len(res.YNullcline))
	}
	for _, l := range res.XNullcline {
		for k := range l.X {
			if math.Abs(math.Sin(l.X[k])) > 1e-3 || l.X[k] != l.X[0] {
				t.Fatalf("x-nullcline through (%v, %v) is not a vertical line x = jπ", l.X[k], l.Y[k])
			}
		}
	}
}

func TestClosedNullcline(t *testing.T) {
	// dx/dt = x² + y² − 1: the x-nullcline is the unit circle, one closed
	// polyline; linear interpolation on a 0.05 grid is within 2e-3 of it.
	m := Model{Vars: []string{"x", "y"}, F: func(dst, v []float64, _ Params) {
		dst[0], dst[1] = v[0]*v[0]+v[1]*v[1]-1, v[0]-v[1]
	}}
	res, err := PhasePlane2D(m, Axis{Name: "x", Min: -2, Max: 2, N: 81}, Axis{Name: "y", Min: -2, Max: 2, N: 81}, PhasePlane2DSettings{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.XNullcline) != 1 {
		t.Fatalf("%d x-nullclines, want 1", len(res.XNullcline))
	}
	l := res.XNullcline[0]
	last := len(l.X) - 1
	if l.X[0] != l.X[last] || l.Y[0] != l.Y[last] || last < 40 {
		t.Errorf("circle not closed: %d points from (%v, %v) to (%v, %v)", last+1, l.X[0], l.Y[0], l.X[last], l.Y[last])
	}
	for k := range l.X {
		if r := math.Hypot(l.X[k], l.Y[k]); math.Abs(r-1) > 2e-3 {
			t.Fatalf("point (%v, %v) at radius %v", l.X[k], l.Y[k], r)
		}
	}
	// The fixed points are where the circle meets y = x.
	if len(res.Fixed) != 2 || math.Abs(math.Abs(res.Fixed[0].X[0])-math.Sqrt(0.5)) > 1e-12 {
		t.Errorf("fixed points %v, want (±√½, ±√½)", res.Fixed)
	}
}

func TestClassifyHigherDim(t *testing.T) {
	diag := func(d ...float64) []float64 {
		j := make([]float64, len(d)*len(d))
		for i, v := range d {
			j[i*len(d)+i] = v
		}
		return j
	}
	for _, c := range []struct {
		jac  []float64
		want Class
	}{
		{diag(-1, -2, -3), StablePoint},
		{diag(1, 2, 3), UnstablePoint},
		{diag(1, -1, -2), Saddle},
		{diag(0, -1, -2), MarginallyStable},
		{[]float64{0.1, -1, 0, 1, 0.1, 0, 0, 0, -1}, Saddle}, // unstable focus × stable direction
	} {
		if got := Classify(c.jac, 3, 0); got != c.want {
			t.Errorf("%v: %v, want %v", c.jac, got, c.want)
		}
	}
	// Maps: multipliers inside, outside and on the unit circle.
	for _, c := range []struct {
		ev   []complex128
		want Class
	}{
		{[]complex128{0.5, -0.9i}, StablePoint},
		{[]complex128{1.5, -2}, UnstablePoint},
		{[]complex128{1.5, 0.2}, Saddle},
		{[]complex128{complex(0.6, 0.8), 0.3}, MarginallyStable},
	} {
		if got := ClassifyMap(c.ev, 1e-9); got != c.want {
			t.Errorf("map %v: %v, want %v", c.ev, got, c.want)
		}
	}
}
