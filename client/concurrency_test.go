package client_test

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graph-apiconnector/apiconnector/client"
	"github.com/graph-apiconnector/apiconnector/fake"
	"github.com/graph-apiconnector/apiconnector/internal/testpfx"
)

// Concurrency: many goroutines share one client and one fake Graph, each running a mixed
// sequence of operations on connectors of its own, and keep a model of what their
// successful operations imply. At the end the fake holds exactly the union of the models:
// nothing lost, duplicated or torn. Run with -race.

const (
	ccWorkers      = 32
	ccOpsPerWorker = 200
	ccPFXs         = 4
)

// The operation kinds, in the order they are reported.
var ccKinds = []string{"create", "create-pfx", "get", "update-names", "update-auth", "list", "upload-cert", "delete"}

// ccPlan is the kind of operation i of worker w: a fixed mix of three creates, two reads, two
// updates, one list, one upload and one delete in ten, rotated per worker so that the
// workers do different things at the same moment.
func ccPlan(w, i int) string {
	return [...]string{"create", "get", "update-names", "upload-cert", "get", "list", "create", "update-auth", "create-pfx", "delete"}[(i+w)%10]
}

// ccState is what the model knows of one connector.
type ccState struct {
	Name, Target, Username string
	Thumbprints            []string // upload order; nil for basic authentication
}

func ccStateOf(c client.Connector) ccState {
	s := ccState{Name: c.DisplayName, Target: c.TargetURL}
	switch a := c.Auth.(type) {
	case client.BasicAuth:
		s.Username = a.Username
	case client.ClientCertificates:
		s.Thumbprints = []string{}
		for _, cert := range a.Certificates {
			s.Thumbprints = append(s.Thumbprints, cert.Thumbprint)
		}
	}
	return s
}

// ccStats counts, per kind, the operations that succeeded, and those that failed in a way
// that provably changed nothing.
type ccStats struct {
	ok, harmless [8]atomic.Int64
}

func (s *ccStats) kindIndex(kind string) int {
	for i, k := range ccKinds {
		if k == kind {
			return i
		}
	}
	panic("unknown kind " + kind)
}

func (s *ccStats) report(t *testing.T, label string) {
	var parts []string
	total := int64(0)
	for i, k := range ccKinds {
		parts = append(parts, fmt.Sprintf("%s=%d", k, s.ok[i].Load()))
		total += s.ok[i].Load()
		if n := s.harmless[i].Load(); n > 0 {
			parts = append(parts, fmt.Sprintf("%s-throttled-out=%d", k, n))
		}
	}
	t.Logf("%s: %d operations succeeded: %s", label, total, strings.Join(parts, " "))
}

// ccClock records nothing but the number of waits, and never sleeps.
type ccClock struct{ waits atomic.Int64 }

func (c *ccClock) Now() time.Time { return fmNow }

func (c *ccClock) Sleep(ctx context.Context, _ time.Duration) error {
	c.waits.Add(1)
	return ctx.Err()
}

