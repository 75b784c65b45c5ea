package client

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/graph-apiconnector/apiconnector/gen"
)

// The @odata.type values of authenticationConfiguration.
const (
	odataBasic              = "#microsoft.graph.basicAuthentication"
	odataPKCS12             = "#microsoft.graph.pkcs12Certificate"
	odataClientCertificates = "#microsoft.graph.clientCertificateAuthentication"
)

// Auth is a connector's authenticationConfiguration, a union chosen by @odata.type.
// Requests take BasicAuth or PKCS12; responses carry BasicAuth (password masked),
// ClientCertificates, or UnknownAuth for a type this version does not know. The set is
// sealed so that a type switch over it stays complete.
type Auth interface {
	ODataType() string
	isAuth()
}

// BasicAuth is HTTP basic authentication. In requests Password is the secret; in responses
// Graph returns it masked ("******") or not at all.
type BasicAuth struct {
	Username string
	Password string
}

// PKCS12 is a .pfx client certificate to set on create or update. Request side only: Graph
// answers with ClientCertificates. Create and Update first open it locally with Password.
type PKCS12 struct {
	Value    []byte // the .pfx file; the client base64-encodes it
	Password string // "" when the .pfx has none
}

// ClientCertificates is the public information of a connector's uploaded certificates.
// Response side only.
type ClientCertificates struct {
	Certificates []CertificateInfo
}

// CertificateInfo describes one uploaded certificate. The active one is the most recently
// uploaded that has started and not expired.
type CertificateInfo struct {
	Thumbprint string // SHA-1, hex
	NotBefore  time.Time
	NotAfter   time.Time
	IsActive   bool
}

// UnknownAuth keeps an authenticationConfiguration whose @odata.type this version does not
// know, so reading a newer Graph is not an error and nothing is lost. Raw is the JSON object
// as received; sent back in a request, it goes out unchanged. Printing, logging and
// json.Marshal show only Type, since an unknown shape may hold a secret.
type UnknownAuth struct {
	Type string
	Raw  json.RawMessage
}

// ODataType returns "#microsoft.graph.basicAuthentication".
func (BasicAuth) ODataType() string { return odataBasic }

// ODataType returns "#microsoft.graph.pkcs12Certificate".
func (PKCS12) ODataType() string { return odataPKCS12 }

// ODataType returns "#microsoft.graph.clientCertificateAuthentication".
func (ClientCertificates) ODataType() string { return odataClientCertificates }

// ODataType returns the @odata.type as received.
func (u UnknownAuth) ODataType() string { return u.Type }

func (BasicAuth) isAuth()          {}
func (PKCS12) isAuth()             {}
func (ClientCertificates) isAuth() {}
func (UnknownAuth) isAuth()        {}

// derefAuth turns *BasicAuth and friends into values, since the pointer types satisfy Auth
// too; a nil pointer counts as no Auth.
func derefAuth(a Auth) Auth {
	switch v := a.(type) {
	case *BasicAuth:
		if v == nil {
			return nil
		}
		return *v
	case *PKCS12:
		if v == nil {
			return nil
		}
		return *v
	case *ClientCertificates:
		if v == nil {
			return nil
		}
		return *v
	case *UnknownAuth:
		if v == nil {
			return nil
		}
		return *v
	}
	return a
}

// The request shapes, @odata.type first as Graph's examples write it. Encoding them here,
// once, avoids the generated From*/Merge helpers, which marshal and merge JSON twice.
type basicAuthWire struct {
	ODataType string `json:"@odata.type"`
	Username  string `json:"username"`
	Password  string `json:"password"`
}

type pkcs12Wire struct {
	ODataType   string `json:"@odata.type"`
	Pkcs12Value string `json:"pkcs12Value"`
	Password    string `json:"password"`
}

// encodeAuth returns the request JSON of a validated Auth.
func encodeAuth(a Auth) (gen.APIAuthenticationConfigurationRequest, error) {
	var raw []byte
	var err error
	switch v := derefAuth(a).(type) {
	case BasicAuth:
		raw, err = json.Marshal(basicAuthWire{ODataType: odataBasic, Username: v.Username, Password: v.Password}) //nolint:gosec // G117: the wire struct is the request body that carries the password to Graph; the public types mask it (redact.go)
	case PKCS12:
		raw, err = json.Marshal(pkcs12Wire{ODataType: odataPKCS12, Pkcs12Value: base64.StdEncoding.EncodeToString(v.Value), Password: v.Password}) //nolint:gosec // G117: the wire struct is the request body that carries the password to Graph; the public types mask it (redact.go)
	case UnknownAuth:
		raw = v.Raw
	default:
		err = fmt.Errorf("apiconnector: %T cannot be sent", a)
	}
	var out gen.APIAuthenticationConfigurationRequest
	if err != nil {
		return out, err
	}
	// The generated union keeps its JSON unexported; UnmarshalJSON is the way to set it as is.
	err = out.UnmarshalJSON(raw)
	return out, err
}

