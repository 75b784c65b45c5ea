package callcontract

import (
	"crypto/tls"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
)

// Platform is the product whose user flow makes the call.
type Platform string

// The platforms, as the spec's x-platforms names them.
const (
	Entra Platform = "entra" // Entra External ID self-service sign-up (Graph's b2xUserFlows)
	B2C   Platform = "b2c"   // Azure AD B2C user flows (b2cUserFlows)
)

// Step is the point of the user flow that calls the connector, named as Graph's
// apiConnectorConfiguration names it.
type Step string

// The steps, as the spec's x-connector-steps names them.
const (
	PostFederationSignup    Step = "postFederationSignup"
	PostAttributeCollection Step = "postAttributeCollection"
	PreTokenIssuance        Step = "preTokenIssuance" //nolint:gosec // G101: a step name, not a credential
)

// Action is what an answer tells the user flow to do.
type Action string

// The actions of the three answers.
const (
	Continue        Action = "Continue"
	ShowBlockPage   Action = "ShowBlockPage"
	ValidationError Action = "ValidationError"
)

// StatusOf is the HTTP status each action must be sent with.
func StatusOf(a Action) int {
	if a == ValidationError {
		return 400
	}
	return 200
}

// StepRule is what x-connector-steps says of one step.
type StepRule struct {
	Platforms      []Platform `json:"platforms"`
	StepClaim      string     `json:"stepClaim"` // the value of the B2C `step` claim
	Actions        []Action   `json:"actions"`
	AlwaysSent     []string   `json:"alwaysSent"`
	ReadOnlyClaims []string   `json:"readOnlyClaims"`
}

// Allows reports whether the step accepts the action.
func (r StepRule) Allows(a Action) bool { return slices.Contains(r.Actions, a) }

// PlatformRule is what x-platforms says of one platform.
type PlatformRule struct {
	GraphCollection string        `json:"graphCollection"`
	Timeout         time.Duration `json:"-"`
	TimeoutSeconds  float64       `json:"timeoutSeconds"`
	Retries         int           `json:"retries"`
	SendsStepClaims bool          `json:"sendsStepClaims"` // step, client_id and objectId
}

// TLSRule is what x-tls says: the lowest version, and the documented cipher suites that
// crypto/tls implements, which are what a TLS 1.2 connection may use.
type TLSRule struct {
	MinVersion   uint16
	CipherSuites []uint16
}

func decodeExtension(ext map[string]any, name string, into any) error {
	raw, ok := ext[name]
	if !ok {
		return fmt.Errorf("callcontract: the operation has no %s", name)
	}
	data, err := json.Marshal(raw)
	if err != nil {
		return fmt.Errorf("callcontract: %s: %w", name, err)
	}
	if err := json.Unmarshal(data, into); err != nil {
		return fmt.Errorf("callcontract: %s: %w", name, err)
	}
	return nil
}

func readRules(op *openapi3.Operation) (map[Step]StepRule, map[Platform]PlatformRule, TLSRule, error) {
	steps := map[Step]StepRule{}
	platforms := map[Platform]PlatformRule{}
	var rawTLS struct {
		MinVersion   string   `json:"minVersion"`
		CipherSuites []string `json:"cipherSuites"`
	}
	for name, into := range map[string]any{"x-connector-steps": &steps, "x-platforms": &platforms, "x-tls": &rawTLS} {
		if err := decodeExtension(op.Extensions, name, into); err != nil {
			return nil, nil, TLSRule{}, err
		}
	}
	for p, r := range platforms {
		if r.TimeoutSeconds <= 0 {
			return nil, nil, TLSRule{}, fmt.Errorf("callcontract: x-platforms.%s.timeoutSeconds must be positive", p)
		}
		r.Timeout = time.Duration(r.TimeoutSeconds * float64(time.Second))
		platforms[p] = r
	}
	for s, r := range steps {
		for _, p := range r.Platforms {
			if _, ok := platforms[p]; !ok {
				return nil, nil, TLSRule{}, fmt.Errorf("callcontract: x-connector-steps.%s names unknown platform %q", s, p)
			}
		}
	}
	rule := TLSRule{}
	switch rawTLS.MinVersion {
	case "1.2":
		rule.MinVersion = tls.VersionTLS12
	case "1.3":
		rule.MinVersion = tls.VersionTLS13
	default:
		return nil, nil, TLSRule{}, fmt.Errorf("callcontract: x-tls.minVersion %q is not 1.2 or 1.3", rawTLS.MinVersion)
	}
	known := map[string]uint16{}
	// Two of the documented CBC suites are ones crypto/tls lists as insecure; two it does not
	// implement at all, so no Go caller can offer them and they are left out.
	for _, cs := range append(tls.CipherSuites(), tls.InsecureCipherSuites()...) {
		known[cs.Name] = cs.ID
	}
	for _, name := range rawTLS.CipherSuites {
		if id, ok := known[name]; ok {
			rule.CipherSuites = append(rule.CipherSuites, id)
		}
	}
	if len(rule.CipherSuites) == 0 {
		return nil, nil, TLSRule{}, fmt.Errorf("callcontract: x-tls names no cipher suite crypto/tls implements")
	}
	return steps, platforms, rule, nil
}
