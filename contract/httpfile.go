package contract

// Parser for the .http exchange files used by the Microsoft Graph docs:
// a request line or status line, header lines, a blank line, then the body.

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
)

// ParseError names the file and the 1-based line of bad input.
type ParseError struct {
	File string
	Line int
	Msg  string
}

func (e *ParseError) Error() string {
	if e.File == "" {
		// Input read from memory has no file name.
		return fmt.Sprintf("line %d: %s", e.Line, e.Msg)
	}
	return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
}

// knownMethods limits request lines to real HTTP methods, so a typo such as
// "POTS" is reported instead of becoming a request no router will match.
var knownMethods = map[string]bool{
	http.MethodGet:     true,
	http.MethodHead:    true,
	http.MethodPost:    true,
	http.MethodPut:     true,
	http.MethodPatch:   true,
	http.MethodDelete:  true,
	http.MethodOptions: true,
	http.MethodTrace:   true,
	http.MethodConnect: true,
}

// ParseRequest reads a request file. name is used only in errors.
func ParseRequest(r io.Reader, name string) (*http.Request, error) {
	msg, err := readMessage(r, name)
	if err != nil {
		return nil, err
	}
	method, rawURL, proto, err := splitRequestLine(msg.startLine)
	if err != nil {
		return nil, msg.errorAt(msg.startLineNumber, err.Error())
	}
	parsed, err := url.Parse(rawURL)
	if err != nil {
		return nil, msg.errorAt(msg.startLineNumber, fmt.Sprintf("invalid URL %q: %v", rawURL, err))
	}
	major, minor, ok := http.ParseHTTPVersion(proto)
	if !ok {
		return nil, msg.errorAt(msg.startLineNumber, fmt.Sprintf("invalid HTTP version %q", proto))
	}

	req, err := http.NewRequestWithContext(context.Background(), method, rawURL, bytes.NewReader(msg.body))
	if err != nil {
		return nil, msg.errorAt(msg.startLineNumber, err.Error())
	}
	// A target must name a server or a path: "//", "?x", "#f", "http://" and "*" name
	// neither, and parse to a request with no URL to route or to write back.
	if req.URL.Host == "" && !strings.HasPrefix(req.URL.Path, "/") {
		return nil, msg.errorAt(msg.startLineNumber, fmt.Sprintf("URL %q has neither a host nor an absolute path", rawURL))
	}
	// An authority must name a server as net/http holds it. net/http drops an empty port,
	// and what is left may be a port alone ("//::" becomes "//:"), no authority at all
	// ("//://x" becomes the path "//x"), no URL ("//:A:" becomes "//:A") or another empty
	// port ("//0::" becomes "//0:"): each would be sent, and written back, as another URL.
	if parsed.Host != "" && !namesServer(req.URL) {
		return nil, msg.errorAt(msg.startLineNumber, fmt.Sprintf("URL %q names no host", rawURL))
	}
	req.Proto, req.ProtoMajor, req.ProtoMinor = proto, major, minor
	req.Header = msg.header
	// A Host header in the file names the server for a path-only URL.
	if host := msg.header.Get("Host"); host != "" {
		req.Host = host
	}
	return req, nil
}

// namesServer reports whether u, as net/http holds a request's URL, has a host, and
// written out and read by net/http again has the same one: net/http's rewriting of the
// host must have nothing left to change.
func namesServer(u *url.URL) bool {
	if u.Host == "" || u.Hostname() == "" {
		return false
	}
	again, err := http.NewRequestWithContext(context.Background(), http.MethodGet, u.String(), nil)
	return err == nil && again.URL.Host == u.Host
}

// ParseResponse reads a response file; req (may be nil) is attached as resp.Request.
// The body is held in memory, so closing it is optional.
//
//bodyclose:handled
func ParseResponse(r io.Reader, name string, req *http.Request) (*http.Response, error) {
	msg, err := readMessage(r, name)
	if err != nil {
		return nil, err
	}
	proto, code, reason, err := splitStatusLine(msg.startLine)
	if err != nil {
		return nil, msg.errorAt(msg.startLineNumber, err.Error())
	}
	major, minor, _ := http.ParseHTTPVersion(proto)
	if reason == "" {
		reason = http.StatusText(code)
	}

	var body io.ReadCloser = http.NoBody
	if len(msg.body) > 0 {
		body = io.NopCloser(bytes.NewReader(msg.body))
	}
	return &http.Response{
		Status:        strings.TrimSpace(strconv.Itoa(code) + " " + reason),
		StatusCode:    code,
		Proto:         proto,
		ProtoMajor:    major,
		ProtoMinor:    minor,
		Header:        msg.header,
		Body:          body,
		ContentLength: int64(len(msg.body)),
		Request:       req,
	}, nil
}

