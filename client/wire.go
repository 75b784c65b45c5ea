package client

// The wire code: how requests are encoded and responses decoded on the hot path, without
// the generated types' pointers and extra passes. The benchmarks (client_bench_test.go)
// show what each saves; wire_test.go holds each to the generated types it stands in for.
// Everything else in client/ reads as the API.

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"strconv"
	"sync"
	"time"

	"github.com/graph-apiconnector/apiconnector/gen"
)

// decodeConnector reads a connector as Graph returns it (gen.IdentityAPIConnector).
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

// connectorJSON decodes what gen.IdentityAPIConnector does, without the pointers the client
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

// createBody is gen.IdentityAPIConnectorCreate with its authenticationConfiguration as the
// wire struct itself (the outer field hides the embedded one of the same JSON name), so
// the body is encoded in one pass. Through the generated union it would be encoded, copied
// in, then validated and copied again on the way out.
type createBody[A any] struct {
	gen.IdentityAPIConnectorCreate
	AuthenticationConfiguration A `json:"authenticationConfiguration"`
}

// encodeCreate returns the request body of a validated create.
func encodeCreate(in Connector) ([]byte, error) {
	body := gen.IdentityAPIConnectorCreate{DisplayName: in.DisplayName, TargetURL: in.TargetURL}
	switch v := derefAuth(in.Auth).(type) {
	case BasicAuth:
		return json.Marshal(createBody[basicAuthWire]{body, basicAuthWire{ODataType: odataBasic, Username: v.Username, Password: v.Password}})
	case PKCS12:
		return json.Marshal(createBody[pkcs12Wire]{body, pkcs12Wire{ODataType: odataPKCS12, Pkcs12Value: base64.StdEncoding.EncodeToString(v.Value), Password: v.Password}})
	case UnknownAuth:
		return json.Marshal(createBody[json.RawMessage]{body, v.Raw})
	default:
		return nil, fmt.Errorf("apiconnector: %T cannot be sent", in.Auth)
	}
}

// authWire holds the properties of gen.BasicAuthenticationMasked and
// gen.ClientCertificateAuthentication at once. Absent and null read as the zero value,
// as deref made them; a certificate list that is absent or null stays nil.
type authWire struct {
	Type            string     `json:"@odata.type"`
	Username        string     `json:"username"`
	Password        string     `json:"password"`
	CertificateList []certWire `json:"certificateList"`
}

// known reports whether the @odata.type is one that auth converts without the JSON.
func (w *authWire) known() bool {
	t := canonicalODataType(w.Type)
	return t == odataBasic || t == odataClientCertificates
}

// auth converts a decoded authWire; raw is its JSON, kept for a type this client does not
// know (it may be nil when known says so).
func (w *authWire) auth(raw []byte) Auth {
	switch canonicalODataType(w.Type) {
	case odataBasic:
		return BasicAuth{Username: w.Username, Password: w.Password}
	case odataClientCertificates:
		out := ClientCertificates{}
		if w.CertificateList != nil {
			out.Certificates = make([]CertificateInfo, 0, len(w.CertificateList))
			for _, c := range w.CertificateList {
				out.Certificates = append(out.Certificates, CertificateInfo{
					Thumbprint: c.Thumbprint,
					NotBefore:  c.NotBefore.at(),
					NotAfter:   c.NotAfter.at(),
					IsActive:   c.IsActive,
				})
			}
		}
		return out
	default:
		// Includes pkcs12Certificate, which Graph never returns: kept whole rather than
		// guessed at.
		return UnknownAuth{Type: w.Type, Raw: bytes.Clone(raw)}
	}
}

// certWire is gen.Pkcs12CertificateInformation without pointers, except that a time keeps
// whether it was there: an absent one is the zero time, not 1970.
type certWire struct {
	IsActive   bool        `json:"isActive"`
	NotAfter   unixSeconds `json:"notAfter"`
	NotBefore  unixSeconds `json:"notBefore"`
	Thumbprint string      `json:"thumbprint"`
}

// unixSeconds decodes an optional JSON integer as *int64 does, without the allocation.
type unixSeconds struct {
	sec int64
	set bool
}

func (u *unixSeconds) UnmarshalJSON(data []byte) error {
	if string(data) == "null" {
		*u = unixSeconds{}
		return nil
	}
	sec, err := strconv.ParseInt(string(data), 10, 64)
	if err != nil {
		// What encoding/json reports for a non-integer number, or any other kind of value.
		value := jsonKind(data)
		if value == "number" {
			value = "number " + string(data)
		}
		return &json.UnmarshalTypeError{Value: value, Type: reflect.TypeFor[int64]()}
	}
	*u = unixSeconds{sec: sec, set: true}
	return nil
}

func (u unixSeconds) at() time.Time {
	if !u.set {
		return time.Time{}
	}
	return time.Unix(u.sec, 0).UTC()
}

// decodePage reads a page of connectors as Graph returns it
// (gen.IdentityAPIConnectorCollection), in one or two passes as decodeConnector does.
func decodePage(data []byte) (Page, error) {
	var fast pageJSON[*authWire]
	if json.Unmarshal(data, &fast) == nil {
		page := Page{Connectors: make([]Connector, len(fast.Value)), NextLink: fast.NextLink}
		ok := true
		for i := range fast.Value {
			if page.Connectors[i], ok = fastConnector(&fast.Value[i]); !ok {
				break
			}
		}
		if ok {
			return page, nil
		}
	}
	var exact pageJSON[authField]
	if err := json.Unmarshal(data, &exact); err != nil {
		return Page{}, fmt.Errorf("apiconnector: decoding a page: %w", err)
	}
	page := Page{Connectors: make([]Connector, 0, len(exact.Value)), NextLink: exact.NextLink}
	for i := range exact.Value {
		conn, err := exactConnector(&exact.Value[i])
		if err != nil {
			return Page{}, err
		}
		page.Connectors = append(page.Connectors, conn)
	}
	return page, nil
}

// pageJSON is gen.IdentityAPIConnectorCollection decoded as connectorJSON decodes a connector.
type pageJSON[A any] struct {
	OdataContext jsonString         `json:"@odata.context"`
	NextLink     string             `json:"@odata.nextLink"`
	Value        []connectorJSON[A] `json:"value"`
}

// bodyBuffers holds the buffers success bodies are read into: a page of connectors is tens
// of kilobytes, and reading each into a fresh, repeatedly grown slice cost more than
// decoding it.
var bodyBuffers = sync.Pool{New: func() any { return new(bodyBuffer) }}

// maxPooledBuffer is the largest buffer kept for reuse; a rare larger body is not held on to.
const maxPooledBuffer = 1 << 20

type bodyBuffer struct {
	buf   bytes.Buffer
	limit io.LimitedReader
}

// read reads resp's body, up to one byte past maxSuccessBody so that a larger one shows.
func (b *bodyBuffer) read(resp *http.Response) ([]byte, error) {
	b.buf.Reset()
	if n := resp.ContentLength; n > 0 && n <= maxSuccessBody {
		b.buf.Grow(int(n) + bytes.MinRead)
	}
	b.limit = io.LimitedReader{R: resp.Body, N: maxSuccessBody + 1}
	_, err := b.buf.ReadFrom(&b.limit)
	b.limit.R = nil
	return b.buf.Bytes(), err
}

func (b *bodyBuffer) release() {
	if b.buf.Cap() > maxPooledBuffer {
		return
	}
	b.buf.Reset()
	bodyBuffers.Put(b)
}
