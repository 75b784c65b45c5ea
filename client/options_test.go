package client_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graph-apiconnector/apiconnector/client"
)

func TestParseCloud(t *testing.T) {
	tests := []struct {
		in      string
		want    client.Cloud
		wantErr bool
	}{
		{"global", client.CloudGlobal, false},
		{"usgovl4", client.CloudUSGovL4, false},
		{"usgovl5", client.CloudUSGovL5, false},
		{"dod", client.CloudUSGovL5, false},
		{"DoD", client.CloudUSGovL5, false},
		{"china", client.CloudChina, false},
		{"", 0, true},
		{"germany", 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := client.ParseCloud(tt.in)
			if tt.wantErr {
				assert.Error(t, err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
			back, err := client.ParseCloud(got.String())
			require.NoError(t, err)
			assert.Equal(t, got, back, "String round-trips through ParseCloud")
		})
	}
}

func TestWithCloudRejectsUnknown(t *testing.T) {
	_, err := client.New(client.WithStaticToken("t"), client.WithCloud(client.Cloud(42)))
	assert.Error(t, err)
}

func TestWithAPIVersion(t *testing.T) {
	tests := []struct {
		version  string
		wantErr  bool
		wantPath string
	}{
		{"v1.0", false, basePath + "/v1.0/identity/apiConnectors/abc"},
		{"beta", false, basePath + "/beta/identity/apiConnectors/abc"},
		{"v2.0", true, ""},
		{"", true, ""},
		{"Beta", true, ""},
	}
	for _, tt := range tests {
		t.Run(tt.version, func(t *testing.T) {
			g := newGraph(t, func(w http.ResponseWriter, _ *http.Request, _ int) {
				writeJSON(w, http.StatusOK, basicConnectorJSON)
			})
			c, err := client.New(client.WithStaticToken("t"), client.WithBaseURL(g.root()), client.WithAPIVersion(tt.version))
			if tt.wantErr {
				assert.Error(t, err)
				return
			}
			require.NoError(t, err)
			_, err = c.Get(context.Background(), "abc")
			require.NoError(t, err)
			assert.Equal(t, tt.wantPath, g.requests()[0].Path)
		})
	}
}

func TestWithBaseURL(t *testing.T) {
	tests := []struct {
		name    string
		root    string
		wantErr bool
	}{
		{"http loopback v4", "http://127.0.0.1:8080", false},
		{"http loopback v4 elsewhere in 127/8", "http://127.10.20.30", false},
		{"http loopback v6", "http://[::1]:8080", false},
		{"http localhost", "http://localhost:8080", false},
		{"https anywhere", "https://graph.example.com", false},
		{"https with path prefix", "https://proxy.example.com/graph/", false},
		{"http elsewhere", "http://graph.example.com", true},
		{"http private address", "http://10.0.0.1", true},
		{"http localhost lookalike", "http://localhost.example.com", true},
		{"no scheme", "graph.microsoft.com", true},
		{"other scheme", "ftp://127.0.0.1", true},
		{"credentials in URL", "https://user:pass@graph.example.com", true},
		{"query", "https://graph.example.com?x=1", true},
		{"version included", "https://graph.microsoft.com/v1.0", true},
		{"beta included", "http://127.0.0.1:8080/beta/", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := client.New(client.WithStaticToken("t"), client.WithBaseURL(tt.root))
			if tt.wantErr {
				require.Error(t, err)
				return
			}
			require.NoError(t, err)
			assert.NotNil(t, c)
		})
	}
}

func TestWithRetryPolicy(t *testing.T) {
	tests := []struct {
		name    string
		policy  client.RetryPolicy
		wantErr bool
	}{
		{"default", client.DefaultRetryPolicy(), false},
		{"no retries", client.RetryPolicy{MaxAttempts: 1}, false},
		{"zero attempts", client.RetryPolicy{MaxAttempts: 0}, true},
		{"negative wait", client.RetryPolicy{MaxAttempts: 2, MaxTotalWait: -time.Second}, true},
		{"base above max", client.RetryPolicy{MaxAttempts: 2, BaseDelay: time.Minute, MaxDelay: time.Second}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := client.New(client.WithStaticToken("t"), client.WithRetryPolicy(tt.policy))
			if tt.wantErr {
				assert.Error(t, err)
			} else {
				assert.NoError(t, err)
			}
		})
	}
}

func TestDefaultRetryPolicy(t *testing.T) {
	assert.Equal(t, client.RetryPolicy{MaxAttempts: 4, MaxTotalWait: 60 * time.Second, BaseDelay: 500 * time.Millisecond, MaxDelay: 30 * time.Second}, client.DefaultRetryPolicy())
}

func TestNilOptionArgumentsAreErrors(t *testing.T) {
	for name, opt := range map[string]client.Option{
		"http client": client.WithHTTPClient(nil),
		"logger":      client.WithLogger(nil),
		"clock":       client.WithClock(nil),
	} {
		t.Run(name, func(t *testing.T) {
			_, err := client.New(client.WithStaticToken("t"), opt)
			assert.Error(t, err)
		})
	}
}
