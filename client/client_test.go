package client_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graph-apiconnector/apiconnector/client"
	"github.com/graph-apiconnector/apiconnector/internal/testpfx"
)

// testToken is the static bearer token of the test clients.
const testToken = "test-token"

// basePath is where the test Graph lives on its server. Requests outside it fail the
// test, which catches a URL built from the server root instead of the base URL.
const basePath = "/graph"

// exchange is one request the test Graph received.
type exchange struct {
	Method string
	Path   string
	Query  url.Values
	Header http.Header
	Body   []byte
}

// graph is an httptest server standing in for Microsoft Graph. respond answers the n-th
// request (0-based); it may be nil for requests that must not arrive.
type graph struct {
	t       *testing.T
	server  *httptest.Server
	respond func(w http.ResponseWriter, r *http.Request, n int)

	mu        sync.Mutex
	exchanges []exchange
}

func newGraph(t *testing.T, respond func(w http.ResponseWriter, r *http.Request, n int)) *graph {
	t.Helper()
	g := &graph{t: t, respond: respond}
	g.server = httptest.NewServer(http.HandlerFunc(g.serve))
	t.Cleanup(g.server.Close)
	return g
}

func (g *graph) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	g.mu.Lock()
	n := len(g.exchanges)
	g.exchanges = append(g.exchanges, exchange{Method: r.Method, Path: r.URL.Path, Query: r.URL.Query(), Header: r.Header.Clone(), Body: body})
	g.mu.Unlock()
	if !strings.HasPrefix(r.URL.Path, basePath+"/") {
		g.t.Errorf("request outside the base path: %s %s", r.Method, r.URL.Path)
		http.Error(w, "outside base path", http.StatusBadGateway)
		return
	}
	if g.respond == nil {
		g.t.Errorf("unexpected request: %s %s", r.Method, r.URL.Path)
		http.Error(w, "unexpected", http.StatusTeapot)
		return
	}
	g.respond(w, r, n)
}

func (g *graph) requests() []exchange {
	g.mu.Lock()
	defer g.mu.Unlock()
	return append([]exchange(nil), g.exchanges...)
}

func (g *graph) count() int { return len(g.requests()) }

// root is the base URL the test clients are given.
func (g *graph) root() string { return g.server.URL + basePath }

// rootOf is the base URL of the test Graph that r reached, for links in its answers.
func rootOf(r *http.Request) string { return "http://" + r.Host + basePath }

// newClient returns a client for g with a recording clock, so retries never sleep.
func newClient(t *testing.T, g *graph, opts ...client.Option) (*client.Client, *recordingClock) {
	t.Helper()
	clock := newRecordingClock()
	all := append([]client.Option{
		client.WithBaseURL(g.root()),
		client.WithStaticToken(testToken),
		client.WithClock(clock),
	}, opts...)
	c, err := client.New(all...)
	require.NoError(t, err)
	return c, clock
}

// writeJSON answers with status and a JSON body, after setting the headers in pairs.
func writeJSON(w http.ResponseWriter, status int, body string, headerPairs ...string) {
	for i := 0; i+1 < len(headerPairs); i += 2 {
		w.Header().Set(headerPairs[i], headerPairs[i+1])
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = io.WriteString(w, body)
}

// graphError is Graph's error envelope.
func graphError(code, message string) string {
	return fmt.Sprintf(`{"error":{"code":%q,"message":%q,"innerError":{"request-id":"inner-request-id","date":"2024-01-01T00:00:00"}}}`, code, message)
}

const basicConnectorJSON = `{
  "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#identity/apiConnectors/$entity",
  "id": "be1f769b-9b13-437e-b540-79a905c4932c",
  "displayName": "Test API",
  "targetUrl": "https://someapi.com/api",
  "authenticationConfiguration": {
    "@odata.type": "#microsoft.graph.basicAuthentication",
    "username": "MyUsername",
    "password": "******"
  }
}`

// recordingClock stands still except when slept on, and records each wait. With block set,
// Sleep waits for the context instead, first saying so on sleeping when that is not nil;
// its guard ends a wait the context never ends, so a broken client fails instead of hanging.
type recordingClock struct {
	mu       sync.Mutex
	now      time.Time
	waits    []time.Duration
	onSleep  func() // runs during Sleep, before the wait is decided
	block    bool
	sleeping chan time.Duration
}

var errClockGuard = errors.New("recordingClock: the context never ended")

func newRecordingClock() *recordingClock {
	return newRecordingClockAt(time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC))
}

