package display

import (
	"fmt"
	"html"
	"sync"
	"time"

	"github.com/janpfeifer/gonb/gonbui"
)

// Progress is a progress bar that updates in place in the notebook (a
// Jupyter display block with a display id, replaced on each update). Its
// Update method has the shape of a run's progress callback. Outside a GoNB
// notebook it shows nothing. Safe for concurrent use.
type Progress struct {
	mu       sync.Mutex
	id       string
	title    string
	start    time.Time
	last     time.Time
	interval time.Duration
	shown    bool
}

// NewProgress returns a progress bar with the given title. It shows
// nothing until the first Update.
func NewProgress(title string) *Progress {
	return &Progress{id: "braingo-progress-" + newID(), title: title, start: time.Now(), interval: 100 * time.Millisecond}
}

// Update reports that done of total units of work are finished. Updates
// closer than 100 ms apart are dropped (except the final one, done ==
// total), so calling it every step costs almost nothing. It has the type
// of bp.RunnerSettings.Progress:
//
//	p := display.NewProgress("E/I network")
//	res, err := bp.Run(ctx, net, 1000, bp.RunnerSettings{Progress: p.Update, ...})
//	p.Finish()
func (p *Progress) Update(done, total int64) {
	p.mu.Lock()
	defer p.mu.Unlock()
	now := time.Now()
	if done < total && p.shown && now.Sub(p.last) < p.interval {
		return
	}
	p.last, p.shown = now, true
	if gonbui.IsNotebook {
		gonbui.UpdateHTML(p.id, p.html(done, total, now.Sub(p.start)))
	}
}

// AnalysisUpdate is Update with the type of analysis.Limits.Progress
// (grid rows, parameter values done).
func (p *Progress) AnalysisUpdate(done, total int) { p.Update(int64(done), int64(total)) }

// Finish replaces the bar by a one-line summary (title, elapsed time).
func (p *Progress) Finish() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if gonbui.IsNotebook && p.shown {
		gonbui.UpdateHTML(p.id, fmt.Sprintf(`<div class="braingo-progress">%s done in %s</div>`,
			html.EscapeString(p.title), time.Since(p.start).Round(time.Millisecond)))
		syncDisplays()
	}
}

// html renders the bar: fraction done, counts, elapsed time and an
// estimate of the time left.
func (p *Progress) html(done, total int64, elapsed time.Duration) string {
	frac := 0.0
	if total > 0 {
		frac = min(1, max(0, float64(done)/float64(total)))
	}
	eta := ""
	if frac > 0 && frac < 1 {
		eta = fmt.Sprintf(", about %s left", (time.Duration(float64(elapsed) * (1 - frac) / frac)).Round(100*time.Millisecond))
	}
	return fmt.Sprintf(`<div class="braingo-progress" style="font:12px sans-serif">%s `+
		`<div style="display:inline-block;vertical-align:middle;width:240px;height:10px;background:#eee;border-radius:3px">`+
		`<div style="width:%.1f%%;height:100%%;background:#5470c6;border-radius:3px"></div></div> `+
		`%.0f%% (%d/%d), %s elapsed%s</div>`,
		html.EscapeString(p.title), 100*frac, 100*frac, done, total, elapsed.Round(100*time.Millisecond), eta)
}