// ccWorker runs worker w's operations and returns its model. tolerate reports whether an
// error is one that provably changed nothing (a throttled-out call), which leaves the model
// as it was; any other error fails the test.
func ccWorker(t *testing.T, c *client.Client, w, ops int, pfxs []testpfx.PFX, stats *ccStats, tolerate func(error) bool) map[string]ccState {
	ctx := t.Context()
	prefix := fmt.Sprintf("w%02d-", w)
	model := map[string]ccState{}
	var order []string // ids in creation order
	failed := func(kind string, i int, err error) bool {
		if err == nil {
			stats.ok[stats.kindIndex(kind)].Add(1)
			return false
		}
		if tolerate(err) {
			stats.harmless[stats.kindIndex(kind)].Add(1)
			return true
		}
		assert.NoError(t, err, "worker %d op %d %s", w, i, kind)
		return true
	}
	for i := range ops {
		kind := ccPlan(w, i)
		if len(order) == 0 && kind != "create-pfx" {
			kind = "create"
		}
		var id string
		if len(order) > 0 {
			id = order[(i*7)%len(order)]
		}
		pfx := pfxs[(i+w)%len(pfxs)]
		switch kind {
		case "create", "create-pfx":
			in := client.Connector{
				DisplayName: fmt.Sprintf("%s%d", prefix, i),
				TargetURL:   fmt.Sprintf("https://api.example.com/%s%d", prefix, i),
				Auth:        client.BasicAuth{Username: fmt.Sprintf("user-%s%d", prefix, i), Password: "pw"},
			}
			want := ccState{Name: in.DisplayName, Target: in.TargetURL, Username: fmt.Sprintf("user-%s%d", prefix, i)}
			if kind == "create-pfx" {
				in.Auth = client.PKCS12{Value: pfx.Data, Password: pfx.Password}
				want = ccState{Name: in.DisplayName, Target: in.TargetURL, Thumbprints: []string{pfx.Thumbprint}}
			}
			conn, err := c.Create(ctx, in)
			if failed(kind, i, err) {
				continue
			}
			assert.Equal(t, want, ccStateOf(conn), "worker %d op %d create", w, i)
			model[conn.ID] = want
			order = append(order, conn.ID)
		case "get":
			conn, err := c.Get(ctx, id)
			if failed(kind, i, err) {
				continue
			}
			assert.Equal(t, model[id], ccStateOf(conn), "worker %d op %d get", w, i)
		case "update-names":
			name, target := fmt.Sprintf("%s%d-renamed", prefix, i), fmt.Sprintf("https://api.example.com/%s%d/renamed", prefix, i)
			if failed(kind, i, c.Update(ctx, id, client.ConnectorUpdate{DisplayName: &name, TargetURL: &target})) {
				continue
			}
			s := model[id]
			s.Name, s.Target = name, target
			model[id] = s
		case "update-auth":
			username := fmt.Sprintf("user-%s%d-updated", prefix, i)
			if failed(kind, i, c.Update(ctx, id, client.ConnectorUpdate{Auth: client.BasicAuth{Username: username, Password: "pw2"}})) {
				continue
			}
			s := model[id]
			s.Username, s.Thumbprints = username, nil
			model[id] = s
		case "list":
			got := map[string]ccState{}
			var err error
			for conn, e := range c.List(ctx, client.ListOptions{Filter: "startswith(displayName,'" + prefix + "')"}) {
				if e != nil {
					err = e
					break
				}
				_, dup := got[conn.ID]
				assert.False(t, dup, "worker %d op %d list: %s twice", w, i, conn.ID)
				got[conn.ID] = ccStateOf(conn)
			}
			if failed(kind, i, err) {
				continue
			}
			assert.Equal(t, model, got, "worker %d op %d list", w, i)
		case "upload-cert":
			conn, err := c.UploadClientCertificate(ctx, id, pfx.Data, pfx.Password)
			if failed(kind, i, err) {
				continue
			}
			s := model[id]
			s.Username = ""
			s.Thumbprints = append(append([]string{}, s.Thumbprints...), pfx.Thumbprint)
			model[id] = s
			assert.Equal(t, s, ccStateOf(conn), "worker %d op %d upload", w, i)
		case "delete":
			if failed(kind, i, c.Delete(ctx, id)) {
				continue
			}
			delete(model, id)
			for j, o := range order {
				if o == id {
					order = append(order[:j], order[j+1:]...)
					break
				}
			}
		}
	}
	return model
}

// ccRun runs the workers on one shared client and returns the union of their models.
// -short runs 8 workers of 50 operations.
func ccRun(t *testing.T, c *client.Client, stats *ccStats, tolerate func(error) bool) map[string]ccState {
	workers, ops := ccWorkers, ccOpsPerWorker
	if testing.Short() {
		workers, ops = 8, 50
	}
	pfxs := make([]testpfx.PFX, ccPFXs)
	for i := range pfxs {
		pfxs[i] = testpfx.Valid(t, fmt.Sprintf("pfx-%d", i))
	}
	models := make([]map[string]ccState, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() { models[w] = ccWorker(t, c, w, ops, pfxs, stats, tolerate) })
	}
	wg.Wait()
	want := map[string]ccState{}
	for _, m := range models {
		for id, s := range m {
			_, dup := want[id]
			assert.False(t, dup, "id %s in two workers' models", id)
			want[id] = s
		}
	}
	return want
}

