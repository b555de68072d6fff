package nbcache

import (
	"errors"
	"fmt"
	"testing"
)

type params struct {
	N    int
	Rate float64
}

type result struct {
	T     []float64
	Index []int
}

func TestGetComputesOncePerParams(t *testing.T) {
	s, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	calls := 0
	sim := func(p params) func() (*result, error) {
		return func() (*result, error) {
			calls++
			return &result{T: []float64{1, 2.5, float64(p.N)}, Index: []int{0, p.N - 1, 3}}, nil
		}
	}
	p := params{N: 10, Rate: 5}
	first, err := GetIn(s, "sim", p, sim(p))
	if err != nil {
		t.Fatal(err)
	}
	again, err := GetIn(s, "sim", p, sim(p))
	if err != nil {
		t.Fatal(err)
	}
	if calls != 1 {
		t.Fatalf("compute ran %d times for the same params, want 1", calls)
	}
	if fmt.Sprint(first) != fmt.Sprint(again) {
		t.Fatalf("cached value %v differs from computed %v", again, first)
	}
	q := params{N: 20, Rate: 5}
	other, err := GetIn(s, "sim", q, sim(q))
	if err != nil {
		t.Fatal(err)
	}
	if calls != 2 || other.T[2] != 20 {
		t.Fatalf("new params: calls=%d value=%v, want a fresh computation", calls, other)
	}
	if err := s.Reset("sim"); err != nil {
		t.Fatal(err)
	}
	if _, err := GetIn(s, "sim", p, sim(p)); err != nil || calls != 3 {
		t.Fatalf("after Reset: calls=%d err=%v, want recomputation", calls, err)
	}
}

func TestGetErrors(t *testing.T) {
	s, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	boom := errors.New("diverged")
	if _, err := GetIn(s, "x", nil, func() (int, error) { return 0, boom }); !errors.Is(err, boom) {
		t.Errorf("compute error: got %v, want %v", err, boom)
	}
	if v, err := GetIn(s, "x", nil, func() (int, error) { return 7, nil }); err != nil || v != 7 {
		t.Errorf("after a failed compute nothing is stored: got %v, %v", v, err)
	}
	for _, key := range []string{"", "a/b", "a b", "k@1"} {
		if _, err := GetIn(s, key, nil, func() (int, error) { return 1, nil }); !errors.Is(err, ErrBadKey) {
			t.Errorf("key %q: got %v, want ErrBadKey", key, err)
		}
	}
	if _, err := GetIn(s, "f", func() {}, func() (int, error) { return 1, nil }); err == nil {
		t.Error("params that JSON cannot encode: want an error")
	}
}

func TestTypeChangeRecomputes(t *testing.T) {
	s, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := GetIn(s, "v", 1, func() (string, error) { return "text", nil }); err != nil {
		t.Fatal(err)
	}
	v, err := GetIn(s, "v", 1, func() (result, error) { return result{T: []float64{3}}, nil })
	if err != nil || len(v.T) != 1 || v.T[0] != 3 {
		t.Fatalf("got %v, %v; want the value recomputed for the new type", v, err)
	}
}
