package client

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graph-apiconnector/apiconnector/gen"
)

// The wire types stand in for generated ones on the hot path; each is held here to the
// generated type it replaces.

func TestUnixSecondsDecodesAsInt64Does(t *testing.T) {
	for _, in := range []string{`0`, `1666350522`, `-5`, `null`, `1.5`, `1e3`, `"1"`, `true`, `{}`, `[]`, `99999999999999999999`} {
		var ours unixSeconds
		ourErr := json.Unmarshal([]byte(in), &ours)
		var theirs *int64
		theirErr := json.Unmarshal([]byte(in), &theirs)
		if theirErr != nil {
			var ourType, theirType *json.UnmarshalTypeError
			require.ErrorAs(t, ourErr, &ourType, in)
			require.ErrorAs(t, theirErr, &theirType, in)
			assert.Equal(t, theirType.Value, ourType.Value, in)
			assert.Equal(t, theirType.Type, ourType.Type, in)
			continue
		}
		require.NoError(t, ourErr, in)
		if theirs == nil {
			assert.True(t, ours.at().IsZero(), in)
			continue
		}
		assert.Equal(t, time.Unix(*theirs, 0).UTC(), ours.at(), in)
	}
}

func TestJSONStringAcceptsWhatAStringPointerAccepts(t *testing.T) {
	for _, in := range []string{`"x"`, `""`, `null`, `1`, `true`, `{}`, `[]`} {
		var ours jsonString
		ourErr := json.Unmarshal([]byte(in), &ours)
		var theirs *string
		theirErr := json.Unmarshal([]byte(in), &theirs)
		assert.Equal(t, theirErr == nil, ourErr == nil, in)
		if theirErr != nil {
			var ourType, theirType *json.UnmarshalTypeError
			require.ErrorAs(t, ourErr, &ourType, in)
			require.ErrorAs(t, theirErr, &theirType, in)
			assert.Equal(t, theirType.Value, ourType.Value, in)
		}
	}
}

var wireConnectors = []string{
	`{"id":"a","displayName":"d","targetUrl":"https://x.example","authenticationConfiguration":{"@odata.type":"#microsoft.graph.basicAuthentication","username":"u","password":"******"}}`,
	`{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#identity/apiConnectors/$entity","id":"b","authenticationConfiguration":{"@odata.type":"#microsoft.graph.clientCertificateAuthentication","certificateList":[{"thumbprint":"AB","notBefore":1,"notAfter":2,"isActive":true},{"thumbprint":"CD"}]}}`,
	`{"id":"c","authenticationConfiguration":{"@odata.type":"#microsoft.graph.futureAuth","x":1}}`,
	`{"id":"d","authenticationConfiguration":null}`,
	`{"id":"e"}`,
	`{"id":"f","displayName":null,"authenticationConfiguration":{"@odata.type":"microsoft.graph.basicAuthentication","username":"u"}}`,
}

// TestConnectorJSONDecodesAsTheGeneratedType: both passes of decodeConnector give what
// decoding gen.IdentityAPIConnector and converting it gives.
func TestConnectorJSONDecodesAsTheGeneratedType(t *testing.T) {
	for _, doc := range append(wireConnectors,
		`{"id":"g","displayName":5}`, `{"id":"h","@odata.context":7}`, `{"id":"i","authenticationConfiguration":{"@odata.type":"#microsoft.graph.basicAuthentication","username":3}}`) {
		got, err := decodeConnector([]byte(doc))
		var w gen.IdentityAPIConnector
		genErr := json.Unmarshal([]byte(doc), &w)
		if genErr != nil {
			require.Error(t, err, doc)
			continue
		}
		want, wantErr := fromWire(w)
		if wantErr != nil {
			require.Error(t, err, doc)
			continue
		}
		require.NoError(t, err, doc)
		assert.Equal(t, want, got, doc)
	}
}

func TestPageJSONDecodesAsTheGeneratedType(t *testing.T) {
	doc := `{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#identity/apiConnectors","@odata.nextLink":"https://graph.microsoft.com/v1.0/identity/apiConnectors?$skiptoken=x","value":[` +
		strings.Join(wireConnectors, ",") + `]}`
	got, err := decodePage([]byte(doc))
	require.NoError(t, err)
	var w gen.IdentityAPIConnectorCollection
	require.NoError(t, json.Unmarshal([]byte(doc), &w))
	want := Page{NextLink: *w.OdataNextLink}
	for _, c := range w.Value {
		conn, err := fromWire(c)
		require.NoError(t, err)
		want.Connectors = append(want.Connectors, conn)
	}
	assert.Equal(t, want, got)
}

// TestCreateBodyIsTheGeneratedBody: encodeCreate writes, in one pass, what the generated
// create body with its union built by gen's From* helpers writes.
func TestCreateBodyIsTheGeneratedBody(t *testing.T) {
	for _, auth := range []Auth{BasicAuth{Username: "u", Password: "p<&>"}, UnknownAuth{Type: "#x", Raw: json.RawMessage(`{"@odata.type":"#x","k":[1]}`)}} {
		in := Connector{DisplayName: "d <&>", TargetURL: "https://x.example/?a=1&b=2", Auth: auth}
		got, err := encodeCreate(in)
		require.NoError(t, err)
		union, err := encodeAuth(auth)
		require.NoError(t, err)
		want, err := json.Marshal(gen.IdentityAPIConnectorCreate{DisplayName: in.DisplayName, TargetURL: in.TargetURL, AuthenticationConfiguration: union})
		require.NoError(t, err)
		assert.JSONEq(t, string(want), string(got))
		var order struct {
			Auth json.RawMessage `json:"authenticationConfiguration"`
		}
		require.NoError(t, json.Unmarshal(got, &order))
		assert.True(t, bytes.HasPrefix(order.Auth, []byte(`{"@odata.type":`)), "@odata.type first: %s", order.Auth)
	}
}

func TestBodyBufferReadsUpToOnePastTheLimit(t *testing.T) {
	for _, tc := range []struct {
		size, contentLength int64
		want                int
	}{
		{0, 0, 0},
		{100, 100, 100},
		{100, -1, 100},
		{maxSuccessBody + 10, maxSuccessBody + 10, maxSuccessBody + 1},
	} {
		buf := bodyBuffers.Get().(*bodyBuffer)
		resp := &http.Response{Body: io.NopCloser(bytes.NewReader(make([]byte, tc.size))), ContentLength: tc.contentLength}
		got, err := buf.read(resp)
		require.NoError(t, err)
		assert.Len(t, got, tc.want)
		assert.Nil(t, buf.limit.R, "the reader is not kept")
		buf.release()
	}
}