// ccListAll reads every connector through c, refusing duplicates.
func ccListAll(t *testing.T, c *client.Client) map[string]ccState {
	got := map[string]ccState{}
	for conn, err := range c.List(t.Context(), client.ListOptions{}) {
		require.NoError(t, err)
		_, dup := got[conn.ID]
		require.False(t, dup, "%s listed twice", conn.ID)
		got[conn.ID] = ccStateOf(conn)
	}
	return got
}

// ccStoredState reads the fake's own view of a connector.
func ccStoredState(t *testing.T, raw []byte) ccState {
	var w struct {
		DisplayName string `json:"displayName"`
		TargetURL   string `json:"targetUrl"`
		Auth        struct {
			Type            string `json:"@odata.type"`
			Username        string `json:"username"`
			CertificateList []struct {
				Thumbprint string `json:"thumbprint"`
			} `json:"certificateList"`
		} `json:"authenticationConfiguration"`
	}
	require.NoError(t, json.Unmarshal(raw, &w))
	s := ccState{Name: w.DisplayName, Target: w.TargetURL, Username: w.Auth.Username}
	if w.Auth.Type == "#microsoft.graph.clientCertificateAuthentication" {
		s.Thumbprints = []string{}
		for _, c := range w.Auth.CertificateList {
			s.Thumbprints = append(s.Thumbprints, c.Thumbprint)
		}
	}
	return s
}

func TestConcurrentMixedOperationsOnOneFake(t *testing.T) {
	server := fake.New(fake.WithPageSize(7))
	t.Cleanup(func() { assert.Empty(t, server.ContractViolations()) })
	clock := &ccClock{}
	c, err := client.New(
		client.WithHTTPClient(&http.Client{Transport: server.Transport()}),
		client.WithStaticToken("concurrency"),
		client.WithClock(clock),
	)
	require.NoError(t, err)

	var stats ccStats
	want := ccRun(t, c, &stats, func(error) bool { return false })
	stats.report(t, "one fake, in process")
	t.Logf("requests served: %d; retry waits: %d", server.Requests(), clock.waits.Load())

	stored := map[string]ccState{}
	for _, conn := range server.Connectors() {
		raw, err := json.Marshal(conn)
		require.NoError(t, err)
		_, dup := stored[conn.ID]
		require.False(t, dup, "%s stored twice", conn.ID)
		stored[conn.ID] = ccStoredState(t, raw)
	}
	assert.Equal(t, want, stored, "the fake's store")
	assert.Equal(t, want, ccListAll(t, c), "the fake's list")
	assert.Zero(t, clock.waits.Load(), "no fault, no retry")
}

// throttlingProxy forwards to target and answers every tenth request itself with 429 and
// Retry-After, as Graph's throttling would, before the request reaches the server.
type throttlingProxy struct {
	proxy     *httputil.ReverseProxy
	requests  atomic.Int64
	throttled atomic.Int64
}

func (p *throttlingProxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if p.requests.Add(1)%10 == 0 {
		p.throttled.Add(1)
		w.Header().Set("Retry-After", "1")
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusTooManyRequests)
		_, _ = io.WriteString(w, `{"error":{"code":"TooManyRequests","message":"Please retry again later."}}`)
		return
	}
	p.proxy.ServeHTTP(w, r)
}