// decodeAuth reads a response authenticationConfiguration by peeking at @odata.type.
func decodeAuth(raw json.RawMessage) (Auth, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || bytes.Equal(raw, []byte("null")) {
		return nil, nil
	}
	// One decode into the properties of every known branch. When it succeeds, decoding the
	// branch @odata.type names would have succeeded with the same values, since its
	// properties are a subset with the same types. When it fails, decodeAuthByType tells
	// which branch was wrong, or keeps a type it does not know whatever its properties.
	var w authWire
	if json.Unmarshal(raw, &w) != nil {
		return decodeAuthByType(raw)
	}
	return w.auth(raw), nil
}

// decodeAuthByType decodes the branch @odata.type names, with the generated types.
func decodeAuthByType(raw json.RawMessage) (Auth, error) {
	var head struct {
		Type string `json:"@odata.type"`
	}
	if err := json.Unmarshal(raw, &head); err != nil {
		return nil, fmt.Errorf("apiconnector: authenticationConfiguration: %w", err)
	}
	switch canonicalODataType(head.Type) {
	case odataBasic:
		var w gen.BasicAuthenticationMasked
		if err := json.Unmarshal(raw, &w); err != nil {
			return nil, fmt.Errorf("apiconnector: basicAuthentication: %w", err)
		}
		return BasicAuth{Username: deref(w.Username), Password: deref(w.Password)}, nil
	case odataClientCertificates:
		var w gen.ClientCertificateAuthentication
		if err := json.Unmarshal(raw, &w); err != nil {
			return nil, fmt.Errorf("apiconnector: clientCertificateAuthentication: %w", err)
		}
		out := ClientCertificates{}
		if w.CertificateList != nil {
			out.Certificates = make([]CertificateInfo, 0, len(*w.CertificateList))
			for _, c := range *w.CertificateList {
				out.Certificates = append(out.Certificates, CertificateInfo{
					Thumbprint: deref(c.Thumbprint),
					NotBefore:  unixTime(c.NotBefore),
					NotAfter:   unixTime(c.NotAfter),
					IsActive:   deref(c.IsActive),
				})
			}
		}
		return out, nil
	default:
		return UnknownAuth{Type: head.Type, Raw: bytes.Clone(raw)}, nil
	}
}

// canonicalODataType adds the "#" that one documented example leaves out.
func canonicalODataType(t string) string {
	if t != "" && !strings.HasPrefix(t, "#") {
		return "#" + t
	}
	return t
}

func unixTime(sec *int64) time.Time {
	if sec == nil {
		return time.Time{}
	}
	return time.Unix(*sec, 0).UTC()
}

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}

// validateAuth checks a request-side Auth and names the bad fields under prefix.
func validateAuth(a Auth, prefix string) []FieldError {
	switch v := derefAuth(a).(type) {
	case nil:
		return []FieldError{{Field: prefix, Problem: "is required"}}
	case BasicAuth:
		var out []FieldError
		if v.Username == "" {
			out = append(out, FieldError{Field: prefix + ".username", Problem: "is required"})
		}
		if v.Password == "" {
			out = append(out, FieldError{Field: prefix + ".password", Problem: "is required"})
		}
		return out
	case PKCS12:
		// Opened locally, as on upload: a wrong password fails here, not after a round trip.
		return checkPFX(v.Value, v.Password, prefix+".pkcs12Value", prefix+".password")
	case ClientCertificates:
		return []FieldError{{Field: prefix, Problem: "clientCertificateAuthentication is what Graph returns; send PKCS12 or use UploadClientCertificate"}}
	case UnknownAuth:
		if err := checkUnknownAuth(v); err != nil {
			return []FieldError{{Field: prefix, Problem: err.Error()}}
		}
		return nil
	default:
		return []FieldError{{Field: prefix, Problem: "is not a type this client can send"}}
	}
}

// checkUnknownAuth accepts Raw only if it is a JSON object whose @odata.type is Type, so
// what is sent is what the value says it is.
func checkUnknownAuth(u UnknownAuth) error {
	var head map[string]json.RawMessage
	if err := json.Unmarshal(u.Raw, &head); err != nil || head == nil {
		return errors.New("raw must be a JSON object")
	}
	var t string
	if err := json.Unmarshal(head["@odata.type"], &t); err != nil || t == "" || t != u.Type {
		return errors.New("raw must carry an @odata.type equal to Type")
	}
	return nil
}
