// Command ratios reads `go test -bench -benchmem` output and prints, for each pair of
// benchmarks the performance targets compare, the median ns/op and allocs/op of both, their
// ratio and PASS or FAIL against the target, as a Markdown table. It exits 1 when a target
// is missed, 2 when a benchmark of a pair is missing from the input.
//
//	go test -run '^$' -bench . -benchmem -count 6 ./client/ ./contract/ | tee bench/results/today.txt
//	go run ./bench/ratios bench/results/today.txt
//
// -set libopenapi-validator reads bench/pb33f's output instead (make bench-pb33f): a set of
// its own, so the default set still reports each of its pairs missing from partial input.
//
// Medians, not means: on a shared machine a run that lost its core to another process is
// an outlier, not a sample to average in.
package main

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
)

// pair is one comparison: subject against baseline. A zero maximum means no target (the
// ratio is reported only).
type pair struct {
	name              string
	subject, baseline string
	maxNs, maxAllocs  float64
}

// pairs are the targets of the performance issue.
var pairs = []pair{
	{"create", "BenchmarkCreate/client", "BenchmarkCreate/raw", 1.3, 1.5},
	{"get", "BenchmarkGet/client", "BenchmarkGet/raw", 1.3, 1.5},
	{"list 1,000 (10 pages)", "BenchmarkList1000/client", "BenchmarkList1000/raw", 1.3, 1.5},
	{"validate / decode-only", "BenchmarkValidate/exchange", "BenchmarkValidate/decode-only", 15, 0},
	{"create over loopback", "BenchmarkCreateLoopback/client", "BenchmarkCreateLoopback/raw", 0, 0},
	// The validator, every check on, against kin-openapi's openapi3filter used directly.
	{"validate seed create request / kin-openapi", "BenchmarkAgainstKinOpenAPI/create-request/validator", "BenchmarkAgainstKinOpenAPI/create-request/kin-openapi", 1.3, 0},
	{"validate seed create response / kin-openapi", "BenchmarkAgainstKinOpenAPI/create-response/validator", "BenchmarkAgainstKinOpenAPI/create-response/kin-openapi", 1.3, 0},
	{"validate list of 100 / kin-openapi", "BenchmarkAgainstKinOpenAPI/list100-response/validator", "BenchmarkAgainstKinOpenAPI/list100-response/kin-openapi", 1.3, 0},
}

// libOpenAPIValidatorPairs compare the validator with libopenapi-validator (bench/pb33f, a
// module of its own): measured, with no target.
var libOpenAPIValidatorPairs = []pair{
	{"validate seed create request / libopenapi-validator", "BenchmarkAgainstLibOpenAPIValidator/create-request/validator", "BenchmarkAgainstLibOpenAPIValidator/create-request/libopenapi-validator", 0, 0},
	{"validate seed create response / libopenapi-validator", "BenchmarkAgainstLibOpenAPIValidator/create-response/validator", "BenchmarkAgainstLibOpenAPIValidator/create-response/libopenapi-validator", 0, 0},
	{"validate list of 100 / libopenapi-validator", "BenchmarkAgainstLibOpenAPIValidator/list100-response/validator", "BenchmarkAgainstLibOpenAPIValidator/list100-response/libopenapi-validator", 0, 0},
}

// pairSet is the pairs one input is read for and how to produce that input.
type pairSet struct {
	pairs []pair
	hint  string
}

var pairSets = map[string]pairSet{
	"targets":              {pairs, "run them all (go test -bench . over ./client/ ./contract/)"},
	"libopenapi-validator": {libOpenAPIValidatorPairs, "run them all (go test -bench . in bench/pb33f, or make bench-pb33f)"},
}

// samples are the values one benchmark reported, one per run.
type samples struct {
	ns, allocs []float64
}

func main() { os.Exit(run(os.Args[1:])) }

func run(args []string) int {
	flags := flag.NewFlagSet("ratios", flag.ContinueOnError)
	setName := flags.String("set", "targets", "the pairs to report: targets or libopenapi-validator")
	if err := flags.Parse(args); err != nil {
		return 2
	}
	set, ok := pairSets[*setName]
	if !ok {
		fmt.Fprintf(os.Stderr, "ratios: -set %q: want targets or libopenapi-validator\n", *setName)
		return 2
	}
	files := flags.Args()
	var in io.Reader = os.Stdin
	if len(files) > 0 {
		var all []byte
		for _, name := range files {
			data, err := os.ReadFile(name) //nolint:gosec // the user names the results file
			if err != nil {
				fmt.Fprintln(os.Stderr, "ratios:", err)
				return 2
			}
			all = append(all, data...)
		}
		in = bytes.NewReader(all)
	}
	results, cpu, err := parse(in)
	if err != nil {
		fmt.Fprintln(os.Stderr, "ratios:", err)
		return 2
	}
	var out strings.Builder
	code := reportSet(&out, set, results, cpu)
	if _, err := io.WriteString(os.Stdout, out.String()); err != nil {
		return 2
	}
	return code
}

