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
		knownTo(stdin).addText(s)
		return s, nil
	}
	v := os.Getenv(env)
	knownTo(stdin).addText(v)
	return v, nil
}

// knownSecrets are the secrets one run of the command has read: passwords from standard
// input or the environment, the token from APICONNECTOR_TOKEN, the .pfx file. Whatever the
// command writes, on stdout or stderr, is masked against them (see maskingWriter), so that
// no message, echoed by Graph or composed here, repeats one in any spelling. run hands them
// down with standard input and the writers (secretInput, maskingWriter); the methods of a
// nil *knownSecrets do nothing, for the commands' own tests that call them directly.
type knownSecrets struct {
	mu     sync.Mutex
	texts  []string
	blobs  [][]byte
	masker *secret.Masker
}

func (k *knownSecrets) addText(s string) {
	if k == nil {
		return
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	if slices.Contains(k.texts, s) {
		return
	}
	k.texts = append(k.texts, s)
	k.masker = nil
}

func (k *knownSecrets) addBlob(b []byte) {
	if k == nil {
		return
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	if slices.ContainsFunc(k.blobs, func(known []byte) bool { return bytes.Equal(known, b) }) {
		return
	}
	k.blobs = append(k.blobs, b)
	k.masker = nil
}

func (k *knownSecrets) mask(text string) string {
	if k == nil {
		return text
	}
	k.mu.Lock()
	if k.masker == nil {
		k.masker = secret.NewMasker(k.texts, k.blobs)
	}
	m := k.masker
	k.mu.Unlock()
	masked, _ := m.Mask(text)
	return masked
}

// secretInput is standard input as run hands it down, with the secrets the run reads.
type secretInput struct {
	io.Reader
	known *knownSecrets
}

// knownTo is the run's secrets that standard input or an output writer carries, or nil.
func knownTo(v any) *knownSecrets {
	switch x := v.(type) {
	case *secretInput:
		return x.known
	case *maskingWriter:
		return x.known
	}
	return nil
}

// maskingWriter writes whole lines with the run's secrets masked; a secret split across
// two writes of one line is still found. flush writes what is left of the last line.
type maskingWriter struct {
	mu      sync.Mutex
	w       io.Writer
	known   *knownSecrets
	pending []byte
}

func newMaskingWriter(w io.Writer, known *knownSecrets) *maskingWriter {
	return &maskingWriter{w: w, known: known}
}

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
	if _, err := io.WriteString(m.w, m.known.mask(lines)); err != nil {
		return 0, err
	}
	return len(p), nil
}

func (m *maskingWriter) flush() {
	m.mu.Lock()
	defer m.mu.Unlock()
	if len(m.pending) > 0 {
		_, _ = io.WriteString(m.w, m.known.mask(string(m.pending)))
		m.pending = m.pending[:0]
	}
}
