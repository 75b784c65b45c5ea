package client

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"reflect"
	"strings"

	pkcs12 "software.sslmate.com/src/go-pkcs12"

	"github.com/graph-apiconnector/apiconnector/gen"
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
	err = c.call(ctx, "create", func(ctx context.Context) (*http.Request, error) {
		return newJSONRequest(ctx, http.MethodPost, c.connectors, payload)
	}, func(data []byte) (err error) {
		out, err = decodeConnector(data)
		return err
	})
	return out, err
}

// Get reads one connector.
func (c *Client) Get(ctx context.Context, id string) (Connector, error) {
	if err := validationError(requireID("id", id)); err != nil {
		return Connector{}, err
	}
	var out Connector
	err := c.call(ctx, "get", func(ctx context.Context) (*http.Request, error) {
		// As gen.NewGetApiConnectorRequest builds it, without its parsing and formatting.
		return http.NewRequestWithContext(ctx, http.MethodGet, c.connectors+"/"+url.PathEscape(id), nil)
	}, func(data []byte) (err error) {
		out, err = decodeConnector(data)
		return err
	})
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
	return c.call(ctx, "update", func(ctx context.Context) (*http.Request, error) {
		return generated(ctx)(gen.NewUpdateApiConnectorRequest(c.server, id, body))
	}, nil)
}

// encodeUpdate is the body of an update, which Update and UpdateStepConnector send.
func encodeUpdate(in ConnectorUpdate) (gen.IdentityApiConnectorUpdate, error) {
	body := gen.IdentityApiConnectorUpdate{DisplayName: in.DisplayName, TargetUrl: in.TargetURL}
	if in.Auth != nil && derefAuth(in.Auth) != nil {
		auth, err := encodeAuth(in.Auth)
		if err != nil {
			return gen.IdentityApiConnectorUpdate{}, err
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
	return c.call(ctx, "delete", func(ctx context.Context) (*http.Request, error) {
		return generated(ctx)(gen.NewDeleteApiConnectorRequest(c.server, id))
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
	problems := requireID("id", id)
	problems = append(problems, checkPFX(pfx, password, "pfx", "password")...)
	if err := validationError(problems); err != nil {
		return Connector{}, err
	}
	payload, err := encodeUpload(pfx, password)
	if err != nil {
		return Connector{}, err
	}
	var out Connector
	err = c.call(ctx, "upload client certificate", func(ctx context.Context) (*http.Request, error) {
		return c.action(ctx)(gen.NewUploadClientCertificateRequestWithBody(c.server, id, "application/json", bytes.NewReader(payload)))
	}, func(data []byte) (err error) {
		out, err = decodeConnector(data)
		return err
	})
	return out, err
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

// decodeConnector reads a connector as Graph returns it (gen.IdentityApiConnector).
func decodeConnector(data []byte) (Connector, error) {
	var fast connectorJSON[*authWire]
	if json.Unmarshal(data, &fast) == nil {
		if conn, ok := fastConnector(&fast); ok {
			return conn, nil
		}
	}
	var exact connectorJSON[authField]
	if err := json.Unmarshal(data, &exact); err != nil {
		return Connector{}, fmt.Errorf("apiconnector: decoding a connector: %w", err)
	}
	return exactConnector(&exact)
}

// connectorJSON decodes what gen.IdentityApiConnector does, without the pointers the client
// has no use for: an absent or null property reads as "", as deref made it. It accepts the
// same documents; the authenticationConfiguration is decoded by A.
//
// Responses are decoded twice over only when needed. First with A = *authWire, in the same
// pass as the connector: that succeeds with the values decodeAuth would give whenever the
// configuration is null or of a type the client knows, and its properties have the right
// types. Otherwise (a type the client does not know, which keeps its JSON, or an error to
// report as before) again with A = authField, which hands each configuration to decodeAuth.
// The one difference: a connector object that repeats authenticationConfiguration gets the
// repeats merged in the first pass, as encoding/json merges a repeated object into one
// struct, where decodeAuth would see only the last. Graph does not repeat names.
type connectorJSON[A any] struct {
	OdataContext jsonString `json:"@odata.context"`
	OdataType    jsonString `json:"@odata.type"`
	Auth         A          `json:"authenticationConfiguration"`
	DisplayName  string     `json:"displayName"`
	ID           string     `json:"id"`
	TargetURL    string     `json:"targetUrl"`
}

// fastConnector converts the first pass; false means the second is needed.
func fastConnector(w *connectorJSON[*authWire]) (Connector, bool) {
	out := Connector{ID: w.ID, DisplayName: w.DisplayName, TargetURL: w.TargetURL}
	if w.Auth != nil {
		if !w.Auth.known() {
			return Connector{}, false
		}
		out.Auth = w.Auth.auth(nil)
	}
	return out, true
}

// exactConnector converts the second pass, with decodeAuth's error unwrapped, as fromWire
// returns it.
func exactConnector(w *connectorJSON[authField]) (Connector, error) {
	if w.Auth.err != nil {
		return Connector{}, w.Auth.err
	}
	return Connector{ID: w.ID, DisplayName: w.DisplayName, TargetURL: w.TargetURL, Auth: w.Auth.auth}, nil
}

// authField hands an authenticationConfiguration to decodeAuth as the connector is decoded,
// and keeps decodeAuth's error.
type authField struct {
	auth Auth
	err  error
}

func (f *authField) UnmarshalJSON(data []byte) error {
	f.auth, f.err = decodeAuth(data)
	return nil
}

// jsonString is an optional string property the client does not use: it must be a string
// or null, as the generated *string requires, and is not kept.
type jsonString struct{}

func (*jsonString) UnmarshalJSON(data []byte) error {
	if (len(data) > 0 && data[0] == '"') || string(data) == "null" {
		return nil
	}
	return &json.UnmarshalTypeError{Value: jsonKind(data), Type: reflect.TypeFor[string]()}
}

// jsonKind names a JSON value's kind as encoding/json's type errors do.
func jsonKind(data []byte) string {
	if len(data) == 0 {
		return "value"
	}
	switch data[0] {
	case '"':
		return "string"
	case '{':
		return "object"
	case '[':
		return "array"
	case 't', 'f':
		return "bool"
	default:
		return "number"
	}
}

// fromWire converts the generated response type.
func fromWire(w gen.IdentityApiConnector) (Connector, error) {
	out := Connector{ID: w.Id, DisplayName: deref(w.DisplayName), TargetURL: deref(w.TargetUrl)}
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
