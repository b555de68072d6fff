// Package browser runs a notebook the way a user does: Debian's classic
// Jupyter Notebook server serves it, a headless Chromium (the machine's own,
// driven over the DevTools protocol on a pipe) opens it, runs all cells, and
// the rendered page is captured as PNG. The check that matters is that the
// chart area is not blank: the first chart's pixels must hold marks, not just
// background. The browser cannot reach the internet (see Flags), so a chart
// that renders proves the offline ECharts set-up.
package browser

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

// Options configure Run. Zero values: /usr/bin/jupyter and /usr/bin/chromium,
// a 10-minute limit, PNGs in build/browser.
type Options struct {
	Jupyter, Chromium string
	Timeout           time.Duration
	OutDir            string
	// RequireInteractive fails the run when a chart shows only its static
	// picture (ECharts did not load).
	RequireInteractive bool
	Log                io.Writer
}

// Result is what the browser saw.
type Result struct {
	Cells, Executed int
	// Charts counts display's charts; Interactive those drawn by ECharts.
	Charts, Interactive int
	// Ink is the fraction of the first chart's pixels that differ from its
	// background colour; Colours the number of distinct (quantised) colours.
	Ink     float64
	Colours int
	// External lists requests the page tried to send off the machine.
	External []string
	// Screenshot and ChartShot are the PNG files written.
	Screenshot, ChartShot string
}

// ErrBlank is returned when the chart area holds no marks.
var ErrBlank = errors.New("chart area is blank")

