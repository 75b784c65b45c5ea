// Package har reads and writes HTTP Archive (HAR 1.2) files, the format browsers,
// Playwright, mitmproxy, Fiddler and most HTTP tooling export, as Go requests and responses.
// The HAR types are chromedp's (github.com/chromedp/cdproto/har), generated from the format's
// description; this package turns them into net/http values and back.
package har

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"

	cdphar "github.com/chromedp/cdproto/har"
)

// Exchange is one HAR entry as a request and its response. Entry is 1-based, as HAR viewers
// number entries. Response is nil when the entry holds none (status 0: the request failed or
// was blocked).
type Exchange struct {
	Entry    int
	Request  *http.Request
	Response *http.Response
}

// Error names the file and, when the fault is in one entry, that entry (1-based).
type Error struct {
	File  string
	Entry int
	Msg   string
}

func (e *Error) Error() string {
	if e.Entry == 0 {
		return fmt.Sprintf("%s: %s", e.File, e.Msg)
	}
	return fmt.Sprintf("%s#%d: %s", e.File, e.Entry, e.Msg)
}

// maxFile bounds what Read takes in, so a runaway recording cannot exhaust memory.
const maxFile = 256 << 20

// ReadFile reads the HAR file at path.
//
//bodyclose:handled
func ReadFile(path string) ([]Exchange, error) {
	f, err := os.Open(path) //nolint:gosec // G304: the caller names the file to read
	if err != nil {
		return nil, err
	}
	defer func() { _ = f.Close() }() // opened read-only: a Close error cannot lose data
	return Read(f, path)
}

// Read parses a HAR document; name is used only in errors. Every body is held in memory, so
// closing a response body is optional.
//
//bodyclose:handled
func Read(r io.Reader, name string) ([]Exchange, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxFile+1))
	if err != nil {
		return nil, &Error{File: name, Msg: err.Error()}
	}
	if len(data) > maxFile {
		return nil, &Error{File: name, Msg: fmt.Sprintf("larger than %d bytes", maxFile)}
	}
	var doc cdphar.HAR
	if err := json.Unmarshal(data, &doc); err != nil {
		return nil, &Error{File: name, Msg: "not a HAR document: " + jsonErrorAt(data, err)}
	}
	if doc.Log == nil {
		return nil, &Error{File: name, Msg: `not a HAR document: no "log" object`}
	}
	if v := doc.Log.Version; v != "" && v != "1.1" && v != "1.2" {
		return nil, &Error{File: name, Msg: fmt.Sprintf("HAR version %q: want 1.2", v)}
	}
	out := make([]Exchange, 0, len(doc.Log.Entries))
	for i, entry := range doc.Log.Entries {
		ex, err := exchange(entry)
		if err != nil {
			return nil, &Error{File: name, Entry: i + 1, Msg: err.Error()}
		}
		ex.Entry = i + 1
		out = append(out, ex)
	}
	return out, nil
}

// jsonErrorAt says where in the document a JSON error is, as a line number.
func jsonErrorAt(data []byte, err error) string {
	var syntax *json.SyntaxError
	var typeErr *json.UnmarshalTypeError
	offset := int64(-1)
	switch {
	case errors.As(err, &syntax):
		offset = syntax.Offset
	case errors.As(err, &typeErr):
		offset = typeErr.Offset
	}
	if offset < 0 || offset > int64(len(data)) {
		return err.Error()
	}
	return "line " + strconv.Itoa(bytes.Count(data[:offset], []byte("\n"))+1) + ": " + err.Error()
}

//bodyclose:handled
func exchange(entry *cdphar.Entry) (Exchange, error) {
	if entry == nil || entry.Request == nil {
		return Exchange{}, errors.New("no request")
	}
	req, err := request(entry.Request)
	if err != nil {
		return Exchange{}, err
	}
	ex := Exchange{Request: req}
	if entry.Response != nil && entry.Response.Status != 0 {
		ex.Response = response(entry.Response, req)
	}
	return ex, nil
}

func request(h *cdphar.Request) (*http.Request, error) {
	if h.Method == "" {
		return nil, errors.New("request has no method")
	}
	u, err := url.Parse(h.URL)
	if err != nil || !u.IsAbs() {
		return nil, fmt.Errorf("request URL %q is not absolute", h.URL)
	}
	var body []byte
	if h.PostData != nil {
		body = []byte(h.PostData.Text)
	}
	req, err := http.NewRequestWithContext(context.Background(), h.Method, u.String(), bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("request: %w", err)
	}
	setProto(h.HTTPVersion, &req.Proto, &req.ProtoMajor, &req.ProtoMinor)
	req.Header = header(h.Headers)
	// HAR holds bodies as delivered to the application: decoded, with the headers as they
	// were on the wire. A Content-Encoding left in place would be undone a second time.
	dropEncoding(req.Header)
	if host := req.Header.Get("Host"); host != "" {
		req.Host = host
	}
	if h.PostData != nil && h.PostData.MimeType != "" && req.Header.Get("Content-Type") == "" {
		req.Header.Set("Content-Type", h.PostData.MimeType)
	}
	return req, nil
}

//bodyclose:handled
func response(h *cdphar.Response, req *http.Request) *http.Response {
	var body []byte
	mimeType := ""
	if h.Content != nil {
		body, mimeType = h.Content.Text, h.Content.MimeType
	}
	resp := &http.Response{
		Status:        strings.TrimSpace(strconv.FormatInt(h.Status, 10) + " " + h.StatusText),
		StatusCode:    int(h.Status),
		Header:        header(h.Headers),
		Body:          http.NoBody,
		ContentLength: int64(len(body)),
		Request:       req,
	}
	setProto(h.HTTPVersion, &resp.Proto, &resp.ProtoMajor, &resp.ProtoMinor)
	dropEncoding(resp.Header)
	if len(body) > 0 {
		resp.Body = io.NopCloser(bytes.NewReader(body))
		if mimeType != "" && resp.Header.Get("Content-Type") == "" {
			resp.Header.Set("Content-Type", mimeType)
		}
	}
	return resp
}

func header(pairs []*cdphar.NameValuePair) http.Header {
	h := http.Header{}
	for _, p := range pairs {
		// HTTP/2 pseudo-headers (":authority", ":path") are not headers of the message.
		if p == nil || strings.HasPrefix(p.Name, ":") {
			continue
		}
		h.Add(p.Name, p.Value)
	}
	return h
}

// dropEncoding removes the headers that describe the wire form of a body HAR holds decoded.
func dropEncoding(h http.Header) {
	if h.Get("Content-Encoding") == "" {
		return
	}
	h.Del("Content-Encoding")
	h.Del("Content-Length")
}

func setProto(version string, proto *string, major, minor *int) {
	v := strings.ToUpper(strings.TrimSpace(version))
	switch v {
	case "H2", "HTTP/2", "HTTP/2.0":
		*proto, *major, *minor = "HTTP/2.0", 2, 0
	case "H3", "HTTP/3", "HTTP/3.0":
		*proto, *major, *minor = "HTTP/3.0", 3, 0
	default:
		if maj, mnr, ok := http.ParseHTTPVersion(v); ok {
			*proto, *major, *minor = v, maj, mnr
			return
		}
		*proto, *major, *minor = "HTTP/1.1", 1, 1
	}
}
