package contract

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// knownDefect is one entry of testdata/defects.json.
type knownDefect struct {
	Exchange string `json:"exchange"`
	Message  string `json:"message"` // "request" or "response"
	Pointer  string `json:"pointer"`
	Kind     Kind   `json:"kind"`
	Why      string `json:"why"`
}

func loadDefects(t *testing.T) []knownDefect {
	t.Helper()
	data, err := os.ReadFile("testdata/defects.json")
	require.NoError(t, err)
	var file struct {
		Defects []knownDefect `json:"defects"`
	}
	require.NoError(t, json.Unmarshal(data, &file))
	for _, d := range file.Defects {
		require.NotEmpty(t, d.Why, "defect %s %s has no reason", d.Exchange, d.Pointer)
	}
	return file.Defects
}

// TestDocumentedExchanges validates every documented request and response. Each must be
// valid, or each of its violations must be a listed defect; and each listed defect must
// still be reported, so that a fixed doc page shows up here.
func TestDocumentedExchanges(t *testing.T) {
	v := testValidator(t)
	defects := loadDefects(t)
	exchanges := documentedExchanges(t)
	require.GreaterOrEqual(t, len(exchanges), 30, "every documented exchange is copied into testdata/docs")

	seen := map[knownDefect]bool{}
	for _, ex := range exchanges {
		t.Run(ex.name, func(t *testing.T) {
			req, resp, err := ReadExchange(filepath.Join(ex.dir, "request.http"), filepath.Join(ex.dir, "response.http"))
			require.NoError(t, err)
			results := map[string]Result{"request": v.ValidateRequest(req), "response": v.ValidateResponse(req, resp)}
			for side, res := range results {
				for _, got := range res.Violations {
					key := knownDefect{Exchange: ex.name, Message: side, Pointer: got.Pointer, Kind: got.Kind}
					if d, ok := findDefect(defects, key); ok {
						seen[d] = true
						continue
					}
					assert.Failf(t, "unlisted violation", "%s %s: %s", ex.name, side, got)
				}
			}
		})
	}
	for _, d := range defects {
		assert.True(t, seen[d], "listed defect no longer reported (docs fixed? remove it): %s %s %s %s", d.Exchange, d.Message, d.Pointer, d.Kind)
	}
}

func findDefect(defects []knownDefect, key knownDefect) (knownDefect, bool) {
	for _, d := range defects {
		if d.Exchange == key.Exchange && d.Message == key.Message && d.Pointer == key.Pointer && d.Kind == key.Kind {
			return d, true
		}
	}
	return knownDefect{}, false
}
