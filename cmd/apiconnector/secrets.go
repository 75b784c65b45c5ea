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
// environment variable env; "" when neither was given, which the client reports where a
// password is required. One trailing newline is dropped, since `echo` and here-strings add one.
func readSecret(fromStdin bool, env string, stdin io.Reader) (string, error) {
	if fromStdin {
		data, err := io.ReadAll(io.LimitReader(stdin, maxSecretBytes+1))
		if err != nil {
			return "", fmt.Errorf("read password from standard input: %w", err)
		}
		if len(data) > maxSecretBytes {
			return "", errors.New("the password on standard input is too long")
		}
		s := strings.TrimSuffix(string(data), "\n")
		return strings.TrimSuffix(s, "\r"), nil
	}
	return os.Getenv(env), nil
}
