package conformance

import (
	"context"
	"crypto/x509"
	"errors"
	"fmt"
	"maps"
	"net/url"
	"strings"
	"time"

	"github.com/graph-apiconnector/apiconnector/callcontract"
	"github.com/graph-apiconnector/apiconnector/client"
)

// Outcome is what the person signing up experiences.
type Outcome string

// The outcomes. OutcomeError is a call the user flow cannot use (no answer in time, or one
// that breaks the contract): the docs do not say what the service shows then, so the
// simulation stops there.
const (
	OutcomeContinue        Outcome = "continue"
	OutcomeBlock           Outcome = "block"
	OutcomeValidationError Outcome = "validationError"
	OutcomeError           Outcome = "error"
)

// SimulatedCall is one connector call of a simulation.
type SimulatedCall struct {
	Step        callcontract.Step        `json:"step"`
	ConnectorID string                   `json:"connectorId"`
	Status      int                      `json:"status"` // 0 when no answer came
	Attempts    int                      `json:"attempts"`
	Conformant  bool                     `json:"conformant"`
	Action      callcontract.Action      `json:"action,omitempty"`
	Violations  []callcontract.Violation `json:"violations"`
}

// Simulation is the result of playing a user flow.
type Simulation struct {
	Outcome     Outcome         `json:"outcome"`
	UserMessage string          `json:"userMessage,omitempty"`
	Claims      map[string]any  `json:"claims"`
	Calls       []SimulatedCall `json:"calls"`
}

// Conformant reports whether every call was.
func (s Simulation) Conformant() bool {
	for _, c := range s.Calls {
		if !c.Conformant {
			return false
		}
	}
	return true
}

// SimulationConfig is the user flow to play.
type SimulationConfig struct {
	Graph  *client.Client
	Kind   client.UserFlowKind
	FlowID string
	// Claims are what the person enters or the identity provider gives.
	Claims map[string]any
	// Secrets are the connectors' secrets by connector id: Graph returns a connector's
	// username but never its password, nor a certificate's key.
	Secrets map[string]Secret
	RootCAs *x509.CertPool
	// Budget overrides the platform's time budget when positive; tests use it.
	Budget time.Duration
}

// flowSteps are the steps a user flow runs, in order, with the binding Graph reports.
// preTokenIssuance is Azure AD B2C's only (a b2x flow's binding of it, which beta's metadata
// allows, is never called by the service).
var flowSteps = []struct {
	step    callcontract.Step
	b2cOnly bool
	binding func(client.UserFlowConfiguration) *client.Connector
}{
	{callcontract.PostFederationSignup, false, func(c client.UserFlowConfiguration) *client.Connector { return c.PostFederationSignup }},
	{callcontract.PostAttributeCollection, false, func(c client.UserFlowConfiguration) *client.Connector { return c.PostAttributeCollection }},
	{callcontract.PreTokenIssuance, true, func(c client.UserFlowConfiguration) *client.Connector { return c.PreTokenIssuance }},
}

// Simulate reads the flow's bound connectors from Graph and calls each bound step's target in
// the flow's order, with the claims as they evolve. It returns an *InputError for missing
// credentials or bad claims, and Graph's error when the flow cannot be read.
func Simulate(ctx context.Context, cfg SimulationConfig) (Simulation, error) {
	c, err := callcontract.Load()
	if err != nil {
		return Simulation{}, err
	}
	platform := callcontract.Entra
	if cfg.Kind == client.B2C {
		platform = callcontract.B2C
	}
	if cfg.Claims == nil {
		return Simulation{}, &InputError{Field: "claims", Problem: "a JSON object of claims is required"}
	}
	flow, err := cfg.Graph.UserFlowConfiguration(ctx, cfg.Kind, cfg.FlowID)
	if err != nil {
		return Simulation{}, err
	}
	type boundStep struct {
		step      callcontract.Step
		connector client.Connector
		creds     Credentials
	}
	var bound []boundStep
	for _, s := range flowSteps {
		conn := s.binding(flow)
		if conn == nil || (s.b2cOnly && platform != callcontract.B2C) {
			continue
		}
		creds, err := credentialsFor(*conn, cfg.Secrets)
		if err != nil {
			return Simulation{}, &InputError{Field: "credentials", Problem: "connector " + conn.ID + " (" + string(s.step) + "): " + err.Error()}
		}
		bound = append(bound, boundStep{s.step, *conn, creds})
	}

	sim := Simulation{Outcome: OutcomeContinue, Claims: maps.Clone(cfg.Claims), Calls: []SimulatedCall{}}
	for _, b := range bound {
		call, reply := simulateCall(ctx, c, cfg, platform, b.step, b.connector, b.creds, sim.Claims)
		sim.Calls = append(sim.Calls, call)
		switch {
		case !call.Conformant:
			sim.Outcome = OutcomeError
			return sim, nil
		case reply.Action == callcontract.ShowBlockPage:
			sim.Outcome, sim.UserMessage = OutcomeBlock, reply.UserMessage
			return sim, nil
		case reply.Action == callcontract.ValidationError:
			sim.Outcome, sim.UserMessage = OutcomeValidationError, reply.UserMessage
			return sim, nil
		}
		maps.Copy(sim.Claims, reply.Claims)
	}
	return sim, nil
}

