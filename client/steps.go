package client

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/graph-apiconnector/apiconnector/gen"
)

// The operations Graph's metadata defines on one step of a user flow, which the SDKs call
// and the docs do not show: the step's connector read, updated and given a certificate
// through the step, and the step's reference read and removed. And $count.

// actionNamespace qualifies a bound action's name, as the PowerShell SDK writes it.
const actionNamespace = "microsoft.graph."

// action adds ctx to a bound action's request and, with WithQualifiedActionNames, spells
// the action's last path segment namespace-qualified.
func (c *Client) action(ctx context.Context) func(*http.Request, error) (*http.Request, error) {
	return func(req *http.Request, err error) (*http.Request, error) {
		if err != nil {
			return nil, err
		}
		if c.actionPrefix != "" {
			for _, p := range []*string{&req.URL.Path, &req.URL.RawPath} {
				if *p != "" {
					i := strings.LastIndex(*p, "/") + 1
					*p = (*p)[:i] + c.actionPrefix + (*p)[i:]
				}
			}
		}
		return req.WithContext(ctx), nil
	}
}

// Count returns how many connectors there are, or how many filter matches when it is not
// "" (the same OData filter as ListOptions.Filter).
func (c *Client) Count(ctx context.Context, filter string) (int, error) {
	params := &gen.CountAPIConnectorsParams{}
	if filter != "" {
		params.Filter = &filter
	}
	var n int
	err := c.call(ctx, &opCount, c.scrubber(sentSecrets{}), func(ctx context.Context) (*http.Request, error) {
		return generated(ctx)(gen.NewCountAPIConnectorsRequest(c.server, params))
	}, func(data []byte) (err error) {
		n, err = strconv.Atoi(strings.TrimSpace(string(data)))
		if err != nil || n < 0 {
			return fmt.Errorf("apiconnector: decoding a count: %q is not a count", truncate(data))
		}
		return nil
	})
	return n, err
}

func truncate(data []byte) string {
	const limit = 32
	if len(data) > limit {
		return string(data[:limit]) + "…"
	}
	return string(data)
}

// StepConnector reads the connector that step of the flow calls. A step with no connector
// is an *Error wrapping ErrNotFound.
func (c *Client) StepConnector(ctx context.Context, kind UserFlowKind, flowID string, step Step) (Connector, error) {
	if err := validationError(c.checkStepOf(kind, flowID, step)); err != nil {
		return Connector{}, err
	}
	var out Connector
	sc := c.scrubber(sentSecrets{})
	err := c.call(ctx, &opStepConnector, sc, func(ctx context.Context) (*http.Request, error) {
		if kind == B2C {
			return generated(ctx)(gen.NewGetB2CUserFlowStepAPIConnectorRequest(c.server, flowID, gen.AnyStep(step), nil))
		}
		return generated(ctx)(gen.NewGetB2XUserFlowStepAPIConnectorRequest(c.server, flowID, gen.AnyStep(step), nil))
	}, func(data []byte) (err error) {
		out, err = decodeConnector(data)
		return err
	})
	if err != nil {
		return Connector{}, err
	}
	err = screen(&opStepConnector, sc, "", &out)
	return out, err
}

// UpdateStepConnector changes the connector that step of the flow calls, as Update does;
// every flow that calls the connector sees the change.
func (c *Client) UpdateStepConnector(ctx context.Context, kind UserFlowKind, flowID string, step Step, in ConnectorUpdate) error {
	if err := validationError(append(c.checkStepOf(kind, flowID, step), validateUpdate(in)...)); err != nil {
		return err
	}
	body, err := encodeUpdate(in)
	if err != nil {
		return err
	}
	return c.call(ctx, &opUpdateStepConnector, c.scrubber(sentAuth(in.Auth)), func(ctx context.Context) (*http.Request, error) {
		if kind == B2C {
			return generated(ctx)(gen.NewUpdateB2CUserFlowStepAPIConnectorRequest(c.server, flowID, gen.AnyStep(step), body))
		}
		return generated(ctx)(gen.NewUpdateB2XUserFlowStepAPIConnectorRequest(c.server, flowID, gen.AnyStep(step), body))
	}, nil)
}

