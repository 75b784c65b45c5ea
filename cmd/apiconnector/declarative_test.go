package main

import (
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"

	"github.com/graph-apiconnector/apiconnector/client"
	"github.com/graph-apiconnector/apiconnector/fake"
	"github.com/graph-apiconnector/apiconnector/internal/testpfx"
	"github.com/graph-apiconnector/apiconnector/reconcile"
)

// stateTarget is one fake Graph over loopback HTTP that several runs of the command share,
// since --fake starts empty in each.
type stateTarget struct {
	srv    *fake.Server
	url    string
	mu     sync.Mutex
	writes int
	// before runs before each write (POST, PATCH, PUT, DELETE) with its number, from 1.
	before func(write int)
}

func newStateTarget(t *testing.T) *stateTarget {
	t.Helper()
	st := &stateTarget{srv: fake.New()}
	st.srv.SeedUserFlow(fake.B2X, "B2X_1_partner")
	hs := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet {
			st.mu.Lock()
			st.writes++
			n, before := st.writes, st.before
			st.mu.Unlock()
			if before != nil {
				before(n)
			}
		}
		st.srv.ServeHTTP(w, r)
	}))
	t.Cleanup(hs.Close)
	st.url = hs.URL
	t.Setenv(envToken, "any-token")
	return st
}

func (st *stateTarget) args(args ...string) []string { return append(args, "--base-url", st.url) }

func (st *stateTarget) setBefore(before func(write int)) {
	st.mu.Lock()
	defer st.mu.Unlock()
	st.before = before
}

func (st *stateTarget) countWrites() int {
	st.mu.Lock()
	defer st.mu.Unlock()
	return st.writes
}

// displayNames counts the fake's connectors by displayName.
func (st *stateTarget) displayNames() map[string]int {
	out := map[string]int{}
	for _, c := range st.srv.Connectors() {
		out[*c.DisplayName]++
	}
	return out
}

// stateFile writes the example beside a fresh .pfx and sets its variables.
func stateFile(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	pfx := testpfx.Valid(t, plantedPassword)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "approvals.pfx"), pfx.Data, 0o600))
	data, err := os.ReadFile("../../examples/declarative/connectors.yaml")
	require.NoError(t, err)
	path := filepath.Join(dir, "connectors.yaml")
	require.NoError(t, os.WriteFile(path, data, 0o600))
	t.Setenv("LOYALTY_PASSWORD", plantedPassword)
	t.Setenv("APPROVALS_PFX_PASSWORD", plantedPassword)
	return path
}

// assertNoSecretOutput fails if the output holds the planted password in any encoding.
func assertNoSecretOutput(t *testing.T, outputs ...string) {
	t.Helper()
	for _, out := range outputs {
		for _, form := range []string{plantedPassword, base64.StdEncoding.EncodeToString([]byte(plantedPassword)), hex.EncodeToString([]byte(plantedPassword))} {
			assert.NotContains(t, out, form)
		}
	}
}

type planJSON struct {
	Version string `json:"version"`
	Changes []struct {
		Action string            `json:"action"`
		Kind   string            `json:"kind"`
		Name   string            `json:"name"`
		Status string            `json:"status"`
		Fields []reconcile.Field `json:"fields"`
	} `json:"changes"`
	Complete bool     `json:"complete"`
	Notes    []string `json:"notes"`
}

func decodePlan(t *testing.T, stdout string) planJSON {
	t.Helper()
	var p planJSON
	require.NoError(t, json.Unmarshal([]byte(stdout), &p), stdout)
	return p
}

