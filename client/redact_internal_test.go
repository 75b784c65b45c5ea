package client

import (
	"bytes"
	"fmt"
	"log/slog"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/graph-apiconnector/apiconnector/internal/secret"
)

func TestStaticTokenNeverPrints(t *testing.T) {
	const token = "static-LEAK-0c9d"
	tok := staticToken{token: token}
	var outs []string
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%d"} {
		outs = append(outs, fmt.Sprintf(verb, tok), fmt.Sprintf(verb, &tok))
	}
	outs = append(outs, tok.String(), tok.GoString())
	var buf bytes.Buffer
	slog.New(slog.NewJSONHandler(&buf, nil)).Info("t", "token", tok)
	outs = append(outs, buf.String())
	for _, out := range outs {
		assert.NotContains(t, out, token)
		assert.NotContains(t, strings.ToLower(out), fmt.Sprintf("%x", token))
	}
	assert.Contains(t, tok.GoString(), secret.Mask)
}
