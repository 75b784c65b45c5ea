package contract

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/graph-apiconnector/apiconnector/internal/secret"
)

// maskBase64 stands in for a secret of format byte (pkcs12Value): the mask, base64-encoded,
// so that a masked recording still holds to the contract.
var maskBase64 = base64.StdEncoding.EncodeToString([]byte(secret.Mask))

// MaskSecrets returns a JSON body with the value of every secret property (x-secret in the
// spec: passwords, pkcs12Value), wherever it occurs, replaced by secret.Mask (base64-encoded for a
// property of format byte, so the body still validates), and the values it
// replaced, so a caller can make sure none survives elsewhere in what it keeps. ok is false
// when the body is not JSON; nothing in it can then be told apart as a secret. The output
// is re-encoded, so key order and spacing may differ from the input.
func (v *Validator) MaskSecrets(body []byte) (masked []byte, secrets []string, ok bool) {
	if len(bytes.TrimSpace(body)) == 0 {
		return body, nil, true
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var doc any
	if dec.Decode(&doc) != nil || dec.More() {
		return nil, nil, false
	}
	var walk func(any) any
	walk = func(node any) any {
		switch n := node.(type) {
		case map[string]any:
			for k, child := range n {
				if s, isString := child.(string); isString && secret.IsName(k) {
					replacement := secret.Mask
					if slices.ContainsFunc(v.byteSecrets, func(s string) bool { return strings.EqualFold(s, k) }) {
						replacement = maskBase64
					}
					if s != "" && s != replacement {
						secrets = append(secrets, s)
					}
					n[k] = replacement
					continue
				}
				n[k] = walk(child)
			}
		case []any:
			for i, child := range n {
				n[i] = walk(child)
			}
		}
		return node
	}
	doc = walk(doc)
	var out bytes.Buffer
	enc := json.NewEncoder(&out)
	enc.SetEscapeHTML(false)
	if enc.Encode(doc) != nil {
		return nil, nil, false
	}
	return bytes.TrimSuffix(out.Bytes(), []byte("\n")), secrets, true
}

// byteSecretNames lists the secret properties of format byte.
func byteSecretNames(doc *openapi3.T) []string {
	var names []string
	for _, s := range doc.Components.Schemas {
		for name, p := range s.Value.Properties {
			if p.Value == nil || p.Value.Format != "byte" {
				continue
			}
			if isSecret, _ := p.Value.Extensions[secretExtension].(bool); isSecret && !slices.Contains(names, name) {
				names = append(names, name)
			}
		}
	}
	return names
}
