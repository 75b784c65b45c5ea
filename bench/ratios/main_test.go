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

const pb33fSample = `cpu: AMD EPYC
BenchmarkAgainstLibOpenAPIValidator/create-request/validator-2              100  20000 ns/op  7000 B/op   85 allocs/op
BenchmarkAgainstLibOpenAPIValidator/create-request/libopenapi-validator-2   100  40000 ns/op  9000 B/op  150 allocs/op
BenchmarkAgainstLibOpenAPIValidator/create-response/validator-2             100  25000 ns/op  8000 B/op  100 allocs/op
BenchmarkAgainstLibOpenAPIValidator/create-response/libopenapi-validator-2  100  50000 ns/op  9000 B/op  160 allocs/op
BenchmarkAgainstLibOpenAPIValidator/list100-response/validator-2            100  500000 ns/op  400000 B/op  3500 allocs/op
BenchmarkAgainstLibOpenAPIValidator/list100-response/libopenapi-validator-2 100  700000 ns/op  600000 B/op  8800 allocs/op
`

func TestTheLibOpenAPIValidatorSetReportsItsPairsWithoutTargets(t *testing.T) {
	results, cpu, err := parse(strings.NewReader(pb33fSample))
	require.NoError(t, err)
	var out strings.Builder
	code := reportSet(&out, pairSets["libopenapi-validator"], results, cpu)
	assert.Equal(t, 0, code)
	assert.Contains(t, out.String(), "| validate seed create request / libopenapi-validator | 20,000 | 40,000 | 0.50× | 85 | 150 | 0.57× | 1 | 0% / 0% | (no target) |")
	assert.Contains(t, out.String(), "| validate list of 100 / libopenapi-validator | 500,000 | 700,000 | 0.71× | 3,500 | 8,800 | 0.40× | 1 | 0% / 0% | (no target) |")
}

func TestTheDefaultSetStillReportsItsPairsMissingFromOtherInput(t *testing.T) {
	results, cpu, err := parse(strings.NewReader(pb33fSample))
	require.NoError(t, err)
	var out strings.Builder
	assert.Equal(t, 2, report(&out, results, cpu))
	assert.Contains(t, out.String(), "| create | missing |")
	assert.NotContains(t, out.String(), "libopenapi-validator")
}

func TestAnUnknownSetIsAnError(t *testing.T) {
	assert.Equal(t, 2, run([]string{"-set", "nope"}))
}
