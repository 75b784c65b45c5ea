// Package junit writes test results as JUnit XML, the report format GitHub Actions, GitLab
// and Azure DevOps display. The XML model is go-junit-report's
// (github.com/jstemmer/go-junit-report/v2/junit); this package maps cases onto it.
package junit

import (
	"encoding/xml"
	"io"
	"strconv"
	"strings"

	gojunit "github.com/jstemmer/go-junit-report/v2/junit"
)

// Case is one test case: it passed when Failures is empty, and each failure is one line of
// the report.
type Case struct {
	Name     string
	Failures []string
}

// Write writes one suite named suite holding cases, with the counts CI systems summarise.
func Write(w io.Writer, suite string, cases []Case) error {
	ts := gojunit.Testsuite{Name: suite}
	for _, c := range cases {
		tc := gojunit.Testcase{Name: xmlText(c.Name), Classname: suite}
		if len(c.Failures) > 0 {
			tc.Failure = &gojunit.Result{
				Message: failureMessage(c.Failures),
				Type:    "violation",
				Data:    xmlText(strings.Join(c.Failures, "\n")),
			}
		}
		ts.AddTestcase(tc)
	}
	var all gojunit.Testsuites
	all.AddSuite(ts)
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	return all.WriteXML(w)
}

// xmlText replaces the characters XML 1.0 cannot hold at all, which CDATA does not escape.
func xmlText(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\t' || r == '\n' || r == '\r',
			r >= 0x20 && r <= 0xD7FF, r >= 0xE000 && r <= 0xFFFD, r >= 0x10000 && r <= 0x10FFFF:
			return r
		}
		return '\uFFFD'
	}, s)
}

func failureMessage(failures []string) string {
	if len(failures) == 1 {
		return "1 violation"
	}
	return strconv.Itoa(len(failures)) + " violations"
}
