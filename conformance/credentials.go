package conformance

import (
	"crypto/sha1" //nolint:gosec // Graph names a client certificate by its SHA-1 thumbprint.
	"crypto/tls"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"

	pkcs12 "software.sslmate.com/src/go-pkcs12"
)

// Credentials are how the caller authenticates to the endpoint, as the connector is
// configured: Basic, or a client certificate in the TLS handshake. Their String and Go
// syntax never show the secret.
type Credentials struct {
	username, password string
	cert               *tls.Certificate
}

// Basic credentials: the Authorization header carries base64(username:password).
func Basic(username, password string) Credentials {
	return Credentials{username: username, password: password}
}

// Certificate credentials from a .pfx file's bytes and its password ("" for none).
func Certificate(pfx []byte, password string) (Credentials, error) {
	key, leaf, chain, err := pkcs12.DecodeChain(pfx, password)
	if err != nil {
		// The decoder's error does not quote the password; still say only what failed.
		return Credentials{}, errors.New("the .pfx could not be decoded with the password given")
	}
	cert := tls.Certificate{Certificate: [][]byte{leaf.Raw}, PrivateKey: key, Leaf: leaf}
	for _, c := range chain {
		cert.Certificate = append(cert.Certificate, c.Raw)
	}
	return Credentials{cert: &cert}, nil
}

// IsCertificate reports whether these are certificate credentials.
func (c Credentials) IsCertificate() bool { return c.cert != nil }

// Thumbprint is the SHA-1 thumbprint of the client certificate, upper-case hex; "" for Basic.
func (c Credentials) Thumbprint() string {
	if c.cert == nil {
		return ""
	}
	sum := sha1.Sum(c.cert.Leaf.Raw) //nolint:gosec // see import
	return strings.ToUpper(hex.EncodeToString(sum[:]))
}

func (c Credentials) valid() error {
	if c.cert == nil && (c.username == "" || c.password == "") {
		return errors.New("a username and a password, or a client certificate, are required")
	}
	return nil
}

// wrong returns credentials the endpoint must refuse: the password or the certificate
// changed.
func (c Credentials) wrong() (Credentials, error) {
	if c.cert == nil {
		return Basic(c.username, c.password+"-wrong"), nil
	}
	other, err := selfSigned()
	if err != nil {
		return Credentials{}, err
	}
	return Credentials{cert: other}, nil
}

// String hides the secret.
func (c Credentials) String() string {
	if c.cert != nil {
		return "client certificate " + c.Thumbprint()
	}
	return fmt.Sprintf("basic %s:******", c.username)
}

// GoString hides the secret from %#v.
func (c Credentials) GoString() string { return c.String() }
