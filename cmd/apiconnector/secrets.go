package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
)

// Environment variables that may carry a password instead of standard input.
const (
	envPassword       = "APICONNECTOR_PASSWORD"        //nolint:gosec // G101: the name of the variable, not a password
	envPKCS12Password = "APICONNECTOR_PKCS12_PASSWORD" //nolint:gosec // G101: the name of the variable, not a password
)

// maxSecretBytes bounds what is read from standard input for a password.
const maxSecretBytes = 64 << 10

// readSecret returns a password from standard input when fromStdin is set, else from the
// environment variable env. found is false when neither was given. One trailing newline is
// dropped, since `echo` and here-strings add one.
func readSecret(fromStdin bool, env string, stdin io.Reader) (secret string, found bool, err error) {
	if fromStdin {
		data, err := io.ReadAll(io.LimitReader(stdin, maxSecretBytes+1))
		if err != nil {
			return "", false, fmt.Errorf("read password from standard input: %w", err)
		}
		if len(data) > maxSecretBytes {
			return "", false, errors.New("the password on standard input is too long")
		}
		s := strings.TrimSuffix(string(data), "\n")
		return strings.TrimSuffix(s, "\r"), true, nil
	}
	if v, ok := os.LookupEnv(env); ok {
		return v, true, nil
	}
	return "", false, nil
}
