package client

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strings"

	pkcs12 "software.sslmate.com/src/go-pkcs12"

	"github.com/graph-apiconnector/apiconnector/gen"
	"github.com/graph-apiconnector/apiconnector/internal/jsonwalk"
	"github.com/graph-apiconnector/apiconnector/internal/secret"
)

// Connector is an identityApiConnector: a webhook a user flow calls. In requests Auth is
// BasicAuth or PKCS12; in responses BasicAuth (password masked), ClientCertificates or
// UnknownAuth, and nil when Graph leaves it out (as with $select).
type Connector struct {
	ID          string // assigned by Graph; leave empty on Create
	DisplayName string
	TargetURL   string
	Auth        Auth
}

// ConnectorUpdate changes the fields that are set and leaves the others. At least one must
// be set. Auth replaces the whole authentication configuration; to add a certificate to
// the list instead, use UploadClientCertificate.
type ConnectorUpdate struct {
	DisplayName *string
	TargetURL   *string
	Auth        Auth
}

// Create creates a connector and returns it as Graph stored it, password masked or
// certificate described. It is retried only when Graph provably did not act on it; if the
// body went out and no answer came, the error wraps ErrOutcomeUnknown.
func (c *Client) Create(ctx context.Context, in Connector) (Connector, error) {
	if err := validateCreate(in); err != nil {
		return Connector{}, err
	}
	payload, err := encodeCreate(in)
	if err != nil {
		return Connector{}, err
	}
	var out Connector
	sent := sentAuth(in.Auth)
	sent.plain = [3]string{in.DisplayName, in.TargetURL}
	if basic, ok := derefAuth(in.Auth).(BasicAuth); ok {
		sent.plain[2] = basic.Username
	}
	sc := c.scrubber(sent)
	err = c.call(ctx, &opCreate, sc, func(ctx context.Context) (*http.Request, error) {
		return newJSONRequest(ctx, http.MethodPost, c.connectors, payload)
	}, func(data []byte) (err error) {
		out, err = decodeConnector(data)
		return err
	})
	if err != nil {
		return Connector{}, err
	}
	err = screen(&opCreate, sc, "", &out)
	return out, err
}

// Get reads one connector.
func (c *Client) Get(ctx context.Context, id string) (Connector, error) {
	if err := validationError(requireID("id", id)); err != nil {
		return Connector{}, err
	}
	var out Connector
	sc := c.scrubber(sentSecrets{})
	err := c.call(ctx, &opGet, sc, func(ctx context.Context) (*http.Request, error) {
		// As gen.NewGetAPIConnectorRequest builds it, without its parsing and formatting.
		return http.NewRequestWithContext(ctx, http.MethodGet, c.connectors+"/"+url.PathEscape(id), nil)
	}, func(data []byte) (err error) {
		out, err = decodeConnector(data)
		return err
	})
	if err != nil {
		return Connector{}, err
	}
	err = screen(&opGet, sc, "", &out)
	return out, err
}

// Update changes the fields in set. Graph answers 204 with no body; Get shows the result.
func (c *Client) Update(ctx context.Context, id string, in ConnectorUpdate) error {
	if err := validationError(append(requireID("id", id), validateUpdate(in)...)); err != nil {
		return err
	}
	body, err := encodeUpdate(in)
	if err != nil {
		return err
	}
	return c.call(ctx, &opUpdate, c.scrubber(sentAuth(in.Auth)), func(ctx context.Context) (*http.Request, error) {
		return generated(ctx)(gen.NewUpdateAPIConnectorRequest(c.server, id, body))
	}, nil)
}

// encodeUpdate is the body of an update, which Update and UpdateStepConnector send.
func encodeUpdate(in ConnectorUpdate) (gen.IdentityAPIConnectorUpdate, error) {
	body := gen.IdentityAPIConnectorUpdate{DisplayName: in.DisplayName, TargetURL: in.TargetURL}
	if in.Auth != nil && derefAuth(in.Auth) != nil {
		auth, err := encodeAuth(in.Auth)
		if err != nil {
			return gen.IdentityAPIConnectorUpdate{}, err
		}
		body.AuthenticationConfiguration = &auth
	}
	return body, nil
}

// Delete deletes a connector.
func (c *Client) Delete(ctx context.Context, id string) error {
	if err := validationError(requireID("id", id)); err != nil {
		return err
	}
	return c.call(ctx, &opDelete, c.scrubber(sentSecrets{}), func(ctx context.Context) (*http.Request, error) {
		return generated(ctx)(gen.NewDeleteAPIConnectorRequest(c.server, id))
	}, nil)
}

// uploadWire is uploadClientCertificate's body: plain action parameters, no @odata.type.
type uploadWire struct {
	Pkcs12Value string `json:"pkcs12Value"`
	Password    string `json:"password"`
}

// UploadClientCertificate adds a .pfx to the connector's certificates and returns the
// connector with all of them. pfx is the file's raw bytes; the client base64-encodes it.
//
// The .pfx is first opened locally with password: a wrong password or a file that is not
// PKCS 12 is a *ValidationError and nothing is sent, which spares a round trip and keeps a
// mistyped password from reaching Graph's logs. A layout go-pkcs12 does not implement is
// left for Graph to judge. Like Create, it is not retried once the body went out.
func (c *Client) UploadClientCertificate(ctx context.Context, id string, pfx []byte, password string) (Connector, error) {
	return c.uploadCertificate(ctx, &opUpload, requireID("id", id), pfx, password, func(ctx context.Context, body io.Reader) (*http.Request, error) {
		return c.action(ctx)(gen.NewUploadClientCertificateRequestWithBody(c.server, id, "application/json", body))
	})
}

