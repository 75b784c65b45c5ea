package junit_test

import (
	"bytes"
	"testing"

	parser "github.com/joshdk/go-junit"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graph-apiconnector/apiconnector/junit"
)

func TestWriteParsesWithCounts(t *testing.T) {
	for _, tc := range []struct {
		name         string
		cases        []junit.Case
		wantPassed   int
		wantFailed   int
		wantFailures map[string]string // case name -> failure body
	}{
		{"empty", nil, 0, 0, nil},
		{"all pass", []junit.Case{{Name: "a.http"}, {Name: "b.har#1"}}, 2, 0, nil},
		{"mixed", []junit.Case{
			{Name: "a.http"},
			{Name: "b.har#2", Failures: []string{"request: /targetUrl: format: not a URI", "response: /status: status: undocumented"}},
			{Name: "c.har#1", Failures: []string{"request: /header/Authorization: header: missing"}},
		}, 1, 2, map[string]string{
			"b.har#2": "request: /targetUrl: format: not a URI\nresponse: /status: status: undocumented",
			"c.har#1": "request: /header/Authorization: header: missing",
		}},
		{"characters XML cannot hold", []junit.Case{{Name: "x\x01y", Failures: []string{"a]]>b\x00c <&>"}}}, 0, 1, map[string]string{
			"x\uFFFDy": "a]]>b\uFFFDc <&>",
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out bytes.Buffer
			require.NoError(t, junit.Write(&out, "apiconnector validate", tc.cases))
			suites, err := parser.Ingest(out.Bytes())
			require.NoError(t, err, out.String())
			require.Len(t, suites, 1)
			s := suites[0]
			assert.Equal(t, "apiconnector validate", s.Name)
			assert.Equal(t, len(tc.cases), s.Totals.Tests)
			assert.Equal(t, tc.wantPassed, s.Totals.Passed)
			assert.Equal(t, tc.wantFailed, s.Totals.Failed)
			for _, test := range s.Tests {
				want, failed := tc.wantFailures[test.Name]
				if !failed {
					assert.Equal(t, parser.StatusPassed, test.Status, test.Name)
					continue
				}
				assert.Equal(t, parser.StatusFailed, test.Status, test.Name)
				require.Error(t, test.Error)
				var fail parser.Error
				require.ErrorAs(t, test.Error, &fail)
				assert.Equal(t, want, fail.Body)
			}
		})
	}
}
