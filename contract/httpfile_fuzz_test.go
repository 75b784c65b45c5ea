package contract_test

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graph-apiconnector/apiconnector/contract"
	"github.com/graph-apiconnector/apiconnector/internal/fuzzcorpus"
)

// docsRoot is where the documented exchanges live, relative to this package.
const docsRoot = "testdata/docs"

// TestFuzzSeedsParseExchange keeps testdata/fuzz/FuzzParseExchange in step with the
// documented exchanges: every request.http and response.http is a seed.
func TestFuzzSeedsParseExchange(t *testing.T) {
	var seeds []fuzzcorpus.Seed
	for _, ex := range fuzzcorpus.DocExchanges(t, docsRoot) {
		seeds = append(seeds,
			fuzzcorpus.Seed{Name: fuzzcorpus.SeedName(ex.Name, "request"), Values: []any{ex.Request}},
			fuzzcorpus.Seed{Name: fuzzcorpus.SeedName(ex.Name, "response"), Values: []any{ex.Response}},
		)
	}
	fuzzcorpus.Sync(t, "FuzzParseExchange", seeds)
}

// FuzzParseExchange: the .http parser never panics, and whatever it parses, written out
// again as an .http file, parses to the same message.
func FuzzParseExchange(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		if req, err := contract.ParseRequest(bytes.NewReader(data), "fuzz.http"); err == nil {
			assertRequestRoundTrip(t, req)
		} else {
			assertParseError(t, err, data)
		}
		if resp, err := contract.ParseResponse(bytes.NewReader(data), "fuzz.http", nil); err == nil {
			assertResponseRoundTrip(t, resp)
		} else {
			assertParseError(t, err, data)
		}
	})
}

// assertParseError: a failed parse is a *ParseError naming the file and a line of the input.
func assertParseError(t *testing.T, err error, data []byte) {
	t.Helper()
	var pe *contract.ParseError
	require.ErrorAs(t, err, &pe)
	assert.Equal(t, "fuzz.http", pe.File)
	assert.GreaterOrEqual(t, pe.Line, 1)
	assert.LessOrEqual(t, pe.Line, bytes.Count(data, []byte("\n"))+1)
}

// parsedRequest is what a request file says.
type parsedRequest struct {
	Method, URL, Proto, Host string
	Header                   http.Header
	Body                     []byte
	ContentLength            int64
}

func readRequest(t *testing.T, req *http.Request) parsedRequest {
	t.Helper()
	body, err := io.ReadAll(req.Body)
	require.NoError(t, err)
	return parsedRequest{Method: req.Method, URL: req.URL.String(), Proto: req.Proto, Host: req.Host,
		Header: req.Header, Body: body, ContentLength: req.ContentLength}
}

func assertRequestRoundTrip(t *testing.T, req *http.Request) {
	t.Helper()
	first := readRequest(t, req)
	assert.Equal(t, int64(len(first.Body)), first.ContentLength)
	written := writeRequestFile(first)
	again, err := contract.ParseRequest(bytes.NewReader(written), "again.http")
	require.NoError(t, err, "written as:\n%q", written)
	assert.Equal(t, first, readRequest(t, again), "written as:\n%q", written)
}

// parsedResponse is what a response file says.
type parsedResponse struct {
	Status                 string
	StatusCode             int
	Proto                  string
	ProtoMajor, ProtoMinor int
	Header                 http.Header
	Body                   []byte
	ContentLength          int64
}

func readResponse(t *testing.T, resp *http.Response) parsedResponse {
	t.Helper()
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return parsedResponse{Status: resp.Status, StatusCode: resp.StatusCode, Proto: resp.Proto,
		ProtoMajor: resp.ProtoMajor, ProtoMinor: resp.ProtoMinor, Header: resp.Header, Body: body,
		ContentLength: resp.ContentLength}
}

func assertResponseRoundTrip(t *testing.T, resp *http.Response) {
	t.Helper()
	first := readResponse(t, resp)
	assert.Equal(t, int64(len(first.Body)), first.ContentLength)
	assert.True(t, strings.HasPrefix(first.Status, strconv.Itoa(first.StatusCode)), "Status %q starts with the code", first.Status)
	written := writeResponseFile(first)
	again, err := contract.ParseResponse(bytes.NewReader(written), "again.http", nil)
	require.NoError(t, err, "written as:\n%q", written)
	assert.Equal(t, first, readResponse(t, again), "written as:\n%q", written)
}

// writeRequestFile is the smallest .http writer: request line, headers in a stable order,
// a blank line, the body.
func writeRequestFile(r parsedRequest) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "%s %s %s\n", r.Method, r.URL, r.Proto)
	writeHeaderLines(&b, r.Header)
	b.WriteString("\n")
	b.Write(r.Body)
	return b.Bytes()
}

func writeResponseFile(r parsedResponse) []byte {
	var b bytes.Buffer
	reason := strings.TrimSpace(strings.TrimPrefix(r.Status, strconv.Itoa(r.StatusCode)))
	// The parser takes exactly three digits, so a code below 100 keeps its zeros.
	fmt.Fprintf(&b, "%s %03d %s\n", r.Proto, r.StatusCode, reason)
	writeHeaderLines(&b, r.Header)
	b.WriteString("\n")
	b.Write(r.Body)
	return b.Bytes()
}

func writeHeaderLines(b *bytes.Buffer, h http.Header) {
	keys := make([]string, 0, len(h))
	for k := range h {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		for _, v := range h[k] {
			fmt.Fprintf(b, "%s: %s\n", k, v)
		}
	}
}
