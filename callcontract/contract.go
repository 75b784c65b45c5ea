// Package callcontract checks the call a user flow makes to an API connector's targetUrl,
// and the endpoint's answer, against openapi/connector-call.yaml: the claims schema, the
// three answers, and the rules its extensions state (the actions each step allows, each
// platform's time budget, TLS). The conformance tester and the contract suite use it.
package callcontract

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"sync"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/graph-apiconnector/apiconnector/openapi"
)

// Contract is the parsed call contract. It is read-only and safe for concurrent use.
type Contract struct {
	Steps     map[Step]StepRule
	Platforms map[Platform]PlatformRule
	TLS       TLSRule

	claims, continueReply, blockReply, validationReply *openapi3.Schema
	requestCustom, replyCustom                         *regexp.Regexp
	b2cOnly                                            []string
}

var (
	loadOnce sync.Once
	loaded   *Contract
	loadErr  error
)

// Load parses the embedded connector-call.yaml the first time it is called and returns the
// same *Contract afterwards.
func Load() (*Contract, error) {
	loadOnce.Do(func() { loaded, loadErr = parse(openapi.ConnectorCall) })
	return loaded, loadErr
}

func parse(data []byte) (*Contract, error) {
	doc, err := openapi3.NewLoader().LoadFromData(data)
	if err != nil {
		return nil, fmt.Errorf("callcontract: parse connector-call.yaml: %w", err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		return nil, fmt.Errorf("callcontract: connector-call.yaml is not valid OpenAPI 3.0: %w", err)
	}
	item := doc.Paths.Value("/")
	if item == nil || item.Post == nil {
		return nil, fmt.Errorf("callcontract: connector-call.yaml has no POST /")
	}
	c := &Contract{}
	if c.Steps, c.Platforms, c.TLS, err = readRules(item.Post); err != nil {
		return nil, err
	}
	schemas := map[string]**openapi3.Schema{
		"claims": &c.claims, "continueReply": &c.continueReply,
		"blockReply": &c.blockReply, "validationErrorReply": &c.validationReply,
	}
	for name, into := range schemas {
		ref, ok := doc.Components.Schemas[name]
		if !ok || ref.Value == nil {
			return nil, fmt.Errorf("callcontract: connector-call.yaml has no schema %s", name)
		}
		*into = ref.Value
	}
	if c.requestCustom, err = customPattern(c.claims); err != nil {
		return nil, err
	}
	if c.replyCustom, err = customPattern(c.continueReply); err != nil {
		return nil, err
	}
	for name, prop := range c.claims.Properties {
		if platforms, ok := prop.Value.Extensions["x-platforms"].([]any); ok && slices.Equal(platforms, []any{string(B2C)}) {
			c.b2cOnly = append(c.b2cOnly, name)
		}
	}
	slices.Sort(c.b2cOnly)
	return c, nil
}

func customPattern(s *openapi3.Schema) (*regexp.Regexp, error) {
	p, ok := s.Extensions["x-custom-attribute-pattern"].(string)
	if !ok {
		return nil, fmt.Errorf("callcontract: a schema has no x-custom-attribute-pattern")
	}
	re, err := regexp.Compile(p)
	if err != nil {
		return nil, fmt.Errorf("callcontract: x-custom-attribute-pattern: %w", err)
	}
	return re, nil
}

// Rule returns the rule of step, and whether the platform has the step.
func (c *Contract) Rule(p Platform, s Step) (StepRule, bool) {
	r, ok := c.Steps[s]
	return r, ok && slices.Contains(r.Platforms, p)
}

// B2COnlyClaims are the claims only B2C sends (objectId, step, client_id).
func (c *Contract) B2COnlyClaims() []string { return slices.Clone(c.b2cOnly) }

// IsCustomAttribute reports whether name is a custom attribute as a request carries it:
// extension_<extensions-app-id>_<name>.
func (c *Contract) IsCustomAttribute(name string) bool { return c.requestCustom.MatchString(name) }

// IsReplyClaim reports whether a Continue answer may carry a claim of this name: a built-in
// attribute, or a custom attribute with or without its app-id part.
func (c *Contract) IsReplyClaim(name string) bool {
	if name == "version" || name == "action" {
		return false
	}
	_, builtIn := c.continueReply.Properties[name]
	return builtIn || c.replyCustom.MatchString(name)
}

// ReplyClaimPattern is the continueReply schema's x-custom-attribute-pattern: the names of
// the custom attributes a Continue may return.
func (c *Contract) ReplyClaimPattern() string { return c.replyCustom.String() }

// BuiltInReplyClaims are the built-in attributes a Continue may return, sorted.
func (c *Contract) BuiltInReplyClaims() []string {
	var out []string
	for name := range c.continueReply.Properties {
		if name != "version" && name != "action" {
			out = append(out, name)
		}
	}
	slices.Sort(out)
	return out
}
