// Package testpfx makes PKCS 12 (.pfx) files for tests: a fresh key and self-signed
// certificate, valid between the given times, encrypted with the given password.
package testpfx

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha1" //nolint:gosec // Graph's certificate thumbprint is SHA-1 by definition.
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/hex"
	"fmt"
	"math/big"
	"strings"
	"testing"
	"time"

	pkcs12 "software.sslmate.com/src/go-pkcs12"
)

// PFX is a generated .pfx file and what a server should report about it.
type PFX struct {
	Data       []byte
	Password   string
	Cert       *x509.Certificate
	Thumbprint string // SHA-1 of the DER certificate, upper-case hex
}

// New returns a .pfx valid from notBefore to notAfter, protected by password ("" for none).
func New(t testing.TB, password string, notBefore, notAfter time.Time) PFX {
	t.Helper()
	pfx, err := Make(password, notBefore, notAfter)
	if err != nil {
		t.Fatal(err)
	}
	return pfx
}

// Make is New for programs: it returns an error instead of failing a test.
func Make(password string, notBefore, notAfter time.Time) (PFX, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return PFX{}, fmt.Errorf("testpfx: key: %w", err)
	}
	serial, err := rand.Int(rand.Reader, big.NewInt(1<<62))
	if err != nil {
		return PFX{}, fmt.Errorf("testpfx: serial: %w", err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: serial,
		Subject:      pkix.Name{CommonName: "apiconnector test client"},
		NotBefore:    notBefore.UTC().Truncate(time.Second),
		NotAfter:     notAfter.UTC().Truncate(time.Second),
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return PFX{}, fmt.Errorf("testpfx: certificate: %w", err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		return PFX{}, fmt.Errorf("testpfx: parse: %w", err)
	}
	data, err := pkcs12.Modern.Encode(key, cert, nil, password)
	if err != nil {
		return PFX{}, fmt.Errorf("testpfx: encode: %w", err)
	}
	sum := sha1.Sum(der) //nolint:gosec // see import
	return PFX{Data: data, Password: password, Cert: cert, Thumbprint: strings.ToUpper(hex.EncodeToString(sum[:]))}, nil
}

// Valid returns a .pfx valid from an hour ago for a year.
func Valid(t testing.TB, password string) PFX {
	now := time.Now()
	return New(t, password, now.Add(-time.Hour), now.AddDate(1, 0, 0))
}
