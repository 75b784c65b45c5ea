package main

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const sample = `goos: linux
cpu: AMD EPYC
BenchmarkCreate/client-2   	  100	  1300 ns/op	  4000 B/op	  60 allocs/op
BenchmarkCreate/client-2   	  100	  1200 ns/op	  4000 B/op	  60 allocs/op
BenchmarkCreate/client-2   	  100	  9900 ns/op	  4000 B/op	  60 allocs/op
BenchmarkCreate/raw-2      	  100	  1000 ns/op	  3000 B/op	  50 allocs/op
BenchmarkGet/client-2      	  100	  2000 ns/op	  3000 B/op	  90 allocs/op
BenchmarkGet/raw-2         	  100	  1000 ns/op	  3000 B/op	  40 allocs/op
PASS
`

func TestParseTakesMediansPerBenchmark(t *testing.T) {
	results, cpu, err := parse(strings.NewReader(sample))
	require.NoError(t, err)
	assert.Equal(t, "AMD EPYC", cpu)
	require.Contains(t, results, "BenchmarkCreate/client")
	assert.InDelta(t, 1300.0, median(results["BenchmarkCreate/client"].ns), 0, "the outlier run does not move the median")
	assert.Len(t, results["BenchmarkCreate/client"].allocs, 3)
}

func TestReportFailsAMissedTargetAndAMissingPair(t *testing.T) {
	results, cpu, err := parse(strings.NewReader(sample))
	require.NoError(t, err)
	var out strings.Builder
	code := report(&out, results, cpu)
	assert.Equal(t, 2, code, "list, validate and loopback are missing")
	assert.Contains(t, out.String(), "| create | 1,300 | 1,000 | 1.30× (≤ 1.3×) | 60 | 50 | 1.20× (≤ 1.5×) | 1 | 669% / 0% | PASS |")
	assert.Contains(t, out.String(), "| get | 2,000 | 1,000 | 2.00× (≤ 1.3×) | 90 | 40 | 2.25× (≤ 1.5×) | 1 | 0% / 0% | FAIL |")
}

func TestTrimProcs(t *testing.T) {
	assert.Equal(t, "BenchmarkGet/raw", trimProcs("BenchmarkGet/raw-2"))
	assert.Equal(t, "BenchmarkValidate/decode-only", trimProcs("BenchmarkValidate/decode-only-16"))
	assert.Equal(t, "BenchmarkValidate/decode-only", trimProcs("BenchmarkValidate/decode-only"))
}
