package reconcile

import (
	"crypto/sha1" //nolint:gosec // Graph's certificate thumbprint is SHA-1 by definition.
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	pkcs12 "software.sslmate.com/src/go-pkcs12"

	"github.com/graph-apiconnector/apiconnector/client"
)

// Limits on what is read from disk: a desired-state file is a few KiB, a .pfx too.
const (
	maxFileBytes   = 1 << 20
	maxPKCS12Bytes = 1 << 20
)

// LookupEnv reads an environment variable, as os.LookupEnv does.
type LookupEnv func(name string) (string, bool)

// Desired is a File with its secrets read: the passwords from the environment and the
// .pfx files from disk. No rendering of it shows them.
type Desired struct {
	File *File

	// auth returns a connector's client.BasicAuth or client.PKCS12, by local name. A closure,
	// because fmt prints a func as an address whatever the verb, and cannot reach into it as
	// it reaches into a map or a struct in an unexported field.
	auth        func(name string) client.Auth
	thumbprints map[string]string // by local name, of certificates: SHA-1, upper-case hex
}

// Load reads, parses and resolves a desired-state file. Every problem, in the file or in
// what it points to, is in the returned *FileError with its line; nothing is sent.
func Load(path string, lookup LookupEnv) (*Desired, error) {
	data, err := readLimited(path, maxFileBytes)
	if err != nil {
		return nil, err
	}
	f, err := Parse(path, data)
	if err != nil {
		return nil, err
	}
	return Resolve(f, lookup)
}

// Resolve reads the secrets f points to. A variable that is unset or empty, and a .pfx
// that cannot be read or opened with its password, are problems at their line.
func Resolve(f *File, lookup LookupEnv) (*Desired, error) {
	auth := map[string]client.Auth{}
	d := &Desired{File: f, auth: func(name string) client.Auth { return auth[name] }, thumbprints: map[string]string{}}
	ps := &problems{}
	for _, c := range f.Connectors {
		path := join(join("connectors", c.Name), "auth")
		switch {
		case c.Basic != nil:
			password, ok := secretFromEnv(lookup, c.Basic.PasswordEnv, c.Basic.passwordEnvLine, join(path, "basic.passwordEnv"), ps)
			if ok {
				auth[c.Name] = client.BasicAuth{Username: c.Basic.Username, Password: password}
			}
		case c.Certificate != nil:
			cs := c.Certificate
			cpath := join(path, "certificate")
			password := ""
			if cs.PasswordEnv != "" {
				var ok bool
				if password, ok = secretFromEnv(lookup, cs.PasswordEnv, cs.passwordEnvLine, join(cpath, "passwordEnv"), ps); !ok {
					continue
				}
			}
			pfxPath := cs.PKCS12File
			if !filepath.IsAbs(pfxPath) {
				pfxPath = filepath.Join(f.dir, pfxPath)
			}
			pfx, err := readLimited(pfxPath, maxPKCS12Bytes)
			if err != nil {
				ps.add(cs.fileLine, join(cpath, "pkcs12File"), KindPKCS12, "%v", err)
				continue
			}
			thumbprint, problem := certificateThumbprint(pfx, password)
			switch {
			case errors.Is(problem, errPKCS12Password) && cs.PasswordEnv != "":
				ps.add(cs.passwordEnvLine, join(cpath, "passwordEnv"), KindPKCS12, "the password in %s does not open %s", cs.PasswordEnv, cs.PKCS12File)
				continue
			case errors.Is(problem, errPKCS12Password):
				ps.add(cs.fileLine, join(cpath, "pkcs12File"), KindPKCS12, "%s has a password: name its environment variable in passwordEnv", cs.PKCS12File)
				continue
			case problem != nil:
				ps.add(cs.fileLine, join(cpath, "pkcs12File"), KindPKCS12, "%s: %v", cs.PKCS12File, problem)
				continue
			}
			auth[c.Name] = client.PKCS12{Value: pfx, Password: password}
			d.thumbprints[c.Name] = thumbprint
		}
	}
	if err := ps.err(f.name); err != nil {
		return nil, err
	}
	return d, nil
}

// secretFromEnv reads a password. Its value never reaches a message.
func secretFromEnv(lookup LookupEnv, name string, line int, path string, ps *problems) (string, bool) {
	value, ok := lookup(name)
	switch {
	case !ok:
		ps.add(line, path, KindMissingEnv, "environment variable %s is not set", name)
		return "", false
	case value == "":
		ps.add(line, path, KindMissingEnv, "environment variable %s is empty", name)
		return "", false
	}
	return value, true
}

var (
	errPKCS12Password = errors.New("the password does not open it")
	errPKCS12Invalid  = errors.New("not a PKCS 12 (.pfx) file with a key and certificate that can be read")
)

// certificateThumbprint is what Graph reports for the .pfx's certificate: the SHA-1 of
// its DER encoding in upper-case hex. It never quotes the file or its password.
func certificateThumbprint(pfx []byte, password string) (string, error) {
	_, cert, _, err := pkcs12.DecodeChain(pfx, password)
	switch {
	case errors.Is(err, pkcs12.ErrIncorrectPassword):
		return "", errPKCS12Password
	case err != nil || cert == nil:
		return "", errPKCS12Invalid
	}
	sum := sha1.Sum(cert.Raw) //nolint:gosec // see import
	return strings.ToUpper(hex.EncodeToString(sum[:])), nil
}

func readLimited(path string, limit int64) ([]byte, error) {
	file, err := os.Open(path) //nolint:gosec // the user names the file
	if err != nil {
		return nil, fmt.Errorf("cannot read %s: %w", path, unwrapPathError(err))
	}
	defer func() { _ = file.Close() }() // read-only: a Close error loses nothing
	data, err := io.ReadAll(io.LimitReader(file, limit+1))
	if err != nil {
		return nil, fmt.Errorf("cannot read %s: %w", path, unwrapPathError(err))
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("%s is larger than %d bytes", path, limit)
	}
	return data, nil
}

// unwrapPathError drops the path an *os.PathError repeats.
func unwrapPathError(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
