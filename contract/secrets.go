package contract

import (
	"bytes"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/graph-apiconnector/apiconnector/internal/jsonwalk"
	"github.com/graph-apiconnector/apiconnector/internal/secret"
)

// secretExtension marks a property whose value is a secret.
const secretExtension = "x-secret"

// secretPropertyNames lists the names of the properties the spec marks x-secret. The
// validator matches names with secret.IsName, whose list a test holds equal to this one.
func secretPropertyNames(doc *openapi3.T) []string {
	var names []string
	for _, s := range doc.Components.Schemas {
		for name, p := range s.Value.Properties {
			if p.Value == nil {
				continue
			}
			if isSecret, _ := p.Value.Extensions[secretExtension].(bool); isSecret && !slices.Contains(names, name) {
				names = append(names, name)
			}
		}
	}
	sort.Strings(names)
	return names
}

// The secret-leak check reads a body's bytes as any reader of them would, not as one
// decoder happens to: every occurrence of a repeated key, names in any case or Unicode
// fold that encoding/json would match (PASSWORD, paſsword) and in any escaped spelling,
// at any depth, under properties the spec does not know, and in a body that does not
// decode at all. Each body is read once, by jsonwalk; redaction is done only when there
// is something to report.

// minRedactedSecret is the shortest secret value looked for in messages and echoes: a
// shorter one occurs in ordinary words, and finding it there says nothing.
const minRedactedSecret = secret.MinLength

// secretValue is one value a body holds under a secret name.
type secretValue struct {
	pointer string // "" when the body is not JSON and the place cannot be named
	value   string // a string decoded; anything else as written
	masked  bool   // a mask, "" or null: nothing is given away
}

// bodyScan is what one pass over a body found.
type bodyScan struct {
	secrets    []secretValue
	duplicates []string      // pointers of repeated keys
	badNumbers []string      // pointers of numbers no float64 holds
	echoes     []string      // pointers of strings that repeat a secret of the request
	references []secretValue // the @odata.id members, checked against the request
	nextLinks  []secretValue // the top-level @odata.nextLink, checked against the request
	// valid is whether the body is one well-formed JSON value and nothing else, as
	// json.Valid would say: the walk read all of it.
	valid bool
	// value is the body as encoding/json decodes it, when the scan was asked to build it
	// and could (decoded): see decodeonce.go.
	value   any
	decoded bool
}

// scanRequest reads a request body once.
func scanRequest(body []byte) bodyScan {
	sc := bodyScanner{}
	return sc.scan(body)
}

// scanResponse reads a response body once. echoes are the spellings of the request's
// secrets to look for in it (see bodyScan.echoForms), except in a string that is one of
// the plain strings of request, the request's body, as a whole. A secret of the response
// itself is placed by its pointer, to be reported. With decode, the scan also builds the
// body's value (bodyScan.value).
func scanResponse(body []byte, echoes []string, request []byte, decode bool) bodyScan {
	sc := bodyScanner{response: true, echoes: echoesIn(body, echoes), request: request}
	if decode {
		sc.values = &jsonwalk.Values{}
	}
	s := sc.scan(body)
	if sc.values != nil && s.valid {
		s.value, s.decoded = sc.values.Root(body)
	}
	return s
}

// echoesIn narrows echoes to those that can occur in body's strings. In a body without a
// backslash every string reads as written, so a spelling that is nowhere in the bytes is in
// no string either, and the bytes are searched once instead of each string for each.
func echoesIn(body []byte, echoes []string) []string {
	if len(echoes) == 0 || bytes.IndexByte(body, '\\') >= 0 {
		return echoes
	}
	for _, e := range echoes {
		if containsString(body, e) {
			return echoes
		}
	}
	return nil
}

// containsString is bytes.Contains for a string needle, without copying it to bytes.
func containsString(b []byte, s string) bool {
	if s == "" {
		return true
	}
	for len(b) >= len(s) {
		i := bytes.IndexByte(b, s[0])
		if i < 0 || len(b)-i < len(s) {
			return false
		}
		if string(b[i:i+len(s)]) == s {
			return true
		}
		b = b[i+1:]
	}
	return false
}

