package main

import (
	"encoding/json"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const fence = "```"

// createPage has two examples under headings, with the docs' usual
// "#### Request"/"#### Response" labels and a trailing-comma annotation.
const createPage = `# Create thing

## Examples

### Example 1: Basic

#### Request

<!-- {
  "blockType": "request",
  "name": "create_basic"
}
-->

` + fence + `http
POST https://graph.microsoft.com/beta/things
Content-Type: application/json

{"kind": "basic"}
` + fence + `

#### Response

<!-- {
  "blockType": "response",
  "truncated": true,
  "@odata.type": "microsoft.graph.thing",
} -->

` + fence + `http
HTTP/1.1 201 Created
Content-Type: application/json

{"id": "1", "note": "a & b"}
` + fence + `

### Example 2: Certificate

<!-- { "blockType": "request", "name": "create_cert" } -->
` + fence + `http
POST https://graph.microsoft.com/beta/things

{"kind": "cert"}

` + fence + `

<!-- { "blockType": "response" } -->
` + fence + `http
HTTP/1.1 201 Created
` + fence + `
`

// deletePage has one example and no example heading, so the manifest picks
// it by position. Its line ends are CRLF.
var deletePage = strings.ReplaceAll(`# Delete thing

### Request

<!-- { "blockType": "request", "name": "delete_thing" } -->
`+fence+`http
DELETE https://graph.microsoft.com/v1.0/things/{id}
`+fence+`

### Response

<!-- { "blockType": "response", } -->
`+fence+`http
HTTP/1.1 204 No Content
`+fence+`
`, "\n", "\r\n")

const fakeManifest = `{
  "repo": "microsoftgraph/microsoft-graph-docs-contrib",
  "examples": [
    {"dir": "beta/create/1", "page": "api-reference/beta/api/thing-create.md", "example_heading": "Example 1: Basic"},
    {"dir": "beta/create/2", "page": "api-reference/beta/api/thing-create.md", "example_heading": "Example 2: Certificate"},
    {"dir": "v1.0/delete/1", "page": "api-reference/v1.0/api/thing-delete.md", "example_position": 1}
  ]
}
`

func writeTree(t *testing.T, root string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		path := filepath.Join(root, filepath.FromSlash(name))
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, []byte(content), 0o644))
	}
}

func fakeDocsCheckout(t *testing.T) string {
	t.Helper()
	docs := t.TempDir()
	writeTree(t, docs, map[string]string{
		"api-reference/beta/api/thing-create.md": createPage,
		"api-reference/v1.0/api/thing-delete.md": deletePage,
	})
	return docs
}

// listFiles returns every file under root, relative and slash-separated.
func listFiles(t *testing.T, root string) []string {
	t.Helper()
	var files []string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(root, path)
		files = append(files, filepath.ToSlash(rel))
		return err
	})
	require.NoError(t, err)
	sort.Strings(files)
	return files
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	return string(data)
}

func readAnnotations(t *testing.T, path string) map[string]any {
	t.Helper()
	var decoded map[string]any
	require.NoError(t, json.Unmarshal([]byte(readFile(t, path)), &decoded))
	return decoded
}

