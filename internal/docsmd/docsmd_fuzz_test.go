package docsmd_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graph-apiconnector/apiconnector/internal/docsmd"
	"github.com/graph-apiconnector/apiconnector/internal/fuzzcorpus"
)

// docsRoot is where the documented exchanges live, relative to this package.
const docsRoot = "../../contract/testdata/docs"

// TestFuzzSeedsExtractExamples keeps testdata/fuzz/FuzzExtractExamples in step with the
// stored docs pages and the documented exchanges, each rebuilt as the page block that
// held it: annotation comment, fenced request, annotation comment, fenced response.
func TestFuzzSeedsExtractExamples(t *testing.T) {
	pages, err := filepath.Glob("testdata/markdown/*.md")
	require.NoError(t, err)
	require.NotEmpty(t, pages)
	var seeds []fuzzcorpus.Seed
	for _, p := range pages {
		data, err := os.ReadFile(p)
		require.NoError(t, err)
		seeds = append(seeds, fuzzcorpus.Seed{Name: "page-" + strings.TrimSuffix(filepath.Base(p), ".md"), Values: []any{data}})
	}
	for _, ex := range fuzzcorpus.DocExchanges(t, docsRoot) {
		seeds = append(seeds, fuzzcorpus.Seed{Name: fuzzcorpus.SeedName(ex.Name, "page"), Values: []any{examplePage(t, ex)}})
	}
	fuzzcorpus.Sync(t, "FuzzExtractExamples", seeds)
}

// examplePage writes one documented exchange as the Markdown the docs hold it in.
func examplePage(t *testing.T, ex fuzzcorpus.Exchange) []byte {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(docsRoot, ex.Name, "annotations.json"))
	require.NoError(t, err)
	var annotations struct {
		Heading  string                    `json:"example_heading"`
		Request  struct{ Verbatim string } `json:"request"`
		Response struct{ Verbatim string } `json:"response"`
	}
	require.NoError(t, json.Unmarshal(raw, &annotations))
	var b bytes.Buffer
	if annotations.Heading != "" {
		b.WriteString("### " + annotations.Heading + "\n\n#### Request\n\n")
	}
	for _, block := range []struct {
		annotation string
		body       []byte
	}{{annotations.Request.Verbatim, ex.Request}, {annotations.Response.Verbatim, ex.Response}} {
		b.WriteString("<!-- " + block.annotation + "-->\n```http\n")
		b.Write(block.body)
		if !bytes.HasSuffix(block.body, []byte("\n")) {
			b.WriteString("\n")
		}
		b.WriteString("```\n\n")
	}
	return b.Bytes()
}

// FuzzExtractExamples: the extractor never panics, reports failures as a *ParseError on a
// line of the page, and every block it returns is taken from the page as it is.
func FuzzExtractExamples(f *testing.F) {
	f.Fuzz(func(t *testing.T, md []byte) {
		examples, err := docsmd.ExtractExamples(md)
		if err != nil {
			var pe *docsmd.ParseError
			require.ErrorAs(t, err, &pe)
			assert.GreaterOrEqual(t, pe.Line, 1)
			assert.LessOrEqual(t, pe.Line, bytes.Count(md, []byte("\n"))+1)
			return
		}
		for i, ex := range examples {
			assert.True(t, bytes.Contains(md, ex.Request), "example %d: request %q is not in the page", i, ex.Request)
			assert.True(t, bytes.Contains(md, ex.Response), "example %d: response %q is not in the page", i, ex.Response)
			assert.Equal(t, "request", ex.RequestAnnotation.Parsed["blockType"], "example %d", i)
			assert.Equal(t, "response", ex.ResponseAnnotation.Parsed["blockType"], "example %d", i)
			assert.Contains(t, string(md), ex.RequestAnnotation.Verbatim, "example %d: annotation is from the page", i)
		}
	})
}
