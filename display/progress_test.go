package display

import (
	"strings"
	"testing"
	"time"
)

func TestProgressHTML(t *testing.T) {
	p := NewProgress("run <net>")
	h := p.html(250, 1000, 2*time.Second)
	for _, want := range []string{"run &lt;net&gt;", "width:25.0%", "25% (250/1000)", "2s elapsed", "about 6s left"} {
		if !strings.Contains(h, want) {
			t.Errorf("progress HTML lacks %q:\n%s", want, h)
		}
	}
	if h := p.html(0, 0, 0); !strings.Contains(h, "0% (0/0)") {
		t.Errorf("zero total: %s", h)
	}
	p.Update(1, 2) // outside a notebook: no output, no panic
	p.AnalysisUpdate(2, 2)
	p.Finish()
}
