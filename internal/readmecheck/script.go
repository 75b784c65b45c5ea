package main

import (
	"fmt"
	"path/filepath"
	"strings"
)

// heredocEnd closes each file written by the script; a README block containing it is refused.
const heredocEnd = "README_CHECK_EOF"

// script turns a section into one bash script, so that `cd`, variables and background jobs
// carry from one block to the next as they do for a reader typing them in one shell. Each
// run step followed by an output step has its stdout captured in outDir/<index>.out.
func script(readme string, s section, outDir string) (string, error) {
	var b strings.Builder
	b.WriteString("set -euo pipefail\n")
	// Whatever the README starts in the background (a server) stops with the script.
	b.WriteString("trap 'kill $(jobs -p) 2>/dev/null || true' EXIT\n")
	for i, st := range s.steps {
		where := fmt.Sprintf("%s:%d", readme, st.line)
		switch st.kind {
		case skipStep, outputStep:
			continue
		case fileStep:
			if strings.Contains(st.text, heredocEnd) {
				return "", &parseError{st.line, "block contains " + heredocEnd}
			}
			fmt.Fprintf(&b, "echo %s >&2\n", shellQuote("readme-check: "+where+": write "+st.path))
			if dir := filepath.Dir(st.path); dir != "." {
				fmt.Fprintf(&b, "mkdir -p %s\n", shellQuote(dir))
			}
			fmt.Fprintf(&b, "cat > %s <<'%s'\n%s%s\n", shellQuote(st.path), heredocEnd, st.text, heredocEnd)
		case runStep:
			fmt.Fprintf(&b, "echo %s >&2\n", shellQuote("readme-check: "+where+": run"))
			if capturesOutput(s, i) {
				fmt.Fprintf(&b, "{\n%s} > %s\n", st.text, shellQuote(outputFile(outDir, i)))
			} else {
				b.WriteString(st.text)
			}
		}
	}
	return b.String(), nil
}

func capturesOutput(s section, i int) bool {
	return i+1 < len(s.steps) && s.steps[i+1].kind == outputStep
}

func outputFile(outDir string, i int) string {
	return filepath.Join(outDir, fmt.Sprintf("%d.out", i))
}

func shellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