// Secret is what Graph never returns of a connector: its Basic password, or its .pfx and
// the .pfx's password. It prints as a mask.
type Secret struct {
	Password       string
	PKCS12         []byte
	PKCS12Password string
}

// String hides the secret.
func (Secret) String() string { return "******" }

// GoString hides the secret from %#v.
func (Secret) GoString() string { return "******" }

// credentialsFor joins what Graph says of a connector's authentication with its secret.
func credentialsFor(conn client.Connector, secrets map[string]Secret) (Credentials, error) {
	secret, ok := secrets[conn.ID]
	if !ok {
		return Credentials{}, errors.New("no entry in the credentials")
	}
	switch a := conn.Auth.(type) {
	case client.BasicAuth:
		if secret.Password == "" {
			return Credentials{}, errors.New("basic authentication: the entry needs a password")
		}
		return Basic(a.Username, secret.Password), nil
	case client.ClientCertificates:
		if len(secret.PKCS12) == 0 {
			return Credentials{}, errors.New("certificate authentication: the entry needs a pkcs12File")
		}
		creds, err := Certificate(secret.PKCS12, secret.PKCS12Password)
		if err != nil {
			return Credentials{}, err
		}
		for _, cert := range a.Certificates {
			if strings.EqualFold(cert.Thumbprint, creds.Thumbprint()) {
				return creds, nil
			}
		}
		return Credentials{}, errors.New("the .pfx is not one of the connector's certificates (thumbprint " + creds.Thumbprint() + ")")
	}
	return Credentials{}, errors.New("the authentication type Graph reports is not one the simulator knows")
}

// simulateCall makes one step's call as the service does: once, and once more after a
// timeout (the platform's retries).
func simulateCall(ctx context.Context, c *callcontract.Contract, cfg SimulationConfig, platform callcontract.Platform,
	step callcontract.Step, conn client.Connector, creds Credentials, claims map[string]any) (SimulatedCall, callcontract.Reply) {
	out := SimulatedCall{Step: step, ConnectorID: conn.ID}
	fail := func(vs []callcontract.Violation) (SimulatedCall, callcontract.Reply) {
		out.Violations = vs
		return out, callcontract.Reply{}
	}
	target, err := url.Parse(conn.TargetURL)
	if err != nil || (target.Scheme != "https" && target.Scheme != "http") || target.Host == "" {
		return fail([]callcontract.Violation{{Pointer: "/url", Kind: callcontract.KindScheme, Message: "the connector's targetUrl is not an absolute http or https URL"}})
	}
	if vs := schemeViolations(target); len(vs) > 0 {
		return fail(vs)
	}
	if creds.IsCertificate() && target.Scheme != "https" {
		return fail([]callcontract.Violation{{Pointer: "/url", Kind: callcontract.KindScheme,
			Message: "the connector authenticates with a certificate, which only an https targetUrl can carry"}})
	}
	budget := c.Platforms[platform].Timeout
	if cfg.Budget > 0 {
		budget = cfg.Budget
	}
	cl := &caller{contract: c, platform: platform, step: step, target: target, rootCAs: cfg.RootCAs, budget: budget}
	body := forPlatform(c, platform, step, claims)
	var ex exchange
	for out.Attempts = 1; ; out.Attempts++ {
		ex, err = cl.call(ctx, creds, body)
		if !errors.Is(err, errTimeout) || out.Attempts > c.Platforms[platform].Retries {
			break
		}
	}
	reply := cl.check(ex, err)
	out.Status, out.Action, out.Violations = ex.status, reply.Action, reply.Violations
	if out.Violations == nil {
		out.Violations = []callcontract.Violation{}
	}
	out.Conformant = len(out.Violations) == 0
	return out, reply
}

// String summarises a call for people.
func (c SimulatedCall) String() string {
	verdict := "conformant"
	if !c.Conformant {
		verdict = "NOT conformant"
	}
	return fmt.Sprintf("%s -> connector %s: HTTP %d %s (%s)", c.Step, c.ConnectorID, c.Status, c.Action, verdict)
}
