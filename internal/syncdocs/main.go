// Command syncdocs refreshes the documented exchanges under
// contract/testdata/docs from a checkout of
// microsoftgraph/microsoft-graph-docs-contrib:
//
//	go run ./internal/syncdocs -docs DIR -out contract/testdata/docs
//
// Each entry of OUT/manifest.json names a folder, the docs page and the
// example on it (by heading, or by 1-based position when the example has no
// heading of its own). The folder gets request.http, response.http and
// annotations.json; notes already in annotations.json are kept. When any page
// or example is missing nothing is written, so the testdata never mixes
// two versions of the docs.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/graph-apiconnector/apiconnector/contract"
	"github.com/graph-apiconnector/apiconnector/internal/docsmd"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "syncdocs:", err)
		os.Exit(1)
	}
}

// manifest is the shape of contract/testdata/docs/manifest.json.
type manifest struct {
	Repo     string          `json:"repo"`
	Examples []manifestEntry `json:"examples"`
}

type manifestEntry struct {
	// Dir is the output folder relative to -out, e.g. "beta/create/1".
	Dir string `json:"dir"`
	// Page is the Markdown page relative to the docs checkout.
	Page           string `json:"page"`
	ExampleHeading string `json:"example_heading,omitempty"`
	// ExamplePosition (1-based) selects the example when it has no heading.
	ExamplePosition int `json:"example_position,omitempty"`
}

// annotationsFile is the shape of each folder's annotations.json.
type annotationsFile struct {
	Source         source           `json:"source"`
	ExampleHeading string           `json:"example_heading,omitempty"`
	Request        annotationRecord `json:"request"`
	Response       annotationRecord `json:"response"`
	Notes          json.RawMessage  `json:"notes,omitempty"`
}

type source struct {
	Repo   string `json:"repo"`
	Path   string `json:"path"`
	Commit string `json:"commit"`
}

type annotationRecord struct {
	Verbatim          string        `json:"verbatim"`
	Parsed            orderedObject `json:"parsed"`
	StrictlyValidJSON bool          `json:"strictly_valid_json"`
}

func run(args []string) error {
	flags := flag.NewFlagSet("syncdocs", flag.ContinueOnError)
	docsDir := flags.String("docs", "", "checkout of microsoftgraph/microsoft-graph-docs-contrib")
	outDir := flags.String("out", filepath.Join("contract", "testdata", "docs"), "folder holding manifest.json and the exchanges")
	manifestPath := flags.String("manifest", "", "manifest to follow (default OUT/manifest.json)")
	if err := flags.Parse(args); err != nil {
		return err
	}
	if *docsDir == "" {
		return errors.New("-docs is required: pass a checkout of microsoftgraph/microsoft-graph-docs-contrib")
	}
	if *manifestPath == "" {
		*manifestPath = filepath.Join(*outDir, "manifest.json")
	}

	m, err := readManifest(*manifestPath)
	if err != nil {
		return err
	}
	files, err := buildFiles(m, *docsDir, *outDir, checkoutCommit(context.Background(), *docsDir))
	if err != nil {
		return err
	}
	return writeFiles(files)
}

func readManifest(path string) (*manifest, error) {
	data, err := os.ReadFile(path) //nolint:gosec // G304: the manifest the maintainer names with -manifest or -out
	if err != nil {
		return nil, fmt.Errorf("manifest: %w", err)
	}
	var m manifest
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("manifest %s: %w", path, err)
	}
	seen := map[string]bool{}
	for i, entry := range m.Examples {
		switch {
		case !filepath.IsLocal(filepath.FromSlash(entry.Dir)) || !filepath.IsLocal(filepath.FromSlash(entry.Page)):
			return nil, fmt.Errorf("manifest %s: entry %d: dir and page must be relative paths inside their trees", path, i+1)
		case (entry.ExampleHeading == "") == (entry.ExamplePosition == 0):
			return nil, fmt.Errorf("manifest %s: entry %d (%s): give exactly one of example_heading and example_position", path, i+1, entry.Dir)
		case entry.ExamplePosition < 0:
			return nil, fmt.Errorf("manifest %s: entry %d (%s): example_position is 1-based", path, i+1, entry.Dir)
		case seen[entry.Dir]:
			return nil, fmt.Errorf("manifest %s: dir %s is listed twice", path, entry.Dir)
		}
		seen[entry.Dir] = true
	}
	return &m, nil
}

