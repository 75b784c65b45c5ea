package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
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
	trustHost  string
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
	fs.StringVar(&c.trustHost, "trust-host", "", "with --base-url and no "+envToken+", send the Azure credential's token to HOST, the host of --base-url; it goes nowhere but the cloud's Graph host otherwise")
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

// isSecretFlag reports whether name is a boolean flag of fs about a secret, such as
// --password-stdin.
func isSecretFlag(fs *flag.FlagSet, name string) bool {
	f := fs.Lookup(name)
	if f == nil {
		return false
	}
	if b, ok := f.Value.(interface{ IsBoolFlag() bool }); !ok || !b.IsBoolFlag() {
		return false
	}
	folded := strings.ToLower(name)
	return strings.Contains(folded, "password") || strings.Contains(folded, "token") || strings.Contains(folded, "secret")
}

// parseFlags parses flags placed before, between or after positional arguments, and refuses
// secrets given as flags. It returns the positional arguments.
func parseFlags(fs *flag.FlagSet, args []string, stderr io.Writer) ([]string, error) {
	for _, a := range args {
		if a == "--" {
			break
		}
		name := strings.TrimLeft(a, "-")
		name, value, hasValue := strings.Cut(name, "=")
		if !strings.HasPrefix(a, "-") {
			continue
		}
		if safe, ok := secretFlagNames[name]; ok {
			return nil, fmt.Errorf("secrets are not accepted as arguments (--%s); use %s", name, safe)
		}
		// The flag package quotes a bad value in its error ("invalid boolean value"); a
		// value given to a secret's flag may be the secret itself, so it is judged here
		// and never shown.
		if hasValue && isSecretFlag(fs, name) {
			if _, err := strconv.ParseBool(value); err != nil {
				return nil, fmt.Errorf("--%s takes no value (or true or false); the value given is not shown", name)
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
