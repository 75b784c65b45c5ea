package client_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graph-apiconnector/apiconnector/client"
)

// Security: the bearer token goes to the configured Graph origin only, over https unless
// that origin is this machine; and no secret follows a redirect elsewhere.

const secToken = "security-token-6f1d"

// secHost is a loopback server that records every request it receives.
type secHost struct {
	server  *httptest.Server
	mu      sync.Mutex
	seen    []*http.Request
	bodies  []string
	respond func(w http.ResponseWriter, r *http.Request, n int)
}

func newSecHost(t *testing.T, respond func(w http.ResponseWriter, r *http.Request, n int)) *secHost {
	t.Helper()
	h := &secHost{respond: respond}
	h.server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		h.mu.Lock()
		n := len(h.seen)
		h.seen = append(h.seen, r.Clone(context.Background()))
		h.bodies = append(h.bodies, string(body))
		h.mu.Unlock()
		h.respond(w, r, n)
	}))
	t.Cleanup(h.server.Close)
	return h
}

func (h *secHost) requests() ([]*http.Request, []string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]*http.Request(nil), h.seen...), append([]string(nil), h.bodies...)
}

func secClient(t *testing.T, root string) *client.Client {
	t.Helper()
	c, err := client.New(client.WithBaseURL(root), client.WithStaticToken(secToken), client.WithClock(newRecordingClockAt(fmNow)))
	require.NoError(t, err)
	return c
}

func TestSecurityBaseURLMustBeHTTPSUnlessLoopback(t *testing.T) {
	tests := []struct {
		root     string
		accepted bool
	}{
		{"https://graph.microsoft.com", true},
		{"https://graph.example.com:8443/prefix", true},
		{"https://10.0.0.1", true},
		{"http://127.0.0.1:8080", true},
		{"http://127.255.255.254", true},
		{"http://[::1]:8080", true},
		{"http://[::ffff:127.0.0.1]:8080", true},
		{"http://localhost:8080", true},
		{"http://LOCALHOST:8080", true},
		{"http://graph.microsoft.com", false},
		{"http://10.0.0.1", false},
		{"http://192.168.1.10:8080", false},
		{"http://0.0.0.0:8080", false},
		{"http://[::]:8080", false},
		{"http://localhost.example.com", false},
		{"http://127.0.0.1.nip.io", false},
		{"http://2130706433", false},
		{"ws://127.0.0.1", false},
		{"https://user:pass@graph.example.com", false},
	}
	for _, tt := range tests {
		t.Run(tt.root, func(t *testing.T) {
			c, err := client.New(client.WithStaticToken(secToken), client.WithBaseURL(tt.root))
			if !tt.accepted {
				require.Error(t, err)
				assert.Nil(t, c)
				return
			}
			require.NoError(t, err)
			assert.NotNil(t, c)
		})
	}
}

// pageWithNextLink answers a list page whose @odata.nextLink is link.
func pageWithNextLink(link string) func(w http.ResponseWriter, r *http.Request, n int) {
	return func(w http.ResponseWriter, _ *http.Request, _ int) {
		fmJSON(w, http.StatusOK, fmt.Sprintf(`{"value":[{"id":"c0","displayName":"n","targetUrl":"https://x.example"}],"@odata.nextLink":%q}`, link))
	}
}

func TestSecurityNextLinkElsewhereIsNeverRequested(t *testing.T) {
	other := newSecHost(t, func(w http.ResponseWriter, _ *http.Request, _ int) { fmJSON(w, http.StatusOK, `{"value":[]}`) })
	otherURL, err := url.Parse(other.server.URL)
	require.NoError(t, err)

	tests := []struct {
		name string
		link func(graphRoot *url.URL) string
	}{
		{"another port on the same address", func(*url.URL) string { return other.server.URL + "/v1.0/identity/apiConnectors?$skiptoken=x" }},
		{"another spelling of the host", func(g *url.URL) string {
			return "http://localhost:" + g.Port() + "/v1.0/identity/apiConnectors?$skiptoken=x"
		}},
		{"another scheme", func(g *url.URL) string { return "https://" + g.Host + "/v1.0/identity/apiConnectors?$skiptoken=x" }},
		{"credentials smuggled before the other host", func(g *url.URL) string {
			return "http://" + g.Host + "@" + otherURL.Host + "/v1.0/identity/apiConnectors"
		}},
		{"a relative link", func(*url.URL) string { return "/v1.0/identity/apiConnectors?$skiptoken=x" }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var link string
			graph := newSecHost(t, func(w http.ResponseWriter, r *http.Request, n int) { pageWithNextLink(link)(w, r, n) })
			graphURL, err := url.Parse(graph.server.URL)
			require.NoError(t, err)
			link = tt.link(graphURL)
			c := secClient(t, graph.server.URL)
			before, _ := other.requests()

			var errs []error
			for _, err := range c.List(t.Context(), client.ListOptions{}) {
				if err != nil {
					errs = append(errs, err)
				}
			}
			require.Len(t, errs, 1)
			var validation *client.ValidationError
			require.ErrorAs(t, errs[0], &validation)
			require.Len(t, validation.Fields, 1)
			assert.Equal(t, "nextLink", validation.Fields[0].Field)

			_, err = c.NextPage(t.Context(), link)
			require.ErrorAs(t, err, &validation)

			after, _ := other.requests()
			assert.Len(t, after, len(before), "the other host saw no request")
			seen, _ := graph.requests()
			assert.Len(t, seen, 1, "Graph saw only the first page")
		})
	}
}

