// Command readmecheck runs the README as written: the code blocks of each section the
// README marks (see readme.go), in order, in one shell. A section of the consumer's path
// runs in a new temporary directory beside the checkout, so it needs nothing this
// repository's module provides; the quick start runs in the checkout. Expected outputs
// shown in the README are compared with what the commands print.
//
//	go run ./internal/readmecheck [-readme README.md] [-section NAME]...
//
// The `apiconnector` command on PATH is built from the checkout first, standing in for the
// README's `go install`.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// timeout bounds one section: a consumer's first `go get` downloads the generator.
const timeout = 10 * time.Minute

func main() {
	if err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "readmecheck:", err)
		os.Exit(1)
	}
}

// stringList is a repeatable flag.
type stringList []string

func (s *stringList) String() string     { return strings.Join(*s, ",") }
func (s *stringList) Set(v string) error { *s = append(*s, v); return nil }

func run(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("readmecheck", flag.ContinueOnError)
	fs.SetOutput(stderr)
	readme := fs.String("readme", "README.md", "the README to run, in the repository's root")
	var free, only stringList
	fs.Var(&free, "free", "an address the README's commands listen on, which must be free before they start (repeatable)")
	fs.Var(&only, "section", "run only this section (repeatable)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	md, err := os.ReadFile(*readme)
	if err != nil {
		return err
	}
	sections, err := parseSections(md)
	if err != nil {
		return fmt.Errorf("%s: %w", *readme, err)
	}
	repo, err := filepath.Abs(filepath.Dir(*readme))
	if err != nil {
		return err
	}
	var names []string
	for _, s := range sections {
		names = append(names, s.name)
	}
	for _, name := range only {
		if !slices.Contains(names, name) {
			return fmt.Errorf("%s has no section %q (it has %s)", *readme, name, strings.Join(names, ", "))
		}
	}
	if len(sections) == 0 {
		return fmt.Errorf("%s marks no section to check", *readme)
	}
	for _, addr := range free {
		if err := checkFree(addr); err != nil {
			return err
		}
	}

	tmp, err := os.MkdirTemp("", "readmecheck-")
	if err != nil {
		return err
	}
	defer func() { _ = os.RemoveAll(tmp) }()
	bin := filepath.Join(tmp, "bin")
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	build := exec.CommandContext(ctx, "go", "build", "-o", filepath.Join(bin, "apiconnector"), "./cmd/apiconnector") //nolint:gosec // G204: fixed arguments, no shell; bin is our temporary directory
	build.Dir, build.Stdout, build.Stderr = repo, stderr, stderr
	if err := build.Run(); err != nil {
		return fmt.Errorf("build apiconnector: %w", err)
	}

	for i, s := range sections {
		if len(only) > 0 && !slices.Contains(only, s.name) {
			continue
		}
		_, _ = fmt.Fprintf(stdout, "readme-check: section %s (%s:%d)\n", s.name, *readme, s.line)
		if err := runSection(filepath.Base(*readme), s, repo, filepath.Join(tmp, fmt.Sprint(i)), bin, stdout, stderr); err != nil {
			return fmt.Errorf("section %s: %w", s.name, err)
		}
		_, _ = fmt.Fprintf(stdout, "readme-check: section %s: ok\n", s.name)
	}
	return nil
}

// runSection runs one section in its own directory under base.
func runSection(readme string, s section, repo, base, bin string, stdout, stderr io.Writer) error {
	outDir := filepath.Join(base, "out")
	if err := os.MkdirAll(outDir, 0o750); err != nil {
		return err
	}
	dir := repo
	if s.dir == inModule {
		// The reader's working directory: empty but for a checkout of this repository.
		dir = filepath.Join(base, "work")
		if err := os.MkdirAll(dir, 0o750); err != nil {
			return err
		}
		if err := os.Symlink(repo, filepath.Join(dir, "apiconnector")); err != nil {
			return err
		}
	}
	text, err := script(readme, s, outDir)
	if err != nil {
		return err
	}
	scriptPath := filepath.Join(base, "script.sh")
	if err := os.WriteFile(scriptPath, []byte(text), 0o600); err != nil { //nolint:gosec // G703: under our temporary directory
		return err
	}
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, "bash", scriptPath) //nolint:gosec // G204: the README's own commands are what this runs
	cmd.Dir, cmd.Stdout, cmd.Stderr = dir, stdout, stderr
	cmd.Env = append(os.Environ(), "PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"))
	cmd.WaitDelay = 10 * time.Second
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("a step failed (the last readme-check line above names it): %w", err)
	}
	for i, st := range s.steps {
		if st.kind != outputStep {
			continue
		}
		got, err := os.ReadFile(outputFile(outDir, i-1))
		if err != nil {
			return err
		}
		if err := matchOutput(st.text, string(got)); err != nil {
			_, _ = fmt.Fprintf(stderr, "printed:\n%s", got)
			return fmt.Errorf("%s:%d: the output differs from the README: %w", readme, st.line, err)
		}
	}
	return nil
}

// checkFree fails when something already listens on addr, where the README's commands
// would listen: they would then talk to whatever holds it.
func checkFree(addr string) error {
	l, err := (&net.ListenConfig{}).Listen(context.Background(), "tcp", addr)
	if err != nil {
		return fmt.Errorf("%s must be free for the README's commands: %w", addr, errors.Unwrap(err))
	}
	return l.Close()
}
