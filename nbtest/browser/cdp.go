package browser

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"sync"
	"syscall"
	"time"
)

// Chromium is a headless Chromium driven through the Chrome DevTools
// Protocol over --remote-debugging-pipe: commands are NUL-terminated JSON
// written to the browser's fd 3, replies and events come back on its fd 4.
// No websocket, no browser download: the machine's own chromium.
type Chromium struct {
	cmd     *exec.Cmd
	toPipe  io.WriteCloser
	profile string

	mu      sync.Mutex
	nextID  int
	waiting map[int]chan reply
	events  chan event
	done    chan struct{}
}

type reply struct {
	Result json.RawMessage
	Err    error
}

type event struct {
	Method    string          `json:"method"`
	Params    json.RawMessage `json:"params"`
	SessionID string          `json:"sessionId"`
}

// Flags are the Chromium switches for a quiet, offline-capable headless run:
// no sandbox (CI runs as root), no GPU, no QUIC, no background traffic, and
// no name resolution except for the local notebook server, so the page gets
// nothing from the internet.
var Flags = []string{
	"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
	"--disable-background-networking", "--disable-component-update", "--disable-sync",
	"--disable-dev-shm-usage", "--hide-scrollbars", "--mute-audio",
	"--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
	"--proxy-server=http://127.0.0.1:9", // nothing listens: any non-local request fails
}

// StartChromium starts the browser binary with a fresh profile directory.
func StartChromium(binary string, extra ...string) (*Chromium, error) {
	profile, err := os.MkdirTemp("", "braingo-chromium-")
	if err != nil {
		return nil, err
	}
	inR, inW, err := os.Pipe() // we write commands, Chromium reads fd 3
	if err != nil {
		return nil, err
	}
	outR, outW, err := os.Pipe() // Chromium writes fd 4, we read
	if err != nil {
		return nil, err
	}
	args := append(append(append([]string{}, Flags...), "--user-data-dir="+profile, "--remote-debugging-pipe"), extra...)
	cmd := exec.Command(binary, append(args, "about:blank")...)
	cmd.ExtraFiles = []*os.File{inR, outW}
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		os.RemoveAll(profile)
		return nil, fmt.Errorf("starting %s: %w", binary, err)
	}
	inR.Close()
	outW.Close()
	c := &Chromium{cmd: cmd, toPipe: inW, profile: profile, waiting: map[int]chan reply{},
		events: make(chan event, 4096), done: make(chan struct{})}
	go c.read(outR)
	return c, nil
}

func (c *Chromium) read(r io.Reader) {
	defer close(c.done)
	br := bufio.NewReaderSize(r, 1<<20)
	for {
		msg, err := br.ReadBytes(0)
		if err != nil {
			return
		}
		var m struct {
			ID     int             `json:"id"`
			Result json.RawMessage `json:"result"`
			Error  *struct {
				Code    int    `json:"code"`
				Message string `json:"message"`
			} `json:"error"`
			event
		}
		if json.Unmarshal(msg[:len(msg)-1], &m) != nil {
			continue
		}
		if m.ID == 0 {
			select {
			case c.events <- m.event:
			default: // nobody listens to this many events: drop
			}
			continue
		}
		c.mu.Lock()
		ch := c.waiting[m.ID]
		delete(c.waiting, m.ID)
		c.mu.Unlock()
		if ch == nil {
			continue
		}
		if m.Error != nil {
			ch <- reply{Err: fmt.Errorf("CDP error %d: %s", m.Error.Code, m.Error.Message)}
		} else {
			ch <- reply{Result: m.Result}
		}
	}
}

// Call sends a CDP command (to a page session when session is not empty)
// and decodes its result into out (when not nil).
func (c *Chromium) Call(ctx context.Context, session, method string, params, out any) error {
	c.mu.Lock()
	c.nextID++
	id := c.nextID
	ch := make(chan reply, 1)
	c.waiting[id] = ch
	c.mu.Unlock()
	msg := map[string]any{"id": id, "method": method}
	if params != nil {
		msg["params"] = params
	}
	if session != "" {
		msg["sessionId"] = session
	}
	b, err := json.Marshal(msg)
	if err != nil {
		return err
	}
	c.mu.Lock()
	_, err = c.toPipe.Write(append(b, 0))
	c.mu.Unlock()
	if err != nil {
		return fmt.Errorf("%s: %w", method, err)
	}
	select {
	case r := <-ch:
		if r.Err != nil {
			return fmt.Errorf("%s: %w", method, r.Err)
		}
		if out != nil {
			return json.Unmarshal(r.Result, out)
		}
		return nil
	case <-c.done:
		return fmt.Errorf("%s: the browser exited", method)
	case <-ctx.Done():
		return fmt.Errorf("%s: %w", method, ctx.Err())
	}
}

