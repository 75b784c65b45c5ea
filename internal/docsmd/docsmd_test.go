package docsmd

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graph-apiconnector/apiconnector/contract"
)

// docsTestdata holds the documented exchanges the stored page must agree with.
const docsTestdata = "../../contract/testdata/docs"

// twoExamplePage imitates a current docs page: a syntax block marked
// "ignored", language tabs, "#### Request"/"#### Response" labels under each
// example heading, and annotations that are not all valid JSON.
const twoExamplePage = `---
title: "Create identityApiConnector"
---

# Create identityApiConnector

## HTTP request

<!-- {
  "blockType": "ignored"
}
-->

` + "```http" + `
POST /identity/apiConnectors
` + "```" + `

## Examples

### Example 1: Create an API connector with basic authentication

#### Request

# [HTTP](#tab/http)
<!-- {
  "blockType": "request",
  "name": "create_basic"
}-->

` + "```http" + `
POST https://graph.microsoft.com/beta/identity/apiConnectors
Content-Type: application/json

{"displayName": "Test API"}
` + "```" + `

# [C#](#tab/csharp)
` + "```csharp" + `
// <!-- not an annotation inside code -->
# not a heading inside code
` + "```" + `

---

#### Response

<!-- {
  "blockType": "response",
  "truncated": true,
  "@odata.type": "microsoft.graph.identityApiConnector",
} -->

` + "```HTTP" + `
HTTP/1.1 201 Created
Content-Type: application/json

{"id": "guid"}
` + "```" + `

### Example 2: Create an API connector with client certificate authentication

#### Request

<!-- { "blockType": "request", "name": "create_cert" } -->
` + "```http" + `
POST https://graph.microsoft.com/beta/identity/apiConnectors

` + "```" + `

#### Response

<!-- { "blockType": "response", "truncated": tru, "name": "cert_response" } -->
` + "````http" + `
HTTP/1.1 201 Created
` + "````" + `

<!-- { "blockType": "response" } -->
` + "```http" + `
HTTP/1.1 200 OK
` + "```" + `
`

func TestExtractExamples(t *testing.T) {
	examples, err := ExtractExamples([]byte(twoExamplePage))
	require.NoError(t, err)
	require.Len(t, examples, 2)

	first := examples[0]
	assert.Equal(t, "Example 1: Create an API connector with basic authentication", first.Heading)
	assert.Equal(t, "POST https://graph.microsoft.com/beta/identity/apiConnectors\nContent-Type: application/json\n\n{\"displayName\": \"Test API\"}\n", string(first.Request))
	assert.Equal(t, "HTTP/1.1 201 Created\nContent-Type: application/json\n\n{\"id\": \"guid\"}\n", string(first.Response))
	assert.Equal(t, Annotation{
		Verbatim:          "{\n  \"blockType\": \"request\",\n  \"name\": \"create_basic\"\n}",
		Parsed:            map[string]any{"blockType": "request", "name": "create_basic"},
		StrictlyValidJSON: true,
	}, first.RequestAnnotation)
	assert.Equal(t, Annotation{
		Verbatim: "{\n  \"blockType\": \"response\",\n  \"truncated\": true,\n  \"@odata.type\": \"microsoft.graph.identityApiConnector\",\n} ",
		Parsed: map[string]any{
			"blockType":   "response",
			"truncated":   true,
			"@odata.type": "microsoft.graph.identityApiConnector",
		},
		StrictlyValidJSON: false,
	}, first.ResponseAnnotation)

	second := examples[1]
	assert.Equal(t, "Example 2: Create an API connector with client certificate authentication", second.Heading)
	assert.Equal(t, "POST https://graph.microsoft.com/beta/identity/apiConnectors\n\n", string(second.Request))
	assert.Equal(t, "HTTP/1.1 201 Created\n", string(second.Response))
	assert.True(t, second.RequestAnnotation.StrictlyValidJSON)
	// Broken beyond trailing commas: only the identifying fields survive.
	assert.Equal(t, map[string]any{"blockType": "response", "name": "cert_response"}, second.ResponseAnnotation.Parsed)
	assert.False(t, second.ResponseAnnotation.StrictlyValidJSON)
}

