package client

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"strconv"
	"strings"

	"github.com/graph-apiconnector/apiconnector/internal/secret"
)

// Every type that can hold a secret (a password, a .pfx, a token) implements fmt.Formatter,
// fmt.Stringer, fmt.GoStringer and slog.LogValuer, so that no verb, %v through %#v and %q,
// and no log handler sees the secret. BasicAuth, PKCS12 and UnknownAuth also mask
// themselves in JSON; the client encodes requests through its own wire structs instead.

// field is one named value of a redacted rendering.
type field struct {
	name  string
	value any
}

// formatFields writes {a b}, {A:a B:b} or client.T{A:a, B:b} like fmt does for a struct,
// from fields that are already masked. Verbs other than %v, %s and %q print as %v, so %x
// cannot hex-dump a secret either.
func formatFields(f fmt.State, verb rune, typeName string, fields []field) {
	var s string
	switch {
	case verb == 'v' && f.Flag('#'):
		s = renderFields(typeName, fields, "%#v", ", ", true)
	case verb == 'v' && f.Flag('+'):
		s = renderFields("", fields, "%+v", " ", true)
	case verb == 'q':
		s = strconv.Quote(renderFields("", fields, "%+v", " ", true))
	default:
		s = renderFields("", fields, "%v", " ", false)
	}
	_, _ = f.Write([]byte(s))
}

func renderFields(typeName string, fields []field, valueVerb, sep string, named bool) string {
	var b strings.Builder
	if typeName != "" {
		b.WriteString("client.")
		b.WriteString(typeName)
	}
	b.WriteByte('{')
	for i, fl := range fields {
		if i > 0 {
			b.WriteString(sep)
		}
		if named {
			b.WriteString(fl.name)
			b.WriteByte(':')
		}
		fmt.Fprintf(&b, valueVerb, fl.value)
	}
	b.WriteByte('}')
	return b.String()
}

// masked returns the mask for a non-empty value and "" for an empty one: that a password
// is empty is worth seeing, and gives nothing away.
func masked(value string) string {
	if value == "" {
		return ""
	}
	return secret.Mask
}

// derefOrNil shows an optional string's value, or <nil>.
func derefOrNil(p *string) any {
	if p == nil {
		return nil
	}
	return *p
}

// BasicAuth

func (b BasicAuth) fields() []field {
	return []field{{"Username", b.Username}, {"Password", masked(b.Password)}}
}

// Format prints BasicAuth with the password masked, for every verb.
func (b BasicAuth) Format(f fmt.State, verb rune) { formatFields(f, verb, "BasicAuth", b.fields()) }

// String prints BasicAuth with the password masked.
func (b BasicAuth) String() string { return renderFields("", b.fields(), "%+v", " ", true) }

// GoString prints BasicAuth with the password masked.
func (b BasicAuth) GoString() string { return renderFields("BasicAuth", b.fields(), "%#v", ", ", true) }

// LogValue logs BasicAuth with the password masked.
func (b BasicAuth) LogValue() slog.Value {
	return slog.GroupValue(slog.String("type", odataBasic), slog.String("username", b.Username), slog.String("password", masked(b.Password)))
}

// MarshalJSON writes Graph's response shape, the password masked.
func (b BasicAuth) MarshalJSON() ([]byte, error) {
	return json.Marshal(basicAuthWire{ODataType: odataBasic, Username: b.Username, Password: masked(b.Password)})
}

// PKCS12

func (p PKCS12) fields() []field {
	return []field{{"Value", masked(string(p.Value))}, {"Password", masked(p.Password)}}
}

// Format prints PKCS12 with the .pfx and its password masked, for every verb.
func (p PKCS12) Format(f fmt.State, verb rune) { formatFields(f, verb, "PKCS12", p.fields()) }

// String prints PKCS12 with the .pfx and its password masked.
func (p PKCS12) String() string { return renderFields("", p.fields(), "%+v", " ", true) }

// GoString prints PKCS12 with the .pfx and its password masked.
func (p PKCS12) GoString() string { return renderFields("PKCS12", p.fields(), "%#v", ", ", true) }

// LogValue logs PKCS12 with the .pfx and its password masked.
func (p PKCS12) LogValue() slog.Value {
	return slog.GroupValue(slog.String("type", odataPKCS12), slog.String("pkcs12Value", masked(string(p.Value))), slog.String("password", masked(p.Password)))
}

// MarshalJSON writes the request shape with the .pfx and its password masked.
func (p PKCS12) MarshalJSON() ([]byte, error) {
	return json.Marshal(pkcs12Wire{ODataType: odataPKCS12, Pkcs12Value: masked(string(p.Value)), Password: masked(p.Password)})
}

// UnknownAuth: Raw is shown only by size, since a type this version does not know may
// hold anything.

func (u UnknownAuth) fields() []field {
	return []field{{"Type", u.Type}, {"Raw", fmt.Sprintf("<%d bytes>", len(u.Raw))}}
}

