package main

import (
	"context"
	"crypto/x509"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/graph-apiconnector/apiconnector/callcontract"
	"github.com/graph-apiconnector/apiconnector/client"
	"github.com/graph-apiconnector/apiconnector/conformance"
)

// endpointTestDetails follows the usage in `endpoint test --help`.
const endpointTestDetails = `
It sends the documented call for the step and platform, then minimal and all claims, a custom
attribute, non-ASCII names, an optional claim left out and the --claims file, each with the
connector's credentials, and one call with wrong credentials. Each answer is checked against
the call contract (openapi/connector-call.yaml): status against action, version and required
fields, strict JSON and application/json, the actions the step allows, claim names, the
platform's time budget (entra 20 s, b2c 5 s), and TLS 1.2 with a documented cipher suite.
An http URL is accepted on loopback only.

exit codes:
  0  conformant
  1  a violation
  2  bad usage or input, or an unreachable endpoint
`

// maxClaimsBytes bounds a claims or credentials file.
const maxClaimsBytes = 1 << 20

func runEndpointTest(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	c := newCommand("endpoint test", stdin, stdout, stderr)
	var (
		auth                   authFlags
		target, step, platform string
		claimsFile, caFile     string
		asJSON                 bool
	)
	c.flags.StringVar(&target, "url", "", "the endpoint: the connector's targetUrl, as `URL`")
	c.flags.StringVar(&step, "step", "", "the `STEP` that calls it: postFederationSignup, postAttributeCollection or preTokenIssuance (b2c)")
	c.flags.StringVar(&platform, "platform", string(callcontract.Entra), "the `PLATFORM` whose user flow calls: entra (External ID self-service sign-up) or b2c")
	c.flags.StringVar(&claimsFile, "claims", "", "a JSON `FILE` with an object of claims to send as one more call")
	c.flags.StringVar(&caFile, "ca-file", "", "a `PEM` file of certificates to trust for the endpoint's TLS certificate, besides the system's")
	c.flags.BoolVar(&asJSON, "json", false, "print the report as JSON")
	auth.register(c.flags)
	positional, err := parseFlags(c.flags, args, io.Discard)
	switch {
	case errors.Is(err, flag.ErrHelp):
		printCommandUsage(stdout, c.spec, c.flags)
		diagf(stdout, "%s", endpointTestDetails)
		return exitOK
	case err != nil:
		return c.usageError("%s", flagErrorText(err))
	case len(positional) > 0:
		return c.usageError("unexpected argument %q", positional[0])
	case target == "":
		return c.usageError("--url is required")
	case step == "":
		return c.usageError("--step is required")
	}
	cfg := conformance.Config{URL: target, Platform: callcontract.Platform(platform), Step: callcontract.Step(step)}
	if cfg.Credentials, err = endpointCredentials(auth, stdin); err != nil {
		return c.fail(err)
	}
	if claimsFile != "" {
		if cfg.Claims, err = readClaimsFile(claimsFile); err != nil {
			return c.fail(err)
		}
	}
	if caFile != "" {
		if cfg.RootCAs, err = readCAFile(caFile); err != nil {
			return c.fail(err)
		}
	}
	report, err := conformance.Test(ctx, cfg)
	var input *conformance.InputError
	switch {
	case errors.As(err, &input):
		return c.fail(fmt.Errorf("--%s: %s", input.Field, input.Problem))
	case err != nil:
		return c.fail(err)
	}
	if err := printEndpointReport(stdout, report, asJSON); err != nil {
		diagf(stderr, "apiconnector endpoint test: %v\n", err)
		return exitUsage
	}
	if !report.Conformant {
		return exitViolation
	}
	return exitOK
}

// endpointCredentials builds the caller's credentials from the same flags create takes.
func endpointCredentials(auth authFlags, stdin io.Reader) (conformance.Credentials, error) {
	a, err := auth.auth(stdin)
	if err != nil {
		return conformance.Credentials{}, err
	}
	switch a := a.(type) {
	case client.BasicAuth:
		if a.Password == "" {
			return conformance.Credentials{}, fmt.Errorf("--password-stdin: basic authentication needs a password (or set %s)", envPassword)
		}
		return conformance.Basic(a.Username, a.Password), nil
	case client.PKCS12:
		creds, err := conformance.Certificate(a.Value, a.Password)
		if err != nil {
			return conformance.Credentials{}, fmt.Errorf("--pkcs12-file: %w", err)
		}
		return creds, nil
	}
	return conformance.Credentials{}, errors.New("the endpoint's credentials are required: --username with --password-stdin, or --pkcs12-file")
}

// readClaimsFile reads a JSON object of claims; the flag is named in every error.
func readClaimsFile(path string) (map[string]any, error) {
	data, err := readBounded(path, "--claims")
	if err != nil {
		return nil, err
	}
	var claims map[string]any
	if err := json.Unmarshal(data, &claims); err != nil || claims == nil {
		return nil, fmt.Errorf("--claims %s: not a JSON object", path)
	}
	return claims, nil
}

func readCAFile(path string) (*x509.CertPool, error) {
	data, err := readBounded(path, "--ca-file")
	if err != nil {
		return nil, err
	}
	pool, err := x509.SystemCertPool()
	if err != nil {
		pool = x509.NewCertPool()
	}
	if !pool.AppendCertsFromPEM(data) {
		return nil, fmt.Errorf("--ca-file %s: no PEM certificate in it", path)
	}
	return pool, nil
}

func readBounded(path, flagName string) ([]byte, error) {
	f, err := os.Open(path) //nolint:gosec // G304: the user names the file
	if err != nil {
		return nil, fmt.Errorf("%s: %w", flagName, err)
	}
	defer func() { _ = f.Close() }() // opened read-only
	data, err := io.ReadAll(io.LimitReader(f, maxClaimsBytes+1))
	if err != nil {
		return nil, fmt.Errorf("%s %s: %w", flagName, path, err)
	}
	if len(data) > maxClaimsBytes {
		return nil, fmt.Errorf("%s %s is larger than %d bytes", flagName, path, maxClaimsBytes)
	}
	return data, nil
}

func printEndpointReport(w io.Writer, r conformance.Report, asJSON bool) error {
	if asJSON {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(r)
	}
	verdict := "conformant"
	if !r.Conformant {
		verdict = "NOT conformant"
	}
	if _, err := fmt.Fprintf(w, "%s (%s, %s): %s\n", r.URL, r.Platform, r.Step, verdict); err != nil {
		return err
	}
	for _, c := range r.Checks {
		mark := "ok  "
		if !c.OK {
			mark = "FAIL"
		}
		if _, err := fmt.Fprintf(w, "  %s  %s\n", mark, c.Name); err != nil {
			return err
		}
		if err := printViolations(w, "          ", c.Violations); err != nil {
			return err
		}
	}
	return nil
}

func printViolations(w io.Writer, indent string, vs []callcontract.Violation) error {
	for _, v := range vs {
		pointer := v.Pointer
		if pointer == "" {
			pointer = "(body)"
		}
		if _, err := fmt.Fprintf(w, "%s%s: %s: %s\n", indent, pointer, v.Kind, v.Message); err != nil {
			return err
		}
	}
	return nil
}
