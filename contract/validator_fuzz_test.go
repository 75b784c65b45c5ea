package contract_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graph-apiconnector/apiconnector/contract"
	"github.com/graph-apiconnector/apiconnector/internal/fuzzcorpus"
)

// TestFuzzSeedsValidator keeps testdata/fuzz/FuzzValidator in step with the documented
// exchanges: each seed is one exchange taken apart into the fuzz arguments.
func TestFuzzSeedsValidator(t *testing.T) {
	var seeds []fuzzcorpus.Seed
	for i, ex := range seedExchanges(t) {
		req, err := contract.ParseRequest(bytes.NewReader(ex.Request), ex.Name)
		require.NoError(t, err)
		resp, err := contract.ParseResponse(bytes.NewReader(ex.Response), ex.Name, req)
		require.NoError(t, err)
		reqBody, err := io.ReadAll(req.Body)
		require.NoError(t, err)
		respBody, err := io.ReadAll(resp.Body)
		require.NoError(t, err)
		seeds = append(seeds, fuzzcorpus.Seed{Name: ex.Name, Values: []any{
			req.Method, req.URL.RequestURI(), headerLines(req.Header), reqBody,
			uint16(resp.StatusCode), headerLines(resp.Header), respBody, uint64(i),
		}})
	}
	fuzzcorpus.Sync(t, "FuzzValidator", seeds)
}

// seedExchanges are the documented exchanges and those of the metadata operations, each
// named as its seed file: "docs-beta-create-2", "metadata-beta-count-1".
func seedExchanges(t testing.TB) []fuzzcorpus.Exchange {
	t.Helper()
	var out []fuzzcorpus.Exchange
	for _, ex := range fuzzcorpus.DocExchanges(t, docsRoot) {
		ex.Name = fuzzcorpus.SeedName(ex.Name, "")
		out = append(out, ex)
	}
	for _, ex := range fuzzcorpus.DocExchanges(t, "testdata/metadata") {
		ex.Name = "metadata-" + strings.ReplaceAll(ex.Name, "/", "-")
		out = append(out, ex)
	}
	return out
}

// headerLines writes a header as "Name: value" lines, the form the fuzz arguments take.
func headerLines(h http.Header) string {
	var b strings.Builder
	keys := make([]string, 0, len(h))
	for k := range h {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		for _, v := range h[k] {
			b.WriteString(k + ": " + v + "\n")
		}
	}
	return b.String()
}

// parseHeaderLines reads "Name: value" lines; lines without a colon are skipped.
func parseHeaderLines(s string) http.Header {
	h := http.Header{}
	for line := range strings.SplitSeq(s, "\n") {
		if k, v, ok := strings.Cut(line, ":"); ok {
			h.Add(k, strings.TrimSpace(v))
		}
	}
	return h
}

// plantedSecret derives a high-entropy password of 8 to 44 characters from seed, so that
// it occurs nowhere in the input by chance and a failure reproduces from the corpus file.
func plantedSecret(seed uint64) string {
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], seed)
	sum := sha256.Sum256(b[:])
	n := 6 + int(seed%27) // 6..32 bytes: 8..44 base64 characters
	return base64.StdEncoding.EncodeToString(sum[:n])
}

// secretKeys are the properties the spec marks x-secret.
var secretKeys = []string{"password", "pkcs12Value"}

// plantSecret sets every password and pkcs12Value property of a JSON body to secret,
// wherever it is; a body with none gets one in its authenticationConfiguration. A body
// that is not JSON is returned as it is, with nothing planted.
func plantSecret(body []byte, secret string) []byte {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var doc any
	if err := dec.Decode(&doc); err != nil || dec.More() {
		return body
	}
	planted := 0
	var walk func(any)
	walk = func(node any) {
		switch n := node.(type) {
		case map[string]any:
			for k, child := range n {
				if slices.Contains(secretKeys, k) {
					n[k] = secret
					planted++
					continue
				}
				walk(child)
			}
		case []any:
			for _, child := range n {
				walk(child)
			}
		}
	}
	walk(doc)
	if planted == 0 {
		if top, ok := doc.(map[string]any); ok {
			if auth, ok := top["authenticationConfiguration"].(map[string]any); ok {
				auth["password"] = secret
				planted++
			}
		}
	}
	if planted == 0 {
		return body
	}
	out, err := json.Marshal(doc)
	if err != nil {
		return body
	}
	return out
}