// Run serves a copy of the notebook (so autosave does not touch the
// original), runs it in Chromium and checks its first chart.
func Run(ctx context.Context, notebook string, opt Options) (*Result, error) {
	if opt.Jupyter == "" {
		opt.Jupyter = "/usr/bin/jupyter"
	}
	if opt.Chromium == "" {
		opt.Chromium = "/usr/bin/chromium"
	}
	if opt.Timeout == 0 {
		opt.Timeout = 10 * time.Minute
	}
	if opt.OutDir == "" {
		opt.OutDir = filepath.Join("build", "browser")
	}
	if opt.Log == nil {
		opt.Log = io.Discard
	}
	ctx, cancel := context.WithTimeout(ctx, opt.Timeout)
	defer cancel()
	src, err := os.ReadFile(notebook)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(opt.OutDir, 0o755); err != nil {
		return nil, err
	}
	work, err := os.MkdirTemp("", "braingo-browser-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(work)
	name := filepath.Base(notebook)
	if err := os.WriteFile(filepath.Join(work, name), src, 0o644); err != nil {
		return nil, err
	}

	srv, base, err := startServer(ctx, opt.Jupyter, work, filepath.Join(opt.OutDir, "server.log"))
	if err != nil {
		return nil, err
	}
	defer srv.stop()
	fmt.Fprintf(opt.Log, "notebook server at %s\n", base.Host)

	br, err := StartChromium(opt.Chromium)
	if err != nil {
		return nil, err
	}
	defer br.Close()
	page, err := br.NewPage(ctx, 1280, 1024)
	if err != nil {
		return nil, err
	}
	res := &Result{}
	external := make(chan []string, 1)
	go watchRequests(br.Events(), ctx.Done(), external)

	u := *base
	u.Path = "/notebooks/" + url.PathEscape(name)
	if err := page.Navigate(ctx, u.String()); err != nil {
		return nil, err
	}
	if err := poll(ctx, page, `typeof Jupyter !== "undefined" && !!Jupyter.notebook && !!Jupyter.notebook.kernel && Jupyter.notebook.kernel.is_connected()`, 500*time.Millisecond); err != nil {
		return nil, fmt.Errorf("waiting for the notebook page and its kernel: %w", err)
	}
	if err := page.Eval(ctx, `Jupyter.notebook.execute_all_cells(), true`, nil); err != nil {
		return nil, err
	}
	var progress struct {
		Total, Done int
		Idle        bool
		Errors      []string
	}
	for {
		if err := page.Eval(ctx, progressJS, &progress); err != nil {
			return nil, err
		}
		res.Cells, res.Executed = progress.Total, progress.Done
		if progress.Idle && (progress.Done == progress.Total || len(progress.Errors) > 0) {
			break
		}
		select {
		case <-ctx.Done():
			return res, fmt.Errorf("running the notebook: %d of %d cells done: %w", progress.Done, progress.Total, ctx.Err())
		case <-time.After(time.Second):
		}
	}
	fmt.Fprintf(opt.Log, "ran %d/%d cells\n", res.Executed, res.Cells)

	// Make the viewport as tall as the notebook, so one screenshot holds it.
	var height int
	if err := page.Eval(ctx, `document.querySelector("#notebook").scrollHeight + document.querySelector("#header").offsetHeight + 40`, &height); err != nil {
		return nil, err
	}
	if err := page.Resize(ctx, 1280, min(max(height, 600), 16000)); err != nil {
		return nil, err
	}
	time.Sleep(2 * time.Second) // ECharts' resize and entry animation
	var charts []struct {
		X, Y, W, H float64
		Canvas     bool
	}
	if err := page.Eval(ctx, chartsJS, &charts); err != nil {
		return nil, err
	}
	for _, c := range charts {
		if c.Canvas {
			res.Interactive++
		}
	}
	res.Charts = len(charts)
	shot, err := page.Screenshot(ctx)
	if err != nil {
		return nil, err
	}
	base1 := strings.TrimSuffix(name, filepath.Ext(name))
	res.Screenshot = filepath.Join(opt.OutDir, base1+".png")
	if err := os.WriteFile(res.Screenshot, shot, 0o644); err != nil {
		return nil, err
	}
	cancel()
	res.External = <-external

	if len(progress.Errors) > 0 {
		return res, fmt.Errorf("a cell failed in the browser: %s", progress.Errors[0])
	}
	if len(charts) == 0 {
		return res, errors.New("no chart output (.braingo-chart or an HTML/image output) on the page")
	}
	img, err := png.Decode(bytes.NewReader(shot))
	if err != nil {
		return res, fmt.Errorf("decoding the screenshot: %w", err)
	}
	c := charts[0]
	rect := image.Rect(int(c.X), int(c.Y), int(c.X+c.W), int(c.Y+c.H)).Intersect(img.Bounds())
	crop := image.NewNRGBA(image.Rect(0, 0, rect.Dx(), rect.Dy()))
	for y := rect.Min.Y; y < rect.Max.Y; y++ {
		for x := rect.Min.X; x < rect.Max.X; x++ {
			crop.Set(x-rect.Min.X, y-rect.Min.Y, img.At(x, y))
		}
	}
	res.ChartShot = filepath.Join(opt.OutDir, base1+"-chart.png")
	var b bytes.Buffer
	if err := png.Encode(&b, crop); err != nil {
		return res, err
	}
	if err := os.WriteFile(res.ChartShot, b.Bytes(), 0o644); err != nil {
		return res, err
	}
	res.Ink, res.Colours = Ink(crop)
	if res.Ink < 0.005 || res.Colours < 2 {
		return res, fmt.Errorf("%w: %.2f%% of its %dx%d pixels differ from the background, %d colours",
			ErrBlank, 100*res.Ink, rect.Dx(), rect.Dy(), res.Colours)
	}
	if opt.RequireInteractive && res.Interactive < res.Charts {
		return res, fmt.Errorf("%d of %d charts show only their static picture: ECharts did not load offline", res.Charts-res.Interactive, res.Charts)
	}
	return res, nil
}

// progressJS reports the run: code cells with text, those with an execution
// number, whether the kernel is idle, and error texts.
const progressJS = `(() => {
	const cells = Jupyter.notebook.get_cells().filter(c => c.cell_type === "code" && c.get_text().trim() !== "");
	return {
		Total: cells.length,
		Done: cells.filter(c => typeof c.input_prompt_number === "number").length,
		Idle: document.querySelector("#kernel_indicator_icon.kernel_idle_icon") !== null,
		Errors: Array.from(document.querySelectorAll(".output_error")).map(e => e.innerText.slice(0, 500)),
	};
})()`

// chartsJS lists display's charts (or, in a notebook without them, its
// HTML and image outputs) with their page rectangles.
const chartsJS = `(() => {
	let els = Array.from(document.querySelectorAll(".braingo-chart"));
	if (els.length === 0) els = Array.from(document.querySelectorAll(".output_html, .output_svg, .output_png"));
	return els.map(e => { const r = e.getBoundingClientRect();
		return {X: r.x, Y: r.y, W: r.width, H: r.height, Canvas: e.querySelector("canvas") !== null}; });
})()`

// poll evaluates cond until it is true.
func poll(ctx context.Context, p *Page, cond string, every time.Duration) error {
	for {
		var ok bool
		if err := p.Eval(ctx, cond, &ok); err == nil && ok {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(every):
		}
	}
}

// watchRequests collects the URLs of requests to other hosts than the
// local server until done closes.
func watchRequests(events <-chan event, done <-chan struct{}, out chan<- []string) {
	var ext []string
	for {
		select {
		case e := <-events:
			if e.Method != "Network.requestWillBeSent" {
				continue
			}
			var p struct {
				Request struct{ URL string } `json:"request"`
			}
			if json.Unmarshal(e.Params, &p) != nil {
				continue
			}
			if u, err := url.Parse(p.Request.URL); err == nil && (u.Scheme == "http" || u.Scheme == "https" || u.Scheme == "ws" || u.Scheme == "wss") {
				if h := u.Hostname(); h != "127.0.0.1" && h != "localhost" {
					ext = append(ext, p.Request.URL)
				}
			}
		case <-done:
			out <- ext
			return
		}
	}
}

// Ink returns the fraction of pixels that differ from the image's most
// common colour by more than 24 in some channel, and the number of distinct
// colours (quantised to 5 bits a channel) among all pixels.
func Ink(img image.Image) (float64, int) {
	b := img.Bounds()
	if b.Empty() {
		return 0, 0
	}
	counts := map[color.NRGBA]int{}
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			c := color.NRGBAModel.Convert(img.At(x, y)).(color.NRGBA)
			counts[color.NRGBA{R: c.R &^ 7, G: c.G &^ 7, B: c.B &^ 7, A: 255}]++
		}
	}
	var bg color.NRGBA
	for c, n := range counts {
		if n > counts[bg] {
			bg = c
		}
	}
	far := func(u, v uint8) bool { d := int(u) - int(v); return d > 24 || d < -24 }
	ink := 0
	for c, n := range counts {
		if far(c.R, bg.R) || far(c.G, bg.G) || far(c.B, bg.B) {
			ink += n
		}
	}
	return float64(ink) / float64(b.Dx()*b.Dy()), len(counts)
}

