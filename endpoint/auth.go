package endpoint

import (
	"crypto/sha1" //nolint:gosec // Graph names a client certificate by its SHA-1 thumbprint.
	"crypto/sha256"
	"crypto/subtle"
	"crypto/x509"
	"encoding/hex"
	"net/http"
	"strings"
)

// credentials are what the endpoint accepts: Basic, client-certificate thumbprints, or both.
type credentials struct {
	basic       bool
	user, pass  [sha256.Size]byte // hashed, so comparing them takes the same time whatever their length
	thumbprints [][sha1.Size]byte
}

func (c *credentials) configured() bool { return c.basic || len(c.thumbprints) > 0 }

// check returns the certificate the caller authenticated with (nil for Basic) and whether
// the call is authenticated.
func (c *credentials) check(r *http.Request) (*x509.Certificate, bool) {
	if r.TLS != nil && len(r.TLS.PeerCertificates) > 0 && len(c.thumbprints) > 0 {
		leaf := r.TLS.PeerCertificates[0]
		sum := sha1.Sum(leaf.Raw) //nolint:gosec // see import
		match := 0
		for _, t := range c.thumbprints {
			match |= subtle.ConstantTimeCompare(sum[:], t[:])
		}
		if match == 1 {
			return leaf, true
		}
	}
	if !c.basic {
		return nil, false
	}
	user, pass, ok := r.BasicAuth()
	if !ok {
		return nil, false
	}
	u, p := sha256.Sum256([]byte(user)), sha256.Sum256([]byte(pass))
	// Both compared every time, so the answer's timing does not say which one was wrong.
	userOK := subtle.ConstantTimeCompare(u[:], c.user[:])
	passOK := subtle.ConstantTimeCompare(p[:], c.pass[:])
	return nil, userOK&passOK == 1
}

// parseThumbprint reads a SHA-1 thumbprint in hex, with or without colons or spaces, in
// either case, as Graph's certificateList and certificate tools write it.
func parseThumbprint(s string) ([sha1.Size]byte, bool) {
	var out [sha1.Size]byte
	clean := strings.NewReplacer(":", "", " ", "").Replace(s)
	b, err := hex.DecodeString(clean)
	if err != nil || len(b) != sha1.Size {
		return out, false
	}
	copy(out[:], b)
	return out, true
}