func TestPlanApplyPlanAgainstOneFake(t *testing.T) {
	st := newStateTarget(t)
	path := stateFile(t)

	code, stdout, stderr := runWithStdin("", st.args("plan", "-f", path, "--json")...)
	require.Equal(t, exitOK, code, stderr)
	p := decodePlan(t, stdout)
	assert.Equal(t, "v1.0", p.Version)
	require.Len(t, p.Changes, 4)
	assert.Equal(t, "create", p.Changes[0].Action)
	assert.Equal(t, "connector", p.Changes[0].Kind)
	assert.Equal(t, "loyalty", p.Changes[0].Name)
	assert.Equal(t, "binding", p.Changes[3].Kind)
	assert.NotEmpty(t, p.Notes, "plan says that passwords cannot be read back")
	assert.Zero(t, st.countWrites(), "plan only reads")

	code, stdout, stderr = runWithStdin("", st.args("plan", "-f", path)...)
	require.Equal(t, exitOK, code, stderr)
	assert.Contains(t, stdout, "2 to create, 0 to update, 2 to bind, 0 to unbind, 0 to delete")
	assert.Contains(t, stdout, "+ create connector loyalty")
	assert.Contains(t, stdout, "$LOYALTY_PASSWORD")
	assertNoSecretOutput(t, stdout, stderr)

	code, stdout, stderr = runWithStdin("", st.args("apply", "-f", path, "--yes")...)
	require.Equal(t, exitOK, code, stderr)
	assert.Regexp(t, `(?m)^applied: create connector loyalty \(id [0-9a-f-]{36}\)$`, stdout)
	assert.Contains(t, stdout, "Apply complete: 4 applied.")
	assertNoSecretOutput(t, stdout, stderr)
	assert.Equal(t, map[string]int{"Loyalty check": 1, "Approval check": 1}, st.displayNames())

	code, stdout, stderr = runWithStdin("", st.args("plan", "-f", path, "--json")...)
	require.Equal(t, exitOK, code, stderr)
	assert.Empty(t, decodePlan(t, stdout).Changes)
	code, stdout, _ = runWithStdin("", st.args("plan", "-f", path)...)
	require.Equal(t, exitOK, code)
	assert.Contains(t, stdout, "No changes")

	writes := st.countWrites()
	code, stdout, stderr = runWithStdin("", st.args("apply", "-f", path)...)
	require.Equal(t, exitOK, code, "nothing to do needs no --yes: %s", stderr)
	assert.Contains(t, stdout, "No changes")
	assert.Equal(t, writes, st.countWrites())

	code, stdout, stderr = runWithStdin("", st.args("export", "--user-flow", "B2X_1_partner")...)
	require.Equal(t, exitOK, code, stderr)
	f, err := reconcile.Parse("export.yaml", []byte(stdout))
	require.NoError(t, err, stdout)
	assert.Len(t, f.Connectors, 2)
	assert.Equal(t, map[client.Step]string{client.PostAttributeCollection: "loyalty-check", client.PostFederationSignup: "approval-check"}, f.UserFlows[0].Steps)
	assertNoSecretOutput(t, stdout, stderr)

	code, stdout, stderr = runWithStdin("", st.args("export", "--json")...)
	require.Equal(t, exitOK, code, stderr)
	assert.True(t, json.Valid([]byte(stdout)), stdout)
	assertNoSecretOutput(t, stdout, stderr)
}

func TestApplyAsksOnATerminalAndRefusesWithoutOne(t *testing.T) {
	st := newStateTarget(t)
	path := stateFile(t)

	code, stdout, stderr := runWithStdin("yes\n", st.args("apply", "-f", path)...)
	assert.Equal(t, exitUsage, code, "no terminal and no --yes")
	assert.Contains(t, stdout, "2 to create", "the plan is shown first")
	assert.Contains(t, stderr, "--yes")
	assert.Zero(t, st.countWrites(), "nothing was changed")

	terminal := stdinIsTerminal
	t.Cleanup(func() { stdinIsTerminal = terminal })
	stdinIsTerminal = func(io.Reader) bool { return true }

	code, _, stderr = runWithStdin("no\n", st.args("apply", "-f", path)...)
	assert.Equal(t, exitUsage, code, "not confirmed: nothing was changed")
	assert.Contains(t, stderr, "Only 'yes' goes on")
	assert.Zero(t, st.countWrites())

	code, stdout, stderr = runWithStdin("yes\n", st.args("apply", "-f", path)...)
	require.Equal(t, exitOK, code, stderr)
	assert.Contains(t, stdout, "Apply complete")
	assert.Equal(t, map[string]int{"Loyalty check": 1, "Approval check": 1}, st.displayNames())
}

