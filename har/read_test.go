package har_test

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graph-apiconnector/apiconnector/har"
)

func TestReadBrowserExport(t *testing.T) {
	exchanges, err := har.ReadFile("testdata/browser-export.har")
	require.NoError(t, err)
	require.Len(t, exchanges, 4)
	for i, ex := range exchanges {
		assert.Equal(t, i+1, ex.Entry)
		require.NotNil(t, ex.Response)
		assert.Same(t, ex.Request, ex.Response.Request)
	}

	first := exchanges[0]
	assert.Equal(t, http.MethodPost, first.Request.Method)
	assert.Equal(t, "/v1.0/identity/apiConnectors", first.Request.URL.Path)
	assert.Equal(t, "HTTP/2.0", first.Request.Proto)
	assert.Empty(t, first.Request.Header.Values(":authority"), "HTTP/2 pseudo-headers are not headers")
	assert.True(t, strings.HasPrefix(first.Request.Header.Get("Authorization"), "Bearer "))
	body, err := io.ReadAll(first.Request.Body)
	require.NoError(t, err)
	assert.Contains(t, string(body), `"displayName":"Test API"`)
	assert.Equal(t, http.StatusCreated, first.Response.StatusCode)

	// The second entry's content is base64, as browsers export binary-looking bodies.
	listed, err := io.ReadAll(exchanges[1].Response.Body)
	require.NoError(t, err)
	assert.JSONEq(t, `{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#identity/apiConnectors","value":[]}`, string(listed))
	assert.Equal(t, http.NoBody, exchanges[1].Request.Body)
}

func TestReadErrorsNameFileAndEntry(t *testing.T) {
	for _, tc := range []struct {
		name      string
		doc       string
		wantEntry int
		wantIn    string // a fragment of the error that locates the fault
	}{
		{"not JSON", "{\n\"log\": nope}", 0, "line 2"},
		{"no log", `{"entries":[]}`, 0, ""},
		{"unknown version", `{"log":{"version":"2.0","entries":[]}}`, 0, ""},
		{"entry without request", `{"log":{"version":"1.2","entries":[{"request":{"method":"GET","url":"https://graph.microsoft.com/v1.0/x"}},{}]}}`, 2, ""},
		{"relative URL", `{"log":{"version":"1.2","entries":[{"request":{"method":"GET","url":"/v1.0/x"}}]}}`, 1, ""},
		{"no method", `{"log":{"version":"1.2","entries":[{"request":{"url":"https://graph.microsoft.com/v1.0/x"}}]}}`, 1, ""},
		{"bad base64 content", `{"log":{"version":"1.2","entries":[{"request":{"method":"GET","url":"https://g/v1.0/x"},"response":{"status":200,"content":{"text":"%%%","encoding":"base64"}}}]}}`, 0, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := har.Read(strings.NewReader(tc.doc), "rec.har")
			var harErr *har.Error
			require.ErrorAs(t, err, &harErr)
			assert.Equal(t, "rec.har", harErr.File)
			assert.Equal(t, tc.wantEntry, harErr.Entry)
			assert.Contains(t, harErr.Error(), tc.wantIn)
		})
	}
}

func TestReadEntryWithoutResponse(t *testing.T) {
	exchanges, err := har.Read(strings.NewReader(`{"log":{"version":"1.2","entries":[
		{"request":{"method":"GET","url":"https://graph.microsoft.com/v1.0/identity/apiConnectors"},"response":{"status":0}}]}}`), "blocked.har")
	require.NoError(t, err)
	require.Len(t, exchanges, 1)
	assert.Nil(t, exchanges[0].Response, "status 0 is HAR's way of saying no response came")
}
