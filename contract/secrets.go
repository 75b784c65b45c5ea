package contract

import (
	"encoding/json"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// secretExtension marks a property whose value is a secret.
const secretExtension = "x-secret"

// mask is what Graph writes in place of a password.
var mask = regexp.MustCompile(`^\*+$`)

// secretPropertyNames lists the names of the properties the spec marks x-secret.
func secretPropertyNames(doc *openapi3.T) []string {
	var names []string
	for _, s := range doc.Components.Schemas {
		for name, p := range s.Value.Properties {
			if p.Value == nil {
				continue
			}
			if secret, _ := p.Value.Extensions[secretExtension].(bool); secret && !slices.Contains(names, name) {
				names = append(names, name)
			}
		}
	}
	sort.Strings(names)
	return names
}

// secretLeaks reports every secret property in a response body that holds anything but the
// mask, wherever it is, including under properties the spec does not know.
func (v *Validator) secretLeaks(body []byte) []Violation {
	var out []Violation
	v.walkSecrets(body, func(pointer, value string) {
		if value != "" && !mask.MatchString(value) {
			out = append(out, Violation{Pointer: pointer, Kind: KindSecretLeak,
				Message: "a response must not carry this secret; a password may only be masked (******)"})
		}
	})
	return out
}

// minRedactedSecret is the shortest secret value looked for in messages: a shorter one
// occurs in ordinary words, and finding it there says nothing.
const minRedactedSecret = 4

// redact withholds every message that contains a secret value found in the bodies.
// Messages are built without values already; this guards against a library message that
// quotes one. The whole message is withheld, since masking part of it would show where the
// secret's characters are.
func (v *Validator) redact(vs []Violation, bodies ...[]byte) []Violation {
	var values []string
	for _, b := range bodies {
		v.walkSecrets(b, func(_, value string) {
			if len(value) >= minRedactedSecret {
				values = append(values, value)
			}
		})
	}
	for i := range vs {
		violation := &vs[i]
		for _, s := range values {
			if strings.Contains(violation.Message, s) || strings.Contains(violation.Pointer, s) {
				violation.Message = "message withheld: it would contain a secret value"
				violation.Pointer = redactPointer(violation.Pointer, s)
			}
		}
	}
	return vs
}

// redactPointer masks a secret that a property name repeats, which only a hostile body does.
func redactPointer(pointer, secret string) string {
	return strings.ReplaceAll(pointer, secret, "******")
}

// walkSecrets calls fn with the pointer and string value of every secret property in a JSON
// body. A body that is not JSON has none to find.
func (v *Validator) walkSecrets(body []byte, fn func(pointer, value string)) {
	var doc any
	if len(body) == 0 || json.Unmarshal(body, &doc) != nil {
		return
	}
	var walk func(string, any)
	walk = func(pointer string, node any) {
		switch n := node.(type) {
		case map[string]any:
			for k, child := range n {
				p := pointer + jsonPointer([]string{k})
				if s, ok := child.(string); ok && slices.Contains(v.secrets, k) {
					fn(p, s)
					continue
				}
				walk(p, child)
			}
		case []any:
			for i, child := range n {
				walk(pointer+"/"+itoa(i), child)
			}
		}
	}
	walk("", doc)
}

func itoa(i int) string { return strconv.Itoa(i) }
