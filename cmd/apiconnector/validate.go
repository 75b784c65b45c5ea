package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"

	"github.com/graph-apiconnector/apiconnector/contract"
	"github.com/graph-apiconnector/apiconnector/junit"
)

// validatePaths explains PATH, after the flags in validate's help.
const validatePaths = `
PATH is a request .http file, optionally followed by its response .http file; a directory,
where each folder holding request.http (and optionally response.http) is one exchange; or a
HAR 1.2 file (*.har), where every entry is one exchange (FILE.har#N). Requests read from HAR
must carry Authorization: Bearer; --require-auth asks the same of .http files.

Exit codes: 0 all valid, 1 any violation, 2 unreadable input (the message names the file and
the line or entry).
`

// validateReport is the --json output for a single exchange given as .http files, the shape
// the command has always printed. Response is present only when a response was given.
type validateReport struct {
	Request  contract.Result  `json:"request"`
	Response *contract.Result `json:"response,omitempty"`
}

// exchangeReport is one exchange of a multi-exchange run.
type exchangeReport struct {
	Source string `json:"source"`
	validateReport
}

// batchReport is the JSON output for anything but a single .http exchange.
type batchReport struct {
	Exchanges []exchangeReport `json:"exchanges"`
	Summary   batchSummary     `json:"summary"`
}

type batchSummary struct {
	Exchanges int `json:"exchanges"`
	Valid     int `json:"valid"`
	Invalid   int `json:"invalid"`
}

func runValidate(_ context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	c := newCommand("validate", stdin, stdout, stderr)
	format := c.flags.String("format", "text", "output `FORMAT`: text, json or junit (JUnit XML, as CI systems display)")
	asJSON := c.flags.Bool("json", false, "the same as --format json")
	requireAuth := c.flags.Bool("require-auth", false, "a request in an .http file without Authorization: Bearer is a violation (always so for HAR)")
	// PATH is variadic, which the shared parse does not count; the rest is as for every command.
	paths, err := parseFlags(c.flags, args, io.Discard)
	if errors.Is(err, flag.ErrHelp) {
		printCommandUsage(stdout, c.spec, c.flags)
		diagf(stdout, "%s", validatePaths)
		return exitOK
	}
	if err != nil {
		return c.usageError("%s", flagErrorText(err))
	}
	if *asJSON {
		if *format != "text" && *format != "json" {
			return c.usageError("--json and --format %s cannot be combined", *format)
		}
		*format = "json"
	}
	if *format != "text" && *format != "json" && *format != "junit" {
		return c.usageError("--format: must be text, json or junit, not %q", *format)
	}
	if len(paths) == 0 {
		return c.usageError("missing PATH")
	}

	inputs, err := readExchanges(paths, *requireAuth)
	if err != nil {
		diagf(stderr, "apiconnector validate: %v\n", err)
		return exitUsage
	}
	validator, err := contract.NewValidator()
	if err != nil {
		diagf(stderr, "apiconnector validate: %v\n", err)
		return exitUsage
	}
	withToken := validator.RequiringBearerToken()

	reports := make([]exchangeReport, 0, len(inputs))
	invalid := 0
	for _, in := range inputs {
		v := validator
		if in.requireAuth {
			v = withToken
		}
		r := exchangeReport{Source: in.source, validateReport: validateReport{Request: v.ValidateRequest(in.request)}}
		if in.response != nil {
			resp := v.ValidateResponse(in.request, in.response)
			_ = in.response.Body.Close() // held in memory: closing cannot fail
			r.Response = &resp
		}
		if !r.valid() {
			invalid++
		}
		reports = append(reports, r)
	}

	single := len(inputs) == 1 && inputs[0].fromHTTPFiles && len(paths) <= 2
	if err := writeValidateOutput(stdout, *format, single, reports, invalid); err != nil {
		diagf(stderr, "apiconnector validate: %v\n", err)
		return exitUsage
	}
	if invalid > 0 {
		return exitViolation
	}
	return exitOK
}

func (r exchangeReport) valid() bool {
	return r.Request.Valid && (r.Response == nil || r.Response.Valid)
}

func writeValidateOutput(w io.Writer, format string, single bool, reports []exchangeReport, invalid int) error {
	switch {
	case format == "junit":
		return writeJUnit(w, reports)
	case format == "json" && single:
		return writeJSON(w, reports[0].validateReport)
	case format == "json":
		return writeJSON(w, batchReport{Exchanges: reports, Summary: batchSummary{
			Exchanges: len(reports), Valid: len(reports) - invalid, Invalid: invalid,
		}})
	case single:
		return printReport(w, "", reports[0].validateReport)
	}
	for _, r := range reports {
		if err := printReport(w, r.Source+": ", r.validateReport); err != nil {
			return err
		}
	}
	_, err := fmt.Fprintf(w, "%d exchanges: %d valid, %d invalid\n", len(reports), len(reports)-invalid, invalid)
	return err
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

func writeJUnit(w io.Writer, reports []exchangeReport) error {
	cases := make([]junit.Case, 0, len(reports))
	for _, r := range reports {
		c := junit.Case{Name: r.Source}
		c.Failures = append(c.Failures, violationLines("request", r.Request)...)
		if r.Response != nil {
			c.Failures = append(c.Failures, violationLines("response", *r.Response)...)
		}
		cases = append(cases, c)
	}
	return junit.Write(w, "apiconnector validate", cases)
}

func printReport(w io.Writer, prefix string, report validateReport) error {
	if err := printResult(w, prefix, "request", report.Request); err != nil {
		return err
	}
	if report.Response != nil {
		return printResult(w, prefix, "response", *report.Response)
	}
	return nil
}

func printResult(w io.Writer, prefix, side string, r contract.Result) error {
	if r.Valid {
		_, err := fmt.Fprintf(w, "%s%s: valid\n", prefix, side)
		return err
	}
	for _, line := range violationLines(side, r) {
		if _, err := io.WriteString(w, prefix+line+"\n"); err != nil {
			return err
		}
	}
	return nil
}

// violationLines is one line per violation: side, pointer, kind and message.
func violationLines(side string, r contract.Result) []string {
	out := make([]string, 0, len(r.Violations))
	for _, v := range r.Violations {
		pointer := v.Pointer
		if pointer == "" {
			pointer = "(body)"
		}
		out = append(out, side+": "+pointer+": "+string(v.Kind)+": "+v.Message)
	}
	return out
}

// entrySource names a HAR entry as FILE#N, N counting from 1 as HAR viewers do.
func entrySource(file string, entry int) string { return file + "#" + strconv.Itoa(entry) }
