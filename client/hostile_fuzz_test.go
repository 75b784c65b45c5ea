package client_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/graph-apiconnector/apiconnector/client"
	"github.com/graph-apiconnector/apiconnector/internal/secret"
)

// fuzzPlanted is the password every fuzzed call sends; fuzzMarker in the fuzzed answer is
// replaced by it in one of the spellings a hostile server may use.
const (
	fuzzPlanted = "fuzz-planted-pw-Jq7x2Lm9"
	fuzzMarker  = "@@SECRET@@"
)

// fuzzSpellings are the forms the planted password is echoed in.
func fuzzSpellings() []string {
	var escaped strings.Builder
	for _, r := range fuzzPlanted {
		fmt.Fprintf(&escaped, `\u%04x`, r)
	}
	return append(secret.TextForms(fuzzPlanted), escaped.String(), base64.URLEncoding.EncodeToString([]byte(fuzzPlanted)))
}

// returnedText is everything a value the client returns holds, field by field and as the
// program would print it.
func returnedText(conn client.Connector) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s|%s|%s|%+v|%#v", conn.ID, conn.DisplayName, conn.TargetURL, conn, conn)
	switch a := conn.Auth.(type) {
	case client.BasicAuth:
		b.WriteString(a.Username + "|" + a.Password)
	case client.UnknownAuth:
		b.WriteString(a.Type + "|" + string(a.Raw))
	case client.ClientCertificates:
		for _, c := range a.Certificates {
			b.WriteString(c.Thumbprint)
		}
	}
	return b.String()
}

// FuzzHostileGraph: whatever Graph answers (any status, body and request-id, with the
// password the call sent planted in any spelling), the password never appears in the
// error or in a value the client returns, in any of the spellings the client knows; and a
// basic-auth password that is not a mask never reaches the caller, even from a read.
func FuzzHostileGraph(f *testing.F) {
	f.Add(400, []byte(`{"error":{"code":"x","message":"password '@@SECRET@@' is weak"}}`), "rid", uint8(0))
	f.Add(201, []byte(`{"id":"a","displayName":"@@SECRET@@","authenticationConfiguration":{"@odata.type":"#microsoft.graph.basicAuthentication","username":"u","password":"@@SECRET@@"}}`), "", uint8(1))
	f.Add(201, []byte(`{"id":"a","authenticationConfiguration":{"@odata.type":"#x.y","nested":{"PASSWORD":"@@SECRET@@"}}}`), "", uint8(2))
	f.Add(200, []byte(`{"id":"a","authenticationConfiguration":{"@odata.type":"#microsoft.graph.basicAuthentication","paſsword":"@@SECRET@@"}}`), "", uint8(3))
	f.Add(302, []byte(`moved to @@SECRET@@`), "@@SECRET@@", uint8(4))
	f.Add(201, []byte(`{"id":"a","authenticationConfiguration":{"@odata.type":"#microsoft.graph.clientCertificateAuthentication","certificateList":[{"thumbprint":"@@SECRET@@","notAfter":1e400}]}}`), "", uint8(5))
	f.Add(201, []byte(`{"id":"a","authenticationConfiguration":{"@odata.type":"#x.y","note":"@@SECRET@@"}}`), "", uint8(len(secret.TextForms(fuzzPlanted))))
	spellings := fuzzSpellings()
	f.Fuzz(func(t *testing.T, status int, body []byte, requestID string, form uint8) {
		if status < 200 || status > 599 {
			status = 200 + (status%400+400)%400
		}
		spelling := spellings[int(form)%len(spellings)]
		body = bytes.ReplaceAll(body, []byte(fuzzMarker), []byte(spelling))
		requestID = strings.ReplaceAll(requestID, fuzzMarker, spelling)
		rt := roundTripFunc(func(r *http.Request) (*http.Response, error) {
			if r.Body != nil {
				_ = r.Body.Close()
			}
			h := http.Header{"Content-Type": {"application/json"}}
			if strings.IndexFunc(requestID, func(r rune) bool { return r < 0x20 || r == 0x7f }) < 0 {
				h.Set("request-id", requestID)
			}
			h.Set("Location", "https://elsewhere.example/"+url.PathEscape(spelling))
			return &http.Response{StatusCode: status, Header: h, Body: io.NopCloser(bytes.NewReader(body)), Request: r}, nil
		})
		c, err := client.New(client.WithStaticToken("fuzz-token"), client.WithHTTPClient(&http.Client{Transport: rt}),
			client.WithRetryPolicy(client.RetryPolicy{MaxAttempts: 1}))
		require.NoError(t, err)

		created, err := c.Create(context.Background(), client.Connector{DisplayName: "d", TargetURL: "https://api.example.com",
			Auth: client.BasicAuth{Username: "u", Password: fuzzPlanted}})
		var errText string
		if err != nil {
			errText = fmt.Sprintf("%v|%+v|%#v", err, err, err)
		}
		for _, s := range spellings {
			require.NotContains(t, errText, s, "the error")
			require.NotContains(t, returnedText(created), s, "the returned connector")
		}

		got, _ := c.Get(context.Background(), "abc")
		if basic, ok := got.Auth.(client.BasicAuth); ok {
			require.True(t, basic.Password == "" || secret.IsMask(basic.Password), "a password that is not a mask never reaches the caller")
		}
	})
}
