package client

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graph-apiconnector/apiconnector/contract"
	"github.com/graph-apiconnector/apiconnector/gen"
	"github.com/graph-apiconnector/apiconnector/internal/fuzzcorpus"
)

// TestFuzzSeedsDecodeAuth keeps testdata/fuzz/FuzzDecodeAuth in step with the documented
// exchanges: every distinct authenticationConfiguration in a request or response body is a
// seed, with its own @odata.type and with each of the others a decoder meets.
func TestFuzzSeedsDecodeAuth(t *testing.T) {
	types := []string{odataBasic, odataPKCS12, odataClientCertificates, "microsoft.graph.basicAuthentication", "#microsoft.graph.futureAuthentication", ""}
	var seeds []fuzzcorpus.Seed
	seen := map[string]bool{}
	for _, ex := range fuzzcorpus.DocExchanges(t, "../contract/testdata/docs") {
		req, err := contract.ParseRequest(bytes.NewReader(ex.Request), ex.Name)
		require.NoError(t, err)
		resp, err := contract.ParseResponse(bytes.NewReader(ex.Response), ex.Name, req)
		require.NoError(t, err)
		for _, side := range []struct {
			name string
			body io.Reader
		}{{"request", req.Body}, {"response", resp.Body}} {
			data, err := io.ReadAll(side.body)
			require.NoError(t, err)
			for i, raw := range authConfigurations(data) {
				if seen[raw] {
					continue
				}
				seen[raw] = true
				for j, typ := range append([]string{fuzzAuthType(raw)}, types...) {
					name := fuzzcorpus.SeedName(ex.Name, fmt.Sprintf("%s-%d-%d", side.name, i, j))
					seeds = append(seeds, fuzzcorpus.Seed{Name: name, Values: []any{[]byte(raw), typ}})
				}
			}
		}
	}
	require.NotEmpty(t, seeds)
	fuzzcorpus.Sync(t, "FuzzDecodeAuth", seeds)
}