// fuzzRequest builds the request the validator sees; target is the request-URI.
func fuzzRequest(method, target, headers string, body []byte) *http.Request {
	u, err := url.ParseRequestURI(target)
	if err != nil {
		u = &url.URL{Path: target}
	}
	u.Scheme, u.Host = "https", "graph.microsoft.com"
	return &http.Request{
		Method: method, URL: u, Host: u.Host,
		Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header:        parseHeaderLines(headers),
		Body:          io.NopCloser(bytes.NewReader(body)),
		ContentLength: int64(len(body)),
	}
}

// FuzzValidator: the validator never panics on any method, path, query, headers, status
// or body, its verdict is consistent, it keeps the bodies readable, no violation, nor the
// Result printed or encoded, carries a password planted in either body, and decoding a
// response body once finds what leaving it to openapi3filter finds.
func FuzzValidator(f *testing.F) {
	v, err := contract.NewValidator()
	require.NoError(f, err)
	twice, err := contract.NewValidatorDecodingTwice()
	require.NoError(f, err)
	f.Fuzz(func(t *testing.T, method, target, reqHeaders string, reqBody []byte, status uint16, respHeaders string, respBody []byte, seed uint64) {
		secret := plantedSecret(seed)
		reqBody = plantSecret(reqBody, secret)
		respBody = plantSecret(respBody, secret)

		req := fuzzRequest(method, target, reqHeaders, reqBody)
		res := v.ValidateRequest(req)
		assertNoSecretIn(t, res, secret)
		kept, err := io.ReadAll(req.Body)
		require.NoError(t, err)
		assert.Equal(t, reqBody, kept, "the request body is put back")

		code := int(status)
		if code < 100 || code > 599 {
			code = 100 + code%500
		}
		exchange := func() (*http.Request, *http.Response) {
			req := fuzzRequest(method, target, reqHeaders, reqBody)
			return req, &http.Response{
				StatusCode: code, Status: fmt.Sprint(code), Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
				Header: parseHeaderLines(respHeaders), Body: io.NopCloser(bytes.NewReader(respBody)),
				ContentLength: int64(len(respBody)), Request: req,
			}
		}
		req, resp := exchange()
		res = v.ValidateResponse(req, resp)
		assertNoSecretIn(t, res, secret)
		kept, err = io.ReadAll(resp.Body)
		require.NoError(t, err)
		_ = resp.Body.Close()
		assert.Equal(t, respBody, kept, "the response body is put back")
		req, resp = exchange()
		assert.Equal(t, twice.ValidateResponse(req, resp), res, "decoded once and twice")
		_ = resp.Body.Close()
	})
}

func assertNoSecretIn(t *testing.T, res contract.Result, secret string) {
	t.Helper()
	assert.Equal(t, len(res.Violations) == 0, res.Valid, "Valid means no violations")
	for i, v := range res.Violations {
		assert.NotEmpty(t, v.Kind, "violation %d has a kind", i)
		assert.NotContains(t, v.Pointer, secret, "violation %d pointer", i)
		assert.NotContains(t, v.Message, secret, "violation %d message", i)
		assert.NotContains(t, v.String(), secret, "violation %d String", i)
	}
	for _, format := range []string{"%v", "%+v", "%#v", "%s", "%q"} {
		assert.NotContains(t, fmt.Sprintf(format, res), secret, "Result printed with %s", format)
	}
	encoded, err := json.Marshal(res)
	require.NoError(t, err)
	assert.NotContains(t, string(encoded), secret, "Result as JSON")
}
