package main

import (
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	parser "github.com/joshdk/go-junit"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"
)

// ciJob is the part of a GitHub Actions workflow the example uses.
type ciJob struct {
	Jobs map[string]struct {
		Env   map[string]string `yaml:"env"`
		Steps []struct {
			Name string            `yaml:"name"`
			Uses string            `yaml:"uses"`
			Run  string            `yaml:"run"`
			Env  map[string]string `yaml:"env"`
		} `yaml:"steps"`
	} `yaml:"jobs"`
}

func freePort(t *testing.T) string {
	t.Helper()
	l, err := (&net.ListenConfig{}).Listen(t.Context(), "tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer func() { _ = l.Close() }()
	_, port, err := net.SplitHostPort(l.Addr().String())
	require.NoError(t, err)
	return port
}

// TestCIExampleJob runs the shell steps of examples/ci/validate-traffic.yml as the runner
// would, in order and in one directory, with the apiconnector built from this tree on the
// PATH in place of the install step, free ports in place of 8080 and 8081, and the
// project's own client (apiconnector create and list through the proxy) in place of the
// user's tests.
func TestCIExampleJob(t *testing.T) {
	data, err := os.ReadFile("../../examples/ci/validate-traffic.yml")
	require.NoError(t, err)
	var workflow ciJob
	require.NoError(t, yaml.Unmarshal(data, &workflow))
	job, ok := workflow.Jobs["contract"]
	require.True(t, ok)

	bin := t.TempDir()
	build := exec.CommandContext(t.Context(), "go", "build", "-o", filepath.Join(bin, "apiconnector"), ".")
	out, err := build.CombinedOutput()
	require.NoError(t, err, string(out))

	servePort, proxyPort := freePort(t), freePort(t)
	ports := strings.NewReplacer("127.0.0.1:8080", "127.0.0.1:"+servePort, "127.0.0.1:8081", "127.0.0.1:"+proxyPort)
	const password = "ci-example-password-secret"
	const token = "ci-example-token-secret"
	userTests := `apiconnector list --base-url "${GRAPH_BASE_URL%/v1.0}" >/dev/null
printf '%s\n' '` + password + `' | apiconnector create --base-url "${GRAPH_BASE_URL%/v1.0}" --display-name "CI API" \
  --target-url https://someapi.com/api --username ci --password-stdin >/dev/null`

	work := t.TempDir()
	env := append(os.Environ(), "PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"))
	for k, v := range job.Env {
		env = append(env, k+"="+v)
	}
	var groups []int
	t.Cleanup(func() {
		for _, pgid := range groups {
			_ = syscall.Kill(-pgid, syscall.SIGKILL) // serve is left running, as on a runner
		}
	})
	ran := 0
	for _, step := range job.Steps {
		if step.Run == "" || strings.Contains(step.Run, "go install") {
			continue
		}
		script := ports.Replace(step.Run)
		stepEnv := env
		for k, v := range step.Env {
			stepEnv = append(stepEnv, k+"="+ports.Replace(v))
		}
		if strings.TrimSpace(script) == "npm test" {
			script = userTests
			stepEnv = append(stepEnv, "APICONNECTOR_TOKEN="+token)
		}
		cmd := exec.CommandContext(t.Context(), "bash", "-eo", "pipefail", "-c", script)
		cmd.Dir, cmd.Env = work, stepEnv
		cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
		var stepOut syncBuffer
		cmd.Stdout, cmd.Stderr = &stepOut, &stepOut
		require.NoError(t, cmd.Start())
		groups = append(groups, cmd.Process.Pid)
		require.NoError(t, cmd.Wait(), "step %q:\n%s", step.Name, stepOut.String())
		ran++
	}
	assert.Equal(t, 4, ran, "start, tests, stop and validate")

	report, err := os.ReadFile(filepath.Join(work, "apiconnector-junit.xml"))
	require.NoError(t, err)
	suites, err := parser.Ingest(report)
	require.NoError(t, err, string(report))
	require.Len(t, suites, 1)
	assert.Equal(t, 2, suites[0].Totals.Tests, "the list and the create went through the proxy")
	assert.Equal(t, 0, suites[0].Totals.Failed, string(report))

	recording, err := os.ReadFile(filepath.Join(work, "traffic.har"))
	require.NoError(t, err)
	logs, err := os.ReadFile(filepath.Join(work, "proxy.err"))
	require.NoError(t, err)
	assertNoSecrets(t, string(recording)+string(logs)+string(report), password, token)
}
