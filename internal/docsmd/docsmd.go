// Package docsmd extracts the request/response examples from Microsoft Graph docs pages,
// for sync-docs. An example block is an HTML comment holding a JSON annotation such as
// <!-- { "blockType": "request", "name": "..." } --> followed, after optional
// blank lines, by a fenced ```http block.
package docsmd

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
)

// ParseError names the line of the page a problem is on.
type ParseError struct {
	Line int
	Msg  string
}

func (e *ParseError) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Msg) }

// DocExample is one request block paired with the response block after it.
type DocExample struct {
	// Heading is the nearest preceding heading that names the example, e.g.
	// "Example 1: Create an API connector with basic authentication".
	Heading string
	// Request and Response are the fenced block contents exactly as in the
	// page, without the fence lines.
	Request, Response                     []byte
	RequestAnnotation, ResponseAnnotation Annotation
}

// Annotation is the JSON comment that precedes an example block.
type Annotation struct {
	// Verbatim is the comment text from the opening brace up to "-->".
	Verbatim string
	// Parsed is the annotation as read after tolerating trailing commas; when
	// even that fails it holds only the fields a pattern could recover.
	Parsed map[string]any
	// StrictlyValidJSON is false when the docs page needed tolerance.
	StrictlyValidJSON bool
}

// blockType returns the annotation's "blockType", or "" when it has none.
func (a Annotation) blockType() string {
	s, _ := a.Parsed["blockType"].(string)
	return s
}

var (
	// tabHeading matches the docs' language tabs, "# [C#](#tab/csharp)";
	// they are page chrome, not headings that name an example.
	tabHeading = regexp.MustCompile(`^\[[^\]]*\]\(#tab/[^)]*\)$`)
	// blockLabelHeading matches headings that introduce one block of an
	// example ("#### Request") rather than the example itself.
	blockLabelHeading = regexp.MustCompile(`(?i)^(examples?\s+)?(request|response)s?(\s+examples?)?:?$`)

	blockTypePattern = regexp.MustCompile(`"blockType"\s*:\s*"(\w+)"`)
	namePattern      = regexp.MustCompile(`"name"\s*:\s*"([^"\\]*)"`)
)

// ExtractExamples returns the page's request/response examples in page order.
// A *ParseError names the line of an unterminated fence or
// comment, or of a request block that no response block follows.
func ExtractExamples(md []byte) ([]DocExample, error) {
	lines := splitMarkdownLines(md)
	var (
		examples []DocExample
		heading  string
		pending  *Annotation  // annotation waiting for its fenced block
		open     *openRequest // request block waiting for its response
	)

	for i := 0; i < len(lines); i++ {
		text := lines[i].text
		trimmed := strings.TrimSpace(text)

		switch {
		case trimmed == "":
			continue

		case isFenceOpening(text):
			closing, err := findClosingFence(lines, i)
			if err != nil {
				return nil, err
			}
			block := md[lines[i].next:lines[closing].start]
			if pending != nil && fenceLanguage(text) == "http" {
				switch pending.blockType() {
				case "request":
					if open != nil {
						return nil, open.missingResponse()
					}
					open = &openRequest{line: i + 1, heading: heading, block: bytes.Clone(block), annotation: *pending}
				case "response":
					// A response with no request before it is not an exchange.
					if open != nil {
						examples = append(examples, DocExample{
							Heading:            open.heading,
							Request:            open.block,
							Response:           bytes.Clone(block),
							RequestAnnotation:  open.annotation,
							ResponseAnnotation: *pending,
						})
						open = nil
					}
				}
			}
			pending = nil
			i = closing

		case strings.HasPrefix(trimmed, "<!--"):
			inner, last, err := readComment(md, lines, i)
			if err != nil {
				return nil, err
			}
			pending = nil
			if annotation, ok := parseAnnotation(inner); ok {
				pending = &annotation
			}
			i = last

		case isHeading(text):
			title := headingText(text)
			if tabHeading.MatchString(title) {
				// The annotation inside a tab still applies to the block after it.
				continue
			}
			if !blockLabelHeading.MatchString(title) {
				heading = title
			}
			pending = nil

		default:
			pending = nil
		}
	}
	if open != nil {
		return nil, open.missingResponse()
	}
	return examples, nil
}

type openRequest struct {
	line       int
	heading    string
	block      []byte
	annotation Annotation
}

func (o *openRequest) missingResponse() error {
	return &ParseError{Line: o.line, Msg: "request block has no response block after it"}
}

// markdownLine is one line of the page; text has no line terminator, start
// and next are the byte offsets of the line and of the line after it.
type markdownLine struct {
	text        string
	start, next int
}

func splitMarkdownLines(md []byte) []markdownLine {
	var lines []markdownLine
	for start := 0; start < len(md); {
		end := bytes.IndexByte(md[start:], '\n')
		next := len(md)
		if end >= 0 {
			end += start
			next = end + 1
		} else {
			end = len(md)
		}
		text := strings.TrimSuffix(string(md[start:end]), "\r")
		lines = append(lines, markdownLine{text: text, start: start, next: next})
		start = next
	}
	// A sentinel lets a block that ends at EOF be sliced like any other.
	return append(lines, markdownLine{start: len(md), next: len(md)})
}

