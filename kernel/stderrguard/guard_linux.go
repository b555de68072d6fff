package stderrguard

import (
	"os"
	"os/exec"
	"os/signal"
	"runtime"
	"syscall"
	"time"
)

// forwarded are the signals the parent passes on to the guarded child:
// GoNB interrupts a cell with SIGINT (then SIGKILL, which the child gets
// through Pdeathsig).
var forwarded = []os.Signal{syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP, syscall.SIGQUIT, syscall.SIGUSR1, syscall.SIGUSR2}

func init() {
	if os.Getenv(EnvVar) != "" {
		return // the guarded child, or turned off
	}
	exe, err := os.Executable()
	if err != nil {
		return // run unguarded rather than not at all
	}
	os.Exit(relay(exe))
}

// relay runs exe as the guarded child with this process's arguments and
// returns the exit code to leave with; it does not return when the child was
// killed by a signal this process can die of the same way.
func relay(exe string) int {
	// Pdeathsig fires when the thread that started the child exits: keep it.
	runtime.LockOSThread()
	stderr := &Writer{W: os.Stderr}
	cmd := exec.Command(exe, os.Args[1:]...)
	cmd.Args[0] = os.Args[0]
	cmd.Env = append(os.Environ(), EnvVar+"=child")
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, stderr
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	// A grandchild that keeps stderr open does not hold the cell up.
	cmd.WaitDelay = time.Second
	sigs := make(chan os.Signal, 8)
	signal.Notify(sigs, forwarded...)
	if err := cmd.Start(); err != nil {
		os.Stderr.WriteString("stderrguard: " + err.Error() + "\n")
		return 1
	}
	go func() {
		for s := range sigs {
			_ = cmd.Process.Signal(s)
		}
	}()
	err := cmd.Wait()
	signal.Stop(sigs)
	_ = stderr.Flush()
	st := cmd.ProcessState
	if st == nil {
		os.Stderr.WriteString("stderrguard: " + err.Error() + "\n")
		return 1
	}
	ws, ok := st.Sys().(syscall.WaitStatus)
	if !ok || !ws.Signaled() {
		return st.ExitCode()
	}
	// Die of the child's signal, so the kernel reports it as before.
	sig := ws.Signal()
	switch sig {
	case syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP, syscall.SIGKILL:
		signal.Reset(sig)
		_ = syscall.Kill(os.Getpid(), sig)
		time.Sleep(time.Second)
	}
	return 128 + int(sig)
}
