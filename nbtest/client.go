package nbtest

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/braingo/braingo/kernel"
	"github.com/go-zeromq/zmq4"
)

// ErrKernelDied is returned when the kernel process exits while in use.
var ErrKernelDied = errors.New("kernel died")

// StartTimeout bounds the wait for a starting kernel to bind its ports and
// answer a kernel_info_request (a context with an earlier deadline bounds it
// further).
var StartTimeout = 2 * time.Minute

// ErrStartTimeout is returned when a kernel does not answer in time.
var ErrStartTimeout = errors.New("kernel did not start")

// ErrTimeout is returned when a cell does not finish in time.
var ErrTimeout = errors.New("timed out")

// Kernel is a running Jupyter kernel driven over ZeroMQ.
type Kernel struct {
	cmd     *exec.Cmd
	spec    *kernel.Spec
	connDir string
	signer  signer
	session string

	shell, control, iopub zmq4.Socket
	shellIn, iopubIn      chan *Message
	dead                  chan struct{}
	stderr                *tailBuffer
	closeOnce             sync.Once
	cancel                context.CancelFunc // stops the sockets' dialers
}

// connection is a Jupyter connection file.
type connection struct {
	ShellPort       int    `json:"shell_port"`
	IOPubPort       int    `json:"iopub_port"`
	StdinPort       int    `json:"stdin_port"`
	ControlPort     int    `json:"control_port"`
	HBPort          int    `json:"hb_port"`
	IP              string `json:"ip"`
	Key             string `json:"key"`
	Transport       string `json:"transport"`
	SignatureScheme string `json:"signature_scheme"`
	KernelName      string `json:"kernel_name"`
}

