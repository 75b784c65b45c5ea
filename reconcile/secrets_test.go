package reconcile

import (
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
)

// assertNoSecret fails if any rendering of v holds plantedSecret, as is or encoded.
func assertNoSecret(t *testing.T, v any) {
	t.Helper()
	var renderings []string
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x"} {
		renderings = append(renderings, fmt.Sprintf(verb, v))
	}
	if data, err := json.Marshal(v); err == nil {
		renderings = append(renderings, string(data))
	}
	assertNoSecretIn(t, renderings...)
}

// assertNoSecretIn fails if a text holds plantedSecret, as is, in base64 or in hex.
func assertNoSecretIn(t *testing.T, texts ...string) {
	t.Helper()
	forms := []string{plantedSecret, base64.StdEncoding.EncodeToString([]byte(plantedSecret)), hex.EncodeToString([]byte(plantedSecret))}
	for _, text := range texts {
		for _, form := range forms {
			assert.NotContains(t, text, form)
		}
	}
}

func err2s(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}
