package reconcile

import (
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/graph-apiconnector/apiconnector/client"
	"github.com/graph-apiconnector/apiconnector/fake"
)

// harness is a fake Graph, a client on it, and a folder for desired-state files.
type harness struct {
	t     *testing.T
	srv   *fake.Server
	c     *client.Client
	dir   string
	vars  map[string]string
	clock *instantClock

	mu       sync.Mutex
	requests []sentRequest
	// before runs before each request reaches the fake, with the request's number among
	// the writes (POST, PATCH, PUT, DELETE) so far, from 1; 0 for a read.
	before func(write int, r *http.Request)
	writes int
}

// sentRequest is what the harness saw of a request: method, path and body.
type sentRequest struct {
	method, path, body string
}

func newHarness(t *testing.T, version string) *harness {
	t.Helper()
	h := &harness{t: t, srv: fake.New(), dir: t.TempDir(), vars: map[string]string{}, clock: &instantClock{}}
	h.srv.SeedUserFlow(fake.B2X, "B2X_1_partner")
	h.srv.SeedUserFlow(fake.B2C, "B2C_1_signup")
	c, err := client.New(
		client.WithHTTPClient(&http.Client{Transport: roundTripper(h.roundTrip)}),
		client.WithStaticToken("t"),
		client.WithAPIVersion(version),
		client.WithClock(h.clock),
	)
	require.NoError(t, err)
	h.c = c
	return h
}

type roundTripper func(*http.Request) (*http.Response, error)

func (f roundTripper) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func (h *harness) roundTrip(r *http.Request) (*http.Response, error) {
	var body []byte
	if r.Body != nil {
		var err error
		if body, err = io.ReadAll(r.Body); err != nil {
			return nil, err
		}
		_ = r.Body.Close()
		r.Body = io.NopCloser(strings.NewReader(string(body)))
	}
	h.mu.Lock()
	h.requests = append(h.requests, sentRequest{r.Method, r.URL.Path, string(body)})
	write := 0
	if r.Method != http.MethodGet {
		h.writes++
		write = h.writes
	}
	before := h.before
	h.mu.Unlock()
	if before != nil {
		before(write, r)
	}
	return h.srv.Transport().RoundTrip(r)
}

// sent returns the requests so far, and forgets them.
func (h *harness) sent() []sentRequest {
	h.mu.Lock()
	defer h.mu.Unlock()
	out := h.requests
	h.requests = nil
	return out
}

// writeFile writes a desired-state file (and anything beside it) into the folder.
func (h *harness) writeFile(name, content string) string {
	path := filepath.Join(h.dir, name)
	require.NoError(h.t, os.WriteFile(path, []byte(content), 0o600))
	return path
}

func (h *harness) load(path string) *Desired {
	d, err := Load(path, env(h.vars))
	require.NoError(h.t, err)
	return d
}

func (h *harness) plan(path string, opts Options) *Plan {
	p, err := MakePlan(context.Background(), h.c, h.load(path), opts)
	require.NoError(h.t, err)
	return p
}

// apply plans and applies, as the command does.
func (h *harness) apply(path string) (*Report, error) {
	return Apply(context.Background(), h.c, h.plan(path, Options{}), nil)
}

// connectors returns the tenant's connectors by displayName, failing on a duplicate.
func (h *harness) connectors() map[string]client.Connector {
	out := map[string]client.Connector{}
	for conn, err := range h.c.List(context.Background(), client.ListOptions{}) {
		require.NoError(h.t, err)
		_, dup := out[conn.DisplayName]
		require.False(h.t, dup, "two connectors named %q", conn.DisplayName)
		out[conn.DisplayName] = conn
	}
	return out
}

// bound returns the displayName of the connector each step of a flow calls ("" for none).
func (h *harness) bound(kind client.UserFlowKind, id string) map[client.Step]string {
	config, err := h.c.UserFlowConfiguration(context.Background(), kind, id)
	require.NoError(h.t, err)
	out := map[client.Step]string{client.PostFederationSignup: "", client.PostAttributeCollection: ""}
	if config.PostFederationSignup != nil {
		out[client.PostFederationSignup] = config.PostFederationSignup.DisplayName
	}
	if config.PostAttributeCollection != nil {
		out[client.PostAttributeCollection] = config.PostAttributeCollection.DisplayName
	}
	return out
}

func actions(p *Plan) []string {
	out := make([]string, 0, len(p.Changes))
	for _, c := range p.Changes {
		out = append(out, string(c.Action)+" "+string(c.Kind)+" "+c.Name)
	}
	return out
}

func statuses(r *Report) []Status {
	out := make([]Status, 0, len(r.Changes))
	for _, c := range r.Changes {
		out = append(out, c.Status)
	}
	return out
}

// instantClock sleeps no time and records what it was asked to sleep.
type instantClock struct {
	mu     sync.Mutex
	slept  []time.Duration
	offset time.Duration
}

func (c *instantClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return time.Now().Add(c.offset)
}

func (c *instantClock) Sleep(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.slept = append(c.slept, d)
	c.offset += d
	return nil
}

func (c *instantClock) sleeps() []time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]time.Duration(nil), c.slept...)
}
