package main

import (
	"bufio"
	"bytes"
	"fmt"
	"strings"
)

// A README marks what it wants run with HTML comments, which GitHub does not render:
//
//	<!-- readme-check:section NAME dir=repo|module -->   starts a checked section
//	<!-- readme-check:file PATH -->                      the next block is written to PATH
//	<!-- readme-check:output -->                         the next block is the previous command's stdout
//	<!-- readme-check:skip REASON -->                    the next block is not run
//	<!-- readme-check:end -->                            ends the section
//
// Inside a section a shell block (sh, bash, shell) without a marker is run; any other block
// must carry a marker, so that no step of the README is left out by accident.
const markerPrefix = "readme-check:"

// workDir says where a section's commands start.
type workDir string

const (
	// inRepo runs the commands in the repository itself, as its quick start does.
	inRepo workDir = "repo"
	// inModule runs them in a new, empty temporary directory beside a checkout of the
	// repository named apiconnector/, as a consumer's repository would be.
	inModule workDir = "module"
)

// stepKind is what a code block of a section is for.
type stepKind int

const (
	runStep    stepKind = iota // shell commands, run in order
	fileStep                   // a file's content, written to path
	outputStep                 // what the previous run step prints on stdout
	skipStep                   // shown to the reader, not run
)

// step is one code block of a section.
type step struct {
	kind stepKind
	line int    // of the opening fence, 1-based
	path string // fileStep only
	text string // the block's content, ending with a newline unless empty
}

// section is a checked part of the README.
type section struct {
	name  string
	dir   workDir
	line  int
	steps []step
}

// parseError names the README line it is about.
type parseError struct {
	line int
	msg  string
}

func (e *parseError) Error() string { return fmt.Sprintf("line %d: %s", e.line, e.msg) }

// parseSections returns the README's checked sections in order.
func parseSections(md []byte) ([]section, error) {
	var (
		sections []section
		current  *section
		pending  *step // the marker waiting for its block
		lines    []string
	)
	sc := bufio.NewScanner(bytes.NewReader(md))
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	for sc.Scan() {
		lines = append(lines, sc.Text())
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	for i := 0; i < len(lines); i++ {
		lineNo := i + 1
		line := strings.TrimSpace(lines[i])
		if directive, ok := marker(line); ok {
			word, arg, _ := strings.Cut(directive, " ")
			arg = strings.TrimSpace(arg)
			switch word {
			case "section":
				if current != nil {
					return nil, &parseError{lineNo, fmt.Sprintf("section inside section %q (line %d)", current.name, current.line)}
				}
				s, err := parseSectionMarker(arg, lineNo)
				if err != nil {
					return nil, err
				}
				current = &s
			case "end":
				if current == nil {
					return nil, &parseError{lineNo, "end without a section"}
				}
				if pending != nil {
					return nil, &parseError{pending.line, "marker without a code block before the section ends"}
				}
				if len(current.steps) == 0 {
					return nil, &parseError{current.line, fmt.Sprintf("section %q has no code blocks", current.name)}
				}
				sections = append(sections, *current)
				current = nil
			case "file", "output", "skip":
				if current == nil {
					return nil, &parseError{lineNo, word + " marker outside a section"}
				}
				if pending != nil {
					return nil, &parseError{pending.line, "marker without a code block"}
				}
				pending = &step{line: lineNo}
				switch word {
				case "file":
					if arg == "" || strings.ContainsAny(arg, " '\"") || strings.HasPrefix(arg, "/") || strings.Contains(arg, "..") {
						return nil, &parseError{lineNo, fmt.Sprintf("file marker needs a relative path without spaces, quotes or ..: %q", arg)}
					}
					pending.kind, pending.path = fileStep, arg
				case "output":
					pending.kind = outputStep
				case "skip":
					if arg == "" {
						return nil, &parseError{lineNo, "skip marker needs a reason"}
					}
					pending.kind = skipStep
				}
			default:
				return nil, &parseError{lineNo, fmt.Sprintf("unknown marker %q", word)}
			}
			continue
		}
		fence, lang, ok := fenceOpening(lines[i])
		if !ok {
			continue
		}
		end := -1
		for j := i + 1; j < len(lines); j++ {
			if strings.TrimSpace(lines[j]) == fence {
				end = j
				break
			}
		}
		if end < 0 {
			return nil, &parseError{lineNo, "code block is not closed"}
		}
		if current != nil {
			var s step
			switch {
			case pending != nil:
				s = *pending
				pending = nil
			case isShell(lang):
				s.kind = runStep
			default:
				return nil, &parseError{lineNo, fmt.Sprintf("%q block in section %q has no marker: give it a file, output or skip marker", lang, current.name)}
			}
			s.line = lineNo
			if s.kind == outputStep && (len(current.steps) == 0 || current.steps[len(current.steps)-1].kind != runStep) {
				return nil, &parseError{lineNo, "an output block must follow a shell block"}
			}
			if s.kind == runStep && !isShell(lang) {
				return nil, &parseError{lineNo, fmt.Sprintf("%q block cannot be run", lang)}
			}
			body := strings.Join(lines[i+1:end], "\n")
			if body != "" {
				body += "\n"
			}
			s.text = body
			current.steps = append(current.steps, s)
		}
		i = end
	}
	if current != nil {
		return nil, &parseError{current.line, fmt.Sprintf("section %q is not ended", current.name)}
	}
	return sections, nil
}

func parseSectionMarker(arg string, line int) (section, error) {
	fields := strings.Fields(arg)
	if len(fields) != 2 || !strings.HasPrefix(fields[1], "dir=") {
		return section{}, &parseError{line, "section marker must be: section NAME dir=repo|module"}
	}
	s := section{name: fields[0], dir: workDir(strings.TrimPrefix(fields[1], "dir=")), line: line}
	if s.dir != inRepo && s.dir != inModule {
		return section{}, &parseError{line, fmt.Sprintf("dir must be repo or module, not %q", s.dir)}
	}
	return s, nil
}

// marker returns the directive of a readme-check comment line.
func marker(line string) (string, bool) {
	inner, ok := strings.CutPrefix(line, "<!--")
	if !ok {
		return "", false
	}
	inner, ok = strings.CutSuffix(inner, "-->")
	if !ok {
		return "", false
	}
	return strings.CutPrefix(strings.TrimSpace(inner), markerPrefix)
}

// fenceOpening reports a line that opens a fenced code block, with its closing fence and
// language (the first word of the info string).
func fenceOpening(line string) (fence, lang string, ok bool) {
	trimmed := strings.TrimLeft(line, " ")
	if len(line)-len(trimmed) > 3 {
		return "", "", false
	}
	n := 0
	for n < len(trimmed) && trimmed[n] == '`' {
		n++
	}
	if n < 3 {
		return "", "", false
	}
	info := strings.Fields(trimmed[n:])
	if len(info) > 0 {
		lang = strings.ToLower(info[0])
	}
	return trimmed[:n], lang, true
}

func isShell(lang string) bool { return lang == "sh" || lang == "bash" || lang == "shell" }
