package client_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graph-apiconnector/apiconnector/client"
)

func TestClientRequestIDIsSharedByRetriesOfOneCall(t *testing.T) {
	g := newGraph(t, func(w http.ResponseWriter, _ *http.Request, n int) {
		if n%3 < 2 {
			writeJSON(w, http.StatusTooManyRequests, graphError("TooManyRequests", "x"), "Retry-After", "1")
			return
		}
		writeJSON(w, http.StatusOK, basicConnectorJSON)
	})
	c, _ := newClient(t, g)

	for range 2 {
		_, err := c.Get(context.Background(), "abc")
		require.NoError(t, err)
	}
	reqs := g.requests()
	require.Len(t, reqs, 6)
	ids := make([]string, len(reqs))
	for i, r := range reqs {
		ids[i] = r.Header.Get("client-request-id")
		_, err := uuid.Parse(ids[i])
		require.NoError(t, err, "a UUID")
	}
	assert.Equal(t, []string{ids[0], ids[0], ids[0]}, ids[:3], "one id for the retries of the first call")
	assert.Equal(t, []string{ids[3], ids[3], ids[3]}, ids[3:], "one id for the retries of the second call")
	assert.NotEqual(t, ids[0], ids[3], "each call has its own id")
}

func TestErrorCarriesTheClientRequestID(t *testing.T) {
	g := newGraph(t, func(w http.ResponseWriter, _ *http.Request, _ int) {
		writeJSON(w, http.StatusNotFound, `{"error":{"code":"itemNotFound","message":"gone"}}`)
	})
	c, _ := newClient(t, g)

	_, err := c.Get(context.Background(), "abc")
	var graphErr *client.Error
	require.ErrorAs(t, err, &graphErr)
	assert.Equal(t, g.requests()[0].Header.Get("client-request-id"), graphErr.ClientRequestID)
}

// failFirst fails its first round trip with a dial error, without reading the body, as a
// refused connection does; later ones go through.
type failFirst struct {
	next  http.RoundTripper
	calls atomic.Int32
}

func (f *failFirst) RoundTrip(r *http.Request) (*http.Response, error) {
	if f.calls.Add(1) == 1 {
		if r.Body != nil {
			_ = r.Body.Close()
		}
		return nil, &net.OpError{Op: "dial", Net: "tcp", Err: errors.New("connection refused")}
	}
	return f.next.RoundTrip(r)
}

func TestConnectionFailureBeforeTheBodyIsRetried(t *testing.T) {
	g := newGraph(t, func(w http.ResponseWriter, _ *http.Request, _ int) {
		writeJSON(w, http.StatusCreated, basicConnectorJSON)
	})
	rt := &failFirst{next: http.DefaultTransport}
	c, clock := newClient(t, g, client.WithHTTPClient(&http.Client{Transport: rt}))

	_, err := c.Create(context.Background(), client.Connector{DisplayName: "d", TargetURL: "https://x.example", Auth: client.BasicAuth{Username: "u", Password: "p"}})
	require.NoError(t, err)
	assert.Equal(t, int32(2), rt.calls.Load())
	assert.Equal(t, 1, g.count(), "Graph saw one create")
	assert.Len(t, clock.recorded(), 1)
}

// dropAfterBody reads the request, so its body has left the client, then drops the
// connection without answering.
func dropAfterBody(w http.ResponseWriter) {
	conn, _, err := w.(http.Hijacker).Hijack()
	if err == nil {
		_ = conn.Close()
	}
}

func TestConnectionFailureAfterTheBody(t *testing.T) {
	basic := client.BasicAuth{Username: "u", Password: "p"}
	tests := []struct {
		name        string
		op          func(context.Context, *client.Client) error
		wantRetried bool
	}{
		{"create: outcome unknown", func(ctx context.Context, c *client.Client) error {
			_, err := c.Create(ctx, client.Connector{DisplayName: "d", TargetURL: "https://x.example", Auth: basic})
			return err
		}, false},
		{"update: retried", func(ctx context.Context, c *client.Client) error {
			return c.Update(ctx, "abc", client.ConnectorUpdate{Auth: basic})
		}, true},
		{"attach: retried", func(ctx context.Context, c *client.Client) error {
			return c.Attach(ctx, client.B2X, "B2X_1_f", client.PostAttributeCollection, "abc")
		}, true},
		{"get: retried", func(ctx context.Context, c *client.Client) error {
			_, err := c.Get(ctx, "abc")
			return err
		}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := newGraph(t, func(w http.ResponseWriter, r *http.Request, n int) {
				if n == 0 {
					dropAfterBody(w)
					return
				}
				switch r.Method {
				case http.MethodGet:
					writeJSON(w, http.StatusOK, basicConnectorJSON)
				default:
					w.WriteHeader(http.StatusNoContent)
				}
			})
			c, _ := newClient(t, g)

			err := tt.op(context.Background(), c)
			if tt.wantRetried {
				require.NoError(t, err)
				assert.Equal(t, 2, g.count())
				return
			}
			require.ErrorIs(t, err, client.ErrOutcomeUnknown)
			var graphErr *client.Error
			assert.NotErrorAs(t, err, &graphErr)
			assert.Equal(t, 1, g.count(), "Graph saw exactly one create")
		})
	}
}

