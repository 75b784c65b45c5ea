package har_test

import (
	"bytes"
	"io"
	"os"
	"testing"
	"time"

	"github.com/graph-apiconnector/apiconnector/har"
)

// FuzzRead feeds arbitrary documents to Read: it must return exchanges or an error, never
// panic, and what it returns must write back and read again as the same number of entries.
func FuzzRead(f *testing.F) {
	seed, err := os.ReadFile("testdata/browser-export.har")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(seed)
	f.Add([]byte(`{"log":{"version":"1.2","entries":[{"request":{"method":"GET","url":"https://g/v1.0/x"},"response":{"status":0}}]}}`))
	f.Add([]byte(`{"log":{"entries":[{"request":{"method":"POST","url":"https://g/v1.0/x","postData":{"text":"{}"}},"response":{"status":201,"content":{"text":"e30=","encoding":"base64"}}}]}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		exchanges, err := har.Read(bytes.NewReader(data), "fuzz.har")
		if err != nil {
			return
		}
		var out bytes.Buffer
		w, err := har.NewWriter(&out, "fuzz", "0")
		if err != nil {
			t.Fatal(err)
		}
		for _, ex := range exchanges {
			reqBody, err := io.ReadAll(ex.Request.Body)
			if err != nil {
				t.Fatal(err)
			}
			e := har.Entry{Started: time.Unix(0, 0), Request: ex.Request, RequestBody: reqBody}
			if ex.Response != nil {
				if e.ResponseBody, err = io.ReadAll(ex.Response.Body); err != nil {
					t.Fatal(err)
				}
				e.Response = ex.Response
			}
			if err := w.Add(e); err != nil {
				t.Fatal(err)
			}
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		again, err := har.Read(bytes.NewReader(out.Bytes()), "again.har")
		if err != nil {
			t.Fatalf("a written recording does not read back: %v\n%s", err, out.Bytes())
		}
		if len(again) != len(exchanges) {
			t.Fatalf("%d entries written, %d read back", len(exchanges), len(again))
		}
	})
}
