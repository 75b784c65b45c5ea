package fake

import (
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRecorder(t *testing.T) {
	cases := []struct {
		name   string
		write  func(w http.ResponseWriter)
		status int
		body   string
	}{
		{"nothing written is a 200", func(http.ResponseWriter) {}, http.StatusOK, ""},
		{"a body without a status is a 200", func(w http.ResponseWriter) { _, _ = io.WriteString(w, "x") }, http.StatusOK, "x"},
		{"the first status wins", func(w http.ResponseWriter) {
			w.WriteHeader(http.StatusNoContent)
			w.WriteHeader(http.StatusTeapot)
		}, http.StatusNoContent, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			rec := newRecorder()
			rec.Header().Set("X-Kept", "yes")
			tc.write(rec)

			req := httptest.NewRequestWithContext(t.Context(), http.MethodGet, "/", nil)
			resp := rec.response(req)
			assert.Equal(t, tc.status, resp.StatusCode)
			assert.Same(t, req, resp.Request)
			assert.Equal(t, "yes", resp.Header.Get("X-Kept"))
			assert.EqualValues(t, len(tc.body), resp.ContentLength)
			data, err := io.ReadAll(resp.Body)
			require.NoError(t, err)
			assert.Equal(t, tc.body, string(data))

			w := httptest.NewRecorder()
			rec.writeTo(w)
			assert.Equal(t, tc.status, w.Code)
			assert.Equal(t, "yes", w.Header().Get("X-Kept"))
			assert.Equal(t, tc.body, w.Body.String())
		})
	}
}
