package client

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"

	"github.com/graph-apiconnector/apiconnector/gen"
)

// UserFlowKind says which user-flow collection a flow lives in.
type UserFlowKind string

// The user-flow collections.
const (
	B2X UserFlowKind = "b2x" // External Identities self-service sign-up (b2xUserFlows)
	B2C UserFlowKind = "b2c" // Azure AD B2C (b2cUserFlows); beta only
)

// Step is a user-flow step that can call an API connector.
type Step string

// The steps of a user flow that can call an API connector.
const (
	PostFederationSignup    Step = "postFederationSignup"    // after federating with an identity provider during sign-up
	PostAttributeCollection Step = "postAttributeCollection" // after attributes are collected, before the user is created
	PreTokenIssuance        Step = "preTokenIssuance"        //nolint:gosec // G101: a step name, not a credential. Before a token is issued; beta only, bound by no reference
)

// UserFlowConfiguration is which connector each step calls; nil for a step with none.
type UserFlowConfiguration struct {
	PostFederationSignup    *Connector
	PostAttributeCollection *Connector
	// PreTokenIssuance is read in beta only, the one version that has the step.
	PreTokenIssuance *Connector
}

// Attach makes step of the flow call the connector, by PUTting a reference
// {"@odata.id": "<root>/<version>/identity/apiConnectors/<id>"}.
func (c *Client) Attach(ctx context.Context, kind UserFlowKind, flowID string, step Step, connectorID string) error {
	problems := c.checkUserFlow(kind, flowID)
	problems = append(problems, checkStep(step)...)
	problems = append(problems, requireID("connectorID", connectorID)...)
	if err := validationError(problems); err != nil {
		return err
	}
	ref := c.versionRoot() + "/identity/apiConnectors/" + url.PathEscape(connectorID)
	return c.putReference(ctx, &opAttach, kind, flowID, step, gen.APIConnectorReference{OdataID: &ref})
}

// Detach leaves step of the flow without a connector, by PUTting {}.
func (c *Client) Detach(ctx context.Context, kind UserFlowKind, flowID string, step Step) error {
	problems := c.checkUserFlow(kind, flowID)
	problems = append(problems, checkStep(step)...)
	if err := validationError(problems); err != nil {
		return err
	}
	return c.putReference(ctx, &opDetach, kind, flowID, step, gen.APIConnectorReference{})
}

func (c *Client) putReference(ctx context.Context, op *operation, kind UserFlowKind, flowID string, step Step, ref gen.APIConnectorReference) error {
	return c.call(ctx, op, c.scrubber(sentSecrets{}), func(ctx context.Context) (*http.Request, error) {
		if kind == B2C {
			return generated(ctx)(gen.NewPutB2CUserFlowAPIConnectorReferenceRequest(c.server, flowID, gen.Step(step), ref))
		}
		return generated(ctx)(gen.NewPutB2XUserFlowAPIConnectorReferenceRequest(c.server, flowID, gen.Step(step), ref))
	}, nil)
}

// UserFlowConfiguration reads the connectors of every step the version has, expanded in full.
func (c *Client) UserFlowConfiguration(ctx context.Context, kind UserFlowKind, flowID string) (UserFlowConfiguration, error) {
	if err := validationError(c.checkUserFlow(kind, flowID)); err != nil {
		return UserFlowConfiguration{}, err
	}
	expand := gen.ExpandSteps{gen.ExpandPostFederationSignup, gen.ExpandPostAttributeCollection}
	if c.version == VersionBeta {
		expand = append(expand, gen.ExpandPreTokenIssuance)
	}
	var w gen.UserFlowAPIConnectorConfiguration
	sc := c.scrubber(sentSecrets{})
	err := c.call(ctx, &opUserFlowConfiguration, sc, func(ctx context.Context) (*http.Request, error) {
		if kind == B2C {
			return generated(ctx)(gen.NewGetB2CUserFlowAPIConnectorConfigurationRequest(c.server, flowID, &gen.GetB2CUserFlowAPIConnectorConfigurationParams{Expand: &expand}))
		}
		return generated(ctx)(gen.NewGetB2XUserFlowAPIConnectorConfigurationRequest(c.server, flowID, &gen.GetB2XUserFlowAPIConnectorConfigurationParams{Expand: &expand}))
	}, func(data []byte) error {
		if err := json.Unmarshal(data, &w); err != nil {
			return fmt.Errorf("apiconnector: decoding a user flow configuration: %w", err)
		}
		return nil
	})
	if err != nil {
		return UserFlowConfiguration{}, err
	}
	var out UserFlowConfiguration
	for _, s := range []struct {
		from *gen.IdentityAPIConnector
		to   **Connector
	}{
		{w.PostFederationSignup, &out.PostFederationSignup},
		{w.PostAttributeCollection, &out.PostAttributeCollection},
		{w.PreTokenIssuance, &out.PreTokenIssuance},
	} {
		if s.from == nil {
			continue
		}
		conn, err := fromWire(*s.from)
		if err != nil {
			return UserFlowConfiguration{}, err
		}
		*s.to = &conn
	}
	err = errors.Join(
		screen(&opUserFlowConfiguration, sc, "/postFederationSignup", out.PostFederationSignup),
		screen(&opUserFlowConfiguration, sc, "/postAttributeCollection", out.PostAttributeCollection),
		screen(&opUserFlowConfiguration, sc, "/preTokenIssuance", out.PreTokenIssuance))
	return out, err
}

// checkUserFlow refuses b2c on v1.0 before sending: Graph has no b2cUserFlows there.
func (c *Client) checkUserFlow(kind UserFlowKind, flowID string) []FieldError {
	var problems []FieldError
	switch kind {
	case B2X:
	case B2C:
		if c.version != VersionBeta {
			problems = append(problems, FieldError{Field: "kind", Problem: "b2c user flows exist only in the beta API"})
		}
	default:
		problems = append(problems, FieldError{Field: "kind", Problem: "must be b2x or b2c"})
	}
	return append(problems, requireID("flowID", flowID)...)
}

// checkStep accepts the steps a reference binds (Attach, Detach, Reference, RemoveReference):
// preTokenIssuance has no $ref in Graph's metadata.
func checkStep(step Step) []FieldError {
	if step != PostFederationSignup && step != PostAttributeCollection {
		return []FieldError{{Field: "step", Problem: "must be postFederationSignup or postAttributeCollection"}}
	}
	return nil
}