func TestApplyPrunesOnlyWithPrune(t *testing.T) {
	st := newStateTarget(t)
	path := stateFile(t)
	code, _, stderr := runWithStdin(plantedPassword, st.args("create", "--display-name", "Legacy", "--target-url", "https://legacy.example.org", "--username", "u", "--password-stdin")...)
	require.Equal(t, exitOK, code, stderr)

	code, _, stderr = runWithStdin("", st.args("apply", "-f", path, "--yes")...)
	require.Equal(t, exitOK, code, stderr)
	assert.Equal(t, 1, st.displayNames()["Legacy"])

	code, stdout, stderr := runWithStdin("", st.args("plan", "-f", path, "--prune", "--json")...)
	require.Equal(t, exitOK, code, stderr)
	p := decodePlan(t, stdout)
	require.Len(t, p.Changes, 1)
	assert.Equal(t, "delete", p.Changes[0].Action)
	assert.Equal(t, "Legacy", p.Changes[0].Name)

	code, stdout, stderr = runWithStdin("", st.args("apply", "-f", path, "--prune", "--yes", "--json")...)
	require.Equal(t, exitOK, code, stderr)
	p = decodePlan(t, stdout)
	assert.True(t, p.Complete)
	assert.Equal(t, "applied", p.Changes[0].Status)
	assert.Equal(t, map[string]int{"Loyalty check": 1, "Approval check": 1}, st.displayNames())
}

func TestRotateSecretsOnTheCommandLine(t *testing.T) {
	st := newStateTarget(t)
	path := stateFile(t)
	code, _, stderr := runWithStdin("", st.args("apply", "-f", path, "--yes")...)
	require.Equal(t, exitOK, code, stderr)

	code, stdout, stderr := runWithStdin("", st.args("apply", "-f", path, "--yes", "--rotate-secrets", "--json", "--verbose")...)
	require.Equal(t, exitOK, code, stderr)
	assert.Contains(t, stderr, "PATCH", "the debug log shows the request, not its body")
	p := decodePlan(t, stdout)
	require.Len(t, p.Changes, 1)
	assert.Equal(t, "update", p.Changes[0].Action)
	assert.Equal(t, []reconcile.Field{{Name: "auth.basic.password", Secret: true, Source: "$LOYALTY_PASSWORD"}}, p.Changes[0].Fields)
	assertNoSecretOutput(t, stdout, stderr)
}

// A fault on the second write (the create of approvals), then a rerun.
func TestApplyStopsAtAFaultAndARerunConverges(t *testing.T) {
	for _, tc := range []struct {
		name   string
		inject func(*fake.Server)
		code   int
		status string
	}{
		{"throttled, retried at once", func(s *fake.Server) { s.ThrottleNext(1, "0") }, exitOK, "applied"},
		{"503 without Retry-After", func(s *fake.Server) { s.UnavailableNext(1, "") }, exitGraphError, "failed"},
		{"connection reset after Graph created it", func(s *fake.Server) { s.DropNext(1, fake.DropAfterProcessing) }, exitViolation, "unknown"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st := newStateTarget(t)
			path := stateFile(t)
			st.setBefore(func(n int) {
				if n == 2 {
					tc.inject(st.srv)
				}
			})
			code, stdout, stderr := runWithStdin("", st.args("apply", "-f", path, "--yes", "--json")...)
			st.setBefore(nil)
			require.Equal(t, tc.code, code, stderr)
			p := decodePlan(t, stdout)
			require.Len(t, p.Changes, 4)
			assert.Equal(t, "applied", p.Changes[0].Status)
			assert.Equal(t, tc.status, p.Changes[1].Status)
			assertNoSecretOutput(t, stdout, stderr)
			if tc.code == exitOK {
				return
			}
			assert.False(t, p.Complete)
			assert.Equal(t, "not applied", p.Changes[2].Status)

			code, stdout, stderr = runWithStdin("", st.args("apply", "-f", path, "--yes")...)
			require.Equal(t, exitOK, code, stderr)
			assert.Contains(t, stdout, "Apply complete")
			assert.Equal(t, map[string]int{"Loyalty check": 1, "Approval check": 1}, st.displayNames(), "no duplicate")
			code, stdout, _ = runWithStdin("", st.args("plan", "-f", path, "--json")...)
			require.Equal(t, exitOK, code)
			assert.Empty(t, decodePlan(t, stdout).Changes)
		})
	}
}