// uploadCertificate checks the .pfx locally, sends it with build (on a connector or through
// a step) and returns the connector Graph answers with, screened for the secrets it sent.
func (c *Client) uploadCertificate(ctx context.Context, op *operation, problems []FieldError, pfx []byte, password string,
	build func(ctx context.Context, body io.Reader) (*http.Request, error)) (Connector, error) {
	problems = append(problems, checkPFX(pfx, password, "pfx", "password")...)
	if err := validationError(problems); err != nil {
		return Connector{}, err
	}
	payload, err := encodeUpload(pfx, password)
	if err != nil {
		return Connector{}, err
	}
	var out Connector
	sc := c.scrubber(sentSecrets{texts: []string{password}, blobs: [][]byte{pfx}})
	err = c.call(ctx, op, sc, func(ctx context.Context) (*http.Request, error) {
		return build(ctx, bytes.NewReader(payload))
	}, func(data []byte) (err error) {
		out, err = decodeConnector(data)
		return err
	})
	if err != nil {
		return Connector{}, err
	}
	err = screen(op, sc, "", &out)
	return out, err
}

// sentAuth are the secrets of an Auth a call sends.
func sentAuth(a Auth) sentSecrets {
	switch v := derefAuth(a).(type) {
	case BasicAuth:
		return sentSecrets{texts: []string{v.Password}}
	case PKCS12:
		return sentSecrets{texts: []string{v.Password}, blobs: [][]byte{v.Value}}
	case UnknownAuth:
		// Sent as it is: its secret-named strings are what it holds as secrets.
		var sent sentSecrets
		_ = jsonwalk.Walk(v.Raw, func(m *jsonwalk.Member) {
			if m.Kind == jsonwalk.String && !m.InArray && secret.LooksLikeName(m.Key) {
				sent.texts = append(sent.texts, m.Value)
			}
		})
		return sent
	}
	return sentSecrets{}
}

// encodeUpload is uploadClientCertificate's body, on a connector or through a step.
func encodeUpload(pfx []byte, password string) ([]byte, error) {
	return json.Marshal(uploadWire{Pkcs12Value: base64.StdEncoding.EncodeToString(pfx), Password: password}) //nolint:gosec // G117: the wire struct is the request body that carries the password to Graph; the public types mask it (redact.go)
}

// checkPFX opens a .pfx with its password, naming pfxField or passwordField when that
// fails. A layout go-pkcs12 does not implement passes: Graph may still take it.
func checkPFX(pfx []byte, password, pfxField, passwordField string) []FieldError {
	if len(pfx) == 0 {
		return []FieldError{{Field: pfxField, Problem: "is required"}}
	}
	_, _, _, err := pkcs12.DecodeChain(pfx, password)
	var notImplemented pkcs12.NotImplementedError
	switch {
	case err == nil, errors.As(err, &notImplemented):
		return nil
	case errors.Is(err, pkcs12.ErrIncorrectPassword):
		return []FieldError{{Field: passwordField, Problem: "does not open the .pfx"}}
	default:
		return []FieldError{{Field: pfxField, Problem: "is not a PKCS 12 (.pfx) file with one key and certificate"}}
	}
}

func validateCreate(in Connector) error {
	var problems []FieldError
	if in.ID != "" {
		problems = append(problems, FieldError{Field: "id", Problem: "is assigned by Graph; leave it empty"})
	}
	problems = append(problems, checkDisplayName(in.DisplayName)...)
	problems = append(problems, checkTargetURL(in.TargetURL)...)
	problems = append(problems, validateAuth(in.Auth, "auth")...)
	return validationError(problems)
}

func validateUpdate(in ConnectorUpdate) []FieldError {
	auth := derefAuth(in.Auth)
	if in.DisplayName == nil && in.TargetURL == nil && auth == nil {
		return []FieldError{{Field: "update", Problem: "sets nothing; set DisplayName, TargetURL or Auth"}}
	}
	var problems []FieldError
	if in.DisplayName != nil {
		problems = append(problems, checkDisplayName(*in.DisplayName)...)
	}
	if in.TargetURL != nil {
		problems = append(problems, checkTargetURL(*in.TargetURL)...)
	}
	if auth != nil {
		problems = append(problems, validateAuth(auth, "auth")...)
	}
	return problems
}

func checkDisplayName(name string) []FieldError {
	if strings.TrimSpace(name) == "" {
		return []FieldError{{Field: "displayName", Problem: "is required"}}
	}
	return nil
}

func checkTargetURL(target string) []FieldError {
	if target == "" {
		return []FieldError{{Field: "targetUrl", Problem: "is required"}}
	}
	u, err := url.Parse(target)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return []FieldError{{Field: "targetUrl", Problem: "must be an absolute http or https URL"}}
	}
	return nil
}

// fromWire converts the generated response type.
func fromWire(w gen.IdentityAPIConnector) (Connector, error) {
	out := Connector{ID: w.ID, DisplayName: deref(w.DisplayName), TargetURL: deref(w.TargetURL)}
	if w.AuthenticationConfiguration != nil {
		raw, err := w.AuthenticationConfiguration.MarshalJSON()
		if err != nil {
			return Connector{}, err
		}
		if out.Auth, err = decodeAuth(raw); err != nil {
			return Connector{}, err
		}
	}
	return out, nil
}
