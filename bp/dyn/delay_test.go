package dyn

import (
	"errors"
	"testing"
)

func TestSpikeDelay(t *testing.T) {
	for _, steps := range []int{0, 1, 3} {
		d, err := NewSpikeDelay(2, steps, 3)
		if err != nil {
			t.Fatal(err)
		}
		var pushed [][]bool
		for k := range 12 {
			s := []bool{k%2 == 0, k%3 == 0}
			pushed = append(pushed, s)
			got := d.Push(s)
			want := []bool{false, false}
			if k >= steps {
				want = pushed[k-steps]
			}
			if got[0] != want[0] || got[1] != want[1] {
				t.Fatalf("delay %d, push %d: got %v, want %v", steps, k, got, want)
			}
		}
		d.Reset()
		if got := d.Push([]bool{true, true}); steps > 0 && (got[0] || got[1]) {
			t.Errorf("delay %d: spikes survive Reset", steps)
		}
	}
}

func TestDelayOptions(t *testing.T) {
	for _, tc := range []struct {
		o     DelayOptions
		steps int
		bad   bool
	}{
		{DelayOptions{}, 0, false},
		{DelayOptions{Delay: 1.5}, 15, false},
		{DelayOptions{Delay: 1.5, DT: 0.5}, 3, false},
		{DelayOptions{DelaySteps: 7}, 7, false},
		{DelayOptions{Delay: 2, MaxDelaySteps: 10}, 0, true},
		{DelayOptions{DelaySteps: 11, MaxDelaySteps: 10}, 0, true},
		{DelayOptions{Delay: -1}, 0, true},
		{DelayOptions{DelaySteps: -1}, 0, true},
		{DelayOptions{Delay: 1, DelaySteps: 10}, 0, true},
		{DelayOptions{Delay: 1, DT: -0.1}, 0, true},
	} {
		d, err := tc.o.newDelay(4)
		if tc.bad {
			if !errors.Is(err, ErrDelay) {
				t.Errorf("%+v: err = %v, want ErrDelay", tc.o, err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%+v: %v", tc.o, err)
		} else if d.Steps() != tc.steps {
			t.Errorf("%+v: %d steps, want %d", tc.o, d.Steps(), tc.steps)
		}
	}
}