// parse reads benchmark lines ("BenchmarkX/y-2  1000  1234 ns/op  56 B/op  7 allocs/op")
// and the cpu: line.
func parse(r io.Reader) (map[string]*samples, string, error) {
	results := map[string]*samples{}
	cpu := ""
	lines := bufio.NewScanner(r)
	for lines.Scan() {
		line := lines.Text()
		if rest, ok := strings.CutPrefix(line, "cpu: "); ok {
			cpu = rest
			continue
		}
		fields := strings.Fields(line)
		if len(fields) < 4 || !strings.HasPrefix(fields[0], "Benchmark") {
			continue
		}
		name := trimProcs(fields[0])
		s := results[name]
		if s == nil {
			s = &samples{}
			results[name] = s
		}
		// After the name and the iteration count come value-unit pairs.
		for i := 2; i+1 < len(fields); i += 2 {
			v, err := strconv.ParseFloat(fields[i], 64)
			if err != nil {
				return nil, "", fmt.Errorf("%q: %w", line, err)
			}
			switch fields[i+1] {
			case "ns/op":
				s.ns = append(s.ns, v)
			case "allocs/op":
				s.allocs = append(s.allocs, v)
			}
		}
	}
	return results, cpu, lines.Err()
}

// trimProcs drops the -GOMAXPROCS suffix go test adds: BenchmarkGet/raw-2 is BenchmarkGet/raw.
func trimProcs(name string) string {
	if i := strings.LastIndexByte(name, '-'); i > 0 {
		if _, err := strconv.Atoi(name[i+1:]); err == nil {
			return name[:i]
		}
	}
	return name
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// spread is (max-min)/median, how far apart the runs were.
func spread(xs []float64) float64 {
	m := median(xs)
	if m == 0 {
		return 0
	}
	return (slices.Max(xs) - slices.Min(xs)) / m
}

// report writes the table of the targets' pairs to w and returns the exit code.
func report(w *strings.Builder, results map[string]*samples, cpu string) int {
	return reportSet(w, pairSets["targets"], results, cpu)
}

// reportSet writes the table of set's pairs to w and returns the exit code.
func reportSet(w *strings.Builder, set pairSet, results map[string]*samples, cpu string) int {
	code := 0
	if cpu != "" {
		fmt.Fprintf(w, "cpu: %s\n\n", cpu)
	}
	fmt.Fprintln(w, "| pair | ns/op | baseline ns/op | ns ratio (target) | allocs/op | baseline allocs/op | allocs ratio (target) | runs | spread | result |")
	fmt.Fprintln(w, "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|")
	for _, p := range set.pairs {
		s, b := results[p.subject], results[p.baseline]
		if s == nil || b == nil || len(s.ns) == 0 || len(b.ns) == 0 {
			fmt.Fprintf(w, "| %s | missing | | | | | | | | MISSING |\n", p.name)
			code = max(code, 2)
			continue
		}
		sNs, bNs := median(s.ns), median(b.ns)
		sAl, bAl := median(s.allocs), median(b.allocs)
		nsRatio := sNs / bNs
		alRatio := 0.0
		if bAl > 0 {
			alRatio = sAl / bAl
		}
		result := "PASS"
		if (p.maxNs > 0 && nsRatio > p.maxNs) || (p.maxAllocs > 0 && alRatio > p.maxAllocs) {
			result = "FAIL"
			code = max(code, 1)
		}
		if p.maxNs == 0 && p.maxAllocs == 0 {
			result = "(no target)"
		}
		fmt.Fprintf(w, "| %s | %s | %s | %.2f×%s | %s | %s | %.2f×%s | %d | %.0f%% / %.0f%% | %s |\n",
			p.name, num(sNs), num(bNs), nsRatio, target(p.maxNs), num(sAl), num(bAl), alRatio, target(p.maxAllocs),
			min(len(s.ns), len(b.ns)), 100*spread(s.ns), 100*spread(b.ns), result)
	}
	if code == 2 {
		fmt.Fprintln(w, "\nsome benchmarks are missing: "+set.hint)
	}
	return code
}

func target(limit float64) string {
	if limit == 0 {
		return ""
	}
	return fmt.Sprintf(" (≤ %g×)", limit)
}

// num prints a measurement with thousands separators and no more precision than it has.
func num(v float64) string {
	s := strconv.FormatFloat(v, 'f', 0, 64)
	if v < 100 && v != float64(int64(v)) {
		s = strconv.FormatFloat(v, 'f', 1, 64)
	}
	intPart, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	for i, r := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if frac != "" {
		b.WriteString("." + frac)
	}
	return b.String()
}
