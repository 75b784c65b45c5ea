// Command apiconnector works with Microsoft Graph's API connectors: it creates, lists,
// updates and deletes them, uploads their certificates, binds them to user flows, serves an
// in-memory fake Graph for other languages' tests, and validates recorded exchanges against
// the contract.
//
//	apiconnector create --display-name NAME --target-url URL --username USER --password-stdin
//	apiconnector list | get ID | update ID ... | delete ID | upload-cert ID --pkcs12-file F
//	apiconnector attach --user-flow ID --step STEP --connector ID | detach --user-flow ID --step STEP
//	apiconnector serve [--addr 127.0.0.1:8080]
//	apiconnector validate [--json] REQUEST.http [RESPONSE.http]
//
// Secrets never go on the command line: passwords come from standard input or the
// environment, certificates from a file.
package main

import (
	"context"
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
	ctx := context.Background()
	if cmd, ok := graphCommands[args[0]]; ok {
		return cmd(ctx, args[1:], stdin, stdout, stderr)
	}
	switch args[0] {
	case "validate":
		return runValidate(args[1:], stdout, stderr)
	case "help", "-h", "--help":
		usage(stdout)
		return exitOK
	default:
		diagf(stderr, "apiconnector: unknown command %q\n", args[0])
		usage(stderr)
		return exitUsage
	}
}

// graphCommands are the subcommands that talk to Graph, the fake, or serve it.
var graphCommands = map[string]func(context.Context, []string, io.Reader, io.Writer, io.Writer) int{
	"create":      runCreate,
	"list":        runList,
	"get":         runGet,
	"update":      runUpdate,
	"delete":      runDelete,
	"upload-cert": runUploadCert,
	"attach":      runAttach,
	"detach":      runDetach,
	"serve":       runServe,
}

func usage(w io.Writer) {
	diagf(w, "%s", `usage: apiconnector <command> [flags]

commands:
  create       --display-name NAME --target-url URL (--username USER --password-stdin | --pkcs12-file FILE [--pkcs12-password-stdin])
  list         [--top N] [--filter EXPR] [--select a,b]
  get          ID
  update       ID [--display-name NAME] [--target-url URL] [authentication flags as for create]
  delete       ID
  upload-cert  ID --pkcs12-file FILE [--pkcs12-password-stdin]
  attach       --user-flow ID --step STEP --connector ID [--kind b2x|b2c]
  detach       --user-flow ID --step STEP [--kind b2x|b2c]
  serve        [--addr 127.0.0.1:8080] [--seed FILE] [--page-size N]
  validate     [--json] REQUEST.http [RESPONSE.http]

Every command but serve and validate takes, after its name:
  --fake                in-process fake Graph       --base-url URL   any Graph-compatible endpoint
  --cloud global|usgovl4|usgovl5|china              --api-version v1.0|beta
  --output json|table                               --verbose        debug logs to stderr

Passwords come from --password-stdin / --pkcs12-password-stdin or APICONNECTOR_PASSWORD /
APICONNECTOR_PKCS12_PASSWORD, never from arguments. Against real Graph the credential is
azidentity's DefaultAzureCredential; against --base-url, APICONNECTOR_TOKEN if set.

Exit codes: 0 success, 1 Graph error or contract violation, 2 bad input or usage.
`)
}
