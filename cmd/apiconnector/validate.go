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
		diagf(stderr, "usage: apiconnector validate [--json] REQUEST.http [RESPONSE.http]\n")
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
		diagf(stderr, "apiconnector validate: %v\n", err)
		return exitUsage
	}
	validator, err := contract.NewValidator()
	if err != nil {
		diagf(stderr, "apiconnector validate: %v\n", err)
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
			diagf(stderr, "apiconnector validate: %v\n", err)
			return exitUsage
		}
	} else if err := printReport(stdout, report); err != nil {
		diagf(stderr, "apiconnector validate: %v\n", err)
		return exitUsage
	}
	if !report.Request.Valid || (report.Response != nil && !report.Response.Valid) {
		return exitViolation
	}
	return exitOK
}

func printReport(w io.Writer, report validateReport) error {
	if err := printResult(w, "request", report.Request); err != nil {
		return err
	}
	if report.Response != nil {
		return printResult(w, "response", *report.Response)
	}
	return nil
}

func printResult(w io.Writer, side string, r contract.Result) error {
	if r.Valid {
		_, err := fmt.Fprintf(w, "%s: valid\n", side)
		return err
	}
	for _, v := range r.Violations {
		pointer := v.Pointer
		if pointer == "" {
			pointer = "(body)"
		}
		if _, err := fmt.Fprintf(w, "%s: %s: %s: %s\n", side, pointer, v.Kind, v.Message); err != nil {
			return err
		}
	}
	return nil
}
