package fake

import (
	"crypto/sha1" //nolint:gosec // Graph's certificate thumbprint is SHA-1 by definition.
	"crypto/x509"
	"encoding/hex"
	"errors"
	"strings"
	"time"

	pkcs12 "software.sslmate.com/src/go-pkcs12"

	"github.com/graph-apiconnector/apiconnector/gen"
)

// certificate is the public information of an uploaded certificate: all the fake keeps of
// a PFX. The file and its password are dropped as soon as they are parsed.
type certificate struct {
	thumbprint string // SHA-1 of the DER certificate, upper-case hex
	notBefore  time.Time
	notAfter   time.Time
}

var (
	errPFXPassword = errors.New("the PKCS 12 file cannot be decrypted with this password")
	errPFXInvalid  = errors.New("the value is not a PKCS 12 file with a certificate and its key")
)

// parsePFX reads the certificate of a PKCS 12 file. Errors never quote the input, which is
// a secret.
func parsePFX(data []byte, password string) (certificate, error) {
	_, cert, err := pkcs12.Decode(data, password)
	if err != nil && !errors.Is(err, pkcs12.ErrIncorrectPassword) {
		// Decode insists on exactly one certificate; a file with its CA chain is also valid.
		_, cert, _, err = pkcs12.DecodeChain(data, password)
	}
	switch {
	case errors.Is(err, pkcs12.ErrIncorrectPassword):
		return certificate{}, errPFXPassword
	case err != nil || cert == nil:
		return certificate{}, errPFXInvalid
	}
	return certificateOf(cert), nil
}

func certificateOf(cert *x509.Certificate) certificate {
	sum := sha1.Sum(cert.Raw) //nolint:gosec // see import
	return certificate{
		thumbprint: strings.ToUpper(hex.EncodeToString(sum[:])),
		notBefore:  cert.NotBefore,
		notAfter:   cert.NotAfter,
	}
}

// activeCertificate is the index of the certificate in use at now: the most recently
// uploaded one whose notBefore has passed and which has not expired; -1 when none is.
func activeCertificate(certs []certificate, now time.Time) int {
	for i := len(certs) - 1; i >= 0; i-- {
		c := certs[i]
		if !now.Before(c.notBefore) && now.Before(c.notAfter) {
			return i
		}
	}
	return -1
}

// certificateList is the certificates as Graph reports them, isActive computed at now.
func certificateList(certs []certificate, now time.Time) []gen.Pkcs12CertificateInformation {
	active := activeCertificate(certs, now)
	out := make([]gen.Pkcs12CertificateInformation, len(certs))
	for i, c := range certs {
		out[i] = gen.Pkcs12CertificateInformation{
			Thumbprint: new(c.thumbprint),
			NotBefore:  new(c.notBefore.Unix()),
			NotAfter:   new(c.notAfter.Unix()),
			IsActive:   new(i == active),
		}
	}
	return out
}