// fenceMarker returns the run of ` or ~ that opens or closes a fence
// (CommonMark: at most three spaces of indent, at least three characters).
func fenceMarker(line string) string {
	indent := len(line) - len(strings.TrimLeft(line, " "))
	if indent > 3 {
		return ""
	}
	rest := line[indent:]
	if rest == "" || (rest[0] != '`' && rest[0] != '~') {
		return ""
	}
	n := len(rest) - len(strings.TrimLeft(rest, rest[:1]))
	if n < 3 {
		return ""
	}
	return rest[:n]
}

func isFenceOpening(line string) bool {
	marker := fenceMarker(line)
	if marker == "" {
		return false
	}
	info := fenceInfo(line)
	return marker[0] != '`' || !strings.Contains(info, "`")
}

func fenceInfo(line string) string {
	trimmed := strings.TrimLeft(line, " ")
	return strings.TrimSpace(trimmed[len(fenceMarker(line)):])
}

// fenceLanguage is the first word of the info string, lower-cased, so that
// ```HTTP and ```http count alike.
func fenceLanguage(line string) string {
	fields := strings.Fields(fenceInfo(line))
	if len(fields) == 0 {
		return ""
	}
	return strings.ToLower(fields[0])
}

func findClosingFence(lines []markdownLine, opening int) (int, error) {
	marker := fenceMarker(lines[opening].text)
	for j := opening + 1; j < len(lines)-1; j++ {
		closing := fenceMarker(lines[j].text)
		if closing != "" && closing[0] == marker[0] && len(closing) >= len(marker) && fenceInfo(lines[j].text) == "" {
			return j, nil
		}
	}
	return 0, &ParseError{Line: opening + 1, Msg: "code fence is never closed"}
}

// readComment returns the text between "<!--" and "-->" of the comment that
// starts on line i, with leading whitespace removed, and the line it ends on.
func readComment(md []byte, lines []markdownLine, i int) (string, int, error) {
	open := lines[i].start + strings.Index(lines[i].text, "<!--") + len("<!--")
	end := bytes.Index(md[open:], []byte("-->"))
	if end < 0 {
		return "", 0, &ParseError{Line: i + 1, Msg: "HTML comment is never closed"}
	}
	end += open
	last := i
	for last < len(lines)-2 && lines[last].next <= end {
		last++
	}
	inner := strings.TrimLeft(string(md[open:end]), " \t\r\n")
	return inner, last, nil
}

func isHeading(line string) bool {
	indent := len(line) - len(strings.TrimLeft(line, " "))
	if indent > 3 {
		return false
	}
	rest := line[indent:]
	level := len(rest) - len(strings.TrimLeft(rest, "#"))
	if level < 1 || level > 6 {
		return false
	}
	return len(rest) == level || rest[level] == ' ' || rest[level] == '\t'
}

func headingText(line string) string {
	text := strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(line), "#"))
	// An optional closing run of '#' is not part of the title.
	if stripped := strings.TrimRight(text, "#"); stripped != text && (stripped == "" || strings.HasSuffix(stripped, " ")) {
		text = strings.TrimSpace(stripped)
	}
	return text
}

// parseAnnotation reads an annotation comment. It reports false for comments
// that are not example annotations (no "blockType").
func parseAnnotation(verbatim string) (Annotation, bool) {
	if !strings.HasPrefix(verbatim, "{") {
		return Annotation{}, false
	}
	annotation := Annotation{Verbatim: verbatim}
	var parsed map[string]any
	switch {
	case json.Unmarshal([]byte(verbatim), &parsed) == nil:
		annotation.StrictlyValidJSON = true
	case json.Unmarshal([]byte(stripTrailingCommas(verbatim)), &parsed) == nil:
	default:
		// Broken beyond trailing commas: keep what identifies the block.
		parsed = map[string]any{}
		if m := blockTypePattern.FindStringSubmatch(verbatim); m != nil {
			parsed["blockType"] = m[1]
		}
		if m := namePattern.FindStringSubmatch(verbatim); m != nil {
			parsed["name"] = m[1]
		}
	}
	annotation.Parsed = parsed
	return annotation, annotation.blockType() != ""
}

// stripTrailingCommas removes commas that directly precede '}' or ']'
// outside JSON strings, the usual defect in docs annotations.
func stripTrailingCommas(s string) string {
	var out strings.Builder
	inString, escaped := false, false
	for i := range len(s) {
		c := s[i]
		switch {
		case inString:
			switch {
			case escaped:
				escaped = false
			case c == '\\':
				escaped = true
			case c == '"':
				inString = false
			}
		case c == '"':
			inString = true
		case c == ',':
			rest := strings.TrimLeft(s[i+1:], " \t\r\n")
			if rest != "" && (rest[0] == '}' || rest[0] == ']') {
				continue
			}
		}
		out.WriteByte(c)
	}
	return out.String()
}
