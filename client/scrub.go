package client

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"slices"
	"strconv"
	"strings"

	"github.com/graph-apiconnector/apiconnector/internal/jsonwalk"
	"github.com/graph-apiconnector/apiconnector/internal/secret"
)

// What a call sent as a secret never comes back from it: not in an *Error, not in a
// wrapped error's text, not in a value it returns. A hostile or broken server may quote a
// password in an error message, echo it in a display name, or spell it escaped; the client
// knows what it sent, and masks each of those forms wherever it finds them.

// sentSecrets are the secrets one call puts on the wire: passwords and the .pfx. The
// bearer token is added by the client for every call.
type sentSecrets struct {
	texts []string
	blobs [][]byte
	// plain are the call's values that are not secrets (the display name, target URL and
	// user name of a create): Graph answering with one of them whole repeats what the call
	// showed, even when a secret happens to be part of it.
	plain [3]string
}

// scrubber masks the forms of a call's secrets in text (see secret.Masker). The token's
// masker is the transport's, built once per token; the call's own are built on first use,
// since a call that succeeds with nothing to check never needs them.
type scrubber struct {
	sent   sentSecrets
	base   *secret.Masker // the bearer token's
	masker *secret.Masker // the call's secrets, in messages
	// encoded are the base64 spellings of the call's secrets, for returned values; built on
	// first use.
	encoded []string
}

// minEchoed is the shortest secret looked for in the values a call returns, such as a
// display name. Masking a message costs little, but a returned value that holds a short,
// common password by chance ("test" in https://test.example) must not turn a successful
// call into an error; Graph's own minimum for a password is 8 characters.
const minEchoed = 8

func (s *scrubber) sends() bool { return len(s.sent.texts) > 0 || len(s.sent.blobs) > 0 }

// empty reports whether there is nothing to look for.
func (s *scrubber) empty() bool { return s == nil || (s.base.Empty() && !s.sends()) }

// scrub returns text with every form of a secret replaced by the mask, and whether it
// found one.
func (s *scrubber) scrub(text string) (string, bool) {
	if s.empty() || text == "" {
		return text, false
	}
	if s.masker == nil && s.sends() {
		s.masker = secret.NewMasker(s.sent.texts, s.sent.blobs)
	}
	return maskWith(text, s.base, s.masker)
}

// scrubValue is scrub for a value the call returns, such as a display name: one of the
// call's plain values is kept as it is; a value that holds the token, or a secret of the
// call of minEchoed characters or more (as it is, escaped, or in base64), is masked whole.
func (s *scrubber) scrubValue(text string) (string, bool) {
	if s.empty() || text == "" || slices.Contains(s.sent.plain[:], text) {
		return text, false
	}
	if masked, found := maskWith(text, s.base); found {
		return masked, true
	}
	if !s.sends() {
		return text, false
	}
	if s.encoded == nil {
		s.encoded = []string{}
		for _, t := range s.sent.texts {
			if len(t) >= minEchoed {
				s.encoded = append(s.encoded, base64.StdEncoding.EncodeToString([]byte(t)))
			}
		}
		for _, b := range s.sent.blobs {
			s.encoded = append(s.encoded, base64.StdEncoding.EncodeToString(b), base64.URLEncoding.EncodeToString(b), string(b))
		}
	}
	for _, t := range s.sent.texts {
		if len(t) >= minEchoed && secret.Holds(text, t) {
			return secret.Mask, true
		}
	}
	for _, e := range s.encoded {
		if len(e) >= minEchoed && strings.Contains(text, e) {
			return secret.Mask, true
		}
	}
	return text, false
}

func maskWith(text string, maskers ...*secret.Masker) (string, bool) {
	found := false
	for _, m := range maskers {
		if m == nil {
			continue
		}
		var hit bool
		text, hit = m.Mask(text)
		found = found || hit
	}
	return text, found
}

// scrubError masks the secrets in err. An *Error is masked in place, field by field, so
// errors.As still finds it. Any other error whose text holds a secret is replaced by one
// with the masked text that still answers errors.Is like the original (ErrOutcomeUnknown,
// context.Canceled), but no longer unwraps to the text that held the secret.
func (s *scrubber) scrubError(err error) error {
	if err == nil || s.empty() {
		return err
	}
	var graphErr *Error
	if errors.As(err, &graphErr) {
		for _, f := range []*string{&graphErr.Code, &graphErr.Message, &graphErr.RequestID, &graphErr.ClientRequestID, &graphErr.Date} {
			*f, _ = s.scrub(*f)
		}
	}
	if text, found := s.scrub(err.Error()); found {
		return &redactedError{text: text, cause: err}
	}
	return err
}

// redactedError is an error whose text held a secret.
type redactedError struct {
	text  string
	cause error
}

