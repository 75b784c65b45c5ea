package testpfx

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	pkcs12 "software.sslmate.com/src/go-pkcs12"
)

func TestNewDecodesWithItsPasswordOnly(t *testing.T) {
	for _, password := range []string{"", "s3cret-pfx"} {
		nb := time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)
		p := New(t, password, nb, nb.AddDate(1, 0, 0))
		_, cert, err := pkcs12.Decode(p.Data, password)
		require.NoError(t, err)
		assert.Equal(t, nb, cert.NotBefore)
		assert.Len(t, p.Thumbprint, 40)
		_, _, err = pkcs12.Decode(p.Data, password+"x")
		assert.Error(t, err)
	}
}