func TestSecurityRedirectElsewhereCarriesNoToken(t *testing.T) {
	for _, status := range []int{http.StatusMovedPermanently, http.StatusFound, http.StatusSeeOther, http.StatusTemporaryRedirect, http.StatusPermanentRedirect} {
		t.Run(http.StatusText(status), func(t *testing.T) {
			other := newSecHost(t, func(w http.ResponseWriter, _ *http.Request, _ int) { fmJSON(w, http.StatusOK, fmConnectorJSON) })
			graph := newSecHost(t, func(w http.ResponseWriter, r *http.Request, _ int) {
				http.Redirect(w, r, other.server.URL+"/v1.0/identity/apiConnectors/moved", status)
			})
			c := secClient(t, graph.server.URL)

			_, err := c.Get(t.Context(), "abc")
			require.NoError(t, err)
			fromGraph, _ := graph.requests()
			require.Len(t, fromGraph, 1)
			assert.Equal(t, "Bearer "+secToken, fromGraph[0].Header.Get("Authorization"))
			elsewhere, _ := other.requests()
			require.Len(t, elsewhere, 1, "the redirect was followed")
			assert.Empty(t, elsewhere[0].Header.Values("Authorization"), "no Authorization elsewhere")
			assert.Equal(t, fromGraph[0].Header.Get("client-request-id"), elsewhere[0].Header.Get("client-request-id"))
		})
	}
}

// TestSecurityRedirectElsewhereCarriesNoSecretBody: a create, update or upload that Graph
// redirects to another origin must not re-send its body there, since the body holds the
// connector's password or .pfx. (Graph's API never redirects; a redirect comes from a
// proxy or a misconfigured endpoint.)
func TestSecurityRedirectElsewhereCarriesNoSecretBody(t *testing.T) {
	const password = "redirected-password-5b7e"
	for _, status := range []int{http.StatusTemporaryRedirect, http.StatusPermanentRedirect} {
		t.Run(http.StatusText(status), func(t *testing.T) {
			other := newSecHost(t, func(w http.ResponseWriter, _ *http.Request, _ int) {
				fmJSON(w, http.StatusCreated, fmConnectorJSON)
			})
			graph := newSecHost(t, func(w http.ResponseWriter, r *http.Request, _ int) {
				http.Redirect(w, r, other.server.URL+"/v1.0/identity/apiConnectors", status)
			})
			c := secClient(t, graph.server.URL)

			_, err := c.Create(t.Context(), client.Connector{DisplayName: "d", TargetURL: "https://api.example.com",
				Auth: client.BasicAuth{Username: "u", Password: password}})
			elsewhere, bodies := other.requests()
			for i, b := range bodies {
				assert.NotContains(t, b, password, "the password went to another origin")
				assert.Empty(t, elsewhere[i].Header.Values("Authorization"))
			}
			require.Error(t, err, "a create the client refused to forward is not reported as done")
			require.NotErrorIs(t, err, client.ErrOutcomeUnknown, "Graph answered; the client knows nothing was created")
		})
	}
}

// TestSecurityTokenNeverLeavesThroughTheClientsOwnErrors: neither a Graph error nor the
// client itself, printed in any form, shows the token.
func TestSecurityTokenNeverLeavesThroughTheClientsOwnErrors(t *testing.T) {
	graph := newSecHost(t, func(w http.ResponseWriter, _ *http.Request, _ int) {
		fmJSON(w, http.StatusForbidden, `{"error":{"code":"Forbidden","message":"no"}}`)
	})
	c := secClient(t, graph.server.URL)
	_, err := c.Get(t.Context(), "abc")
	require.ErrorIs(t, err, client.ErrForbidden)
	for _, s := range []string{err.Error(), fmt.Sprintf("%+v", err), fmt.Sprintf("%#v", err), fmt.Sprint(c), fmt.Sprintf("%#v", c)} {
		assert.NotContains(t, s, secToken)
	}
}