func newRecordingClockAt(now time.Time) *recordingClock { return &recordingClock{now: now} }

// newBlockingClock waits on the context at every Sleep and announces each wait.
func newBlockingClock(now time.Time) *recordingClock {
	return &recordingClock{now: now, block: true, sleeping: make(chan time.Duration, 1)}
}

func (c *recordingClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *recordingClock) Sleep(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	c.mu.Lock()
	c.waits = append(c.waits, d)
	onSleep, block := c.onSleep, c.block
	c.mu.Unlock()
	if onSleep != nil {
		onSleep()
	}
	if block {
		if c.sleeping != nil {
			c.sleeping <- d
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(30 * time.Second):
			return errClockGuard
		}
	}
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
	return nil
}

func (c *recordingClock) recorded() []time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]time.Duration(nil), c.waits...)
}

// fakeCredential hands out a fixed token and records the scopes asked for.
type fakeCredential struct {
	token  string
	mu     sync.Mutex
	scopes [][]string
}

func (f *fakeCredential) GetToken(_ context.Context, opts policy.TokenRequestOptions) (azcore.AccessToken, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.scopes = append(f.scopes, opts.Scopes)
	return azcore.AccessToken{Token: f.token, ExpiresOn: time.Now().Add(time.Hour)}, nil
}

func (f *fakeCredential) recorded() [][]string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([][]string(nil), f.scopes...)
}

// roundTripFunc answers requests in process, for hosts the tests cannot serve.
type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func cannedResponse(r *http.Request, status int, body string) *http.Response {
	if r.Body != nil {
		_ = r.Body.Close()
	}
	return &http.Response{
		StatusCode: status,
		Header:     http.Header{"Content-Type": {"application/json"}},
		Body:       io.NopCloser(strings.NewReader(body)),
		Request:    r,
	}
}

func TestNewRequiresExactlyOneCredential(t *testing.T) {
	tests := []struct {
		name    string
		opts    []client.Option
		wantErr bool
	}{
		{"none", nil, true},
		{"static token", []client.Option{client.WithStaticToken("t")}, false},
		{"credential", []client.Option{client.WithCredential(&fakeCredential{token: "t"})}, false},
		{"both", []client.Option{client.WithStaticToken("t"), client.WithCredential(&fakeCredential{token: "t"})}, true},
		{"empty static token", []client.Option{client.WithStaticToken("")}, true},
		{"nil credential", []client.Option{client.WithCredential(nil)}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := client.New(tt.opts...)
			if tt.wantErr {
				require.Error(t, err)
				assert.Nil(t, c)
				return
			}
			require.NoError(t, err)
			assert.NotNil(t, c)
		})
	}
}

func TestCloudsChooseHostAndScope(t *testing.T) {
	tests := []struct {
		cloud     client.Cloud
		wantURL   string
		wantScope string
	}{
		{client.CloudGlobal, "https://graph.microsoft.com/v1.0/identity/apiConnectors/abc", "https://graph.microsoft.com/.default"},
		{client.CloudUSGovL4, "https://graph.microsoft.us/v1.0/identity/apiConnectors/abc", "https://graph.microsoft.us/.default"},
		{client.CloudUSGovL5, "https://dod-graph.microsoft.us/v1.0/identity/apiConnectors/abc", "https://dod-graph.microsoft.us/.default"},
		{client.CloudChina, "https://microsoftgraph.chinacloudapi.cn/v1.0/identity/apiConnectors/abc", "https://microsoftgraph.chinacloudapi.cn/.default"},
	}
	for _, tt := range tests {
		t.Run(tt.cloud.String(), func(t *testing.T) {
			var gotURL, gotAuth string
			rt := roundTripFunc(func(r *http.Request) (*http.Response, error) {
				gotURL, gotAuth = r.URL.String(), r.Header.Get("Authorization")
				return cannedResponse(r, http.StatusOK, basicConnectorJSON), nil
			})
			cred := &fakeCredential{token: "cloud-token"}
			c, err := client.New(client.WithCloud(tt.cloud), client.WithCredential(cred), client.WithHTTPClient(&http.Client{Transport: rt}))
			require.NoError(t, err)

			_, err = c.Get(context.Background(), "abc")
			require.NoError(t, err)
			assert.Equal(t, tt.wantURL, gotURL)
			assert.Equal(t, "Bearer cloud-token", gotAuth)
			assert.Equal(t, [][]string{{tt.wantScope}}, cred.recorded())
		})
	}
}

