package callcontract

import (
	"bufio"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// KindFraming is reported by the test's reader of .http files, not by the contract: the
// message has no blank line between its headers and its body.
const kindFraming Kind = "framing"

type documentedExample struct {
	File     string   `json:"file"`
	Platform Platform `json:"platform"`
	Step     Step     `json:"step"`
}

// exampleDefect is one entry of testdata/defects.json. Pass "strict" is the example as
// written; pass "repaired" is its body with the comments and trailing commas taken out,
// checked so that the rest of a non-strict example is held to the contract too.
type exampleDefect struct {
	File    string `json:"file"`
	Pass    string `json:"pass"`
	Pointer string `json:"pointer"`
	Kind    Kind   `json:"kind"`
	Why     string `json:"why"`
}

func (d exampleDefect) key() exampleDefect { d.Why = ""; return d }

// TestDocumentedExamples checks every documented call and answer. Each is valid, or each of
// its violations is a listed defect; each listed defect must still be reported, so a fixed
// doc page shows up here.
func TestDocumentedExamples(t *testing.T) {
	c := testContract(t)
	var manifest struct {
		Examples []documentedExample `json:"examples"`
	}
	readJSON(t, "testdata/examples/manifest.json", &manifest)
	files, err := filepath.Glob("testdata/examples/*.http")
	require.NoError(t, err)
	require.Len(t, manifest.Examples, len(files), "every copied example is in the manifest")

	var file struct {
		Defects []exampleDefect `json:"defects"`
	}
	readJSON(t, "testdata/defects.json", &file)
	listed := map[exampleDefect]bool{}
	for _, d := range file.Defects {
		require.NotEmpty(t, d.Why, "defect %s %s %s has no reason", d.File, d.Pointer, d.Kind)
		listed[d.key()] = false
	}

	for _, ex := range manifest.Examples {
		t.Run(ex.File, func(t *testing.T) {
			msg := readHTTPFile(t, filepath.Join("testdata", "examples", ex.File))
			check := func(body []byte) []Violation {
				if msg.status == 0 {
					return c.CheckRequest(ex.Platform, ex.Step, msg.header, body)
				}
				return c.CheckReply(ex.Platform, ex.Step, msg.status, msg.header, body).Violations
			}
			strict := check(msg.body)
			if !msg.framed {
				strict = append(strict, Violation{Pointer: "", Kind: kindFraming, Message: "no blank line before the body"})
			}
			passes := map[string][]Violation{"strict": strict}
			if hasViolation(strict, "", KindBody) {
				passes["repaired"] = check(repairJSON(msg.body))
			}
			for pass, vs := range passes {
				for _, v := range vs {
					k := exampleDefect{File: ex.File, Pass: pass, Pointer: v.Pointer, Kind: v.Kind}
					if _, ok := listed[k]; ok {
						listed[k] = true
						continue
					}
					assert.Failf(t, "unlisted violation", `{"file": %q, "pass": %q, "pointer": %q, "kind": %q} %s`, ex.File, pass, v.Pointer, v.Kind, v.Message)
				}
			}
		})
	}
	for d, seen := range listed {
		assert.True(t, seen, "listed defect no longer reported (docs fixed? remove it): %+v", d)
	}
}

type httpMessage struct {
	status int // 0 for a request
	header http.Header
	body   []byte
	framed bool // a blank line separates headers and body
}

// readHTTPFile reads a documented example: a request or status line, headers, a blank line
// and the body. The docs' request line names a placeholder (`POST <API-endpoint>`), so it is
// not parsed as a URL. A line starting with "{" among the headers starts the body.
func readHTTPFile(t *testing.T, path string) httpMessage {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	sc := bufio.NewScanner(strings.NewReader(string(data)))
	require.True(t, sc.Scan())
	msg := httpMessage{header: http.Header{}}
	if first := sc.Text(); strings.HasPrefix(first, "HTTP/") {
		fields := strings.Fields(first)
		require.GreaterOrEqual(t, len(fields), 2, "%s: status line", path)
		msg.status, err = strconv.Atoi(fields[1])
		require.NoError(t, err)
	} else {
		require.True(t, strings.HasPrefix(first, "POST "), "%s: a call is a POST", path)
	}
	var body []string
	inBody := false
	for sc.Scan() {
		line := strings.TrimRight(sc.Text(), "\r")
		switch {
		case inBody:
			body = append(body, line)
		case line == "":
			inBody, msg.framed = true, true
		case strings.HasPrefix(line, "{"):
			inBody = true
			body = append(body, line)
		default:
			name, value, ok := strings.Cut(line, ":")
			require.True(t, ok, "%s: header line %q", path, line)
			msg.header.Add(strings.TrimSpace(name), strings.TrimSpace(value))
		}
	}
	msg.body = []byte(strings.Join(body, "\n"))
	return msg
}

// repairJSON removes // comments outside strings and commas before a closing bracket: the
// two ways the docs' examples depart from JSON.
func repairJSON(in []byte) []byte {
	var out []byte
	inString, escaped := false, false
	for i := 0; i < len(in); i++ {
		ch := in[i]
		switch {
		case inString:
			out = append(out, ch)
			switch {
			case escaped:
				escaped = false
			case ch == '\\':
				escaped = true
			case ch == '"':
				inString = false
			}
		case ch == '"':
			inString = true
			out = append(out, ch)
		case ch == '/' && i+1 < len(in) && in[i+1] == '/':
			for i < len(in) && in[i] != '\n' {
				i++
			}
			out = append(out, '\n')
		case ch == '}' || ch == ']':
			j := len(out) - 1
			for j >= 0 && strings.ContainsRune(" \t\r\n", rune(out[j])) {
				j--
			}
			if j >= 0 && out[j] == ',' {
				out = append(out[:j], out[j+1:]...)
			}
			out = append(out, ch)
		default:
			out = append(out, ch)
		}
	}
	return out
}

func TestRepairJSON(t *testing.T) {
	for in, want := range map[string]string{
		`{"a": "x // y", // c` + "\n" + `"b": [1,2,],}`: `{"a": "x // y",` + "\n" + `"b": [1,2]}`,
		`{"a": "\"//"}`: `{"a": "\"//"}`,
	} {
		got := repairJSON([]byte(in))
		assert.JSONEq(t, want, string(got))
	}
}

func testContract(t testing.TB) *Contract {
	t.Helper()
	c, err := Load()
	require.NoError(t, err)
	return c
}

func readJSON(t *testing.T, path string, into any) {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(data, into), path)
}