func TestExtractExamplesCRLF(t *testing.T) {
	lf, err := ExtractExamples([]byte(twoExamplePage))
	require.NoError(t, err)
	crlf, err := ExtractExamples([]byte(strings.ReplaceAll(twoExamplePage, "\n", "\r\n")))
	require.NoError(t, err)

	require.Len(t, crlf, len(lf))
	for i := range lf {
		assert.Equal(t, lf[i].Heading, crlf[i].Heading)
		// Blocks keep the page's own line ends.
		assert.Equal(t, strings.ReplaceAll(string(lf[i].Request), "\n", "\r\n"), string(crlf[i].Request))
		assert.Equal(t, strings.ReplaceAll(string(lf[i].Response), "\n", "\r\n"), string(crlf[i].Response))
		assert.Equal(t, lf[i].RequestAnnotation.Parsed, crlf[i].RequestAnnotation.Parsed)
		assert.Equal(t, lf[i].ResponseAnnotation.Parsed, crlf[i].ResponseAnnotation.Parsed)
		assert.Equal(t, lf[i].ResponseAnnotation.StrictlyValidJSON, crlf[i].ResponseAnnotation.StrictlyValidJSON)
	}
}

func TestExtractExamplesSkipsBlocksThatAreNotExamples(t *testing.T) {
	tests := []struct {
		name string
		page string
	}{
		{"no annotations", "# T\n\n```http\nGET /x\n```\n\n```http\nHTTP/1.1 200 OK\n```\n"},
		{"ignored blocks", "<!-- { \"blockType\": \"ignored\" } -->\n```http\nGET /x\n```\n"},
		{"request annotation over another language", "<!-- { \"blockType\": \"request\" } -->\n```json\n{}\n```\n"},
		{"text between annotation and block", "<!-- { \"blockType\": \"request\" } -->\nSome text.\n```http\nGET /x\n```\n"},
		{"response without request", "<!-- { \"blockType\": \"response\" } -->\n```http\nHTTP/1.1 200 OK\n```\n"},
		{"comment that is not an annotation", "<!-- { \"type\": \"#page.annotation\" } -->\n```http\nGET /x\n```\n<!-- uuid: 16cd6b66 -->\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			examples, err := ExtractExamples([]byte(tt.page))
			require.NoError(t, err)
			assert.Empty(t, examples)
		})
	}
}

func TestExtractExamplesHeading(t *testing.T) {
	exchange := "<!-- { \"blockType\": \"request\" } -->\n```http\nGET /x\n```\n" +
		"<!-- { \"blockType\": \"response\" } -->\n```http\nHTTP/1.1 200 OK\n```\n"
	tests := []struct {
		name   string
		before string
		want   string
	}{
		{"block labels are skipped", "## Examples\n### Example 3: Third ###\n#### Request\n", "Example 3: Third"},
		{"example request label is skipped", "## Example\n### Example request\n", "Example"},
		{"tab headings are skipped", "## Get it\n# [HTTP](#tab/http)\n", "Get it"},
		{"no heading", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			examples, err := ExtractExamples([]byte(tt.before + exchange))
			require.NoError(t, err)
			require.Len(t, examples, 1)
			assert.Equal(t, tt.want, examples[0].Heading)
		})
	}
}