// buildFiles renders every output file in memory, keyed by path, so that a
// missing page or example stops the run before anything is written.
func buildFiles(m *manifest, docsDir, outDir, commit string) (map[string][]byte, error) {
	files := map[string][]byte{}
	pages := map[string][]docsmd.DocExample{}
	for _, entry := range m.Examples {
		examples, ok := pages[entry.Page]
		if !ok {
			var err error
			if examples, err = readPage(docsDir, entry.Page); err != nil {
				return nil, err
			}
			pages[entry.Page] = examples
		}
		example, err := selectExample(examples, entry)
		if err != nil {
			return nil, err
		}

		dir := filepath.Join(outDir, filepath.FromSlash(entry.Dir))
		request, response := httpFile(example.Request), httpFile(example.Response)
		if err := checkExchange(entry.Page, request, response); err != nil {
			return nil, err
		}
		notes, err := existingNotes(filepath.Join(dir, "annotations.json"))
		if err != nil {
			return nil, err
		}
		annotations, err := encodeJSON(annotationsFile{
			Source:         source{Repo: m.Repo, Path: entry.Page, Commit: commit},
			ExampleHeading: entry.ExampleHeading,
			Request:        newAnnotationRecord(example.RequestAnnotation),
			Response:       newAnnotationRecord(example.ResponseAnnotation),
			Notes:          notes,
		})
		if err != nil {
			return nil, fmt.Errorf("%s: %w", entry.Dir, err)
		}
		files[filepath.Join(dir, "request.http")] = request
		files[filepath.Join(dir, "response.http")] = response
		files[filepath.Join(dir, "annotations.json")] = annotations
	}
	return files, nil
}

func readPage(docsDir, page string) ([]docsmd.DocExample, error) {
	md, err := os.ReadFile(filepath.Join(docsDir, filepath.FromSlash(page))) //nolint:gosec // G304: readManifest let only filepath.IsLocal pages through
	if err != nil {
		return nil, fmt.Errorf("page %s: %w", page, err)
	}
	examples, err := docsmd.ExtractExamples(md)
	if err != nil {
		var parseErr *docsmd.ParseError
		if errors.As(err, &parseErr) {
			return nil, &contract.ParseError{File: page, Line: parseErr.Line, Msg: parseErr.Msg}
		}
		return nil, fmt.Errorf("page %s: %w", page, err)
	}
	return examples, nil
}

func selectExample(examples []docsmd.DocExample, entry manifestEntry) (docsmd.DocExample, error) {
	if entry.ExampleHeading == "" {
		if entry.ExamplePosition > len(examples) {
			return docsmd.DocExample{}, fmt.Errorf("page %s: no example at position %d (the page has %d)", entry.Page, entry.ExamplePosition, len(examples))
		}
		return examples[entry.ExamplePosition-1], nil
	}
	var matches []docsmd.DocExample
	var headings []string
	for _, example := range examples {
		headings = append(headings, example.Heading)
		if example.Heading == entry.ExampleHeading {
			matches = append(matches, example)
		}
	}
	switch len(matches) {
	case 1:
		return matches[0], nil
	case 0:
		return docsmd.DocExample{}, fmt.Errorf("page %s: no example headed %q (headings on the page: %q)", entry.Page, entry.ExampleHeading, headings)
	default:
		return docsmd.DocExample{}, fmt.Errorf("page %s: %d examples are headed %q", entry.Page, len(matches), entry.ExampleHeading)
	}
}

// checkExchange refuses blocks the contract tests could not read back.
func checkExchange(page string, request, response []byte) error {
	req, err := contract.ParseRequest(bytes.NewReader(request), page+" (request block)")
	if err != nil {
		return err
	}
	_, err = contract.ParseResponse(bytes.NewReader(response), page+" (response block)", req)
	return err
}

// httpFile stores a block with LF line ends and exactly one final newline,
// so the testdata does not change with the checkout's line-end settings.
func httpFile(block []byte) []byte {
	lines := strings.Split(toLF(string(block)), "\n")
	for len(lines) > 0 && strings.TrimSpace(lines[len(lines)-1]) == "" {
		lines = lines[:len(lines)-1]
	}
	return []byte(strings.Join(lines, "\n") + "\n")
}

func toLF(s string) string {
	return strings.ReplaceAll(s, "\r\n", "\n")
}