func TestBaseURLKeepsTheCloudScope(t *testing.T) {
	g := newGraph(t, func(w http.ResponseWriter, _ *http.Request, _ int) {
		writeJSON(w, http.StatusOK, basicConnectorJSON)
	})
	cred := &fakeCredential{token: "china-token"}
	c, err := client.New(client.WithCloud(client.CloudChina), client.WithBaseURL(g.root()), client.WithCredential(cred), client.WithAPIVersion("beta"))
	require.NoError(t, err)

	_, err = c.Get(context.Background(), "abc")
	require.NoError(t, err)
	reqs := g.requests()
	require.Len(t, reqs, 1)
	assert.Equal(t, basePath+"/beta/identity/apiConnectors/abc", reqs[0].Path)
	assert.Equal(t, "Bearer china-token", reqs[0].Header.Get("Authorization"))
	assert.Equal(t, [][]string{{"https://microsoftgraph.chinacloudapi.cn/.default"}}, cred.recorded())
}

func TestWithHTTPClientWrapsTheTransport(t *testing.T) {
	var sawAuth string
	inner := roundTripFunc(func(r *http.Request) (*http.Response, error) {
		sawAuth = r.Header.Get("Authorization")
		return cannedResponse(r, http.StatusOK, basicConnectorJSON), nil
	})
	hc := &http.Client{Transport: inner}
	c, err := client.New(client.WithStaticToken("wrapped"), client.WithHTTPClient(hc))
	require.NoError(t, err)

	_, err = c.Get(context.Background(), "abc")
	require.NoError(t, err)
	assert.Equal(t, "Bearer wrapped", sawAuth, "the caller's transport sends the request")
	_, same := hc.Transport.(roundTripFunc)
	assert.True(t, same, "the caller's http.Client is not modified")
}

func TestUserAgent(t *testing.T) {
	tests := []struct {
		name       string
		opts       []client.Option
		wantPrefix string
	}{
		{"default", nil, "graph-apiconnector-go"},
		{"caller first", []client.Option{client.WithUserAgent("apiconnector-cli/1.2")}, "apiconnector-cli/1.2 graph-apiconnector-go"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := newGraph(t, func(w http.ResponseWriter, _ *http.Request, _ int) {
				writeJSON(w, http.StatusNoContent, "")
			})
			c, _ := newClient(t, g, tt.opts...)
			require.NoError(t, c.Delete(context.Background(), "abc"))
			assert.Equal(t, tt.wantPrefix, g.requests()[0].Header.Get("User-Agent"))
		})
	}
	_, err := client.New(client.WithStaticToken("t"), client.WithUserAgent("bad\r\nX-Injected: 1"))
	assert.Error(t, err)
}

var errNoToken = errors.New("no token today")

// failingCredential cannot get a token.
type failingCredential struct{}

func (failingCredential) GetToken(context.Context, policy.TokenRequestOptions) (azcore.AccessToken, error) {
	return azcore.AccessToken{}, errNoToken
}

func validPFX(t *testing.T) testpfx.PFX { return testpfx.Valid(t, "pfx password") }

// readAll reads a request body inside a roundTripFunc.
func readAll(t *testing.T, r *http.Request) []byte {
	t.Helper()
	if r.Body == nil {
		return nil
	}
	b, err := io.ReadAll(r.Body)
	require.NoError(t, err)
	return b
}
