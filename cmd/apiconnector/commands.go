package main

import (
	"context"
	"io"
	"strings"
)

// commandSpec is one subcommand: the line `help` shows for it and the function that runs it.
// A new command is one entry in commandTable and its run function, which builds its flags
// with newCommand(name, ...) (or its own flag.FlagSet); `help NAME`, `NAME --help`, the
// global usage and the argument errors then come from here.
type commandSpec struct {
	// name is what the user types; two words for a command with a subcommand ("endpoint test").
	name string
	// args is what follows the name in the usage line, flags included: "ID [--display-name NAME]".
	args string
	// positional names each positional argument, for "missing connector ID".
	positional []string
	// summary is one sentence for the command list and the top of its help.
	summary string
	// graph marks a command that talks to Graph and takes the shared target and output flags.
	graph bool
	// operations are the spec's operationIds the command calls; the coverage test reads them.
	operations []string
	run        func(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int
}

// commandTable lists the commands in the order the usage shows them. It is a function, not a
// variable, because the run functions look their own entry up.
func commandTable() []commandSpec {
	return []commandSpec{
		{
			name: "create", summary: "Create an API connector and print it, its password masked.",
			args:  "--display-name NAME --target-url URL (--username USER --password-stdin | --pkcs12-file FILE [--pkcs12-password-stdin])",
			graph: true, operations: []string{"createApiConnector"}, run: runCreate,
		},
		{
			name: "list", summary: "List API connectors, following every page.",
			args:  "[--top N] [--filter EXPR] [--select a,b]",
			graph: true, operations: []string{"listApiConnectors"}, run: runList,
		},
		{
			name: "get", summary: "Print one API connector.",
			args: "ID", positional: []string{"connector ID"},
			graph: true, operations: []string{"getApiConnector"}, run: runGet,
		},
		{
			name: "update", summary: "Change a connector's name, URL or authentication, then print it.",
			args: "ID [--display-name NAME] [--target-url URL] [--username USER --password-stdin | --pkcs12-file FILE [--pkcs12-password-stdin]]", positional: []string{"connector ID"},
			graph: true, operations: []string{"updateApiConnector", "getApiConnector"}, run: runUpdate,
		},
		{
			name: "delete", summary: "Delete an API connector.",
			args: "ID", positional: []string{"connector ID"},
			graph: true, operations: []string{"deleteApiConnector"}, run: runDelete,
		},
		{
			name: "upload-cert", summary: "Add a .pfx client certificate to a connector and print it.",
			args: "ID --pkcs12-file FILE [--pkcs12-password-stdin]", positional: []string{"connector ID"},
			graph: true, operations: []string{"uploadClientCertificate"}, run: runUploadCert,
		},
		{
			name: "attach", summary: "Make a user flow's step call a connector, then print the flow's connectors.",
			args:  "--user-flow ID --step STEP --connector ID [--kind b2x|b2c]",
			graph: true, run: runAttach,
			operations: []string{"putB2xUserFlowApiConnectorReference", "putB2cUserFlowApiConnectorReference",
				"getB2xUserFlowApiConnectorConfiguration", "getB2cUserFlowApiConnectorConfiguration"},
		},
		{
			name: "detach", summary: "Leave a user flow's step without a connector, then print the flow's connectors.",
			args:  "--user-flow ID --step STEP [--kind b2x|b2c]",
			graph: true, run: runDetach,
			operations: []string{"deleteB2xUserFlowApiConnectorReference", "deleteB2cUserFlowApiConnectorReference",
				"getB2xUserFlowApiConnectorConfiguration", "getB2cUserFlowApiConnectorConfiguration"},
		},
		{
			name: "plan", summary: "Print what apply would change to make the tenant match a desired-state file; only reads.",
			args:  "-f FILE [--prune] [--rotate-secrets] [--json] [--detailed-exitcode]",
			graph: true, operations: []string{"listApiConnectors", "getB2xUserFlowApiConnectorConfiguration", "getB2cUserFlowApiConnectorConfiguration"},
			run: runPlan,
		},
		{
			name: "apply", summary: "Plan, ask, then create, update, bind, unbind and delete until the tenant matches a desired-state file.",
			args:  "-f FILE [--prune] [--rotate-secrets] [--yes] [--json]",
			graph: true, run: runApply,
			operations: []string{"listApiConnectors", "getB2xUserFlowApiConnectorConfiguration", "getB2cUserFlowApiConnectorConfiguration",
				"createApiConnector", "updateApiConnector", "uploadClientCertificate", "deleteApiConnector",
				"putB2xUserFlowApiConnectorReference", "putB2cUserFlowApiConnectorReference"},
		},
		{
			name: "export", summary: "Print the tenant's connectors, and the bindings of the named user flows, as a desired-state file without secrets.",
			args:  "[--user-flow ID]... [--kind b2x|b2c] [--json]",
			graph: true, run: runExport,
			operations: []string{"listApiConnectors", "getB2xUserFlowApiConnectorConfiguration", "getB2cUserFlowApiConnectorConfiguration"},
		},
		{
			name: "serve", summary: "Serve the in-memory fake Graph over HTTP, for other programs' tests.",
			args: "[--addr 127.0.0.1:8080] [--seed FILE] [--page-size N] [--verbose]",
			run:  runServe,
		},
		{
			name: "endpoint test", summary: "Send an endpoint the calls a user flow makes at a step, and check each answer against the call contract.",
			args: "--url URL --step STEP [--platform entra|b2c] [--username USER --password-stdin | --pkcs12-file FILE [--pkcs12-password-stdin]] [--claims FILE] [--json]",
			run:  runEndpointTest,
		},
		{
			name: "simulate", summary: "Play a user flow: call each bound connector in the flow's order, and report what the person signing up sees.",
			args:  "--user-flow ID [--kind b2x|b2c] --claims FILE --credentials FILE|- [--json]",
			graph: true, run: runSimulate,
			operations: []string{"getB2xUserFlowApiConnectorConfiguration", "getB2cUserFlowApiConnectorConfiguration"},
		},
		{
			name: "proxy", summary: "Forward a client's traffic to Graph or serve, validating every exchange and recording it as HAR, secrets masked.",
			args: "--listen 127.0.0.1:PORT --upstream URL [--record FILE.har] [--fail-on-violation]",
			run:  runProxy,
		},
		{
			name: "validate", summary: "Check recorded exchanges (.http pairs, directories, HAR) against the contract.",
			args: "[--format text|json|junit] [--require-auth] PATH...",
			run:  runValidate,
		},
	}
}

// findCommand returns the command args start with (the longest name that matches, so that
// "endpoint test" wins over "endpoint") and the arguments after its name.
func findCommand(args []string) (commandSpec, []string, bool) {
	var best commandSpec
	bestWords := 0
	for _, spec := range commandTable() {
		words := strings.Fields(spec.name)
		if len(words) > len(args) || len(words) <= bestWords {
			continue
		}
		if strings.Join(args[:len(words)], " ") == spec.name {
			best, bestWords = spec, len(words)
		}
	}
	if bestWords == 0 {
		return commandSpec{}, nil, false
	}
	return best, args[bestWords:], true
}

// lookupCommand returns the entry of a command by name; every run function has one.
func lookupCommand(name string) commandSpec {
	for _, spec := range commandTable() {
		if spec.name == name {
			return spec
		}
	}
	panic("apiconnector: no commandTable entry for " + name)
}
