package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"

	"github.com/graph-apiconnector/apiconnector/contract"
)

// validateReport is the --json output. Response is present only when a response was given.
type validateReport struct {
	Request  contract.Result  `json:"request"`
	Response *contract.Result `json:"response,omitempty"`
}

func runValidate(args []string, stdout, stderr io.Writer) int {
	flags := flag.NewFlagSet("validate", flag.ContinueOnError)
	flags.SetOutput(stderr)
	asJSON := flags.Bool("json", false, "print the verdict as JSON")
	flags.Usage = func() {
		fmt.Fprintln(stderr, "usage: apiconnector validate [--json] REQUEST.http [RESPONSE.http]")
		flags.PrintDefaults()
	}
	if err := flags.Parse(args); err != nil {
		return exitUsage
	}
	files := flags.Args()
	if len(files) < 1 || len(files) > 2 {
		flags.Usage()
		return exitUsage
	}
	responsePath := ""
	if len(files) == 2 {
		responsePath = files[1]
	}
	req, resp, err := contract.ReadExchange(files[0], responsePath)
	if err != nil {
		fmt.Fprintf(stderr, "apiconnector validate: %v\n", err)
		return exitUsage
	}
	validator, err := contract.NewValidator()
	if err != nil {
		fmt.Fprintf(stderr, "apiconnector validate: %v\n", err)
		return exitUsage
	}

	report := validateReport{Request: validator.ValidateRequest(req)}
	if resp != nil {
		r := validator.ValidateResponse(req, resp)
		report.Response = &r
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(report); err != nil {
			fmt.Fprintf(stderr, "apiconnector validate: %v\n", err)
			return exitUsage
		}
	} else {
		printResult(stdout, "request", report.Request)
		if report.Response != nil {
			printResult(stdout, "response", *report.Response)
		}
	}
	if !report.Request.Valid || (report.Response != nil && !report.Response.Valid) {
		return exitViolation
	}
	return exitOK
}

func printResult(w io.Writer, side string, r contract.Result) {
	if r.Valid {
		fmt.Fprintf(w, "%s: valid\n", side)
		return
	}
	for _, v := range r.Violations {
		pointer := v.Pointer
		if pointer == "" {
			pointer = "(body)"
		}
		fmt.Fprintf(w, "%s: %s: %s: %s\n", side, pointer, v.Kind, v.Message)
	}
}
