package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
)

// commonFlags are taken by every subcommand that talks to Graph.
type commonFlags struct {
	fake       bool
	baseURL    string
	cloud      string
	apiVersion string
	output     string
	verbose    bool
}

func (c *commonFlags) register(fs *flag.FlagSet) {
	fs.BoolVar(&c.fake, "fake", false, "run against an in-process fake Graph instead of the real one. Every process starts with an empty fake, "+
		"so what one command creates the next cannot see; for state across commands run 'apiconnector serve' and pass its URL with --base-url")
	fs.StringVar(&c.baseURL, "base-url", "", "root `URL` of a Graph-compatible endpoint, without the version (e.g. http://127.0.0.1:8080); "+
		"the bearer token comes from "+envToken)
	fs.StringVar(&c.cloud, "cloud", "global", "national `cloud`: global, usgovl4, usgovl5 (dod) or china")
	fs.StringVar(&c.apiVersion, "api-version", "v1.0", "Graph API `version`: v1.0 or beta")
	fs.StringVar(&c.output, "output", "json", "output `format`: json or table")
	fs.BoolVar(&c.verbose, "verbose", false, "write debug logs (never bodies or secrets) to stderr")
}

func (c *commonFlags) check() error {
	if c.output != "json" && c.output != "table" {
		return fmt.Errorf("--output must be json or table, not %q", c.output)
	}
	if c.fake && c.baseURL != "" {
		return errors.New("--fake and --base-url cannot be combined")
	}
	return nil
}

// secretFlagNames are flags that would put a secret on the command line, where shell
// history and process listings keep it. They are refused with a pointer to the safe way.
var secretFlagNames = map[string]string{ //nolint:gosec // G101: flag names and advice, no secret values
	"password":        "--password-stdin or " + envPassword,
	"pkcs12-password": "--pkcs12-password-stdin or " + envPKCS12Password,
	"token":           "a credential from the environment or an Azure CLI login",
}

// parseFlags parses flags placed before, between or after positional arguments, and refuses
// secrets given as flags. It returns the positional arguments.
func parseFlags(fs *flag.FlagSet, args []string, stderr io.Writer) ([]string, error) {
	for _, a := range args {
		name := strings.TrimLeft(a, "-")
		name, _, _ = strings.Cut(name, "=")
		if strings.HasPrefix(a, "-") {
			if safe, ok := secretFlagNames[name]; ok {
				return nil, fmt.Errorf("secrets are not accepted as arguments (--%s); use %s", name, safe)
			}
		}
	}
	fs.SetOutput(stderr)
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return positional, nil
		}
		positional = append(positional, rest[0])
		args = rest[1:]
	}
}
