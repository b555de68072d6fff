package stderrguard

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// GoNB v0.11.4's error mapper (internal/goexec/gonberror.go) matches a
// stderr line with these two patterns, takes the matched position's text
// ("<prefix>main.go:N:C: " or "<prefix>main.go:N") as its location, and
// computes a column from the location's third colon-separated field when
// there are three or more and the first is not empty. A column below 1
// (an unparsable field counts as 0) panics in strings.Repeat.
var (
	gonbFileLinePrefix = regexp.MustCompile(`(^.*main(_test)?\.go:(\d+):(\d+): )(.+)$`)
	gonbStackTraceLine = regexp.MustCompile(`(^\s*)(.*main(?:_test)?\.go):(\d+)(.*)$`)
)

// crashesGoNB says whether GoNB v0.11.4 panics on line (given a main.go
// long enough for the line number).
func crashesGoNB(line string) bool {
	var location string
	if m := gonbFileLinePrefix.FindStringSubmatch(line); m != nil {
		location = m[1]
	} else if m := gonbStackTraceLine.FindStringSubmatch(line); m != nil {
		location = m[2] + ":" + m[3]
	} else {
		return false
	}
	f := strings.Split(location, ":")
	if len(f) < 3 || f[0] == "" {
		return false
	}
	col, _ := strconv.Atoi(f[2])
	return col < 1
}

func TestSafeLines(t *testing.T) {
	for _, tc := range []struct {
		line   string
		crash  bool     // GoNB panics on the line as is
		pieces []string // nil: kept as is
	}{
		// Reported: a failing check whose name holds ": ".
		{"check failed: RS: x = 1.6, want 0.24 ± 0.0001 at /tmp/gonb_1/main.go:12", true,
			[]string{"check failed: RS: x = 1.6, want 0.24 ± 0.0001 at ", "/tmp/gonb_1/main.go:12"}},
		// log with Lshortfile: the time's colons come first.
		{"2026/12/02 02:23:17 main.go:11: hello", true, []string{"2026/12/02 02:23:17 ", "main.go:11: hello"}},
		{"x: y: z main_test.go:3", true, []string{"x: y: z ", "main_test.go:3"}},
		{"a:b:/tmp/main.go:4 tail", true, []string{"a:b:", "/tmp/main.go:4 tail"}},
		// Two references: GoNB takes the last, with the first's colons before it.
		{"/tmp/main.go:3: and main.go:5", true, []string{"/tmp/main.go:3: and ", "main.go:5"}},
		// A column GoNB reads as 0.
		{"main.go:3:0: bad column", true, []string{"main.go:3 :0: bad column"}},
		{"a: b: main.go:3:99999999999999999999: x", true, []string{"a: b: ", "main.go:3 :99999999999999999999: x"}},
		// Safe lines are kept: Go's stack traces, compile errors, panics.
		{"\t/tmp/gonb_1/main.go:10 +0x65", false, nil},
		{"./main.go:12:5: declared and not used: x", false, nil},
		{"panic: a: b: c", false, nil},
		{"one colon: main.go:12", false, []string{"one colon: ", "main.go:12"}},
		{"", false, nil},
	} {
		if got := crashesGoNB(tc.line); got != tc.crash {
			t.Errorf("%q: crashesGoNB = %v, want %v", tc.line, got, tc.crash)
		}
		want := tc.pieces
		if want == nil {
			want = []string{tc.line}
		}
		got := SafeLines(tc.line)
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("SafeLines(%q) = %q, want %q", tc.line, got, want)
		}
		for _, p := range got {
			if crashesGoNB(p) {
				t.Errorf("SafeLines(%q) piece %q still crashes GoNB", tc.line, p)
			}
		}
	}
}

// TestSafeLinesRandom checks random lines built from the characters that
// matter: no piece crashes GoNB, and the pieces hold the line's characters
// (plus the spaces fixColumn inserts).
func TestSafeLinesRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	parts := []string{"main.go:", "main_test.go:", ":", ": ", " ", "\t", "0", "7", "12", "x", "/tmp/", "main", ".go"}
	crashing := 0
	for range 20000 {
		var b strings.Builder
		for range 1 + rng.IntN(12) {
			b.WriteString(parts[rng.IntN(len(parts))])
		}
		line := b.String()
		if crashesGoNB(line) {
			crashing++
		}
		got := SafeLines(line)
		for _, p := range got {
			if crashesGoNB(p) {
				t.Fatalf("SafeLines(%q) = %q: piece %q crashes GoNB", line, got, p)
			}
		}
		if joined := strings.Join(got, ""); strings.ReplaceAll(joined, " ", "") != strings.ReplaceAll(line, " ", "") {
			t.Fatalf("SafeLines(%q) = %q lost characters", line, got)
		}
	}
	if crashing < 500 {
		t.Errorf("only %d of the random lines crash GoNB: the test does not exercise SafeLines", crashing)
	}
}

