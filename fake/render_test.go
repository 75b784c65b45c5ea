package fake

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRenderConnector(t *testing.T) {
	now := time.Unix(1_900_000_000, 0)
	basic := connectorRecord{id: "b", displayName: "Basic", targetURL: "https://x.example.com", auth: authRecord{kind: authBasic, username: "u"}}
	certs := connectorRecord{id: "c", displayName: "Certs", targetURL: "https://y.example.com", auth: authRecord{kind: authCertificates, certificates: []certificate{
		{thumbprint: "AB", notBefore: now.Add(-time.Hour), notAfter: now.Add(time.Hour)},
	}}}
	cases := []struct {
		name   string
		record connectorRecord
		sel    selection
		want   string
	}{
		{"basic, password masked", basic, nil, `{"id":"b","displayName":"Basic","targetUrl":"https://x.example.com",
			"authenticationConfiguration":{"@odata.type":"#microsoft.graph.basicAuthentication","username":"u","password":"******"}}`},
		{"certificates", certs, nil, `{"id":"c","displayName":"Certs","targetUrl":"https://y.example.com",
			"authenticationConfiguration":{"@odata.type":"#microsoft.graph.clientCertificateAuthentication",
			"certificateList":[{"thumbprint":"AB","notBefore":1899996400,"notAfter":1900003600,"isActive":true}]}}`},
		{"selected", basic, newSelection(&[]string{"targetUrl"}), `{"id":"b","targetUrl":"https://x.example.com"}`},
		{"id only", basic, newSelection(&[]string{"id"}), `{"id":"b"}`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			data, err := json.Marshal(renderConnector(tc.record, now, tc.sel))
			require.NoError(t, err)
			assert.JSONEq(t, tc.want, string(data))
		})
	}
}
