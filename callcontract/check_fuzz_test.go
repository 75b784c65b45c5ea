package callcontract

import (
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzCheckReply feeds arbitrary answers to the reply check: it must not panic, a valid
// verdict must mean a strict JSON object with a known action, and no message may repeat a
// planted value from the body.
func FuzzCheckReply(f *testing.F) {
	files, err := filepath.Glob(filepath.Join("testdata", "examples", "*-response-*.http"))
	if err != nil {
		f.Fatal(err)
	}
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		if _, body, ok := strings.Cut(string(data), "\n{"); ok {
			f.Add(200, "{"+body)
			f.Add(400, repairedSeed("{"+body))
		}
	}
	f.Add(200, `{"version":"1.0.0","action":"Continue","email":"planted-secret-value"}`)
	f.Add(400, `{"version":"planted","action":"planted","status":"planted","userMessage":7,"planted":1}`)
	c, err := Load()
	if err != nil {
		f.Fatal(err)
	}
	h := http.Header{"Content-Type": []string{"application/json"}}
	f.Fuzz(func(t *testing.T, status int, body string) {
		for _, step := range []Step{PostFederationSignup, PostAttributeCollection, PreTokenIssuance} {
			reply := c.CheckReply(B2C, step, status, h, []byte(body))
			if reply.Valid() {
				var obj map[string]any
				if json.Unmarshal([]byte(body), &obj) != nil || reply.Action == "" || status != StatusOf(reply.Action) {
					t.Fatalf("valid verdict for %d %q", status, body)
				}
			}
			for _, v := range reply.Violations {
				if strings.Contains(v.Message, "planted") {
					t.Fatalf("message %q repeats a value of the body", v.Message)
				}
			}
		}
	})
}

func repairedSeed(s string) string { return string(repairJSON([]byte(s))) }
