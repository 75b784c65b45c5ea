// Command apiconnector works with Microsoft Graph's API connectors: it creates, lists,
// updates and deletes them, uploads their certificates, binds them to user flows, serves an
// in-memory fake Graph for other languages' tests, and validates recorded exchanges against
// the contract.
//
//	apiconnector create --display-name NAME --target-url URL --username USER --password-stdin
//	apiconnector list | get ID | update ID ... | delete ID | upload-cert ID --pkcs12-file F
//	apiconnector attach --user-flow ID --step STEP --connector ID | detach --user-flow ID --step STEP
//	apiconnector serve [--addr 127.0.0.1:8080]
//	apiconnector validate [--format text|json|junit] [--require-auth] PATH...
//	apiconnector endpoint test --url URL --step STEP [--platform entra|b2c] --username U --password-stdin
//	apiconnector simulate --user-flow ID --claims FILE --credentials FILE|-
//	apiconnector help COMMAND | COMMAND --help | --version
//
// Secrets never go on the command line: passwords come from standard input or the
// environment, certificates from a file.
package main

import (
	"context"
	"io"
	"os"
)

// Exit codes shared by the subcommands; exitCodesHelp documents them.
const (
	exitOK         = 0
	exitViolation  = 1 // the input was read and breaks the contract, or a request got no answer
	exitUsage      = 2 // bad flags, or input that cannot be read; nothing was sent
	exitGraphError = 3 // Graph answered with an error
	exitCredential = 4 // no credential could be obtained; nothing was sent
	// exitChangesPending is plan --detailed-exitcode's answer when the plan has changes;
	// Terraform's 2 is taken by bad usage here.
	exitChangesPending = 5
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// run is main without the process: it returns the exit code. What it writes passes
// through maskingWriters, so no secret the process read leaves in its output.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	known := &knownSecrets{}
	// The secrets in the environment are the process's whether the command reads them or
	// not: a get must not print the password a create of the same shell would send.
	for _, env := range []string{envPassword, envPKCS12Password, envToken} {
		known.addText(os.Getenv(env))
	}
	out, errOut := newMaskingWriter(stdout, known), newMaskingWriter(stderr, known)
	defer out.flush()
	defer errOut.flush()
	return dispatch(args, &secretInput{Reader: stdin, known: known}, out, errOut)
}

func dispatch(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		usage(stderr)
		return exitUsage
	}
	ctx := context.Background()
	switch args[0] {
	case "help", "-h", "--help", "-help":
		return runHelp(ctx, args[1:], stdout, stderr)
	case "--version", "-version":
		return printVersion(stdout, stderr)
	}
	if spec, rest, ok := findCommand(args); ok {
		return spec.run(ctx, rest, stdin, stdout, stderr)
	}
	if subs := groupCommands(args[0]); len(subs) > 0 {
		return runGroup(args[0], subs, args[1:], stdout, stderr)
	}
	diagf(stderr, "apiconnector: unknown command %q\n", args[0])
	usage(stderr)
	return exitUsage
}
