package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const fence = "```"

func md(lines ...string) []byte { return []byte(strings.Join(lines, "\n") + "\n") }

func TestParseSectionsKeepsBlocksInOrder(t *testing.T) {
	sections, err := parseSections(md(
		"# Title", fence+"sh", "not checked", fence,
		"<!-- readme-check:section consumer dir=module -->",
		fence+"sh", "mkdir m && cd m", fence,
		"<!-- readme-check:file graph/generate.go -->", "", fence+"go", "package graph", fence,
		fence+"bash", "go run .", fence,
		"<!-- readme-check:output -->", fence+"json", `{"id":"…"}`, fence,
		"<!-- readme-check:skip slow -->", fence+"sh", "make test", fence,
		"<!-- readme-check:end -->",
	))
	require.NoError(t, err)
	require.Len(t, sections, 1)
	s := sections[0]
	assert.Equal(t, "consumer", s.name)
	assert.Equal(t, inModule, s.dir)
	require.Len(t, s.steps, 5)
	assert.Equal(t, []stepKind{runStep, fileStep, runStep, outputStep, skipStep},
		[]stepKind{s.steps[0].kind, s.steps[1].kind, s.steps[2].kind, s.steps[3].kind, s.steps[4].kind})
	assert.Equal(t, "graph/generate.go", s.steps[1].path)
	assert.Equal(t, "package graph\n", s.steps[1].text)
	assert.Equal(t, 6, s.steps[0].line)
}

func TestParseSectionsRefusesWhatWouldBeSkippedSilently(t *testing.T) {
	start := "<!-- readme-check:section s dir=repo -->"
	end := "<!-- readme-check:end -->"
	for name, input := range map[string][]byte{
		"go block without a marker":   md(start, fence+"go", "package main", fence, end),
		"marker without a block":      md(start, fence+"sh", "true", fence, "<!-- readme-check:file a.go -->", end),
		"output before any command":   md(start, "<!-- readme-check:output -->", fence, "x", fence, end),
		"section not ended":           md(start, fence+"sh", "true", fence),
		"empty section":               md(start, end),
		"unknown marker":              md(start, "<!-- readme-check:run -->", end),
		"bad dir":                     md("<!-- readme-check:section s dir=tmp -->", end),
		"file path leaving the dir":   md(start, "<!-- readme-check:file ../x.go -->", fence+"go", fence, end),
		"skip without a reason":       md(start, "<!-- readme-check:skip -->", fence+"sh", fence, end),
		"unclosed block":              md(start, fence+"sh", "true"),
		"nested section":              md(start, start, end),
		"end without section":         md(end),
		"file marker outside section": md("<!-- readme-check:file a.go -->"),
	} {
		t.Run(name, func(t *testing.T) {
			_, err := parseSections(input)
			var pe *parseError
			require.ErrorAs(t, err, &pe)
			assert.Positive(t, pe.line)
		})
	}
}

func TestTheREADMEMarksTheQuickStartAndTheConsumerPath(t *testing.T) {
	data, err := os.ReadFile("../../README.md")
	require.NoError(t, err)
	sections, err := parseSections(data)
	require.NoError(t, err)
	byName := map[string]section{}
	for _, s := range sections {
		byName[s.name] = s
	}
	require.Contains(t, byName, "quickstart")
	require.Contains(t, byName, "consumer")
	assert.Equal(t, inRepo, byName["quickstart"].dir)
	assert.Equal(t, inModule, byName["consumer"].dir)
	var files []string
	for _, st := range byName["consumer"].steps {
		if st.kind == fileStep {
			files = append(files, st.path)
		}
	}
	assert.Equal(t, []string{"tools.go", "graph/oapi.cfg.yaml", "graph/generate.go", "main.go"}, files)
}

// TestTheREADMEChecksTheEndpointSection: the endpoint section's commands run, and what the
// tester and the simulator print is compared, so a broken step fails make check-readme.
func TestTheREADMEChecksTheEndpointSection(t *testing.T) {
	data, err := os.ReadFile("../../README.md")
	require.NoError(t, err)
	sections, err := parseSections(data)
	require.NoError(t, err)
	var endpoint *section
	for i := range sections {
		if sections[i].name == "endpoint" {
			endpoint = &sections[i]
		}
	}
	require.NotNil(t, endpoint, "the README marks its endpoint section")
	assert.Equal(t, inRepo, endpoint.dir)
	var kinds []stepKind
	var runs string
	for _, st := range endpoint.steps {
		kinds = append(kinds, st.kind)
		if st.kind == runStep {
			runs += st.text
		}
	}
	assert.Equal(t, []stepKind{runStep, outputStep, runStep, outputStep}, kinds)
	for _, command := range []string{"bin/example-endpoint --addr 127.0.0.1:8081", "bin/apiconnector endpoint test", "bin/apiconnector simulate", "kill %1"} {
		assert.Contains(t, runs, command)
	}
}

func TestMatchOutput(t *testing.T) {
	for _, tc := range []struct {
		name, want, got string
		ok              bool
	}{
		{"json, other layout", `{"a": 1, "b": "x"}`, "{\"b\":\"x\",\"a\":1}\n", true},
		{"json wildcard", `{"id": "…"}`, `{"id":"0c1"}`, true},
		{"json wildcard needs the key", `{"id": "…"}`, `{}`, false},
		{"json extra key", `{"a": 1}`, `{"a":1,"password":"p"}`, false},
		{"json other value", `{"password": "******"}`, `{"password":"secret"}`, false},
		{"json expected, text printed", `{"a": 1}`, "a: 1\n", false},
		{"text", "v1.0: …/v1.0\n", "v1.0: http://127.0.0.1:1/v1.0\n", true},
		{"text other", "ok\n", "fail\n", false},
		{"text more lines", "ok\n", "ok\nok\n", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := matchOutput(tc.want, tc.got)
			if tc.ok {
				assert.NoError(t, err)
			} else {
				assert.Error(t, err)
			}
		})
	}
}

// TestScriptRunsBlocksInOneShell runs a section's script with bash: a cd carries over, a
// file lands where its marker says, and output is captured for the step before it.
func TestScriptRunsBlocksInOneShell(t *testing.T) {
	bash, err := exec.LookPath("bash")
	require.NoError(t, err, "make check-readme runs the README with bash")
	sections, err := parseSections(md(
		"<!-- readme-check:section s dir=module -->",
		fence+"sh", "mkdir m && cd m", fence,
		"<!-- readme-check:file sub/f.txt -->", fence+"text", "it's here", fence,
		fence+"sh", "cat sub/f.txt", fence,
		"<!-- readme-check:output -->", fence, "it's here", fence,
		"<!-- readme-check:end -->",
	))
	require.NoError(t, err)
	dir, out := t.TempDir(), t.TempDir()
	text, err := script("README.md", sections[0], out)
	require.NoError(t, err)
	cmd := exec.CommandContext(t.Context(), bash, "-c", text)
	cmd.Dir = dir
	combined, err := cmd.CombinedOutput()
	require.NoError(t, err, string(combined))
	got, err := os.ReadFile(outputFile(out, 2))
	require.NoError(t, err)
	require.NoError(t, matchOutput(sections[0].steps[3].text, string(got)))
	assert.FileExists(t, filepath.Join(dir, "m", "sub", "f.txt"))
}