func TestApplyReportsWhatWasAndWasNotDone(t *testing.T) {
	st := newStateTarget(t)
	path := stateFile(t)
	st.setBefore(func(n int) {
		if n == 2 {
			st.srv.UnavailableNext(1, "")
		}
	})
	code, stdout, stderr := runWithStdin("", st.args("apply", "-f", path, "--yes")...)
	assert.Equal(t, exitGraphError, code)
	assert.Contains(t, stdout, "applied: create connector loyalty")
	assert.Contains(t, stdout, "failed: create connector approvals")
	assert.Contains(t, stdout, "503")
	assert.Contains(t, stdout, "Apply stopped: 1 applied, 1 failed, 0 with an unknown outcome, 2 not applied.")
	assert.Contains(t, stdout, "not applied: bind user flow B2X_1_partner postFederationSignup")
	assert.Regexp(t, `(?m)^apiconnector apply: create connector approvals: .*503`, stderr)
	assertNoSecretOutput(t, stdout, stderr)
}

// The bad files of the section 1, each refused at its line with nothing sent.
func TestBadFilesAreRefusedAtTheirLineAndNothingIsSent(t *testing.T) {
	const head = "version: VERSION\nconnectors:\n  a:\n    displayName: A\n    targetUrl: https://a.example.org\n    auth: {basic: {username: u, passwordEnv: A_PASSWORD}}\n"
	for _, tc := range []struct {
		name, version, rest string
		kind                reconcile.ProblemKind
		line                int
		unsetEnv            bool
	}{
		{"unknown key", "v1.0", "    timeout: 5\n", reconcile.KindUnknownKey, 7, false},
		{"a connector that does not exist", "v1.0", "userFlows:\n  - id: B2X_1_partner\n    postAttributeCollection: b\n", reconcile.KindUnknownConnector, 9, false},
		{"a duplicate displayName", "v1.0", "  b:\n    displayName: A\n    targetUrl: https://b.example.org\n    auth: {basic: {username: u, passwordEnv: A_PASSWORD}}\n", reconcile.KindDuplicateDisplayName, 8, false},
		{"b2c under v1.0", "v1.0", "userFlows:\n  - id: B2C_1_signup\n    kind: b2c\n", reconcile.KindNotInVersion, 9, false},
		{"a missing environment variable", "v1.0", "", reconcile.KindMissingEnv, 6, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st := newStateTarget(t)
			if !tc.unsetEnv {
				t.Setenv("A_PASSWORD", plantedPassword)
			}
			path := filepath.Join(t.TempDir(), "bad.yaml")
			require.NoError(t, os.WriteFile(path, []byte(strings.ReplaceAll(head, "VERSION", tc.version)+tc.rest), 0o600))
			for _, args := range [][]string{{"plan", "-f", path}, {"apply", "-f", path, "--yes"}} {
				code, stdout, stderr := runWithStdin("", st.args(args...)...)
				assert.Equal(t, exitUsage, code, stderr)
				assert.Empty(t, stdout)
				assert.Contains(t, stderr, path+":"+strconv.Itoa(tc.line)+":", "the error names the line")
				assert.Contains(t, stderr, "["+string(tc.kind)+"]")
				assertNoSecretOutput(t, stderr)
			}
			assert.Zero(t, st.srv.Requests(), "nothing is sent when the file is bad")
		})
	}
}

