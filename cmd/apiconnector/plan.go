package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/graph-apiconnector/apiconnector/client"
	"github.com/graph-apiconnector/apiconnector/reconcile"
)

// stateFlags are the flags of plan and apply.
type stateFlags struct {
	file          string
	prune         bool
	rotateSecrets bool
	json          bool
	yes           bool
}

func (s *stateFlags) register(fs *flag.FlagSet, withYes bool) {
	fs.StringVar(&s.file, "f", "", "the desired-state `FILE`, YAML or JSON (required)")
	fs.StringVar(&s.file, "file", "", "the desired-state `FILE` (same as -f)")
	fs.BoolVar(&s.prune, "prune", false, "delete the tenant's connectors the file does not name")
	fs.BoolVar(&s.rotateSecrets, "rotate-secrets", false, "send every basic-authentication password again (Graph never returns them, so they cannot be compared)")
	fs.BoolVar(&s.json, "json", false, `print JSON: {"changes":[{"action","kind","name","fields":[...]}]}`)
	if withYes {
		fs.BoolVar(&s.yes, "yes", false, "apply without asking")
	}
}

func (s *stateFlags) options() reconcile.Options {
	return reconcile.Options{Prune: s.prune, RotateSecrets: s.rotateSecrets}
}

// jsonOutput is --json, or --output json given explicitly.
func jsonOutput(c *command, jsonFlag bool) bool {
	if jsonFlag {
		return true
	}
	explicit := false
	c.flags.Visit(func(f *flag.Flag) {
		if f.Name == "output" {
			explicit = true
		}
	})
	return explicit && c.common.output == "json"
}

// loadState reads and checks the desired-state file and builds the client for its API
// version. Nothing is sent before the file is known to be good.
func loadState(c *command, sf *stateFlags) (*reconcile.Desired, *client.Client, int) {
	if sf.file == "" {
		return nil, nil, c.usageError("-f FILE is required: the desired-state file")
	}
	desired, err := reconcile.Load(sf.file, os.LookupEnv)
	if err != nil {
		// Every error of Load is about the file or what it points to.
		var fileErr *reconcile.FileError
		if !errors.As(err, &fileErr) {
			return nil, nil, c.fail(err)
		}
		return nil, nil, printStateError(c, err)
	}
	version := desired.File.Version
	if explicitAPIVersion(c) && c.common.apiVersion != version {
		return nil, nil, c.fail(fmt.Errorf("--api-version %s differs from the file's version %s; leave --api-version out, the file decides", c.common.apiVersion, version))
	}
	c.common.apiVersion = version
	cl, code := c.client()
	return desired, cl, code
}

func explicitAPIVersion(c *command) bool {
	set := false
	c.flags.Visit(func(f *flag.Flag) {
		if f.Name == "api-version" {
			set = true
		}
	})
	return set
}

// printStateError reports a bad file (exit 2); a tenant the file cannot be matched to, at
// the file's line (exit 3 when Graph answered with an error, as for a user flow it does not
// have, else 1); or any other error as every command does. None of them carries a secret.
func printStateError(c *command, err error) int {
	var fileErr *reconcile.FileError
	var tenantErr *reconcile.TenantError
	switch {
	case errors.As(err, &fileErr):
		for _, p := range fileErr.Problems {
			diagf(c.stderr, "apiconnector %s: %s [%s]\n", c.spec.name, p.String(fileErr.File), p.Kind)
		}
		return exitUsage
	case errors.As(err, &tenantErr):
		diagf(c.stderr, "apiconnector %s: %s\n", c.spec.name, plainMessage(err))
		return exitCodeOf(err)
	default:
		return c.printError(err, nil)
	}
}

// exitCodeOf is 3 for an error Graph answered, else 1: a request that got no answer, or a
// tenant that cannot be matched.
func exitCodeOf(err error) int {
	var graphErr *client.Error
	if errors.As(err, &graphErr) {
		return exitGraphError
	}
	return exitViolation
}

// makePlan parses the flags, loads the file and plans: what plan and apply both start
// with. A code of 0 or more means: stop and exit with it.
func makePlan(ctx context.Context, c *command, sf *stateFlags, args []string) (*client.Client, *reconcile.Plan, int) {
	if _, code := c.parse(args); code >= 0 {
		return nil, nil, code
	}
	desired, cl, code := loadState(c, sf)
	if cl == nil {
		return nil, nil, code
	}
	plan, err := reconcile.MakePlan(ctx, cl, desired, sf.options())
	if err != nil {
		return nil, nil, printStateError(c, err)
	}
	return cl, plan, -1
}

func runPlan(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	c := newCommand("plan", stdin, stdout, stderr)
	var sf stateFlags
	sf.register(c.flags, false)
	detailed := c.flags.Bool("detailed-exitcode", false, "exit 5, not 0, when the plan has changes, so that CI can tell them from none without reading --json")
	_, plan, code := makePlan(ctx, c, &sf, args)
	if code >= 0 {
		return code
	}
	if jsonOutput(c, sf.json) {
		code = c.writeJSON(plan)
	} else if err := writePlan(stdout, sf.file, plan); err != nil {
		diagf(stderr, "apiconnector plan: %v\n", err)
		code = exitViolation
	} else {
		code = exitOK
	}
	if code == exitOK && *detailed && len(plan.Changes) > 0 {
		return exitChangesPending
	}
	return code
}

func (c *command) writeJSON(v any) int {
	enc := json.NewEncoder(c.stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		diagf(c.stderr, "apiconnector %s: %v\n", c.spec.name, err)
		return exitViolation
	}
	return exitOK
}