func TestRunWritesExchanges(t *testing.T) {
	docs := fakeDocsCheckout(t)
	out := t.TempDir()
	writeTree(t, out, map[string]string{
		"manifest.json":                  fakeManifest,
		"beta/create/1/annotations.json": `{"notes": ["kept note"]}`,
	})

	require.NoError(t, run([]string{"-docs", docs, "-out", out}))

	assert.Equal(t, []string{
		"beta/create/1/annotations.json", "beta/create/1/request.http", "beta/create/1/response.http",
		"beta/create/2/annotations.json", "beta/create/2/request.http", "beta/create/2/response.http",
		"manifest.json",
		"v1.0/delete/1/annotations.json", "v1.0/delete/1/request.http", "v1.0/delete/1/response.http",
	}, listFiles(t, out))

	httpFiles := []struct {
		path string
		want string
	}{
		{"beta/create/1/request.http", "POST https://graph.microsoft.com/beta/things\nContent-Type: application/json\n\n{\"kind\": \"basic\"}\n"},
		{"beta/create/1/response.http", "HTTP/1.1 201 Created\nContent-Type: application/json\n\n{\"id\": \"1\", \"note\": \"a & b\"}\n"},
		{"beta/create/2/request.http", "POST https://graph.microsoft.com/beta/things\n\n{\"kind\": \"cert\"}\n"},
		{"beta/create/2/response.http", "HTTP/1.1 201 Created\n"},
		{"v1.0/delete/1/request.http", "DELETE https://graph.microsoft.com/v1.0/things/{id}\n"},
		{"v1.0/delete/1/response.http", "HTTP/1.1 204 No Content\n"},
	}
	for _, f := range httpFiles {
		assert.Equal(t, f.want, readFile(t, filepath.Join(out, f.path)), f.path)
	}

	basic := readAnnotations(t, filepath.Join(out, "beta", "create", "1", "annotations.json"))
	assert.Equal(t, map[string]any{
		"source": map[string]any{
			"repo":   "microsoftgraph/microsoft-graph-docs-contrib",
			"path":   "api-reference/beta/api/thing-create.md",
			"commit": "",
		},
		"example_heading": "Example 1: Basic",
		"request": map[string]any{
			"verbatim":            "{\n  \"blockType\": \"request\",\n  \"name\": \"create_basic\"\n}\n",
			"parsed":              map[string]any{"blockType": "request", "name": "create_basic"},
			"strictly_valid_json": true,
		},
		"response": map[string]any{
			"verbatim":            "{\n  \"blockType\": \"response\",\n  \"truncated\": true,\n  \"@odata.type\": \"microsoft.graph.thing\",\n} ",
			"parsed":              map[string]any{"blockType": "response", "truncated": true, "@odata.type": "microsoft.graph.thing"},
			"strictly_valid_json": false,
		},
		"notes": []any{"kept note"},
	}, basic)

	// parsed keeps the page's key order, not Go's sorted map order.
	raw := readFile(t, filepath.Join(out, "beta", "create", "1", "annotations.json"))
	parsedStart := strings.LastIndex(raw, `"parsed"`)
	assert.Less(t, strings.Index(raw[parsedStart:], `"truncated"`), strings.Index(raw[parsedStart:], `"@odata.type"`))

	deleted := readAnnotations(t, filepath.Join(out, "v1.0", "delete", "1", "annotations.json"))
	assert.NotContains(t, deleted, "example_heading", "picked by position, so no heading is recorded")
	assert.NotContains(t, deleted, "notes")
	// CRLF pages are stored with LF.
	assert.Equal(t, "{ \"blockType\": \"response\", } ", deleted["response"].(map[string]any)["verbatim"]) //nolint:testifylint // encoded-compare: the verbatim text, invalid JSON and all, is what is pinned
}

func TestRunRecordsCheckoutCommit(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	docs := fakeDocsCheckout(t)
	git := func(args ...string) string {
		cmd := exec.CommandContext(t.Context(), "git", append([]string{"-C", docs, "-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false"}, args...)...)
		output, err := cmd.CombinedOutput()
		require.NoError(t, err, string(output))
		return strings.TrimSpace(string(output))
	}
	git("init", "-q")
	git("add", ".")
	git("commit", "-q", "-m", "docs")
	head := git("rev-parse", "HEAD")

	out := t.TempDir()
	writeTree(t, out, map[string]string{"manifest.json": fakeManifest})
	require.NoError(t, run([]string{"-docs", docs, "-out", out}))

	annotations := readAnnotations(t, filepath.Join(out, "beta", "create", "2", "annotations.json"))
	assert.Equal(t, head, annotations["source"].(map[string]any)["commit"])
}

