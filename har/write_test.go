package har_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graph-apiconnector/apiconnector/har"
)

func newEntry(t *testing.T, i int) har.Entry {
	t.Helper()
	body := []byte(`{"displayName":"c` + string(rune('0'+i)) + `"}`)
	req, err := http.NewRequestWithContext(context.Background(), http.MethodPost, "http://127.0.0.1:9/v1.0/identity/apiConnectors?x=1", bytes.NewReader(body))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/json")
	resp := &http.Response{StatusCode: http.StatusCreated, Proto: "HTTP/1.1", Header: http.Header{
		"Content-Type": {"application/json"}, "Content-Encoding": {"gzip"}, "Content-Length": {"12"},
	}}
	return har.Entry{Started: time.Unix(1700000000, 0), Duration: 1500 * time.Microsecond,
		Request: req, RequestBody: body, Response: resp, ResponseBody: []byte(`{"id":"x"}`)}
}

func TestWriterRoundTrip(t *testing.T) {
	var out bytes.Buffer
	w, err := har.NewWriter(&out, "apiconnector", "test")
	require.NoError(t, err)
	var wg sync.WaitGroup
	for i := range 5 {
		wg.Go(func() { assert.NoError(t, w.Add(newEntry(t, i))) })
	}
	wg.Wait()
	assert.False(t, json.Valid(out.Bytes()), "the document is closed only by Close")
	require.NoError(t, w.Close())
	require.NoError(t, w.Close(), "Close twice is harmless")
	require.Error(t, w.Add(newEntry(t, 0)))
	assert.Equal(t, 5, w.Len())

	var doc struct {
		Log struct {
			Version string `json:"version"`
			Entries []struct {
				Response struct {
					Content struct {
						Text     string `json:"text"`
						Encoding string `json:"encoding"`
					} `json:"content"`
				} `json:"response"`
			} `json:"entries"`
		} `json:"log"`
	}
	require.NoError(t, json.Unmarshal(out.Bytes(), &doc), out.String())
	assert.Equal(t, "1.2", doc.Log.Version)
	require.Len(t, doc.Log.Entries, 5)
	assert.JSONEq(t, `{"id":"x"}`, doc.Log.Entries[0].Response.Content.Text, "text bodies are written as text")
	assert.Empty(t, doc.Log.Entries[0].Response.Content.Encoding)

	exchanges, err := har.Read(bytes.NewReader(out.Bytes()), "rec.har")
	require.NoError(t, err)
	require.Len(t, exchanges, 5)
	for _, ex := range exchanges {
		assert.Equal(t, http.MethodPost, ex.Request.Method)
		assert.Equal(t, "/v1.0/identity/apiConnectors", ex.Request.URL.Path)
		body, err := io.ReadAll(ex.Request.Body)
		require.NoError(t, err)
		assert.True(t, strings.HasPrefix(string(body), `{"displayName":"c`))
		require.NotNil(t, ex.Response)
		assert.Equal(t, http.StatusCreated, ex.Response.StatusCode)
		assert.Empty(t, ex.Response.Header.Get("Content-Encoding"), "bodies are recorded decoded")
		got, err := io.ReadAll(ex.Response.Body)
		require.NoError(t, err)
		assert.JSONEq(t, `{"id":"x"}`, string(got))
	}
}

func TestWriterBinaryBodyIsBase64(t *testing.T) {
	var out bytes.Buffer
	w, err := har.NewWriter(&out, "apiconnector", "test")
	require.NoError(t, err)
	e := newEntry(t, 0)
	e.ResponseBody = []byte{0xff, 0x00, 0xfe}
	require.NoError(t, w.Add(e))
	require.NoError(t, w.Close())
	exchanges, err := har.Read(bytes.NewReader(out.Bytes()), "rec.har")
	require.NoError(t, err)
	got, err := io.ReadAll(exchanges[0].Response.Body)
	require.NoError(t, err)
	assert.Equal(t, []byte{0xff, 0x00, 0xfe}, got)
}

func TestWriterEntryWithoutResponse(t *testing.T) {
	var out bytes.Buffer
	w, err := har.NewWriter(&out, "apiconnector", "test")
	require.NoError(t, err)
	e := newEntry(t, 0)
	e.Response, e.ResponseBody = nil, nil
	require.NoError(t, w.Add(e))
	require.NoError(t, w.Close())
	exchanges, err := har.Read(bytes.NewReader(out.Bytes()), "rec.har")
	require.NoError(t, err)
	require.Len(t, exchanges, 1)
	assert.Nil(t, exchanges[0].Response)
}