// Start launches the kernel described by spec in directory dir (the
// notebook's directory; "" keeps the current one), with env (KEY=value
// entries) added to its environment, connects to it and waits until it
// answers a kernel_info_request. A kernel that does not answer within
// StartTimeout (or ctx's deadline) is killed and ErrStartTimeout returned
// with its last output.
func Start(ctx context.Context, spec *kernel.Spec, dir string, env ...string) (*Kernel, error) {
	started := time.Now()
	ctx, cancel := context.WithTimeout(ctx, StartTimeout)
	defer cancel()
	key := make([]byte, 32)
	if _, err := rand.Read(key); err != nil {
		return nil, err
	}
	conn := connection{IP: "127.0.0.1", Key: hex.EncodeToString(key), Transport: "tcp", SignatureScheme: "hmac-sha256"}
	ports, err := freePorts(5)
	if err != nil {
		return nil, fmt.Errorf("choosing kernel ports: %w", err)
	}
	conn.ShellPort, conn.IOPubPort, conn.StdinPort, conn.ControlPort, conn.HBPort = ports[0], ports[1], ports[2], ports[3], ports[4]
	connDir, err := os.MkdirTemp("", "nbtest-")
	if err != nil {
		return nil, err
	}
	connFile := filepath.Join(connDir, "kernel.json")
	b, _ := json.Marshal(conn)
	if err := os.WriteFile(connFile, b, 0o600); err != nil {
		os.RemoveAll(connDir)
		return nil, err
	}

	argv := spec.Command(connFile)
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Dir = dir
	cmd.Env = os.Environ()
	for k, v := range spec.Env {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	cmd.Env = append(cmd.Env, env...)
	stderr := &tailBuffer{max: 16 << 10}
	cmd.Stdout, cmd.Stderr = stderr, stderr
	// Own process group: the kernel's cell programs are killed with it.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	// Do not wait forever for output pipes held open by orphaned children.
	cmd.WaitDelay = 2 * time.Second
	if err := cmd.Start(); err != nil {
		os.RemoveAll(connDir)
		return nil, fmt.Errorf("starting kernel %q: %w", argv[0], err)
	}
	k := &Kernel{
		cmd: cmd, spec: spec, connDir: connDir,
		signer: signer{key: []byte(conn.Key)}, session: newID(),
		shellIn: make(chan *Message, 64), iopubIn: make(chan *Message, 1024),
		dead: make(chan struct{}), stderr: stderr,
	}
	go func() { cmd.Wait(); close(k.dead) }()

	addr := func(port int) string { return fmt.Sprintf("tcp://127.0.0.1:%d", port) }
	bg, cancel := context.WithCancel(context.Background())
	k.cancel = cancel
	k.shell = zmq4.NewDealer(bg, zmq4.WithID(zmq4.SocketIdentity(newID())), zmq4.WithDialerRetry(100*time.Millisecond), zmq4.WithDialerMaxRetries(-1))
	k.control = zmq4.NewDealer(bg, zmq4.WithID(zmq4.SocketIdentity(newID())), zmq4.WithDialerRetry(100*time.Millisecond), zmq4.WithDialerMaxRetries(-1))
	k.iopub = zmq4.NewSub(bg, zmq4.WithDialerRetry(100*time.Millisecond), zmq4.WithDialerMaxRetries(-1))
	err = k.dialAll(ctx, addr(conn.ShellPort), addr(conn.ControlPort), addr(conn.IOPubPort))
	if err == nil {
		go k.pump(k.shell, k.shellIn)
		go k.pump(k.iopub, k.iopubIn)
		err = k.waitReady(ctx)
	}
	if err != nil {
		if errors.Is(err, context.DeadlineExceeded) {
			err = fmt.Errorf("%w: %s answered nothing within %v (%v); its last output:\n%s",
				ErrStartTimeout, argv[0], time.Since(started).Round(time.Second), err, k.stderr.String())
		}
		k.Close()
		return nil, err
	}
	return k, nil
}

// dialAll connects the sockets, retrying while the kernel binds its ports.
func (k *Kernel) dialAll(ctx context.Context, shell, control, iopub string) error {
	if err := k.iopub.SetOption(zmq4.OptionSubscribe, ""); err != nil {
		return err
	}
	for _, d := range []struct {
		s  zmq4.Socket
		ep string
	}{{k.shell, shell}, {k.control, control}, {k.iopub, iopub}} {
		errc := make(chan error, 1)
		go func() { errc <- d.s.Dial(d.ep) }()
		select {
		case err := <-errc:
			if err != nil {
				return fmt.Errorf("connecting to kernel at %s: %w", d.ep, err)
			}
		case <-k.dead:
			return k.deathError()
		case <-ctx.Done():
			return fmt.Errorf("connecting to the kernel's port %s: %w", d.ep, ctx.Err())
		}
	}
	return nil
}

// waitReady sends kernel_info_request until the kernel replies and its IOPub
// messages arrive (so no output of the first cell is missed): the IOPub
// subscription may not be in place for the first requests' status messages.
func (k *Kernel) waitReady(ctx context.Context) error {
	tick := time.NewTicker(250 * time.Millisecond)
	defer tick.Stop()
	replied, published := false, false
	for send := true; !replied || !published; {
		if send {
			if _, err := k.send(k.shell, "kernel_info_request", map[string]any{}); err != nil {
				return err
			}
			send = false
		}
		select {
		case m := <-k.shellIn:
			replied = replied || m.Header.MsgType == "kernel_info_reply"
		case <-k.iopubIn:
			published = true
		case <-tick.C:
			send = true
		case <-k.dead:
			return k.deathError()
		case <-ctx.Done():
			return fmt.Errorf("waiting for a kernel_info_reply: %w", ctx.Err())
		}
	}
	// Drain what the handshake published.
	for {
		select {
		case <-k.iopubIn:
		case <-time.After(100 * time.Millisecond):
			return nil
		}
	}
}

func (k *Kernel) send(s zmq4.Socket, msgType string, content any) (Header, error) {
	h, frames, err := k.signer.encode(k.session, msgType, content)
	if err != nil {
		return h, err
	}
	if err := s.SendMulti(zmq4.NewMsgFrom(frames...)); err != nil {
		return h, fmt.Errorf("sending %s: %w", msgType, err)
	}
	return h, nil
}

// pump forwards decoded messages from a socket until it is closed.
func (k *Kernel) pump(s zmq4.Socket, out chan<- *Message) {
	for {
		raw, err := s.Recv()
		if err != nil {
			return
		}
		m, err := k.signer.decode(raw.Frames)
		if err != nil {
			continue // not ours to answer; a bad message is dropped as Jupyter does
		}
		select {
		case out <- m:
		case <-k.dead:
			return
		}
	}
}

// Execute runs code and collects its outputs until the kernel is idle again.
// When timeout passes first, the kernel is interrupted and ErrTimeout is
// returned with the outputs so far.
func (k *Kernel) Execute(ctx context.Context, code string, timeout time.Duration) (*Result, error) {
	start := time.Now()
	h, err := k.send(k.shell, "execute_request", map[string]any{
		"code": code, "silent": false, "store_history": true,
		"user_expressions": map[string]any{}, "allow_stdin": false, "stop_on_error": true,
	})
	if err != nil {
		return nil, err
	}
	res := &Result{}
	var deadline <-chan time.Time
	if timeout > 0 {
		t := time.NewTimer(timeout)
		defer t.Stop()
		deadline = t.C
	}
	var timedOut error
	replied, idle := false, false
	for !replied || !idle {
		select {
		case m := <-k.shellIn:
			if m.ParentHeader.MsgID != h.MsgID {
				continue
			}
			replied = true
			res.Status, _ = m.Content["status"].(string)
			if n, ok := m.Content["execution_count"].(float64); ok {
				res.ExecutionCount = int(n)
			}
		case m := <-k.iopubIn:
			if m.ParentHeader.MsgID != h.MsgID {
				continue
			}
			if m.Header.MsgType == "status" && m.Content["execution_state"] == "idle" {
				idle = true
				continue
			}
			res.add(m)
		case <-deadline:
			if timedOut != nil {
				res.Duration = time.Since(start)
				return res, fmt.Errorf("%w; the kernel did not stop within 30s of an interrupt", timedOut)
			}
			timedOut = fmt.Errorf("%w after %v", ErrTimeout, timeout)
			if err := k.Interrupt(); err != nil {
				return res, fmt.Errorf("%w; interrupting: %v", timedOut, err)
			}
			// Give the kernel a grace period to stop the cell and go idle.
			grace := time.NewTimer(30 * time.Second)
			defer grace.Stop()
			deadline = grace.C
		case <-k.dead:
			res.Duration = time.Since(start)
			return res, k.deathError()
		case <-ctx.Done():
			_ = k.Interrupt()
			res.Duration = time.Since(start)
			return res, ctx.Err()
		}
	}
	res.Duration = time.Since(start)
	if timedOut != nil {
		return res, timedOut
	}
	k.linger(h.MsgID, res)
	return res, nil
}

// Linger is how long Execute keeps collecting a cell's outputs after the
// kernel went idle. GoNB forwards rich output from the cell's program
// through a named pipe and does not wait for that pipe to drain when the
// program exits, so a display sent just before exit (without gonbui.Sync)
// can be published after the idle status; a browser shows it all the same.
var Linger = 50 * time.Millisecond

func (k *Kernel) linger(msgID string, res *Result) {
	t := time.NewTimer(Linger)
	defer t.Stop()
	for {
		select {
		case m := <-k.iopubIn:
			if m.ParentHeader.MsgID == msgID && m.Header.MsgType != "status" {
				res.add(m)
			}
		case <-t.C:
			return
		}
	}
}

// Interrupt stops the running cell, by the method the kernelspec asks for.
func (k *Kernel) Interrupt() error {
	if k.spec.InterruptMode == "signal" {
		return k.cmd.Process.Signal(os.Interrupt)
	}
	_, err := k.send(k.control, "interrupt_request", map[string]any{})
	return err
}

// Close shuts the kernel down (politely, then by killing its process group)
// and removes its connection file.
func (k *Kernel) Close() error {
	k.closeOnce.Do(func() {
		select {
		case <-k.dead:
		default:
			// Ask politely; a send to a kernel that never connected may block,
			// so it does not hold Close up.
			go k.send(k.control, "shutdown_request", map[string]any{"restart": false})
			select {
			case <-k.dead:
			case <-time.After(3 * time.Second):
			}
		}
		syscall.Kill(-k.cmd.Process.Pid, syscall.SIGKILL)
		<-k.dead
		k.cancel()
		for _, s := range []zmq4.Socket{k.shell, k.control, k.iopub} {
			s.Close()
		}
		os.RemoveAll(k.connDir)
	})
	return nil
}

func (k *Kernel) deathError() error {
	tail := strings.TrimSpace(k.stderr.String())
	if tail == "" {
		return fmt.Errorf("%w: %v", ErrKernelDied, k.cmd.ProcessState)
	}
	return fmt.Errorf("%w (%v); its last output:\n%s", ErrKernelDied, k.cmd.ProcessState, tail)
}

// freePorts asks the OS for n free TCP ports on the loopback interface.
func freePorts(n int) ([]int, error) {
	var ls []net.Listener
	defer func() {
		for _, l := range ls {
			l.Close()
		}
	}()
	ports := make([]int, n)
	for i := range ports {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return nil, err
		}
		ls = append(ls, l)
		ports[i] = l.Addr().(*net.TCPAddr).Port
	}
	return ports, nil
}

// tailBuffer keeps the last max bytes written to it.
type tailBuffer struct {
	mu  sync.Mutex
	max int
	buf bytes.Buffer
}

func (t *tailBuffer) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.buf.Write(p)
	if extra := t.buf.Len() - t.max; extra > 0 {
		t.buf.Next(extra)
	}
	return len(p), nil
}

func (t *tailBuffer) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.buf.String()
}
