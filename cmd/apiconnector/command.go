package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"regexp"
	"strings"

	"github.com/graph-apiconnector/apiconnector/client"
)

// command is what every subcommand shares: its table entry, flags, streams and output.
type command struct {
	spec   commandSpec
	flags  *flag.FlagSet
	common commonFlags
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
}

// newCommand starts the command named in commandTable; a Graph command gets the shared
// target and output flags.
func newCommand(name string, stdin io.Reader, stdout, stderr io.Writer) *command {
	spec := lookupCommand(name)
	c := &command{spec: spec, flags: flag.NewFlagSet(name, flag.ContinueOnError), stdin: stdin, stdout: stdout, stderr: stderr}
	// Errors and usage are printed by parse, once and with one prefix.
	c.flags.SetOutput(io.Discard)
	c.flags.Usage = func() {}
	if spec.graph {
		c.common.register(c.flags)
	}
	return c
}

// parse parses flags placed anywhere among the arguments and checks that the command's
// positional arguments are all there, and no more. A code of 0 or more means: stop and exit
// with it (0 after --help, which prints the usage on stdout).
func (c *command) parse(args []string) ([]string, int) {
	positional, err := parseFlags(c.flags, args, io.Discard)
	if errors.Is(err, flag.ErrHelp) {
		printCommandUsage(c.stdout, c.spec, c.flags)
		return nil, exitOK
	}
	if err != nil {
		return nil, c.usageError("%s", flagErrorText(err))
	}
	if c.spec.graph {
		if err := c.common.check(); err != nil {
			return nil, c.fail(err)
		}
	}
	want := c.spec.positional
	switch {
	case len(positional) < len(want):
		return nil, c.usageError("missing %s", want[len(positional)])
	case len(positional) > len(want):
		return nil, c.usageError("unexpected argument %q", positional[len(want)])
	}
	return positional, -1
}

// usageError is a mistake in how the command was called: one line, then its usage.
func (c *command) usageError(format string, args ...any) int {
	diagf(c.stderr, "apiconnector %s: %s\n", c.spec.name, fmt.Sprintf(format, args...))
	printCommandUsage(c.stderr, c.spec, c.flags)
	return exitUsage
}

// flagSyntax finds the flag package's single-dash names (-name), which the user typed as
// --name; a one-letter flag (-f) keeps its one dash.
var flagSyntax = regexp.MustCompile(`(^|[ :])-([A-Za-z][A-Za-z0-9-]+)`)

func flagErrorText(err error) string {
	return flagSyntax.ReplaceAllString(err.Error(), "$1--$2")
}

// prepare parses args and builds the client, for commands that need nothing in between.
// A code of 0 or more means: stop and exit with it.
func (c *command) prepare(args []string) ([]string, *client.Client, int) {
	positional, code := c.parse(args)
	if code >= 0 {
		return nil, nil, code
	}
	cl, code := c.client()
	return positional, cl, code
}

func (c *command) client() (*client.Client, int) {
	cl, err := newClient(c.common, c.stderr)
	if err != nil {
		return nil, c.printError(err, nil)
	}
	return cl, -1
}

// fail reports bad input that is not a usage mistake: no usage is printed.
func (c *command) fail(err error) int {
	diagf(c.stderr, "apiconnector %s: %s\n", c.spec.name, plainMessage(err))
	return exitUsage
}

func (c *command) print(asList bool, cs ...client.Connector) int {
	if err := printConnectors(c.stdout, c.common.output, asList, cs...); err != nil {
		diagf(c.stderr, "apiconnector %s: %v\n", c.spec.name, err)
		return exitViolation
	}
	return exitOK
}

// fieldFlags maps the client's FieldError names to what the user typed for them: a flag,
// an argument, an environment variable. problem, when set, replaces the client's wording,
// which speaks of Go fields.
type fieldFlags map[string]flagName

type flagName struct{ flag, problem string }

// printError reports err with one prefix and returns its exit code: Graph's code, message
// and request-id; each bad input under the flag that set it; a missing credential.
func (c *command) printError(err error, fields fieldFlags) int {
	var (
		graphErr *client.Error
		inputErr *client.ValidationError
		credErr  *credentialError
		flagErr  *flagValueError
	)
	prefix := "apiconnector " + c.spec.name + ": "
	switch {
	case errors.As(err, &graphErr):
		diagf(c.stderr, "%sGraph answered %d %s: %s (request-id %s, client-request-id %s)\n", prefix,
			graphErr.StatusCode, graphErr.Code, graphErr.Message, orDash(graphErr.RequestID), orDash(graphErr.ClientRequestID))
		return exitGraphError
	case errors.As(err, &inputErr):
		for _, f := range inputErr.Fields {
			name, problem := f.Field, f.Problem
			if mapped, ok := fields[f.Field]; ok {
				name = mapped.flag
				if mapped.problem != "" {
					problem = mapped.problem
				}
			}
			if name == "" {
				diagf(c.stderr, "%s%s\n", prefix, problem)
			} else {
				diagf(c.stderr, "%s%s: %s\n", prefix, name, problem)
			}
		}
		return exitUsage
	case errors.As(err, &flagErr):
		diagf(c.stderr, "%s%s: %s\n", prefix, flagErr.flag, plainMessage(flagErr.err))
		return exitUsage
	case errors.As(err, &credErr):
		diagf(c.stderr, "%scould not get a credential: %s\n", prefix, plainMessage(credErr.err))
		return exitCredential
	default:
		diagf(c.stderr, "%s%s\n", prefix, plainMessage(err))
		return exitViolation
	}
}

// plainMessage drops the client's own "apiconnector: " prefixes, so that a message has one.
func plainMessage(err error) string {
	return strings.ReplaceAll(err.Error(), "apiconnector: ", "")
}

// flagValueError is a flag's value that the client refused.
type flagValueError struct {
	flag string
	err  error
}

func (e *flagValueError) Error() string { return e.flag + ": " + e.err.Error() }
func (e *flagValueError) Unwrap() error { return e.err }

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