// ReadExchange reads REQUEST.http and optionally RESPONSE.http ("" to skip) from disk.
// Both bodies are held in memory and the files are closed, so closing the response body
// is optional.
//
//bodyclose:handled
func ReadExchange(requestPath, responsePath string) (*http.Request, *http.Response, error) {
	req, err := parseFile(requestPath, ParseRequest)
	if err != nil {
		return nil, nil, err
	}
	if responsePath == "" {
		return req, nil, nil
	}
	resp, err := parseFile(responsePath, func(r io.Reader, name string) (*http.Response, error) {
		return ParseResponse(r, name, req)
	})
	if err != nil {
		return nil, nil, err
	}
	return req, resp, nil
}

func parseFile[T any](path string, parse func(io.Reader, string) (T, error)) (T, error) {
	f, err := os.Open(path) //nolint:gosec // G304: ReadExchange reads the files its caller names; that is its job
	if err != nil {
		var zero T
		return zero, err
	}
	defer func() { _ = f.Close() }() // opened read-only: a Close error cannot lose data
	return parse(f, path)
}

// message is the part of an .http file shared by requests and responses.
type message struct {
	name            string
	startLine       string
	startLineNumber int
	header          http.Header
	body            []byte
}

func (m *message) errorAt(line int, msg string) *ParseError {
	return &ParseError{File: m.name, Line: line, Msg: msg}
}

func readMessage(r io.Reader, name string) (*message, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	lines := splitLines(data)
	msg := &message{name: name, header: http.Header{}}

	// Blank lines before the start line carry no meaning; skip them.
	i := 0
	for i < len(lines) && strings.TrimSpace(lines[i]) == "" {
		i++
	}
	if i == len(lines) {
		return nil, msg.errorAt(1, "empty file: no request or status line")
	}
	msg.startLine, msg.startLineNumber = lines[i], i+1
	i++

	for ; i < len(lines) && strings.TrimSpace(lines[i]) != ""; i++ {
		key, value, err := splitHeaderLine(lines[i])
		if err != nil {
			return nil, msg.errorAt(i+1, err.Error())
		}
		msg.header.Add(key, value)
	}
	if i < len(lines) {
		msg.body = joinBody(lines[i+1:])
	}
	return msg, nil
}

// splitLines splits on LF and drops the CRs before it, so CRLF and LF files
// parse alike and a body never keeps a CR at a line end. A final line
// terminator does not start an extra empty line.
func splitLines(data []byte) []string {
	if len(data) == 0 {
		return nil
	}
	lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	for i, line := range lines {
		lines[i] = strings.TrimRight(line, "\r")
	}
	return lines
}

// joinBody rebuilds the body with LF line ends and without the whitespace-only
// lines at the end of the file, which are file layout rather than content.
func joinBody(lines []string) []byte {
	end := len(lines)
	for end > 0 && strings.TrimSpace(lines[end-1]) == "" {
		end--
	}
	if end == 0 {
		return nil
	}
	return []byte(strings.Join(lines[:end], "\n"))
}

// splitRequestLine accepts "METHOD URL" and "METHOD URL HTTP/x.y". The URL
// is everything in between, so an OData query written with spaces
// ($filter=displayName eq 'x') stays whole.
func splitRequestLine(line string) (method, rawURL, proto string, err error) {
	method, rest, _ := strings.Cut(strings.TrimSpace(line), " ")
	rest = strings.TrimSpace(rest)
	if rest == "" || strings.HasPrefix(rest, "HTTP/") {
		return "", "", "", fmt.Errorf("request line %q: want METHOD URL [HTTP/x.y]", line)
	}
	if !knownMethods[method] {
		return "", "", "", fmt.Errorf("unknown HTTP method %q", method)
	}
	rawURL, proto = rest, "HTTP/1.1"
	if i := strings.LastIndexByte(rest, ' '); i >= 0 && strings.HasPrefix(rest[i+1:], "HTTP/") {
		rawURL, proto = strings.TrimSpace(rest[:i]), rest[i+1:]
	}
	return method, rawURL, proto, nil
}

func splitStatusLine(line string) (proto string, code int, reason string, err error) {
	proto, rest, _ := strings.Cut(strings.TrimSpace(line), " ")
	if _, _, ok := http.ParseHTTPVersion(proto); !ok {
		return "", 0, "", fmt.Errorf("status line %q: want HTTP/x.y CODE [REASON]", line)
	}
	codeText, reason, _ := strings.Cut(strings.TrimSpace(rest), " ")
	if len(codeText) != 3 || strings.Trim(codeText, "0123456789") != "" {
		return "", 0, "", fmt.Errorf("status code %q is not three digits", codeText)
	}
	code, _ = strconv.Atoi(codeText)
	return proto, code, strings.TrimSpace(reason), nil
}

func splitHeaderLine(line string) (key, value string, err error) {
	key, value, found := strings.Cut(line, ":")
	if !found {
		return "", "", fmt.Errorf("header line %q has no colon", line)
	}
	if !isToken(key) {
		return "", "", fmt.Errorf("invalid header name %q", key)
	}
	return key, strings.TrimSpace(value), nil
}

// isToken reports whether s is an RFC 9110 token, the grammar of header names.
func isToken(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range []byte(s) {
		isAlnum := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
		if !isAlnum && !strings.ContainsRune("!#$%&'*+-.^_`|~", rune(c)) {
			return false
		}
	}
	return true
}
