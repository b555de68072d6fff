// Package nbtest runs Jupyter notebooks as tests: it starts a kernel from its
// kernelspec, talks to it over the Jupyter messaging protocol (ZeroMQ through
// the pure-Go github.com/go-zeromq/zmq4, HMAC-SHA256 signed messages),
// executes the code cells one by one with a per-cell timeout, and fails the
// notebook on the first cell that fails.
//
// A cell fails when the kernel replies with an error status, publishes an
// error output, or writes a Go panic or fatal error to stderr. A cell tagged
// "raises-exception" (nbconvert's tag) must fail instead. Check cells assert
// figures with package nbtest/check, which stops the cell with a readable
// message when a figure drifts.
//
// The nbtest command (cmd/nbtest) prints one summary line per notebook
// (cells, time, PASS or FAIL with the reason) and exits non-zero on failure.
// A missing file, an unknown kernel or malformed JSON is reported as that
// notebook's failure reason.
package nbtest