// UploadStepClientCertificate adds a .pfx to the certificates of the connector that step of
// the flow calls, as UploadClientCertificate does, and returns that connector.
func (c *Client) UploadStepClientCertificate(ctx context.Context, kind UserFlowKind, flowID string, step Step, pfx []byte, password string) (Connector, error) {
	return c.uploadCertificate(ctx, &opUploadStep, c.checkStepOf(kind, flowID, step), pfx, password, func(ctx context.Context, body io.Reader) (*http.Request, error) {
		if kind == B2C {
			return c.action(ctx)(gen.NewUploadB2CUserFlowStepClientCertificateRequestWithBody(c.server, flowID, gen.AnyStep(step), "application/json", body))
		}
		return c.action(ctx)(gen.NewUploadB2XUserFlowStepClientCertificateRequestWithBody(c.server, flowID, gen.AnyStep(step), "application/json", body))
	})
}

// Reference returns the id of the connector that step of the flow is bound to, read from
// the step's $ref. A step with no connector is an *Error wrapping ErrNotFound.
func (c *Client) Reference(ctx context.Context, kind UserFlowKind, flowID string, step Step) (string, error) {
	problems := c.checkUserFlow(kind, flowID)
	if err := validationError(append(problems, checkStep(step)...)); err != nil {
		return "", err
	}
	var id string
	err := c.call(ctx, &opReference, c.scrubber(sentSecrets{}), func(ctx context.Context) (*http.Request, error) {
		if kind == B2C {
			return generated(ctx)(gen.NewGetB2CUserFlowAPIConnectorReferenceRequest(c.server, flowID, gen.Step(step)))
		}
		return generated(ctx)(gen.NewGetB2XUserFlowAPIConnectorReferenceRequest(c.server, flowID, gen.Step(step)))
	}, func(data []byte) error {
		var ref gen.APIConnectorReferenceResponse
		if err := json.Unmarshal(data, &ref); err != nil {
			return fmt.Errorf("apiconnector: decoding a reference: %w", err)
		}
		var err error
		id, err = connectorIDOf(ref.OdataID)
		return err
	})
	return id, err
}

// RemoveReference leaves step of the flow without a connector by deleting its $ref, as the
// SDKs do; the connector itself is kept. Detach does the same with the documented PUT {}.
func (c *Client) RemoveReference(ctx context.Context, kind UserFlowKind, flowID string, step Step) error {
	problems := c.checkUserFlow(kind, flowID)
	if err := validationError(append(problems, checkStep(step)...)); err != nil {
		return err
	}
	return c.call(ctx, &opRemoveReference, c.scrubber(sentSecrets{}), func(ctx context.Context) (*http.Request, error) {
		if kind == B2C {
			return generated(ctx)(gen.NewDeleteB2CUserFlowAPIConnectorReferenceRequest(c.server, flowID, gen.Step(step), nil))
		}
		return generated(ctx)(gen.NewDeleteB2XUserFlowAPIConnectorReferenceRequest(c.server, flowID, gen.Step(step), nil))
	}, nil)
}

// checkStepOf checks a flow and any of its steps; preTokenIssuance exists only in beta.
func (c *Client) checkStepOf(kind UserFlowKind, flowID string, step Step) []FieldError {
	problems := c.checkUserFlow(kind, flowID)
	switch step {
	case PostFederationSignup, PostAttributeCollection:
	case PreTokenIssuance:
		if c.version != VersionBeta {
			problems = append(problems, FieldError{Field: "step", Problem: "preTokenIssuance exists only in the beta API"})
		}
	default:
		problems = append(problems, FieldError{Field: "step", Problem: "must be postFederationSignup, postAttributeCollection or preTokenIssuance"})
	}
	return problems
}

var errNotConnectorURL = errors.New("apiconnector: decoding a reference: @odata.id is not a connector URL")

// connectorIDOf is the id in a connector's URL, …/identity/apiConnectors/{id}, unescaped.
func connectorIDOf(raw string) (string, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return "", errNotConnectorURL
	}
	const collection = "/identity/apiConnectors/"
	p := u.EscapedPath()
	i := strings.LastIndex(strings.ToLower(p), strings.ToLower(collection))
	if i < 0 {
		return "", errNotConnectorURL
	}
	id, err := url.PathUnescape(p[i+len(collection):])
	if err != nil || id == "" || strings.Contains(id, "/") {
		return "", errNotConnectorURL
	}
	return id, nil
}