type server struct {
	cmd *exec.Cmd
	log *os.File
}

// startServer starts the classic notebook server on a free port with a
// random token and waits until its API answers.
func startServer(ctx context.Context, jupyter, dir, logPath string) (*server, *url.URL, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, nil, err
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	tok := make([]byte, 16)
	rand.Read(tok)
	token := hex.EncodeToString(tok)
	logf, err := os.Create(logPath)
	if err != nil {
		return nil, nil, err
	}
	args := []string{"notebook", "--no-browser", "--ip=127.0.0.1", fmt.Sprintf("--port=%d", port),
		"--notebook-dir=" + dir, "--NotebookApp.token=" + token, "--NotebookApp.port_retries=0"}
	if os.Geteuid() == 0 {
		args = append(args, "--allow-root")
	}
	cmd := exec.Command(jupyter, args...)
	cmd.Stdout, cmd.Stderr = logf, logf
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		logf.Close()
		return nil, nil, fmt.Errorf("starting the notebook server (%s): %w", jupyter, err)
	}
	s := &server{cmd: cmd, log: logf}
	base := &url.URL{Scheme: "http", Host: fmt.Sprintf("127.0.0.1:%d", port), RawQuery: "token=" + token}
	status := *base
	status.Path = "/api/status"
	for {
		resp, err := http.Get(status.String())
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return s, base, nil
			}
		}
		select {
		case <-ctx.Done():
			s.stop()
			return nil, nil, fmt.Errorf("the notebook server did not answer (log: %s): %w", logPath, ctx.Err())
		case <-time.After(300 * time.Millisecond):
		}
	}
}

func (s *server) stop() {
	syscall.Kill(-s.cmd.Process.Pid, syscall.SIGTERM)
	done := make(chan struct{})
	go func() { s.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		syscall.Kill(-s.cmd.Process.Pid, syscall.SIGKILL)
		<-done
	}
	s.log.Close()
}
