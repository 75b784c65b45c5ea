package client_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graph-apiconnector/apiconnector/client"
)

// A token from a Microsoft identity credential goes only to the cloud's Graph host and to
// loopback, unless the caller names another host it trusts.
func TestCredentialTokensGoOnlyWhereTheyBelong(t *testing.T) {
	cases := []struct {
		name    string
		opts    []client.Option
		refused bool
	}{
		{"the cloud's Graph host", []client.Option{client.WithBaseURL("https://graph.microsoft.com")}, false},
		{"loopback", []client.Option{client.WithBaseURL("http://127.0.0.1:8080")}, false},
		{"another host", []client.Option{client.WithBaseURL("https://proxy.example")}, true},
		{"another cloud's Graph host", []client.Option{client.WithCloud(client.CloudUSGovL4), client.WithBaseURL("https://graph.microsoft.com")}, true},
		{"the Graph host on another port", []client.Option{client.WithBaseURL("https://graph.microsoft.com:8443")}, true},
		{"a trusted host", []client.Option{client.WithBaseURL("https://proxy.example"), client.WithTrustedHost("proxy.example")}, false},
		{"trusted in any case", []client.Option{client.WithTrustedHost("PROXY.example"), client.WithBaseURL("https://proxy.example")}, false},
		{"trusted on another port", []client.Option{client.WithBaseURL("https://proxy.example"), client.WithTrustedHost("proxy.example:8443")}, true},
		{"another host trusted", []client.Option{client.WithBaseURL("https://proxy.example"), client.WithTrustedHost("other.example")}, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			cred := &fakeCredential{token: "identity-token"}
			var sent []string
			rt := roundTripFunc(func(r *http.Request) (*http.Response, error) {
				sent = append(sent, r.Header.Get("Authorization"))
				return cannedResponse(r, http.StatusOK, basicConnectorJSON), nil
			})
			opts := append([]client.Option{client.WithCredential(cred), client.WithHTTPClient(&http.Client{Transport: rt})}, tc.opts...)
			c, err := client.New(opts...)
			if tc.refused {
				var untrusted *client.UntrustedHostError
				require.ErrorAs(t, err, &untrusted)
				assert.Empty(t, cred.recorded(), "no token was asked for")
				return
			}
			require.NoError(t, err)
			_, err = c.Get(context.Background(), "abc")
			require.NoError(t, err)
			assert.Equal(t, []string{"Bearer identity-token"}, sent)
		})
	}
}

func TestStaticTokensNeedNoOptIn(t *testing.T) {
	_, err := client.New(client.WithStaticToken("t"), client.WithBaseURL("https://proxy.example"))
	require.NoError(t, err)
}

func TestTrustedHostIsAHost(t *testing.T) {
	for _, bad := range []string{"", " ", "https://proxy.example", "proxy.example/path", "user@proxy.example"} {
		_, err := client.New(client.WithStaticToken("t"), client.WithTrustedHost(bad))
		require.Error(t, err, "%q", bad)
	}
}