// bodyScanner is one scan's state.
type bodyScanner struct {
	s        bodyScan
	response bool
	echoes   []string
	request  []byte
	// plain are the strings the request holds outside secret names: a response that
	// repeats one of them whole (the targetUrl of a create) repeats what the request itself
	// showed, even when a secret happens to be part of it. They are read from the request
	// only when a string of the response holds a secret, which is seldom.
	plain map[string]bool
	// values builds the body's value as the walk goes, when asked to.
	values *jsonwalk.Values
}

func (sc *bodyScanner) scan(body []byte) bodyScan {
	if len(body) == 0 {
		return sc.s
	}
	if err := jsonwalk.Walk(body, sc.member); err == nil {
		sc.s.valid = true
		return sc.s
	}
	// Not JSON: what a reader still sees are the string literals. A secret name followed
	// by a string is a secret; any literal may repeat one of the request's.
	s := &sc.s
	s.secrets, s.echoes = nil, nil
	nextIsSecret := false
	jsonwalk.Strings(body, func(lit string, isKey bool) {
		if !isKey && nextIsSecret {
			s.secrets = append(s.secrets, secretValue{value: lit, masked: lit == "" || secret.IsMask(lit)})
		}
		nextIsSecret = isKey && secret.IsName(lit)
		if sc.repeatsSecret(lit) && !slices.Contains(s.echoes, "") {
			s.echoes = append(s.echoes, "")
		}
	})
	// With no plain strings of the request to tell apart, any spelling of a secret in the
	// bytes is an echo, literal or not.
	if len(s.echoes) == 0 && containsAny(string(body), sc.echoes) && len(sc.plainStrings()) == 0 {
		s.echoes = append(s.echoes, "")
	}
	return sc.s
}

func (sc *bodyScanner) member(m *jsonwalk.Member) {
	if sc.values != nil {
		sc.values.Add(m)
	}
	s := &sc.s
	if m.Duplicate {
		s.duplicates = append(s.duplicates, m.Pointer())
	}
	if !m.InArray && secret.IsName(m.Key) {
		sv := secretValue{value: m.Value, masked: isMaskValue(m)}
		if sc.response && !sv.masked {
			sv.pointer = m.Pointer()
		}
		s.secrets = append(s.secrets, sv)
	}
	switch m.Kind {
	case jsonwalk.Number:
		if _, err := strconv.ParseFloat(m.Value, 64); err != nil {
			s.badNumbers = append(s.badNumbers, m.Pointer())
		}
	case jsonwalk.String:
		if !m.InArray && m.Key == referenceProperty {
			s.references = append(s.references, secretValue{pointer: m.Pointer(), value: m.Value})
		}
		if !m.InArray && m.Key == nextLinkProperty {
			if p := m.Pointer(); p == "/"+nextLinkProperty {
				s.nextLinks = append(s.nextLinks, secretValue{pointer: p, value: m.Value})
			}
		}
		if sc.repeatsSecret(m.Value) || sc.repeatsSecret(m.Key) {
			s.echoes = append(s.echoes, m.Pointer())
		}
	default:
		if m.Key != "" && sc.repeatsSecret(m.Key) {
			s.echoes = append(s.echoes, m.Pointer())
		}
	}
}

// repeatsSecret reports whether text holds a spelling of a secret of the request and is
// not itself one of the request's plain strings.
func (sc *bodyScanner) repeatsSecret(text string) bool {
	return containsAny(text, sc.echoes) && !sc.plainStrings()[text]
}

// plainStrings are the strings the request body holds outside secret names, read once.
func (sc *bodyScanner) plainStrings() map[string]bool {
	if sc.plain == nil {
		sc.plain = map[string]bool{}
		_ = jsonwalk.Walk(sc.request, func(m *jsonwalk.Member) {
			if m.Kind == jsonwalk.String && (m.InArray || !secret.IsName(m.Key)) {
				sc.plain[m.Value] = true
			}
		})
	}
	return sc.plain
}

func isMaskValue(m *jsonwalk.Member) bool {
	switch m.Kind {
	case jsonwalk.String:
		return m.Value == "" || secret.IsMask(m.Value)
	case jsonwalk.Literal:
		return m.Value == "null"
	}
	return false
}