// startServe builds cmd/apiconnector, runs `serve` on a free loopback port and returns
// its root URL; the process is interrupted when the test ends.
func startServe(t *testing.T, args ...string) string {
	t.Helper()
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("the go command is not on PATH; cannot build apiconnector")
	}
	bin := filepath.Join(t.TempDir(), "apiconnector")
	build := exec.CommandContext(t.Context(), goTool, "build", "-o", bin, "github.com/graph-apiconnector/apiconnector/cmd/apiconnector")
	out, err := build.CombinedOutput()
	require.NoError(t, err, "go build: %s", out)

	// The context only kills a serve that ignored SIGINT; the test ending must not.
	ctx, kill := context.WithCancel(context.Background())
	cmd := exec.CommandContext(ctx, bin, append([]string{"serve", "--addr", "127.0.0.1:0"}, args...)...)
	stdout, err := cmd.StdoutPipe()
	require.NoError(t, err)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	require.NoError(t, cmd.Start())
	exited := make(chan error, 1)
	lines := bufio.NewScanner(stdout)
	require.True(t, lines.Scan(), "serve prints its base URLs")
	v1 := strings.TrimPrefix(lines.Text(), "v1.0: ")
	go func() {
		_, _ = io.Copy(io.Discard, stdout)
		exited <- cmd.Wait()
	}()
	t.Cleanup(func() {
		defer kill()
		_ = cmd.Process.Signal(os.Interrupt)
		select {
		case err := <-exited:
			assert.NoError(t, err, "serve stops cleanly on SIGINT: %s", stderr.String())
		case <-time.After(15 * time.Second):
			kill()
			t.Error("serve did not stop on SIGINT")
		}
	})
	root := strings.TrimSuffix(v1, "/v1.0")
	u, err := url.Parse(root)
	require.NoError(t, err)
	require.Equal(t, "127.0.0.1", u.Hostname())
	return root
}

func TestConcurrentMixedOperationsOnServeBehindAThrottlingProxy(t *testing.T) {
	root := startServe(t, "--page-size", "7")
	target, err := url.Parse(root)
	require.NoError(t, err)
	pool := &http.Transport{MaxIdleConns: 128, MaxIdleConnsPerHost: 64, IdleConnTimeout: 30 * time.Second}
	t.Cleanup(pool.CloseIdleConnections)
	proxy := httputil.NewSingleHostReverseProxy(target)
	proxy.Transport = pool
	throttler := &throttlingProxy{proxy: proxy}
	front := httptest.NewServer(throttler)
	t.Cleanup(front.Close)

	clientPool := &http.Transport{MaxIdleConns: 128, MaxIdleConnsPerHost: 64, IdleConnTimeout: 30 * time.Second}
	t.Cleanup(clientPool.CloseIdleConnections)
	clock := &ccClock{}
	c, err := client.New(
		client.WithBaseURL(front.URL),
		client.WithHTTPClient(&http.Client{Transport: clientPool}),
		client.WithStaticToken("concurrency"),
		client.WithClock(clock),
	)
	require.NoError(t, err)

	var stats ccStats
	throttledOut := func(err error) bool {
		var graphErr *client.Error
		return errors.As(err, &graphErr) && errors.Is(err, client.ErrThrottled)
	}
	want := ccRun(t, c, &stats, throttledOut)
	stats.report(t, "serve behind a throttling proxy")
	t.Logf("requests through the proxy: %d; answered 429 by it: %d; retry waits in the client: %d",
		throttler.requests.Load(), throttler.throttled.Load(), clock.waits.Load())
	assert.Positive(t, throttler.throttled.Load())
	assert.Equal(t, throttler.throttled.Load(), clock.waits.Load()+ccThrottledOut(&stats), "every 429 was retried, or ended a call that ran out of attempts")

	direct, err := client.New(client.WithBaseURL(root), client.WithStaticToken("reader"))
	require.NoError(t, err)
	assert.Equal(t, want, ccListAll(t, direct), "serve's state")
}

// ccThrottledOut is how many calls ended throttled: each saw MaxAttempts (4) 429s and
// waited after the first three.
func ccThrottledOut(s *ccStats) int64 {
	var n int64
	for i := range ccKinds {
		n += s.harmless[i].Load()
	}
	return n
}