func TestRunWritesNothingOnError(t *testing.T) {
	tests := []struct {
		name       string
		manifest   string
		errorNames string
	}{
		{"missing page", `{"repo": "r", "examples": [
			{"dir": "beta/create/1", "page": "api-reference/beta/api/thing-create.md", "example_heading": "Example 1: Basic"},
			{"dir": "beta/gone/1", "page": "api-reference/beta/api/gone.md", "example_position": 1}]}`,
			"api-reference/beta/api/gone.md"},
		{"missing heading", `{"repo": "r", "examples": [
			{"dir": "beta/create/1", "page": "api-reference/beta/api/thing-create.md", "example_heading": "Example 9: Nope"}]}`,
			"api-reference/beta/api/thing-create.md"},
		{"position past the last example", `{"repo": "r", "examples": [
			{"dir": "v1.0/delete/1", "page": "api-reference/v1.0/api/thing-delete.md", "example_position": 2}]}`,
			"api-reference/v1.0/api/thing-delete.md"},
		{"neither heading nor position", `{"repo": "r", "examples": [
			{"dir": "v1.0/delete/1", "page": "api-reference/v1.0/api/thing-delete.md"}]}`,
			"v1.0/delete/1"},
		{"dir outside the output folder", `{"repo": "r", "examples": [
			{"dir": "../escape", "page": "api-reference/v1.0/api/thing-delete.md", "example_position": 1}]}`,
			"manifest"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			docs := fakeDocsCheckout(t)
			out := t.TempDir()
			writeTree(t, out, map[string]string{"manifest.json": tt.manifest})

			err := run([]string{"-docs", docs, "-out", out})
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.errorNames)
			assert.Equal(t, []string{"manifest.json"}, listFiles(t, out))
		})
	}
}

func TestRunRequiresDocs(t *testing.T) {
	assert.Error(t, run([]string{"-out", t.TempDir()}))
}

// Rebuilding pages from the stored exchanges and syncing them must reproduce
// the stored files byte for byte (apart from the commit), which shows the
// manifest and the tool agree with what is checked in.
func TestRunReproducesStoredTestdata(t *testing.T) {
	stored := filepath.Join("..", "..", "contract", "testdata", "docs")
	m, err := readManifest(filepath.Join(stored, "manifest.json"))
	require.NoError(t, err)
	require.NotEmpty(t, m.Examples)

	pages := map[string]string{}
	out := t.TempDir()
	writeTree(t, out, map[string]string{"manifest.json": readFile(t, filepath.Join(stored, "manifest.json"))})
	for _, entry := range m.Examples {
		dir := filepath.Join(stored, filepath.FromSlash(entry.Dir))
		var annotations annotationsFile
		require.NoError(t, json.Unmarshal([]byte(readFile(t, filepath.Join(dir, "annotations.json"))), &annotations))

		section := ""
		if entry.ExampleHeading != "" {
			section += "### " + entry.ExampleHeading + "\n\n#### Request\n\n"
		}
		section += "<!-- " + annotations.Request.Verbatim + "-->\n" + fence + "http\n" + readFile(t, filepath.Join(dir, "request.http")) + fence + "\n\n"
		section += "#### Response\n\n"
		section += "<!-- " + annotations.Response.Verbatim + "-->\n" + fence + "http\n" + readFile(t, filepath.Join(dir, "response.http")) + fence + "\n\n"
		pages[entry.Page] += section

		writeTree(t, out, map[string]string{entry.Dir + "/annotations.json": readFile(t, filepath.Join(dir, "annotations.json"))})
	}
	docs := t.TempDir()
	writeTree(t, docs, pages)

	require.NoError(t, run([]string{"-docs", docs, "-out", out}))

	commit := regexp.MustCompile(`"commit": "[0-9a-f]*"`)
	for _, entry := range m.Examples {
		for _, name := range []string{"request.http", "response.http", "annotations.json"} {
			want := readFile(t, filepath.Join(stored, filepath.FromSlash(entry.Dir), name))
			got := readFile(t, filepath.Join(out, filepath.FromSlash(entry.Dir), name))
			assert.Equal(t, commit.ReplaceAllString(want, ""), commit.ReplaceAllString(got, ""), entry.Dir+"/"+name)
		}
	}
}

func TestTopLevelKeys(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{`{"b": 1, "a": {"z": 1}, "c": ["x", "y"],}`, []string{"b", "a", "c"}},
		{`{"blockType": "response", "name": "a\":b"}`, []string{"blockType", "name"}},
		{`{"unterminated`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			assert.Equal(t, tt.want, topLevelKeys(tt.text))
		})
	}
}