func TestExtractExamplesMalformedPage(t *testing.T) {
	tests := []struct {
		name     string
		page     string
		wantLine int
	}{
		{"unterminated fence", "# T\n\n```http\nGET /x\n", 3},
		{"unterminated fence of another language", "# T\n```csharp\nvar x;\n``\n", 2},
		{"closing fence shorter than opening", "````http\nGET /x\n```\n", 1},
		{"unterminated comment", "# T\n<!-- {\n\"blockType\": \"request\"\n", 2},
		{"request at end of page", "# T\n<!-- { \"blockType\": \"request\" } -->\n```http\nGET /x\n```\n", 3},
		{"request followed by request", "<!-- { \"blockType\": \"request\" } -->\n```http\nGET /x\n```\n" +
			"<!-- { \"blockType\": \"request\" } -->\n```http\nGET /y\n```\n" +
			"<!-- { \"blockType\": \"response\" } -->\n```http\nHTTP/1.1 200 OK\n```\n", 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ExtractExamples([]byte(tt.page))
			var parseErr *ParseError
			require.ErrorAs(t, err, &parseErr)
			assert.Equal(t, tt.wantLine, parseErr.Line)
			assert.NotEmpty(t, parseErr.Msg)
		})
	}
}

func TestParseAnnotation(t *testing.T) {
	tests := []struct {
		name       string
		verbatim   string
		wantOK     bool
		wantStrict bool
		wantParsed map[string]any
	}{
		{"valid", `{"blockType": "request", "name": "a"}`, true, true,
			map[string]any{"blockType": "request", "name": "a"}},
		{"trailing comma in object", "{\n  \"blockType\": \"response\",\n}\n", true, false,
			map[string]any{"blockType": "response"}},
		{"trailing commas in array and object", `{"blockType": "request", "sampleKeys": ["a", "b",], "@odata.type": "x",}`, true, false,
			map[string]any{"blockType": "request", "sampleKeys": []any{"a", "b"}, "@odata.type": "x"}},
		{"comma before brace inside a string is kept", `{"blockType": "request", "name": "a,}", }`, true, false,
			map[string]any{"blockType": "request", "name": "a,}"}},
		{"escaped quote inside a string", `{"blockType": "request", "name": "a\",]",}`, true, false,
			map[string]any{"blockType": "request", "name": "a\",]"}},
		{"broken JSON falls back to patterns", `{"blockType": "request" "name": "n", }`, true, false,
			map[string]any{"blockType": "request", "name": "n"}},
		{"no blockType", `{"type": "#page.annotation"}`, false, true, nil},
		{"not JSON", `uuid: 16cd6b66`, false, false, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			annotation, ok := parseAnnotation(tt.verbatim)
			assert.Equal(t, tt.wantOK, ok)
			if !ok {
				return
			}
			assert.Equal(t, tt.verbatim, annotation.Verbatim)
			assert.Equal(t, tt.wantStrict, annotation.StrictlyValidJSON)
			assert.Equal(t, tt.wantParsed, annotation.Parsed)
		})
	}
}

// The stored docs page yields the same exchange as the stored .http files.
func TestExtractExamplesFromStoredPage(t *testing.T) {
	page, err := os.ReadFile(filepath.Join("testdata", "markdown", "identityapiconnector-create.md"))
	require.NoError(t, err)
	examples, err := ExtractExamples(page)
	require.NoError(t, err)
	require.Len(t, examples, 1)

	exchangeDir := filepath.Join(docsTestdata, "beta", "create", "1")
	wantRequest, err := os.ReadFile(filepath.Join(exchangeDir, "request.http"))
	require.NoError(t, err)
	wantResponse, err := os.ReadFile(filepath.Join(exchangeDir, "response.http"))
	require.NoError(t, err)

	trim := func(b []byte) string { return strings.TrimRight(string(b), " \t\r\n") }
	assert.Equal(t, trim(wantRequest), trim(examples[0].Request))
	assert.Equal(t, trim(wantResponse), trim(examples[0].Response))
	assert.Equal(t, "create_identityapiconnector", examples[0].RequestAnnotation.Parsed["name"])
	assert.Equal(t, "response", examples[0].ResponseAnnotation.Parsed["blockType"])

	// The extracted blocks are themselves parseable exchanges.
	req, err := contract.ParseRequest(strings.NewReader(string(examples[0].Request)), "request")
	require.NoError(t, err)
	assert.Equal(t, "POST", req.Method)
	resp, err := contract.ParseResponse(strings.NewReader(string(examples[0].Response)), "response", req)
	require.NoError(t, err)
	assert.Equal(t, 201, resp.StatusCode)
}
