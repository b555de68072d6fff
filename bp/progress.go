package bp

import (
	"fmt"
	"io"
	"os"
	"strings"
)

// TextProgress returns a Progress callback that draws a text bar on w,
// rewriting one line ("[=====     ]  50%  5000/10000 steps") and ending it
// when the run ends.
func TextProgress(w io.Writer) func(done, total int64) {
	const width = 30
	return func(done, total int64) {
		frac := 1.0
		if total > 0 {
			frac = float64(done) / float64(total)
		}
		filled := int(frac * width)
		fmt.Fprintf(w, "\r[%s%s] %3.0f%% %d/%d steps", strings.Repeat("=", filled), strings.Repeat(" ", width-filled), 100*frac, done, total)
		if done >= total {
			fmt.Fprintln(w)
		}
	}
}

// isTerminal reports whether f is a character device (a terminal), without
// depending on a terminal library.
func isTerminal(f *os.File) bool {
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
