package reconcile

import (
	"fmt"
	"slices"
	"strings"
)

// ProblemKind says what is wrong with a file, for callers and tests to branch on; the
// message beside it is for people and may change.
type ProblemKind string

// The kinds of problem a desired-state file can have.
const (
	KindSyntax               ProblemKind = "syntax"                 // not YAML or JSON
	KindUnknownKey           ProblemKind = "unknown-key"            // a key the format does not have
	KindDuplicateKey         ProblemKind = "duplicate-key"          // a key given twice in one mapping
	KindMissing              ProblemKind = "missing"                // a required key is absent
	KindType                 ProblemKind = "type"                   // a value of the wrong YAML type
	KindInvalid              ProblemKind = "invalid"                // a value the format does not allow
	KindUnknownConnector     ProblemKind = "unknown-connector"      // a user flow names a connector the file does not define
	KindDuplicateDisplayName ProblemKind = "duplicate-display-name" // two connectors share a displayName
	KindDuplicateUserFlow    ProblemKind = "duplicate-user-flow"    // a user flow listed twice
	KindNotInVersion         ProblemKind = "not-in-version"         // b2c user flows under v1.0
	KindMissingEnv           ProblemKind = "missing-env"            // a passwordEnv that is not set, or empty
	KindPKCS12               ProblemKind = "pkcs12"                 // a .pfx that cannot be read, opened or fingerprinted
)

// Problem is one thing wrong with a file, at a line (1-based). Path is where in the
// document it is, such as connectors.loyalty.auth.basic.passwordEnv. Message never quotes
// a secret: the file holds none, and the values read through it are never shown.
type Problem struct {
	Line    int         `json:"line"`
	Path    string      `json:"path,omitempty"`
	Kind    ProblemKind `json:"kind"`
	Message string      `json:"message"`
}

// FileError lists every problem found in a file, in line order. Nothing was sent.
type FileError struct {
	File     string
	Problems []Problem
}

func (e *FileError) Error() string {
	lines := make([]string, 0, len(e.Problems))
	for _, p := range e.Problems {
		lines = append(lines, p.String(e.File))
	}
	return strings.Join(lines, "\n")
}

// String is file:line: path: message.
func (p Problem) String(file string) string {
	where := fmt.Sprintf("%s:%d", file, p.Line)
	if p.Path != "" {
		return where + ": " + p.Path + ": " + p.Message
	}
	return where + ": " + p.Message
}

// problems collects a file's problems as it is read.
type problems struct {
	list []Problem
}

func (ps *problems) add(line int, path string, kind ProblemKind, format string, args ...any) {
	ps.list = append(ps.list, Problem{Line: line, Path: path, Kind: kind, Message: fmt.Sprintf(format, args...)})
}

// err returns a *FileError, or nil when there is no problem.
func (ps *problems) err(file string) error {
	if len(ps.list) == 0 {
		return nil
	}
	list := slices.Clone(ps.list)
	slices.SortStableFunc(list, func(a, b Problem) int { return a.Line - b.Line })
	return &FileError{File: file, Problems: list}
}
