// Package conformance plays the user flow's side of the connector call: the conformance
// tester sends an endpoint the documented calls of a step and platform and checks each
// answer against the call contract (callcontract), and the simulator plays a whole user flow
// whose connectors it reads from Graph. Neither ever reports a password, a client key or an
// Authorization header.
package conformance

import (
	"github.com/graph-apiconnector/apiconnector/callcontract"
)

// Check is one named check and what it found.
type Check struct {
	Name       string                   `json:"name"`
	OK         bool                     `json:"ok"`
	Violations []callcontract.Violation `json:"violations"`
}

func newCheck(name string, vs []callcontract.Violation) Check {
	if vs == nil {
		vs = []callcontract.Violation{}
	}
	return Check{Name: name, OK: len(vs) == 0, Violations: vs}
}

// Report is the tester's verdict on one endpoint.
type Report struct {
	URL        string                `json:"url"`
	Platform   callcontract.Platform `json:"platform"`
	Step       callcontract.Step     `json:"step"`
	Conformant bool                  `json:"conformant"`
	Checks     []Check               `json:"checks"`
}

// Check names, stable for scripts and tests.
const (
	CheckScheme           = "https target, or http on loopback"
	CheckTLS              = "TLS 1.2 with a documented cipher suite"
	CheckWrongCredentials = "wrong credentials refused" //nolint:gosec // G101: a check's name, not a credential
	CheckDocumented       = "documented call"
	CheckMinimal          = "minimal claims"
	CheckAllClaims        = "all claims"
	CheckCustomAttribute  = "custom attribute"
	CheckNonASCII         = "non-ASCII names"
	CheckOptionalLeftOut  = "optional claim left out"
	CheckClaimsFile       = "claims file"
)
