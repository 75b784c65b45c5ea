package har

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"sort"
	"sync"
	"time"
	"unicode/utf8"

	cdphar "github.com/chromedp/cdproto/har"
)

// Entry is one exchange to record. The bodies are as delivered: decoded, not compressed.
// Whoever records is responsible for masking secrets first; Writer writes what it is given.
type Entry struct {
	Started      time.Time
	Duration     time.Duration
	Request      *http.Request
	RequestBody  []byte
	Response     *http.Response // nil when no response came back
	ResponseBody []byte
}

// Writer streams a HAR 1.2 document: the log's opening when created, each entry as it is
// added, and the closing brackets on Close. Until Close the file lacks only those, so an
// interrupted recording loses nothing already written. It is safe for concurrent use.
type Writer struct {
	mu     sync.Mutex
	w      io.Writer
	n      int
	err    error
	closed bool
}

// NewWriter starts a HAR document on w, naming creator and version as its creator.
func NewWriter(w io.Writer, creator, version string) (*Writer, error) {
	head, err := json.Marshal(cdphar.Creator{Name: creator, Version: version})
	if err != nil {
		return nil, err
	}
	out := &Writer{w: w}
	out.write([]byte(`{"log":{"version":"1.2","creator":` + string(head) + `,"entries":[`))
	return out, out.err
}

// Add writes one entry.
func (w *Writer) Add(e Entry) error {
	data, err := json.Marshal(entry(e))
	if err != nil {
		return err
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.closed {
		return errors.New("har: write to a closed Writer")
	}
	if w.n > 0 {
		w.write([]byte(",\n"))
	} else {
		w.write([]byte("\n"))
	}
	w.write(data)
	w.n++
	return w.err
}

// Len is the number of entries written.
func (w *Writer) Len() int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.n
}

// Close ends the document. It does not close the underlying writer.
func (w *Writer) Close() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.closed {
		return w.err
	}
	w.closed = true
	w.write([]byte("\n]}}\n"))
	return w.err
}

func (w *Writer) write(p []byte) {
	if w.err == nil {
		_, w.err = w.w.Write(p)
	}
}

// entryJSON is cdphar.Entry with a response content that marshals as HAR text: cdproto's
// Content holds bytes, which encoding/json would write as base64 without saying so.
type entryJSON struct {
	*cdphar.Entry
	Response *responseJSON `json:"response"`
}

type responseJSON struct {
	*cdphar.Response
	Content contentJSON `json:"content"`
}

type contentJSON struct {
	Size     int64  `json:"size"`
	MimeType string `json:"mimeType"`
	Text     string `json:"text,omitempty"`
	Encoding string `json:"encoding,omitempty"`
}

func entry(e Entry) entryJSON {
	ms := float64(e.Duration.Microseconds()) / 1000
	out := entryJSON{Entry: &cdphar.Entry{
		StartedDateTime: e.Started.UTC().Format(time.RFC3339Nano),
		Time:            ms,
		Request:         request2har(e.Request, e.RequestBody),
		Cache:           &cdphar.Cache{},
		Timings:         &cdphar.Timings{Send: 0, Wait: ms, Receive: 0},
	}}
	if e.Response == nil {
		// HAR's way of saying no response came: status 0 and empty content.
		out.Response = &responseJSON{Response: &cdphar.Response{
			Cookies: []*cdphar.Cookie{}, Headers: []*cdphar.NameValuePair{}, HeadersSize: -1, BodySize: -1,
		}}
		return out
	}
	out.Response = &responseJSON{
		Response: &cdphar.Response{
			Status:      int64(e.Response.StatusCode),
			StatusText:  http.StatusText(e.Response.StatusCode),
			HTTPVersion: protoOr(e.Response.Proto),
			Cookies:     []*cdphar.Cookie{},
			Headers:     pairs(e.Response.Header),
			RedirectURL: e.Response.Header.Get("Location"),
			HeadersSize: -1,
			BodySize:    int64(len(e.ResponseBody)),
		},
		Content: content(e.Response.Header.Get("Content-Type"), e.ResponseBody),
	}
	return out
}

func request2har(r *http.Request, body []byte) *cdphar.Request {
	out := &cdphar.Request{
		Method:      r.Method,
		URL:         r.URL.String(),
		HTTPVersion: protoOr(r.Proto),
		Cookies:     []*cdphar.Cookie{},
		Headers:     pairs(r.Header),
		QueryString: []*cdphar.NameValuePair{},
		HeadersSize: -1,
		BodySize:    int64(len(body)),
	}
	for name, values := range r.URL.Query() {
		for _, v := range values {
			out.QueryString = append(out.QueryString, &cdphar.NameValuePair{Name: name, Value: v})
		}
	}
	if len(body) > 0 {
		out.PostData = &cdphar.PostData{MimeType: r.Header.Get("Content-Type"), Params: []*cdphar.Param{}, Text: string(body)}
	}
	return out
}

func content(mimeType string, body []byte) contentJSON {
	c := contentJSON{Size: int64(len(body)), MimeType: mimeType}
	if utf8.Valid(body) {
		c.Text = string(body)
	} else {
		c.Text, c.Encoding = base64.StdEncoding.EncodeToString(body), "base64"
	}
	return c
}

// pairs lists a header's fields; bodies are recorded decoded, so the headers that describe
// their wire form are left out.
func pairs(h http.Header) []*cdphar.NameValuePair {
	out := []*cdphar.NameValuePair{}
	for name, values := range h {
		if name == "Content-Encoding" || (name == "Content-Length" && h.Get("Content-Encoding") != "") {
			continue
		}
		for _, v := range values {
			out = append(out, &cdphar.NameValuePair{Name: name, Value: v})
		}
	}
	// Map order is random; a stable order makes recordings diff well.
	sort.SliceStable(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

func protoOr(proto string) string {
	if proto == "" {
		return "HTTP/1.1"
	}
	return proto
}