func TestWriter(t *testing.T) {
	var out bytes.Buffer
	w := &Writer{W: &out, Idle: time.Hour}
	// The risky line arrives in pieces; nothing is passed on before its newline.
	for _, chunk := range []string{"ok line\n2026/12/02 02:2", "3:17 main.go", ":11: hello\npartial: main.go:3"} {
		if n, err := w.Write([]byte(chunk)); n != len(chunk) || err != nil {
			t.Fatalf("Write(%q) = %d, %v", chunk, n, err)
		}
	}
	if want := "ok line\n2026/12/02 02:23:17 \nmain.go:11: hello\n"; out.String() != want {
		t.Errorf("after the writes: %q, want %q", out.String(), want)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if want := "partial: \nmain.go:3"; !strings.HasSuffix(out.String(), want) {
		t.Errorf("after Flush: %q, want it to end with %q", out.String(), want)
	}
	// A line longer than MaxLine is passed on without waiting for its end.
	out.Reset()
	w = &Writer{W: &out, Idle: time.Hour}
	w.Write([]byte(strings.Repeat("x", MaxLine+1)))
	if out.Len() != MaxLine+1 {
		t.Errorf("a %d-byte partial line: passed on %d bytes, want all of it", MaxLine+1, out.Len())
	}
}

// syncBuffer is a bytes.Buffer for a writer and a reader on two goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestWriterIdle: a progress line redrawn with \r and no newline is passed
// on while it is drawn; a continuation that would make GoNB's joined line
// unsafe starts a line of its own.
func TestWriterIdle(t *testing.T) {
	var out syncBuffer
	w := &Writer{W: &out, Idle: 10 * time.Millisecond}
	waitFor := func(want string) {
		t.Helper()
		for range 200 {
			if out.String() == want {
				return
			}
			time.Sleep(5 * time.Millisecond)
		}
		t.Fatalf("output %q, want %q", out.String(), want)
	}
	w.Write([]byte("\r[==  ] 50%"))
	waitFor("\r[==  ] 50%")
	w.Write([]byte("\r[====] 100%"))
	waitFor("\r[==  ] 50%\r[====] 100%")
	// Safe joined to the open line: passed on as it is.
	w.Write([]byte(" done\n"))
	waitFor("\r[==  ] 50%\r[====] 100% done\n")
	// "t: " is open when the reference comes: the line is ended before it.
	w.Write([]byte("t: "))
	waitFor("\r[==  ] 50%\r[====] 100% done\nt: ")
	w.Write([]byte("main.go:3 x\n"))
	waitFor("\r[==  ] 50%\r[====] 100% done\nt: \nmain.go:3 x\n")
	for _, l := range strings.Split(out.String(), "\n") {
		if crashesGoNB(l) {
			t.Errorf("line %q crashes GoNB", l)
		}
	}
}

// buildCell builds testdata/cell, a program that imports the guard as
// every cell does.
func buildCell(t *testing.T) string {
	t.Helper()
	if runtime.GOOS != "linux" {
		t.Skip("the guard runs on Linux only")
	}
	exe := filepath.Join(t.TempDir(), "cell")
	if out, err := exec.Command("go", "build", "-o", exe, "./testdata/cell").CombinedOutput(); err != nil {
		t.Fatalf("building testdata/cell: %v\n%s", err, out)
	}
	return exe
}

func TestGuardedProgram(t *testing.T) {
	exe := buildCell(t)
	run := func(env string, args ...string) (stdout, stderr string, code int) {
		cmd := exec.Command(exe, args...)
		cmd.Env = append(guardedEnv(), EnvVar+"="+env)
		var o, e bytes.Buffer
		cmd.Stdout, cmd.Stderr = &o, &e
		err := cmd.Run()
		var exit *exec.ExitError
		if err != nil && !errors.As(err, &exit) {
			t.Fatal(err)
		}
		return o.String(), e.String(), cmd.ProcessState.ExitCode()
	}
	out, errOut, code := run("", "lines")
	if out != "stdout line\n" || code != 3 {
		t.Errorf("guarded: stdout %q, exit code %d; want the child's stdout and exit code 3", out, code)
	}
	for _, l := range strings.Split(errOut, "\n") {
		if crashesGoNB(l) {
			t.Errorf("guarded stderr line %q crashes GoNB", l)
		}
	}
	for _, want := range []string{" \nmain.go:", ": with a colon\n", "check failed: RS: x = 1.6 at \n/tmp/gonb_1/main.go:12\n", "\n\t/tmp/gonb_1/main.go:10 +0x65\n", "no newline: \nmain.go:7"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("guarded stderr %q lacks %q", errOut, want)
		}
	}
	// Unguarded, the same program writes the lines that crash GoNB.
	_, rawErr, _ := run("off", "lines")
	if !strings.Contains(rawErr, "check failed: RS: x = 1.6 at /tmp/gonb_1/main.go:12\n") {
		t.Errorf("BRAINGO_STDERR_GUARD=off: stderr %q is not the raw output", rawErr)
	}
	if _, errOut, code := run("", "panic"); code != 2 || !strings.HasPrefix(errOut, "panic: a: b: c\n") || !strings.Contains(errOut, "main.main()") {
		t.Errorf("panic: exit code %d, stderr %q; want Go's panic report and exit code 2", code, errOut)
	}
}