// Format prints the type and the size of Raw, never its content.
func (u UnknownAuth) Format(f fmt.State, verb rune) { formatFields(f, verb, "UnknownAuth", u.fields()) }

// String prints the type and the size of Raw.
func (u UnknownAuth) String() string { return renderFields("", u.fields(), "%+v", " ", true) }

// GoString prints the type and the size of Raw.
func (u UnknownAuth) GoString() string {
	return renderFields("UnknownAuth", u.fields(), "%#v", ", ", true)
}

// LogValue logs the type and the size of Raw.
func (u UnknownAuth) LogValue() slog.Value {
	return slog.GroupValue(slog.String("type", u.Type), slog.Int("rawBytes", len(u.Raw)))
}

// MarshalJSON writes only the @odata.type; Raw stays available on the value, and a
// request sends it whole.
func (u UnknownAuth) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		ODataType string `json:"@odata.type"`
	}{u.Type})
}

// Connector

func (c Connector) fields() []field {
	return []field{{"ID", c.ID}, {"DisplayName", c.DisplayName}, {"TargetURL", c.TargetURL}, {"Auth", c.Auth}}
}

// Format prints the connector with its Auth masked, for every verb.
func (c Connector) Format(f fmt.State, verb rune) { formatFields(f, verb, "Connector", c.fields()) }

// String prints the connector with its Auth masked.
func (c Connector) String() string { return renderFields("", c.fields(), "%+v", " ", true) }

// GoString prints the connector with its Auth masked.
func (c Connector) GoString() string { return renderFields("Connector", c.fields(), "%#v", ", ", true) }

// LogValue logs the connector with its Auth masked.
func (c Connector) LogValue() slog.Value {
	attrs := []slog.Attr{slog.String("id", c.ID), slog.String("displayName", c.DisplayName), slog.String("targetUrl", c.TargetURL)}
	if a := derefAuth(c.Auth); a != nil {
		attrs = append(attrs, slog.Any("auth", a))
	}
	return slog.GroupValue(attrs...)
}

// ConnectorUpdate

func (u ConnectorUpdate) fields() []field {
	return []field{{"DisplayName", derefOrNil(u.DisplayName)}, {"TargetURL", derefOrNil(u.TargetURL)}, {"Auth", u.Auth}}
}

// Format prints the update with its Auth masked, for every verb.
func (u ConnectorUpdate) Format(f fmt.State, verb rune) {
	formatFields(f, verb, "ConnectorUpdate", u.fields())
}

// String prints the update with its Auth masked.
func (u ConnectorUpdate) String() string { return renderFields("", u.fields(), "%+v", " ", true) }

// GoString prints the update with its Auth masked.
func (u ConnectorUpdate) GoString() string {
	return renderFields("ConnectorUpdate", u.fields(), "%#v", ", ", true)
}

// LogValue logs the fields the update sets, its Auth masked.
func (u ConnectorUpdate) LogValue() slog.Value {
	var attrs []slog.Attr
	if u.DisplayName != nil {
		attrs = append(attrs, slog.String("displayName", *u.DisplayName))
	}
	if u.TargetURL != nil {
		attrs = append(attrs, slog.String("targetUrl", *u.TargetURL))
	}
	if a := derefAuth(u.Auth); a != nil {
		attrs = append(attrs, slog.Any("auth", a))
	}
	return slog.GroupValue(attrs...)
}

// staticToken

func (s staticToken) fields() []field { return []field{{"Token", masked(s.token)}} }

// Format prints the token masked.
func (s staticToken) Format(f fmt.State, verb rune) { formatFields(f, verb, "staticToken", s.fields()) }

// String prints the token masked.
func (s staticToken) String() string { return renderFields("", s.fields(), "%+v", " ", true) }

// GoString prints the token masked.
func (s staticToken) GoString() string {
	return renderFields("staticToken", s.fields(), "%#v", ", ", true)
}

// LogValue logs the token masked.
func (s staticToken) LogValue() slog.Value { return slog.StringValue(masked(s.token)) }

// Client: it holds the credential (through its transport), so it prints only where it
// sends requests.

func (c Client) fields() []field {
	return []field{{"BaseURL", c.root.String()}, {"APIVersion", c.version}, {"Cloud", c.cloud.String()}}
}

// Format prints where the client sends requests; never its credential.
func (c Client) Format(f fmt.State, verb rune) { formatFields(f, verb, "Client", c.fields()) }

// String prints where the client sends requests.
func (c Client) String() string { return renderFields("", c.fields(), "%+v", " ", true) }

// GoString prints where the client sends requests.
func (c Client) GoString() string { return renderFields("Client", c.fields(), "%#v", ", ", true) }

// LogValue logs where the client sends requests.
func (c Client) LogValue() slog.Value {
	return slog.GroupValue(slog.String("baseURL", c.root.String()), slog.String("apiVersion", c.version), slog.String("cloud", c.cloud.String()))
}