func containsAny(s string, needles []string) bool {
	for _, n := range needles {
		if strings.Contains(s, n) {
			return true
		}
	}
	return false
}

// echoForms are the spellings of the request's secrets that the response must not hold.
func (s bodyScan) echoForms() []string {
	var out []string
	for _, sv := range s.secrets {
		if !sv.masked && len(sv.value) >= minRedactedSecret {
			for _, f := range secret.TextForms(sv.value) {
				if len(f) >= minRedactedSecret {
					out = append(out, f)
				}
			}
		}
	}
	return out
}

// structureViolations reports repeated keys and numbers out of range, in requests and
// responses alike: readers disagree on which of two values counts, and on what a number
// no float64 holds is.
func (s bodyScan) structureViolations() []Violation {
	var out []Violation
	for _, p := range s.duplicates {
		out = append(out, Violation{Pointer: p, Kind: KindDuplicateKey, Message: "the property appears more than once in its object"})
	}
	for _, p := range s.badNumbers {
		out = append(out, Violation{Pointer: p, Kind: KindNumberRange, Message: "the number is out of the range of a 64-bit float"})
	}
	return out
}

// referenceViolations reports each @odata.id that does not name a connector on the
// service root and version the request addressed (see ConnectorReference).
func (s bodyScan) referenceViolations(origin *url.URL, version string) []Violation {
	var out []Violation
	for _, ref := range s.references {
		if _, err := ConnectorReference(ref.value, origin, version); err != nil {
			out = append(out, Violation{Pointer: ref.pointer, Kind: KindFormat, Message: "the reference " + err.Error()})
		}
	}
	return out
}

// nextLinkViolations reports an @odata.nextLink that leads off the request's service
// root (see NextLink).
func (s bodyScan) nextLinkViolations(origin *url.URL, version string) []Violation {
	var out []Violation
	for _, link := range s.nextLinks {
		if err := NextLink(link.value, origin, version); err != nil {
			out = append(out, Violation{Pointer: link.pointer, Kind: KindFormat, Message: "the next link " + err.Error()})
		}
	}
	return out
}

// leakViolations reports every secret a response carries: a secret-named value that is
// not a mask, wherever it is, and anything repeating a secret of the request, in the body
// or a header.
func (s bodyScan) leakViolations(header http.Header, echoes []string) []Violation {
	var out []Violation
	for _, sv := range s.secrets {
		if !sv.masked {
			out = append(out, Violation{Pointer: sv.pointer, Kind: KindSecretLeak,
				Message: "a response must not carry this secret; a password may only be masked (" + secret.Mask + ")"})
		}
	}
	for _, p := range s.echoes {
		if !reportedAt(out, p) {
			out = append(out, Violation{Pointer: p, Kind: KindSecretLeak, Message: "the response repeats a secret of the request"})
		}
	}
	if len(echoes) > 0 {
		names := make([]string, 0, len(header))
		for name := range header {
			names = append(names, name)
		}
		sort.Strings(names)
		for _, name := range names {
			if containsAny(name, echoes) || slices.ContainsFunc(header[name], func(v string) bool { return containsAny(v, echoes) }) {
				out = append(out, Violation{Pointer: "/header/" + name, Kind: KindSecretLeak, Message: "the header repeats a secret of the request"})
			}
		}
	}
	return out
}

// redact withholds every message that contains a secret value found in the bodies.
// Messages are built without values already; this guards against a library message that
// quotes one. The whole message is withheld, since masking part of it would show where the
// secret's characters are. It is called only when there are violations.
func redact(vs []Violation, scans ...bodyScan) []Violation {
	if len(vs) == 0 {
		return vs
	}
	var values []string
	for _, s := range scans {
		for _, sv := range s.secrets {
			if !sv.masked && len(sv.value) >= minRedactedSecret {
				values = append(values, sv.value)
			}
		}
	}
	for i := range vs {
		violation := &vs[i]
		for _, s := range values {
			if strings.Contains(violation.Message, s) || strings.Contains(violation.Pointer, s) {
				violation.Message = "message withheld: it would contain a secret value"
				violation.Pointer = strings.ReplaceAll(violation.Pointer, s, secret.Mask)
			}
		}
	}
	return vs
}
