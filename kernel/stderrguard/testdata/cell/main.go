// Command cell stands for a cell's program in stderrguard's tests: it
// imports the guard as the kernel's goimports makes every cell do.
//
//	cell lines     writes risky and safe lines to stderr, exits 3
//	cell wait PID  writes its pid to the file PID, then waits for SIGINT
//	cell sleep PID writes its pid to the file PID, then sleeps, ignoring SIGINT
//	cell panic     panics with a message holding ": "
package main

import (
	"context"
	"fmt"
	"log"
	"os"
	"os/signal"
	"strconv"
	"time"

	_ "github.com/braingo/braingo/kernel/stderrguard"
)

func main() {
	switch os.Args[1] {
	case "lines":
		fmt.Println("stdout line")
		log.SetFlags(log.LstdFlags | log.Lshortfile)
		log.Print("logged: with a colon")
		fmt.Fprint(os.Stderr, "check failed: RS: x = 1.6 at /tmp/gonb_1/main.go:12\n\t/tmp/gonb_1/main.go:10 +0x65\nno newline: main.go:7")
		os.Exit(3)
	case "wait", "sleep":
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
		defer stop()
		if os.Args[1] == "sleep" {
			signal.Ignore(os.Interrupt)
		}
		os.WriteFile(os.Args[2], []byte(strconv.Itoa(os.Getpid())), 0o644)
		select {
		case <-ctx.Done():
			fmt.Println("interrupted")
		case <-time.After(time.Minute):
		}
	case "panic":
		panic("a: b: c")
	}
}