// Events delivers CDP events (Network.*, Runtime.consoleAPICalled...) of the
// domains enabled.
func (c *Chromium) Events() <-chan event { return c.events }

// Close ends the browser and removes its profile.
func (c *Chromium) Close() {
	_ = c.Call(context.Background(), "", "Browser.close", nil, nil)
	select {
	case <-c.done:
	case <-time.After(3 * time.Second):
	}
	syscall.Kill(-c.cmd.Process.Pid, syscall.SIGKILL)
	c.cmd.Wait()
	c.toPipe.Close()
	os.RemoveAll(c.profile)
}

// Page is a browser tab attached in flat session mode.
type Page struct {
	c       *Chromium
	session string
}

// NewPage opens a tab of the given viewport size.
func (c *Chromium) NewPage(ctx context.Context, width, height int) (*Page, error) {
	var t struct {
		TargetID string `json:"targetId"`
	}
	if err := c.Call(ctx, "", "Target.createTarget", map[string]any{"url": "about:blank"}, &t); err != nil {
		return nil, err
	}
	var s struct {
		SessionID string `json:"sessionId"`
	}
	if err := c.Call(ctx, "", "Target.attachToTarget", map[string]any{"targetId": t.TargetID, "flatten": true}, &s); err != nil {
		return nil, err
	}
	p := &Page{c: c, session: s.SessionID}
	for _, m := range []string{"Page.enable", "Runtime.enable", "Network.enable"} {
		if err := p.Call(ctx, m, nil, nil); err != nil {
			return nil, err
		}
	}
	return p, p.Resize(ctx, width, height)
}

// Call sends a command to the page's session.
func (p *Page) Call(ctx context.Context, method string, params, out any) error {
	return p.c.Call(ctx, p.session, method, params, out)
}

// Resize sets the viewport.
func (p *Page) Resize(ctx context.Context, width, height int) error {
	return p.Call(ctx, "Emulation.setDeviceMetricsOverride", map[string]any{
		"width": width, "height": height, "deviceScaleFactor": 1, "mobile": false}, nil)
}

// Navigate loads url.
func (p *Page) Navigate(ctx context.Context, url string) error {
	var r struct {
		ErrorText string `json:"errorText"`
	}
	if err := p.Call(ctx, "Page.navigate", map[string]any{"url": url}, &r); err != nil {
		return err
	}
	if r.ErrorText != "" {
		return fmt.Errorf("navigating to %s: %s", url, r.ErrorText)
	}
	return nil
}

// Eval evaluates a JavaScript expression (awaiting promises) and decodes its
// JSON-serialisable value into out.
func (p *Page) Eval(ctx context.Context, expr string, out any) error {
	var r struct {
		Result struct {
			Value json.RawMessage `json:"value"`
		} `json:"result"`
		ExceptionDetails *struct {
			Text      string `json:"text"`
			Exception struct {
				Description string `json:"description"`
			} `json:"exception"`
		} `json:"exceptionDetails"`
	}
	err := p.Call(ctx, "Runtime.evaluate", map[string]any{
		"expression": expr, "returnByValue": true, "awaitPromise": true}, &r)
	if err != nil {
		return err
	}
	if e := r.ExceptionDetails; e != nil {
		return fmt.Errorf("javascript: %s %s", e.Text, e.Exception.Description)
	}
	if out == nil || len(r.Result.Value) == 0 {
		return nil
	}
	return json.Unmarshal(r.Result.Value, out)
}

// Screenshot captures the viewport as PNG.
func (p *Page) Screenshot(ctx context.Context) ([]byte, error) {
	var r struct {
		Data []byte `json:"data"` // base64 in JSON: decoded by encoding/json
	}
	err := p.Call(ctx, "Page.captureScreenshot", map[string]any{"format": "png"}, &r)
	return r.Data, err
}