func TestStateCommandsRefuseBadFlags(t *testing.T) {
	st := newStateTarget(t)
	path := stateFile(t)
	for _, args := range [][]string{
		{"plan"},
		{"apply", "--yes"},
		{"plan", "-f", filepath.Join(t.TempDir(), "none.yaml")},
		{"plan", "-f", path, "--api-version", "beta"},
		{"plan", "-f", path, "extra"},
		{"apply", "-f", path, "--bogus"},
		{"export", "--kind", "b2b"},
		{"export", "--kind", "b2c", "--user-flow", "B2C_1_x"},
	} {
		code, stdout, stderr := runWithStdin("", st.args(args...)...)
		assert.Equal(t, exitUsage, code, "%v: %s", args, stderr)
		assert.Empty(t, stdout, "%v", args)
		assertNoSecretOutput(t, stderr)
	}
	assert.Zero(t, st.srv.Requests())

	for _, cmd := range []string{"plan", "apply", "export"} {
		code, stdout, stderr := runWithStdin("", cmd, "--help")
		assert.Equal(t, exitOK, code, cmd)
		assert.Empty(t, stderr)
		assert.True(t, strings.HasPrefix(stdout, "usage: apiconnector "+cmd+" "), stdout)
		assert.Contains(t, stdout, "exit codes:")
		assert.Subset(t, commandFlags(t, lookupCommand(cmd)), []string{"--json", "--fake", "--base-url", "--cloud", "--api-version"})
	}
	stateFlags := []string{"-f", "--file", "--prune", "--rotate-secrets"}
	assert.Subset(t, commandFlags(t, lookupCommand("plan")), append(stateFlags, "--detailed-exitcode"))
	assert.Subset(t, commandFlags(t, lookupCommand("apply")), append(stateFlags, "--yes"))
	assert.Subset(t, commandFlags(t, lookupCommand("export")), []string{"--user-flow", "--kind"})
}

func TestPlanReportsATenantError(t *testing.T) {
	st := newStateTarget(t)
	path := stateFile(t)
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(path, []byte(strings.ReplaceAll(string(data), "B2X_1_partner", "B2X_1_missing")), 0o600))
	code, stdout, stderr := runWithStdin("", st.args("plan", "-f", path, "--verbose")...)
	assert.Equal(t, exitGraphError, code, "Graph answered 404")
	assert.Empty(t, stdout)
	assert.Contains(t, stderr, path+":22:")
	assert.Contains(t, stderr, "404")
	assertNoSecretOutput(t, stderr)
}

// TestTheREADMEDemoRuns runs the README's plan against the in-process fake, from the
// repository's root as the README does, and compares what it prints.
func TestTheREADMEDemoRuns(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	require.NoError(t, err)
	const command = "LOYALTY_PASSWORD=example go run ./cmd/apiconnector plan --fake -f examples/declarative/loyalty.yaml\n"
	_, after, found := strings.Cut(string(readme), command)
	require.True(t, found, "the README shows the demo")
	_, block, found := strings.Cut(after, "<!-- readme-check:output -->\n\n```\n")
	require.True(t, found)
	want, _, found := strings.Cut(block, "```\n")
	require.True(t, found)

	t.Chdir("../..")
	t.Setenv("LOYALTY_PASSWORD", "example")
	code, stdout, stderr := runWithStdin("", "plan", "--fake", "-f", "examples/declarative/loyalty.yaml")
	require.Equal(t, exitOK, code, stderr)
	assert.Equal(t, want, stdout)
	code, stdout, stderr = runWithStdin("", "apply", "--fake", "-f", "examples/declarative/loyalty.yaml", "--yes")
	require.Equal(t, exitOK, code, stderr)
	assert.Contains(t, stdout, "Apply complete: 1 applied.")
}

