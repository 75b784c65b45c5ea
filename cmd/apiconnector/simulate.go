package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"sort"

	"github.com/graph-apiconnector/apiconnector/client"
	"github.com/graph-apiconnector/apiconnector/conformance"
	"github.com/graph-apiconnector/apiconnector/fake"
)

// simulateDetails follows the usage in `simulate --help`.
const simulateDetails = `
It reads the user flow's bound connectors from Graph (apiConnectorConfiguration with $expand),
calls each bound step's targetUrl in the flow's order with the claims as they evolve, as the
user flow would, and prints what the person signing up would experience and each call's
conformance verdict. With --fake, start from a --seed file as for serve.

--credentials is a JSON object keyed by connector id, since Graph never returns a password:
  {"<id>": {"password": "..."}}  or  {"<id>": {"pkcs12File": "cert.pfx", "pkcs12Password": "..."}}
With - it is read from standard input.

exit codes:
  0  the flow ran and every call was conformant
  1  a call broke the contract or got no answer in time
  2  bad usage or input; nothing was sent
  3  Graph answered with an error
  4  no credential for Graph could be obtained
`

// simulationOutput is the --json output.
type simulationOutput struct {
	Outcome     conformance.Outcome         `json:"outcome"`
	UserMessage string                      `json:"userMessage,omitempty"`
	Claims      map[string]any              `json:"claims"`
	Calls       []conformance.SimulatedCall `json:"calls"`
}

func runSimulate(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	c := newCommand("simulate", stdin, stdout, stderr)
	var (
		flowID, kind, claimsFile, credsFile, seed string
		caFile                                    string
		asJSON                                    bool
	)
	c.flags.StringVar(&flowID, "user-flow", "", "the user flow's `ID`")
	c.flags.StringVar(&kind, "kind", string(client.B2X), "b2x (External ID self-service sign-up) or b2c (beta only)")
	c.flags.StringVar(&claimsFile, "claims", "", "a JSON `FILE` with an object of the claims the person enters or the identity provider gives")
	c.flags.StringVar(&credsFile, "credentials", "", "a JSON `FILE` of the connectors' secrets keyed by connector id, or - for standard input")
	c.flags.StringVar(&seed, "seed", "", "with --fake: a seed `FILE` of connectors and user flows, as for serve")
	c.flags.StringVar(&caFile, "ca-file", "", "a `PEM` file of certificates to trust for the targets' TLS certificates, besides the system's")
	c.flags.BoolVar(&asJSON, "json", false, "print the simulation as JSON")
	positional, err := parseFlags(c.flags, args, io.Discard)
	switch {
	case errors.Is(err, flag.ErrHelp):
		printCommandUsage(stdout, c.spec, c.flags)
		diagf(stdout, "%s", simulateDetails)
		return exitOK
	case err != nil:
		return c.usageError("%s", flagErrorText(err))
	case len(positional) > 0:
		return c.usageError("unexpected argument %q", positional[0])
	case flowID == "":
		return c.usageError("--user-flow is required")
	case kind != string(client.B2X) && kind != string(client.B2C):
		return c.usageError("--kind must be b2x or b2c, not %q", kind)
	case claimsFile == "":
		return c.usageError("--claims is required")
	case credsFile == "":
		return c.usageError("--credentials is required (a file, or - for standard input)")
	case seed != "" && !c.common.fake:
		return c.usageError("--seed needs --fake")
	}
	if err := c.common.check(); err != nil {
		return c.fail(err)
	}
	if kind == string(client.B2C) && !flagSet(c.flags, "api-version") {
		c.common.apiVersion = client.VersionBeta // Graph has b2cUserFlows only in beta
	}
	cfg := conformance.SimulationConfig{Kind: client.UserFlowKind(kind), FlowID: flowID}
	if cfg.Claims, err = readClaimsFile(claimsFile); err != nil {
		return c.fail(err)
	}
	if cfg.Secrets, err = readSimulationSecrets(credsFile, stdin); err != nil {
		return c.fail(err)
	}
	if caFile != "" {
		if cfg.RootCAs, err = readCAFile(caFile); err != nil {
			return c.fail(err)
		}
	}
	if cfg.Graph, err = simulationClient(c.common, seed, stderr); err != nil {
		return c.printError(err, nil)
	}

	sim, err := conformance.Simulate(ctx, cfg)
	var input *conformance.InputError
	switch {
	case errors.As(err, &input):
		return c.fail(fmt.Errorf("--%s: %s", input.Field, input.Problem))
	case err != nil:
		return c.printError(err, fieldFlags{"flowID": {flag: "--user-flow"}, "kind": {flag: "--kind"}})
	}
	if err := printSimulation(stdout, flowID, sim, asJSON); err != nil {
		diagf(stderr, "apiconnector simulate: %v\n", err)
		return exitUsage
	}
	if !sim.Conformant() {
		return exitViolation
	}
	return exitOK
}

