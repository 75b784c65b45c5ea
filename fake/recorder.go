package fake

import (
	"bytes"
	"io"
	"net/http"
	"strconv"
)

// recorder buffers a response so that it can be checked against the spec, replaced when it
// breaks it, or thrown away when the connection is to be cut, before anything is sent.
type recorder struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func newRecorder() *recorder { return &recorder{header: http.Header{}} }

func (rec *recorder) Header() http.Header { return rec.header }

func (rec *recorder) WriteHeader(status int) {
	if rec.status == 0 {
		rec.status = status
	}
}

func (rec *recorder) Write(p []byte) (int, error) {
	rec.WriteHeader(http.StatusOK)
	return rec.body.Write(p)
}

// statusCode is the status written, 200 when the handler wrote nothing, as net/http does.
func (rec *recorder) statusCode() int {
	if rec.status == 0 {
		return http.StatusOK
	}
	return rec.status
}

// response returns the recorded response as a client would receive it. Its body reads the
// recorded bytes, so closing it is optional.
//
//bodyclose:handled
func (rec *recorder) response(req *http.Request) *http.Response {
	body := rec.body.Bytes()
	header := rec.header.Clone()
	if len(body) > 0 {
		header.Set("Content-Length", strconv.Itoa(len(body)))
	}
	status := rec.statusCode()
	return &http.Response{
		Status:        strconv.Itoa(status) + " " + http.StatusText(status),
		StatusCode:    status,
		Proto:         "HTTP/1.1",
		ProtoMajor:    1,
		ProtoMinor:    1,
		Header:        header,
		Body:          io.NopCloser(bytes.NewReader(body)),
		ContentLength: int64(len(body)),
		Request:       req,
	}
}

// writeTo sends the recorded response on w.
func (rec *recorder) writeTo(w http.ResponseWriter) {
	h := w.Header()
	for name, values := range rec.header {
		h[name] = values
	}
	w.WriteHeader(rec.statusCode())
	_, _ = w.Write(rec.body.Bytes()) //nolint:gosec // G705: the body is the fake's own JSON (Content-Type application/json), checked against the spec before it is sent; no HTML context
}
