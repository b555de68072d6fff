// Package nbtest runs Jupyter notebooks as tests: it starts a kernel from its
// kernelspec, talks to it over the Jupyter messaging protocol (ZeroMQ through
// the pure-Go github.com/go-zeromq/zmq4, HMAC-SHA256 signed messages),
// executes the code cells one by one, and fails the notebook on the first
// cell that fails. Three limits keep a run from hanging: per cell (the
// kernel is interrupted), per notebook, and for the kernel's first answer
// (StartTimeout: a kernel that never binds its ports or never replies is
// killed and its last output reported). Each notebook runs in a fresh
// kernel whose TMPDIR is a fresh directory, so results kept between cells
// with nbcache (under $TMPDIR) never carry over from an earlier run and hide
// a drifted figure; Options.KeepCache (nbtest -keep-cache) keeps them.
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