// startCell starts `cell mode pidfile` and returns it with the child's pid.
func startCell(t *testing.T, exe, mode string) (*exec.Cmd, *bytes.Buffer, int) {
	t.Helper()
	pidFile := filepath.Join(t.TempDir(), "pid")
	cmd := exec.Command(exe, mode, pidFile)
	cmd.Env = guardedEnv()
	var out bytes.Buffer
	cmd.Stdout = &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	for range 200 {
		if b, err := os.ReadFile(pidFile); err == nil && len(b) > 0 {
			pid, _ := strconv.Atoi(string(b))
			if pid == cmd.Process.Pid {
				t.Fatal("the program ran unguarded (no child process)")
			}
			return cmd, &out, pid
		}
		time.Sleep(25 * time.Millisecond)
	}
	cmd.Process.Kill()
	t.Fatal("the guarded program did not start")
	return nil, nil, 0
}

// guardedEnv is this process's environment without EnvVar: the test binary
// imports the package, so it runs as a guarded child itself.
func guardedEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, EnvVar+"=") {
			env = append(env, kv)
		}
	}
	return env
}

func alive(pid int) bool { return syscall.Kill(pid, 0) == nil }

func TestGuardSignals(t *testing.T) {
	exe := buildCell(t)
	// GoNB's interrupt reaches the child, which handles it.
	cmd, out, _ := startCell(t, exe, "wait")
	cmd.Process.Signal(os.Interrupt)
	if err := cmd.Wait(); err != nil || out.String() != "interrupted\n" {
		t.Errorf("interrupted: %v, stdout %q; want the child to handle SIGINT and exit 0", err, out)
	}
	// GoNB's SIGKILL (5 s after an ignored interrupt) takes the child down too.
	cmd, _, child := startCell(t, exe, "sleep")
	cmd.Process.Signal(os.Interrupt)
	time.Sleep(100 * time.Millisecond)
	if !alive(child) {
		t.Fatal("the child should have ignored SIGINT")
	}
	cmd.Process.Kill()
	cmd.Wait()
	for i := 0; alive(child); i++ {
		if i == 100 {
			syscall.Kill(child, syscall.SIGKILL)
			t.Fatal("the child outlived its killed parent")
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestWriterRandom writes random text in random chunks, with partial lines
// passed on (Flush, as after Idle) at random points: every line GoNB sees
// is safe, and only newlines and spaces are added.
func TestWriterRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	parts := []string{"main.go:", "main_test.go:", ":", ": ", " ", "\n", "\r", "0", "7", "x", "/tmp/"}
	for range 2000 {
		var in strings.Builder
		for range 1 + rng.IntN(30) {
			in.WriteString(parts[rng.IntN(len(parts))])
		}
		var out bytes.Buffer
		w := &Writer{W: &out, Idle: time.Hour}
		rest := in.String()
		for rest != "" {
			n := 1 + rng.IntN(len(rest))
			w.Write([]byte(rest[:n]))
			rest = rest[n:]
			if rng.IntN(3) == 0 {
				w.Flush()
			}
		}
		w.Flush()
		for _, l := range strings.Split(out.String(), "\n") {
			if crashesGoNB(l) {
				t.Fatalf("input %q: output line %q crashes GoNB", in.String(), l)
			}
		}
		strip := strings.NewReplacer("\n", "", " ", "")
		if strip.Replace(out.String()) != strip.Replace(in.String()) {
			t.Fatalf("input %q came out as %q", in.String(), out.String())
		}
	}
}
