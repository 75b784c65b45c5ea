package client_test

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graph-apiconnector/apiconnector/client"
)

func TestAuthODataTypes(t *testing.T) {
	tests := []struct {
		auth client.Auth
		want string
	}{
		{client.BasicAuth{}, "#microsoft.graph.basicAuthentication"},
		{&client.BasicAuth{}, "#microsoft.graph.basicAuthentication"},
		{client.PKCS12{}, "#microsoft.graph.pkcs12Certificate"},
		{client.ClientCertificates{}, "#microsoft.graph.clientCertificateAuthentication"},
		{client.UnknownAuth{Type: "#microsoft.graph.other"}, "#microsoft.graph.other"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			assert.Equal(t, tt.want, tt.auth.ODataType())
		})
	}
}

// TestAuthJSONIsMasked: json.Marshal of a connector, as a program might log it, writes
// Graph's shape with the secrets masked.
func TestAuthJSONIsMasked(t *testing.T) {
	tests := []struct {
		name string
		auth client.Auth
		want string
	}{
		{"basic", client.BasicAuth{Username: "u", Password: "secret"}, `{"@odata.type":"#microsoft.graph.basicAuthentication","username":"u","password":"******"}`},
		{"basic, no password", client.BasicAuth{Username: "u"}, `{"@odata.type":"#microsoft.graph.basicAuthentication","username":"u","password":""}`},
		{"pkcs12", client.PKCS12{Value: []byte("pfx"), Password: "secret"}, `{"@odata.type":"#microsoft.graph.pkcs12Certificate","pkcs12Value":"******","password":"******"}`},
		{"unknown", client.UnknownAuth{Type: "#x", Raw: json.RawMessage(`{"@odata.type":"#x","key":"secret"}`)}, `{"@odata.type":"#x"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := json.Marshal(tt.auth)
			require.NoError(t, err)
			assert.JSONEq(t, tt.want, string(got))

			conn, err := json.Marshal(client.Connector{ID: "x", Auth: tt.auth})
			require.NoError(t, err)
			var decoded struct{ Auth json.RawMessage }
			require.NoError(t, json.Unmarshal(conn, &decoded))
			assert.JSONEq(t, tt.want, string(decoded.Auth))
		})
	}
}

func TestMalformedAuthIsAnError(t *testing.T) {
	tests := []struct {
		name string
		auth string
	}{
		{"string", `"basic"`},
		{"array", `[1]`},
		{"basic with a numeric username", `{"@odata.type":"#microsoft.graph.basicAuthentication","username":7}`},
		{"certificates with a string date", `{"@odata.type":"#microsoft.graph.clientCertificateAuthentication","certificateList":[{"notAfter":"2024-01-01"}]}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := newGraph(t, func(w http.ResponseWriter, _ *http.Request, _ int) {
				writeJSON(w, http.StatusOK, `{"id":"abc","authenticationConfiguration":`+tt.auth+`}`)
			})
			c, _ := newClient(t, g)

			_, err := c.Get(context.Background(), "abc")
			require.Error(t, err)
			var graphErr *client.Error
			assert.NotErrorAs(t, err, &graphErr)
		})
	}
}

func TestCertificateTimesAreUTCSeconds(t *testing.T) {
	g := newGraph(t, func(w http.ResponseWriter, _ *http.Request, _ int) {
		writeJSON(w, http.StatusOK, `{"id":"abc","authenticationConfiguration":{"@odata.type":"#microsoft.graph.clientCertificateAuthentication",
			"certificateList":[{"thumbprint":"AB","notBefore":0,"notAfter":2147483648},{"thumbprint":"CD"}]}}`)
	})
	c, _ := newClient(t, g)

	got, err := c.Get(context.Background(), "abc")
	require.NoError(t, err)
	certs := got.Auth.(client.ClientCertificates).Certificates
	require.Len(t, certs, 2)
	assert.Equal(t, time.Unix(0, 0).UTC(), certs[0].NotBefore)
	assert.Equal(t, time.Date(2038, 1, 19, 3, 14, 8, 0, time.UTC), certs[0].NotAfter, "past 2^31 seconds")
	assert.True(t, certs[1].NotBefore.IsZero(), "absent times stay zero")
	assert.True(t, certs[1].NotAfter.IsZero())
}