// authConfigurations returns every authenticationConfiguration value in a JSON body, in
// document order of a sorted walk; a body that is not JSON has none.
func authConfigurations(body []byte) []string {
	var doc any
	if json.Unmarshal(body, &doc) != nil {
		return nil
	}
	var out []string
	var walk func(any)
	walk = func(node any) {
		switch n := node.(type) {
		case map[string]any:
			keys := make([]string, 0, len(n))
			for k := range n {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			for _, k := range keys {
				if k == "authenticationConfiguration" {
					raw, _ := json.Marshal(n[k])
					out = append(out, string(raw))
					continue
				}
				walk(n[k])
			}
		case []any:
			for _, c := range n {
				walk(c)
			}
		}
	}
	walk(doc)
	return out
}

// fuzzAuthType is the @odata.type of a JSON object, as decodeAuth reads it ("" when it
// has none or raw is not an object with a string there).
func fuzzAuthType(raw string) string {
	var head struct {
		Type string `json:"@odata.type"`
	}
	_ = json.Unmarshal([]byte(raw), &head)
	return head.Type
}

// withODataType returns raw with its @odata.type set to typ, when raw is a JSON object.
func withODataType(raw []byte, typ string) ([]byte, bool) {
	var obj map[string]json.RawMessage
	if json.Unmarshal(raw, &obj) != nil || obj == nil {
		return nil, false
	}
	t, err := json.Marshal(typ)
	if err != nil {
		return nil, false
	}
	obj["@odata.type"] = t
	out, err := json.Marshal(obj)
	return out, err == nil
}

// FuzzDecodeAuth: decoding any JSON as an authenticationConfiguration never panics;
// whatever decodes, encoded on the wire and decoded again, is the same value; a type this
// client does not know keeps its @odata.type and its bytes; the same JSON inside a
// connector decodes alike; and no rendering of a decoded value depends on a secret in it.
func FuzzDecodeAuth(f *testing.F) {
	f.Fuzz(func(t *testing.T, raw []byte, odataType string) {
		checkDecodeAuth(t, raw)
		if typed, ok := withODataType(raw, odataType); ok {
			checkDecodeAuth(t, typed)
		}
	})
}

func checkDecodeAuth(t *testing.T, raw []byte) {
	t.Helper()
	decoded, err := decodeAuth(raw)
	viaConnector, connErr := decodeConnector([]byte(`{"id":"x","authenticationConfiguration":` + string(raw) + `}`))
	if err != nil {
		assert.Nil(t, decoded)
		if json.Valid(raw) {
			assert.Error(t, connErr, "a connector holding it does not decode either")
		}
		return
	}
	if json.Valid(raw) {
		require.NoError(t, connErr)
		assert.Equal(t, decoded, viaConnector.Auth, "decoded alike inside a connector")
	}
	if decoded == nil {
		assert.Contains(t, []string{"", "null"}, string(bytes.TrimSpace(raw)))
		return
	}

	switch a := decoded.(type) {
	case BasicAuth:
		assert.Equal(t, odataBasic, canonicalODataType(fuzzAuthType(string(raw))))
		assertRenderingHidesSecret(t, a, BasicAuth{Username: a.Username, Password: a.Password + "x"}, a.Password == "")
	case ClientCertificates:
		assert.Equal(t, odataClientCertificates, canonicalODataType(fuzzAuthType(string(raw))))
	case UnknownAuth:
		assert.Equal(t, fuzzAuthType(string(raw)), a.Type, "an unknown type keeps its @odata.type")
		assert.Equal(t, string(bytes.TrimSpace(raw)), string(a.Raw), "an unknown type keeps its bytes")
		assert.NotContains(t, []string{odataBasic, odataClientCertificates}, canonicalODataType(a.Type))
		assertRenderingHidesSecret(t, a, UnknownAuth{Type: a.Type, Raw: bytes.Repeat([]byte("x"), len(a.Raw))}, false)
	default:
		t.Fatalf("decodeAuth returned %T", decoded)
	}

	encoded := encodeWire(t, decoded)
	again, err := decodeAuth(encoded)
	require.NoError(t, err, "encoded as %s", encoded)
	assert.Equal(t, decoded, again, "decode(encode(decode(x))) == decode(x); encoded as %s", encoded)
}

// encodeWire writes an Auth as it travels: a request shape through encodeAuth, and the
// response-only ClientCertificates in Graph's response shape.
func encodeWire(t *testing.T, a Auth) []byte {
	t.Helper()
	if certs, ok := a.(ClientCertificates); ok {
		w := gen.ClientCertificateAuthentication{OdataType: gen.ClientCertificateAuthenticationODataTypeValue}
		if certs.Certificates != nil {
			list := make([]gen.Pkcs12CertificateInformation, 0, len(certs.Certificates))
			for _, c := range certs.Certificates {
				info := gen.Pkcs12CertificateInformation{Thumbprint: &c.Thumbprint, IsActive: &c.IsActive}
				if !c.NotBefore.IsZero() {
					info.NotBefore = new(c.NotBefore.Unix())
				}
				if !c.NotAfter.IsZero() {
					info.NotAfter = new(c.NotAfter.Unix())
				}
				list = append(list, info)
			}
			w.CertificateList = &list
		}
		out, err := json.Marshal(w)
		require.NoError(t, err)
		return out
	}
	wire, err := encodeAuth(a)
	require.NoError(t, err)
	out, err := wire.MarshalJSON()
	require.NoError(t, err)
	return out
}

// assertRenderingHidesSecret: every fmt verb, slog and json.Marshal render a and other,
// which differ only in their secret, identically, so no rendering shows the secret.
// emptySecret skips the comparison where an empty secret is shown as empty on purpose.
func assertRenderingHidesSecret(t *testing.T, a, other Auth, emptySecret bool) {
	t.Helper()
	render := func(v Auth) string {
		var b strings.Builder
		for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%d"} {
			fmt.Fprintf(&b, verb+"\n", v)
		}
		fmt.Fprintln(&b, fmt.Sprint(v), fmt.Sprintln(v))
		logger := slog.New(slog.NewJSONHandler(&b, nil))
		logger.Info("auth", "auth", v)
		enc, err := json.Marshal(v)
		require.NoError(t, err)
		b.Write(enc)
		return b.String()
	}
	got := render(a)
	if !emptySecret {
		// slog's time field differs between the two renderings; compare without it.
		assert.Equal(t, dropTimes(render(other)), dropTimes(got))
	}
}

// dropTimes removes slog's "time" values, which are the only part that changes by itself.
func dropTimes(s string) string {
	var out []string
	for line := range strings.SplitSeq(s, "\n") {
		if i := strings.Index(line, `{"time":"`); i >= 0 {
			if j := strings.Index(line[i+9:], `"`); j >= 0 {
				line = line[:i] + `{"time":""` + line[i+9+j+1:]
			}
		}
		out = append(out, line)
	}
	return strings.Join(out, "\n")
}