func (e *redactedError) Error() string { return e.text }

// Is answers for the cause, which only says yes or no and shows none of its text.
func (e *redactedError) Is(target error) bool { return errors.Is(e.cause, target) }

// As finds an *Error (already masked) or a *SecretInResponseError in the cause, and
// nothing else that could carry the unmasked text.
func (e *redactedError) As(target any) bool {
	switch t := target.(type) {
	case **Error:
		return errors.As(e.cause, t)
	case **SecretInResponseError:
		return errors.As(e.cause, t)
	}
	return false
}

// scrubConnector drops what a returned connector must not hold: a basic-auth password
// that is not a mask, secret-named properties inside an unknown type's JSON, and any form
// of the call's secrets in its text. It returns the JSON pointers of what it changed,
// relative to the connector.
func (s *scrubber) scrubConnector(c *Connector) []string {
	var changed []string
	for _, f := range [...]struct {
		pointer string
		value   *string
	}{{"/id", &c.ID}, {"/displayName", &c.DisplayName}, {"/targetUrl", &c.TargetURL}} {
		if s.field(f.value) {
			changed = append(changed, f.pointer)
		}
	}
	switch a := c.Auth.(type) {
	case BasicAuth:
		// c.Auth is set again only when something changed: boxing a copy costs an
		// allocation per connector of every page.
		before := len(changed)
		if a.Password != "" && !secret.IsMask(a.Password) {
			a.Password = ""
			changed = append(changed, "/authenticationConfiguration/password")
		}
		if s.field(&a.Username) {
			changed = append(changed, "/authenticationConfiguration/username")
		}
		if len(changed) > before {
			c.Auth = a
		}
	case ClientCertificates:
		for i := range a.Certificates {
			if s.field(&a.Certificates[i].Thumbprint) {
				changed = append(changed, "/authenticationConfiguration/certificateList/"+itoa(i)+"/thumbprint")
			}
		}
	case UnknownAuth:
		found := func(v string) bool { _, hit := s.scrubValue(v); return hit }
		raw, pointers := scrubSecretProperties(a.Raw, found)
		for _, p := range pointers {
			changed = append(changed, "/authenticationConfiguration"+p)
		}
		a.Raw = raw
		if s.field(&a.Type) {
			changed = append(changed, "/authenticationConfiguration/@odata.type")
		}
		c.Auth = a
	}
	return changed
}

// field masks a returned value in place and reports whether it held a secret.
func (s *scrubber) field(v *string) bool {
	masked, found := s.scrubValue(*v)
	if found {
		*v = masked
	}
	return found
}

// scrubSecretProperties masks every property of raw whose name says it holds a secret
// (secret.LooksLikeName), at any depth and however its name is spelled or escaped,
// unless its value is already a mask or null; and every value in which holds finds a
// secret once decoded, however it is escaped. It returns the JSON pointers of what it
// masked. raw is valid JSON (encoding/json delimited it); anything else is returned as {}.
func scrubSecretProperties(raw json.RawMessage, holds func(string) bool) (json.RawMessage, []string) {
	type span struct{ start, end int }
	var spans []span
	var pointers []string
	err := jsonwalk.Walk(raw, func(m *jsonwalk.Member) {
		echoed := holds(m.Key) || (m.Kind != jsonwalk.Object && m.Kind != jsonwalk.Array && holds(m.Value))
		named := !m.InArray && secret.LooksLikeName(m.Key) &&
			(m.Kind != jsonwalk.String || (m.Value != "" && !secret.IsMask(m.Value))) &&
			(m.Kind != jsonwalk.Literal || m.Value != "null")
		if !echoed && !named {
			return
		}
		if holds(m.Key) {
			// The name itself repeats a secret: nothing of the object can be kept as it is.
			spans, pointers = []span{{0, len(raw)}}, []string{""}
			return
		}
		// Containers are visited after what they hold: one that encloses earlier spans
		// replaces them.
		for len(spans) > 0 && spans[len(spans)-1].start >= m.Start {
			spans = spans[:len(spans)-1]
			pointers = pointers[:len(pointers)-1]
		}
		spans = append(spans, span{m.Start, m.End})
		pointers = append(pointers, m.Pointer())
	})
	if err != nil {
		return json.RawMessage(`{}`), []string{""}
	}
	if len(spans) == 0 {
		return raw, nil
	}
	if spans[0].start == 0 && spans[0].end == len(raw) {
		return json.RawMessage(`{}`), pointers
	}
	out := make([]byte, 0, len(raw))
	at := 0
	for _, s := range spans {
		out = append(out, raw[at:s.start]...)
		out = append(out, `"`+secret.Mask+`"`...)
		at = s.end
	}
	return append(out, raw[at:]...), pointers
}

func itoa(i int) string { return strconv.Itoa(i) }
