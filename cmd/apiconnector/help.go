package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
)

// usage writes the global usage: every command of commandTable, the shared flags and the
// exit codes.
func usage(w io.Writer) {
	var b strings.Builder
	b.WriteString("usage: apiconnector <command> [arguments] [flags]\n       apiconnector help <command>\n       apiconnector --version\n\ncommands:\n")
	tw := tabwriter.NewWriter(&b, 0, 4, 2, ' ', 0)
	for _, spec := range commandTable() {
		_, _ = fmt.Fprintf(tw, "  %s\t%s\n", spec.name, spec.summary)
	}
	_ = tw.Flush()
	b.WriteString(`
Every command that talks to Graph also takes:
  --fake                an in-process fake Graph, empty in every process (use serve for state)
  --base-url URL        any Graph-compatible endpoint, with the token in ` + envToken + `
  --trust-host HOST     send HOST, the host of --base-url, the Azure credential's token instead
  --cloud global|usgovl4|usgovl5|china   --api-version v1.0|beta
  --output json|table   --verbose (debug logs to stderr, never bodies or secrets)

Passwords come from --password-stdin / --pkcs12-password-stdin or ` + envPassword + ` /
` + envPKCS12Password + `, never from arguments. Against real Graph the credential is
azidentity's DefaultAzureCredential, whose token goes only to the cloud's Graph host, or to
the --base-url host that --trust-host names.

` + exitCodesHelp + `
Run 'apiconnector help <command>' for a command's arguments and flags.
`)
	diagf(w, "%s", b.String())
}

// exitCodesHelp documents the exit codes, in the usage and in each Graph command's help.
const exitCodesHelp = `exit codes:
  0  success
  1  a contract violation (validate), or a request that failed without an answer from Graph
  2  bad usage or input; nothing was sent
  3  Graph answered with an error (its code, message and request-id are printed)
  4  no credential could be obtained; nothing was sent
  5  plan --detailed-exitcode only: the plan was made and has changes
`

// runHelp is `apiconnector help [COMMAND]`: the global usage, or one command's, on stdout.
func runHelp(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		usage(stdout)
		return exitOK
	}
	if subs := groupCommands(args[0]); len(subs) > 0 && len(args) == 1 {
		printGroupUsage(stdout, args[0], subs)
		return exitOK
	}
	spec, rest, ok := findCommand(args)
	if !ok || len(rest) > 0 {
		diagf(stderr, "apiconnector help: unknown command %q\n", strings.Join(args, " "))
		usage(stderr)
		return exitUsage
	}
	// The command prints its own usage for --help, where its flags are defined; here that
	// usage is the answer, so it goes to stdout.
	spec.run(ctx, []string{"--help"}, strings.NewReader(""), stdout, stdout)
	return exitOK
}

// printCommandUsage writes a command's usage line, summary and flags, as typed (--name).
func printCommandUsage(w io.Writer, spec commandSpec, fs *flag.FlagSet) {
	var b strings.Builder
	fmt.Fprintf(&b, "usage: apiconnector %s %s [flags]\n\n%s\n", spec.name, spec.args, spec.summary)
	b.WriteString("Flags may come before or after the arguments.\n")
	b.WriteString("\nflags:\n")
	tw := tabwriter.NewWriter(&b, 0, 4, 2, ' ', 0)
	fs.VisitAll(func(f *flag.Flag) {
		name, help := flag.UnquoteUsage(f)
		left := "--" + f.Name
		if len(f.Name) == 1 {
			left = "-" + f.Name // a one-letter flag is typed with one dash, as -f FILE
		}
		if name != "" {
			left += " " + name
		}
		if def := f.DefValue; def != "" && def != "false" && def != "0" {
			help += " (default " + def + ")"
		}
		_, _ = fmt.Fprintf(tw, "  %s\t%s\n", left, help)
	})
	_ = tw.Flush()
	if spec.graph {
		b.WriteString("\n" + exitCodesHelp)
	}
	diagf(w, "%s", b.String())
}