func TestUploadOutcomeUnknown(t *testing.T) {
	pfx := validPFX(t)
	g := newGraph(t, func(w http.ResponseWriter, _ *http.Request, _ int) { dropAfterBody(w) })
	c, _ := newClient(t, g)

	_, err := c.UploadClientCertificate(context.Background(), "abc", pfx.Data, pfx.Password)
	require.ErrorIs(t, err, client.ErrOutcomeUnknown)
	assert.Equal(t, 1, g.count())
}

func TestRedirects(t *testing.T) {
	tests := []struct {
		name     string
		sameHost bool
		wantAuth string
	}{
		{"to another host: no token", false, ""},
		{"on the same host: token kept", true, "Bearer " + testToken},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var elsewhereAuth atomic.Value
			elsewhere := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				elsewhereAuth.Store(r.Header.Get("Authorization"))
				writeJSON(w, http.StatusOK, basicConnectorJSON)
			}))
			t.Cleanup(elsewhere.Close)
			g := newGraph(t, func(w http.ResponseWriter, r *http.Request, n int) {
				if n == 0 {
					target := elsewhere.URL + "/moved"
					if tt.sameHost {
						target = rootOf(r) + "/v1.0/moved"
					}
					http.Redirect(w, r, target, http.StatusTemporaryRedirect)
					return
				}
				writeJSON(w, http.StatusOK, basicConnectorJSON)
			})
			c, _ := newClient(t, g)

			_, err := c.Get(context.Background(), "abc")
			require.NoError(t, err)
			if tt.sameHost {
				reqs := g.requests()
				require.Len(t, reqs, 2)
				assert.Equal(t, tt.wantAuth, reqs[1].Header.Get("Authorization"))
				assert.Equal(t, reqs[0].Header.Get("client-request-id"), reqs[1].Header.Get("client-request-id"))
				return
			}
			got, _ := elsewhereAuth.Load().(string)
			assert.Equal(t, tt.wantAuth, got)
		})
	}
}

func TestDebugLogs(t *testing.T) {
	g := newGraph(t, func(w http.ResponseWriter, _ *http.Request, n int) {
		if n == 0 {
			writeJSON(w, http.StatusTooManyRequests, graphError("TooManyRequests", "x"), "Retry-After", "1", "request-id", "rid-0")
			return
		}
		writeJSON(w, http.StatusOK, basicConnectorJSON, "request-id", "rid-1")
	})
	var buf bytes.Buffer
	logger := slog.New(slog.NewJSONHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	c, _ := newClient(t, g, client.WithLogger(logger))

	_, err := c.Get(context.Background(), "abc")
	require.NoError(t, err)

	var attempts []map[string]any
	dec := json.NewDecoder(&buf)
	for {
		var rec map[string]any
		err := dec.Decode(&rec)
		if errors.Is(err, io.EOF) {
			break
		}
		require.NoError(t, err)
		assert.Equal(t, "DEBUG", rec["level"])
		for k := range rec {
			assert.NotContains(t, []string{"Authorization", "authorization", "body", "token"}, k)
		}
		if rec["msg"] == "graph request" {
			attempts = append(attempts, rec)
		}
	}
	require.Len(t, attempts, 2)
	cid := g.requests()[0].Header.Get("client-request-id")
	for i, rec := range attempts {
		assert.Equal(t, "GET", rec["method"])
		assert.Equal(t, basePath+"/v1.0/identity/apiConnectors/abc", rec["path"])
		assert.EqualValues(t, i+1, rec["attempt"])
		assert.Contains(t, rec, "duration")
		assert.Equal(t, cid, rec["client-request-id"])
	}
	assert.EqualValues(t, http.StatusTooManyRequests, attempts[0]["status"])
	assert.Equal(t, "rid-0", attempts[0]["request-id"])
	assert.EqualValues(t, http.StatusOK, attempts[1]["status"])
	assert.Equal(t, "rid-1", attempts[1]["request-id"])
	assert.NotContains(t, buf.String(), testToken)
}

func TestCredentialErrorSendsNothing(t *testing.T) {
	g := newGraph(t, nil)
	c, err := client.New(client.WithBaseURL(g.root()), client.WithCredential(failingCredential{}))
	require.NoError(t, err)

	_, err = c.Get(context.Background(), "abc")
	require.ErrorIs(t, err, errNoToken)
	assert.Zero(t, g.count())
}
