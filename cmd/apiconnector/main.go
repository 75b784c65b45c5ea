// Command apiconnector works with Microsoft Graph's API connectors: it validates recorded
// exchanges against the project's contract.
//
//	apiconnector validate [--json] REQUEST.http [RESPONSE.http]
package main

import (
	"fmt"
	"io"
	"os"
)

// Exit codes shared by the subcommands.
const (
	exitOK        = 0
	exitViolation = 1 // the input was read and breaks the contract, or Graph answered an error
	exitUsage     = 2 // bad flags, or input that cannot be read
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// run is main without the process: it returns the exit code.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		usage(stderr)
		return exitUsage
	}
	switch args[0] {
	case "validate":
		return runValidate(args[1:], stdout, stderr)
	case "help", "-h", "--help":
		usage(stdout)
		return exitOK
	default:
		fmt.Fprintf(stderr, "apiconnector: unknown command %q\n", args[0])
		usage(stderr)
		return exitUsage
	}
}

func usage(w io.Writer) {
	fmt.Fprint(w, `usage: apiconnector <command> [flags]

commands:
  validate [--json] REQUEST.http [RESPONSE.http]
      check a recorded exchange against the contract; exit 0 valid, 1 violations, 2 unreadable input
`)
}