func flagSet(fs *flag.FlagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}

// simulationClient is newClient, except that --fake may start from a seed, since an empty
// fake has no user flow to play.
func simulationClient(common commonFlags, seed string, stderr io.Writer) (*client.Client, error) {
	if !common.fake {
		return newClient(common, stderr)
	}
	server := fake.New()
	if seed != "" {
		if err := loadSeed(server, seed); err != nil {
			return nil, err
		}
	}
	return client.New(
		client.WithAPIVersion(common.apiVersion),
		client.WithUserAgent(userAgent),
		client.WithHTTPClient(&http.Client{Transport: server.Transport()}),
		client.WithStaticToken("fake-token"))
}

// simulationSecret is one entry of the credentials file.
type simulationSecret struct {
	Password       string `json:"password"`
	PKCS12File     string `json:"pkcs12File"`
	PKCS12Password string `json:"pkcs12Password"`
}

// readSimulationSecrets reads the credentials file, or standard input for "-". Errors name
// the flag and the connector id, never a value.
func readSimulationSecrets(path string, stdin io.Reader) (map[string]conformance.Secret, error) {
	var data []byte
	var err error
	if path == "-" {
		data, err = io.ReadAll(io.LimitReader(stdin, maxClaimsBytes+1))
		if err == nil && len(data) > maxClaimsBytes {
			err = errors.New("too long")
		}
		if err != nil {
			return nil, fmt.Errorf("--credentials -: standard input: %w", err)
		}
	} else if data, err = readBounded(path, "--credentials"); err != nil {
		return nil, err
	}
	var entries map[string]simulationSecret
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&entries); err != nil || entries == nil {
		// The decoder's message can quote the input, which holds passwords.
		return nil, errors.New(`--credentials: want a JSON object {"<connector id>": {"password": "..."} or {"pkcs12File": "...", "pkcs12Password": "..."}}`)
	}
	ids := make([]string, 0, len(entries))
	for id := range entries {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	out := map[string]conformance.Secret{}
	for _, id := range ids {
		e := entries[id]
		switch {
		case e.Password != "" && e.PKCS12File != "":
			return nil, fmt.Errorf("--credentials: %s: give password or pkcs12File, not both", id)
		case e.PKCS12File != "":
			pfx, err := readPFX(e.PKCS12File)
			if err != nil {
				return nil, fmt.Errorf("--credentials: %s: pkcs12File: %w", id, err)
			}
			out[id] = conformance.Secret{PKCS12: pfx, PKCS12Password: e.PKCS12Password}
		case e.Password != "":
			out[id] = conformance.Secret{Password: e.Password}
		default:
			return nil, fmt.Errorf("--credentials: %s: needs password or pkcs12File", id)
		}
	}
	return out, nil
}

func printSimulation(w io.Writer, flowID string, sim conformance.Simulation, asJSON bool) error {
	if asJSON {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(simulationOutput(sim))
	}
	experience := map[conformance.Outcome]string{
		conformance.OutcomeContinue:        "the person goes on; the account is created with the claims below",
		conformance.OutcomeBlock:           "the person sees a block page: " + sim.UserMessage,
		conformance.OutcomeValidationError: "the person stays on the attribute page and reads: " + sim.UserMessage,
		conformance.OutcomeError:           "the person sees an error: a call broke the contract or got no answer in time",
	}[sim.Outcome]
	if _, err := fmt.Fprintf(w, "user flow %s: %s\n", flowID, experience); err != nil {
		return err
	}
	for _, c := range sim.Calls {
		if _, err := fmt.Fprintf(w, "  %s\n", c); err != nil {
			return err
		}
		if err := printViolations(w, "      ", c.Violations); err != nil {
			return err
		}
	}
	claims, err := json.Marshal(sim.Claims)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "claims: %s\n", claims)
	return err
}
