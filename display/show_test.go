package display

import (
	"encoding/base64"
	"encoding/gob"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/janpfeifer/gonb/gonbui"
	"github.com/janpfeifer/gonb/gonbui/protocol"
)

// TestShowPublishesMimeBundles runs the display calls as under GoNB: the
// kernel hands a cell program the paths of two pipes, and gonbui writes
// each display as a gob-encoded protocol.DisplayData. Plain files stand in
// for the pipes; the test decodes what was written, as GoNB would.
func TestShowPublishesMimeBundles(t *testing.T) {
	dir := t.TempDir()
	out, back := filepath.Join(dir, "out"), filepath.Join(dir, "back")
	for _, p := range []string{out, back} {
		if err := os.WriteFile(p, nil, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	t.Setenv(protocol.GONB_PIPE_ENV, out)
	t.Setenv(protocol.GONB_PIPE_BACK_ENV, back)
	gonbui.IsNotebook = true
	syncs := 0
	syncDisplays = func() { syncs++ }
	defer func() { gonbui.IsNotebook, syncDisplays = false, gonbui.Sync }()

	c, err := Histogram([]float64{1, 2, 2, 3}, HistOpts{Title: "h"})
	if err != nil {
		t.Fatal(err)
	}
	c.Show()
	(&Table{Header: []string{"a"}, Rows: [][]string{{"1"}}}).Show()
	p := NewProgress("run")
	p.Update(10, 10)
	p.Finish()
	Show(Lines(nil, nil, LineOpts{}))
	if err := gonbui.Error(); err != nil {
		t.Fatalf("gonbui: %v", err)
	}

	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	dec := gob.NewDecoder(f)
	var msgs []protocol.DisplayData
	for {
		var d protocol.DisplayData
		if err := dec.Decode(&d); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			t.Fatalf("decoding display %d: %v", len(msgs), err)
		}
		msgs = append(msgs, d)
	}
	if syncs != 4 {
		t.Errorf("%d syncs with GoNB, want 4: the chart, the table, the progress summary and the error must each be flushed before the cell exits", syncs)
	}
	if len(msgs) != 5 {
		t.Fatalf("%d displays published, want 5 (chart, table, progress, progress summary, error)", len(msgs))
	}
	chart := msgs[0]
	html, _ := chart.Data[protocol.MIMETextHTML].(string)
	svg, _ := chart.Data[protocol.MIMEImageSVG].(string)
	if !strings.Contains(html, "braingo-chart") || !strings.HasPrefix(svg, "<svg") || chart.Data[protocol.MIMETextPlain] != "[BrainGo chart: h]" {
		t.Errorf("chart bundle has keys %v", keys(chart.Data))
	}
	if !strings.Contains(html, base64.StdEncoding.EncodeToString([]byte(svg))) {
		t.Errorf("the HTML part does not carry the SVG as its fallback")
	}
	if _, ok := msgs[1].Data[protocol.MIMETextHTML]; !ok || msgs[1].Data[protocol.MIMETextPlain] == nil {
		t.Errorf("table bundle has keys %v", keys(msgs[1].Data))
	}
	if msgs[2].DisplayID == "" || msgs[3].DisplayID != msgs[2].DisplayID {
		t.Errorf("progress display ids %q, %q: want one id, updated in place", msgs[2].DisplayID, msgs[3].DisplayID)
	}
	if e, _ := msgs[4].Data[protocol.MIMETextPlain].(string); !strings.Contains(e, "no curves") {
		t.Errorf("error display %q", e)
	}
}

func keys(m map[protocol.MIMEType]any) []protocol.MIMEType {
	var k []protocol.MIMEType
	for key := range m {
		k = append(k, key)
	}
	return k
}
