package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"sync"

	"github.com/graph-apiconnector/apiconnector/internal/secret"
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
		s = strings.TrimSuffix(s, "\r")
		processSecrets.addText(s)
		return s, nil
	}
	v := os.Getenv(env)
	processSecrets.addText(v)
	return v, nil
}

// processSecrets are the secrets this process has read: passwords from standard input
// or the environment, the token from APICONNECTOR_TOKEN, the .pfx file. Whatever the
// command writes, on stdout or stderr, is masked against them (see maskingWriter), so that
// no message, echoed by Graph or composed here, repeats one in any spelling. It belongs
// to the process, as a command runs once per process.
var processSecrets knownSecrets

type knownSecrets struct {
	mu     sync.Mutex
	texts  []string
	blobs  [][]byte
	masker *secret.Masker
}

func (k *knownSecrets) addText(s string) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if slices.Contains(k.texts, s) {
		return
	}
	k.texts = append(k.texts, s)
	k.masker = nil
}

func (k *knownSecrets) addBlob(b []byte) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if slices.ContainsFunc(k.blobs, func(known []byte) bool { return bytes.Equal(known, b) }) {
		return
	}
	k.blobs = append(k.blobs, b)
	k.masker = nil
}

func (k *knownSecrets) mask(text string) string {
	k.mu.Lock()
	if k.masker == nil {
		k.masker = secret.NewMasker(k.texts, k.blobs)
	}
	m := k.masker
	k.mu.Unlock()
	masked, _ := m.Mask(text)
	return masked
}

// maskingWriter writes whole lines with processSecrets masked; a secret split across two
// writes of one line is still found. flush writes what is left of the last line.
type maskingWriter struct {
	mu      sync.Mutex
	w       io.Writer
	pending []byte
}

func newMaskingWriter(w io.Writer) *maskingWriter { return &maskingWriter{w: w} }

func (m *maskingWriter) Write(p []byte) (int, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.pending = append(m.pending, p...)
	last := bytes.LastIndexByte(m.pending, '\n')
	if last < 0 {
		return len(p), nil
	}
	lines := string(m.pending[:last+1])
	m.pending = append(m.pending[:0], m.pending[last+1:]...)
	if _, err := io.WriteString(m.w, processSecrets.mask(lines)); err != nil {
		return 0, err
	}
	return len(p), nil
}

func (m *maskingWriter) flush() {
	m.mu.Lock()
	defer m.mu.Unlock()
	if len(m.pending) > 0 {
		_, _ = io.WriteString(m.w, processSecrets.mask(string(m.pending)))
		m.pending = m.pending[:0]
	}
}