// TestTheCIExamplePlansOnPullRequestsAndAppliesOnMerge reads the example workflow.
func TestTheCIExamplePlansOnPullRequestsAndAppliesOnMerge(t *testing.T) {
	data, err := os.ReadFile("../../examples/ci/connectors.yml")
	require.NoError(t, err)
	var wf struct {
		On struct {
			PullRequest map[string]any `yaml:"pull_request"`
			Push        struct {
				Branches []string `yaml:"branches"`
			} `yaml:"push"`
		} `yaml:"on"`
		Jobs map[string]struct {
			If    string `yaml:"if"`
			Steps []struct {
				Run string `yaml:"run"`
			} `yaml:"steps"`
		} `yaml:"jobs"`
	}
	require.NoError(t, yaml.Unmarshal(data, &wf))
	assert.NotNil(t, wf.On.PullRequest)
	assert.Equal(t, []string{"main"}, wf.On.Push.Branches)
	runs := func(job string) string {
		var all []string
		for _, s := range wf.Jobs[job].Steps {
			all = append(all, s.Run)
		}
		return strings.Join(all, "\n")
	}
	assert.Contains(t, wf.Jobs["plan"].If, "pull_request")
	assert.Contains(t, runs("plan"), "apiconnector plan -f ")
	assert.Contains(t, runs("plan"), "--detailed-exitcode", "the job tells changes from none")
	assert.Contains(t, runs("plan"), "5)", "exit 5 is changes pending, not a failure")
	assert.NotContains(t, runs("plan"), "apiconnector apply")
	assert.Contains(t, wf.Jobs["apply"].If, "push")
	assert.Contains(t, runs("apply"), "apiconnector apply -f ")
	assert.Contains(t, runs("apply"), "--yes")
	assert.NotContains(t, string(data), plantedPassword)
}

// TestPlanDetailedExitcodeTellsChangesFromNone runs plan --detailed-exitcode against one fake:
// 5 with changes, 0 once applied, and the error codes as without the flag.
func TestPlanDetailedExitcodeTellsChangesFromNone(t *testing.T) {
	st := newStateTarget(t)
	path := stateFile(t)

	for _, extra := range [][]string{{}, {"--json"}, {"--output", "table"}} {
		args := append([]string{"plan", "--detailed-exitcode", "-f", path}, extra...)
		code, stdout, stderr := runWithStdin("", st.args(args...)...)
		assert.Equal(t, exitChangesPending, code, "%v: %s", extra, stderr)
		assert.NotEmpty(t, stdout, "the plan is still printed")
	}
	code, stdout, stderr := runWithStdin("", st.args("plan", "-f", path)...)
	assert.Equal(t, exitOK, code, "without the flag changes exit 0: %s", stderr)
	assert.Contains(t, stdout, "2 to create")

	code, _, stderr = runWithStdin("", st.args("apply", "-f", path, "--yes")...)
	require.Equal(t, exitOK, code, stderr)
	code, stdout, stderr = runWithStdin("", st.args("plan", "-f", path, "--detailed-exitcode")...)
	assert.Equal(t, exitOK, code, stderr)
	assert.Contains(t, stdout, "No changes")

	for _, tc := range []struct {
		name string
		args []string
		want int
	}{
		{"no file", []string{"plan", "--detailed-exitcode"}, exitUsage},
		{"unknown flag", []string{"plan", "--detailed-exitcode", "-f", path, "--bogus"}, exitUsage},
		{"missing file", []string{"plan", "--detailed-exitcode", "-f", filepath.Join(t.TempDir(), "none.yaml")}, exitUsage},
	} {
		code, _, stderr := runWithStdin("", st.args(tc.args...)...)
		assert.Equal(t, tc.want, code, "%s: %s", tc.name, stderr)
	}

	data, err := os.ReadFile(path)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(path, []byte(strings.ReplaceAll(string(data), "B2X_1_partner", "B2X_1_missing")), 0o600))
	code, _, stderr = runWithStdin("", st.args("plan", "--detailed-exitcode", "-f", path)...)
	assert.Equal(t, exitGraphError, code, "Graph answered 404: %s", stderr)

	t.Setenv(envToken, "")
	require.NoError(t, os.Unsetenv(envToken))
	code, _, _ = runWithStdin("", st.args("plan", "--detailed-exitcode", "-f", stateFile(t))...)
	assert.Equal(t, exitCredential, code, "no token")

	code, stdout, _ = runWithStdin("", "plan", "--help")
	require.Equal(t, exitOK, code)
	assert.Contains(t, stdout, "--detailed-exitcode")
	assert.Contains(t, stdout, "\n  5  ")
	assert.NotContains(t, commandFlags(t, lookupCommand("apply")), "--detailed-exitcode")
}
