package contract

import (
	"net/http"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestContentLengthMayCountAFinalLineBreakAnHTTPFileCannotShow(t *testing.T) {
	body := []byte(`{"id":"1"}`)
	for _, tc := range []struct {
		length int
		valid  bool
	}{
		{len(body), true},
		{len(body) + 1, true}, // "\n"
		{len(body) + 2, true}, // "\r\n"
		{len(body) + 3, false},
		{len(body) - 1, false},
	} {
		h := http.Header{"Content-Length": []string{strconv.Itoa(tc.length)}}
		assert.Equal(t, tc.valid, contentLengthViolations(h, body) == nil, "Content-Length %d for %d bytes", tc.length, len(body))
	}
	assert.NotNil(t, contentLengthViolations(http.Header{"Content-Length": []string{"ten"}}, body))
}