func existingNotes(path string) (json.RawMessage, error) {
	data, err := os.ReadFile(path) //nolint:gosec // G304: a file under -out whose dir readManifest checked with filepath.IsLocal
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var existing struct {
		Notes json.RawMessage `json:"notes"`
	}
	if err := json.Unmarshal(data, &existing); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return existing.Notes, nil
}

func newAnnotationRecord(a docsmd.Annotation) annotationRecord {
	verbatim := toLF(a.Verbatim)
	return annotationRecord{
		Verbatim:          verbatim,
		Parsed:            orderedObject{keys: keysInWrittenOrder(verbatim, a.Parsed), values: a.Parsed},
		StrictlyValidJSON: a.StrictlyValidJSON,
	}
}

// encodeJSON indents with two spaces and leaves '&', '<' and '>' unescaped,
// matching the files already stored.
func encodeJSON(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// orderedObject marshals a map with its keys in a chosen order; the parsed
// annotation is easier to compare with the verbatim text in the page's order.
type orderedObject struct {
	keys   []string
	values map[string]any
}

func (o orderedObject) MarshalJSON() ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteByte('{')
	for i, key := range o.keys {
		if i > 0 {
			buf.WriteByte(',')
		}
		name, err := encodeJSON(key)
		if err != nil {
			return nil, err
		}
		value, err := encodeJSON(o.values[key])
		if err != nil {
			return nil, err
		}
		buf.Write(bytes.TrimSuffix(name, []byte("\n")))
		buf.WriteByte(':')
		buf.Write(bytes.TrimSuffix(value, []byte("\n")))
	}
	buf.WriteByte('}')
	return buf.Bytes(), nil
}

// keysInWrittenOrder returns the keys of parsed in the order the outermost
// object of verbatim writes them; keys not found there follow, sorted.
func keysInWrittenOrder(verbatim string, parsed map[string]any) []string {
	var keys []string
	for _, key := range topLevelKeys(verbatim) {
		if _, ok := parsed[key]; ok && !slices.Contains(keys, key) {
			keys = append(keys, key)
		}
	}
	var rest []string
	for key := range parsed {
		if !slices.Contains(keys, key) {
			rest = append(rest, key)
		}
	}
	sort.Strings(rest)
	return append(keys, rest...)
}

// topLevelKeys scans JSON-like text (trailing commas allowed) for the keys of
// its outermost object.
func topLevelKeys(text string) []string {
	var keys []string
	depth := 0
	for i := 0; i < len(text); i++ {
		switch text[i] {
		case '{', '[':
			depth++
		case '}', ']':
			depth--
		case '"':
			end := i + 1
			for end < len(text) && text[end] != '"' {
				if text[end] == '\\' {
					end++
				}
				end++
			}
			if end >= len(text) {
				return keys
			}
			var key string
			isKey := strings.HasPrefix(strings.TrimLeft(text[end+1:], " \t\r\n"), ":")
			if depth == 1 && isKey && json.Unmarshal([]byte(text[i:end+1]), &key) == nil {
				keys = append(keys, key)
			}
			i = end
		}
	}
	return keys
}

// checkoutCommit is the docs checkout's HEAD, or "" when the folder is not
// the top of a git work tree (a parent repository's HEAD would mislead).
func checkoutCommit(ctx context.Context, docsDir string) string {
	top, err := exec.CommandContext(ctx, "git", "-C", docsDir, "rev-parse", "--show-toplevel").Output() //nolint:gosec // G204: fixed git arguments, no shell; docsDir is the maintainer's -docs
	if err != nil || !sameDir(strings.TrimSpace(string(top)), docsDir) {
		return ""
	}
	head, err := exec.CommandContext(ctx, "git", "-C", docsDir, "rev-parse", "HEAD").Output() //nolint:gosec // G204: fixed git arguments, no shell; docsDir is the maintainer's -docs
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(head))
}

func sameDir(a, b string) bool {
	infoA, errA := os.Stat(a)
	infoB, errB := os.Stat(b)
	return errA == nil && errB == nil && os.SameFile(infoA, infoB)
}

func writeFiles(files map[string][]byte) error {
	paths := make([]string, 0, len(files))
	for path := range files {
		paths = append(paths, path)
	}
	sort.Strings(paths)
	for _, path := range paths {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil { //nolint:gosec // G301: testdata folders in the repository, readable like the rest of the checkout
			return err
		}
		if err := os.WriteFile(path, files[path], 0o644); err != nil { //nolint:gosec // G306: testdata files in the repository, readable like the rest of the checkout
			return err
		}
	}
	return nil
}
