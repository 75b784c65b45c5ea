package main

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
)

// A command group is the first word of commands with two ("endpoint" of "endpoint test"). On
// its own it is not a command: `help GROUP` and `GROUP --help` list its subcommands, and a
// bare or unknown subcommand is a usage error, as `gh repo` and `az ad` do.

// groupCommands returns the commands of group, in commandTable's order; none if it is not one.
func groupCommands(group string) []commandSpec {
	var subs []commandSpec
	for _, spec := range commandTable() {
		if first, _, two := strings.Cut(spec.name, " "); two && first == group {
			subs = append(subs, spec)
		}
	}
	return subs
}

// printGroupUsage writes a group's usage line and its subcommands with their summaries.
func printGroupUsage(w io.Writer, group string, subs []commandSpec) {
	var b strings.Builder
	fmt.Fprintf(&b, "usage: apiconnector %s <subcommand> [arguments] [flags]\n\nsubcommands:\n", group)
	tw := tabwriter.NewWriter(&b, 0, 4, 2, ' ', 0)
	for _, spec := range subs {
		_, _ = fmt.Fprintf(tw, "  %s\t%s\n", spec.name, spec.summary)
	}
	_ = tw.Flush()
	fmt.Fprintf(&b, "\nRun 'apiconnector help %s <subcommand>' for a subcommand's arguments and flags.\n", group)
	diagf(w, "%s", b.String())
}

// runGroup answers args that start with a group but name none of its commands: its usage
// on stdout for --help, else the error and its usage on stderr.
func runGroup(group string, subs []commandSpec, rest []string, stdout, stderr io.Writer) int {
	if len(rest) == 0 {
		diagf(stderr, "apiconnector %s: missing subcommand\n", group)
		printGroupUsage(stderr, group, subs)
		return exitUsage
	}
	switch rest[0] {
	case "-h", "--help", "-help", "help":
		printGroupUsage(stdout, group, subs)
		return exitOK
	}
	diagf(stderr, "apiconnector %s: unknown subcommand %q\n", group, rest[0])
	printGroupUsage(stderr, group, subs)
	return exitUsage
}
