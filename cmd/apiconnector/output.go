package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/graph-apiconnector/apiconnector/client"
	"github.com/graph-apiconnector/apiconnector/internal/secret"
)

// diagf writes a diagnostic: an error, usage or a status line, normally to stderr. A failed
// write is dropped on purpose, as errcheck does for fmt.Fprintf(os.Stderr, ...): there is
// nowhere left to report it. Results on stdout are written with their errors checked.
func diagf(w io.Writer, format string, args ...any) {
	_, _ = fmt.Fprintf(w, format, args...)
}

// connectorOutput is a connector in Graph's JSON shape, with secrets masked.
type connectorOutput struct {
	ID                          string `json:"id"`
	DisplayName                 string `json:"displayName,omitempty"`
	TargetURL                   string `json:"targetUrl,omitempty"`
	AuthenticationConfiguration any    `json:"authenticationConfiguration,omitempty"`
}

type basicOutput struct {
	ODataType string `json:"@odata.type"`
	Username  string `json:"username"`
	Password  string `json:"password"`
}

type certificatesOutput struct {
	ODataType       string              `json:"@odata.type"`
	CertificateList []certificateOutput `json:"certificateList"`
}

type certificateOutput struct {
	Thumbprint string `json:"thumbprint"`
	NotBefore  int64  `json:"notBefore"`
	NotAfter   int64  `json:"notAfter"`
	IsActive   bool   `json:"isActive"`
}

type unknownAuthOutput struct {
	ODataType string `json:"@odata.type"`
}

func toOutput(c client.Connector) connectorOutput {
	out := connectorOutput{ID: c.ID, DisplayName: c.DisplayName, TargetURL: c.TargetURL}
	switch a := c.Auth.(type) {
	case client.BasicAuth:
		out.AuthenticationConfiguration = basicOutput{ODataType: a.ODataType(), Username: a.Username, Password: secret.Mask}
	case client.ClientCertificates:
		list := make([]certificateOutput, 0, len(a.Certificates))
		for _, cert := range a.Certificates {
			list = append(list, certificateOutput{Thumbprint: cert.Thumbprint, NotBefore: cert.NotBefore.Unix(), NotAfter: cert.NotAfter.Unix(), IsActive: cert.IsActive})
		}
		out.AuthenticationConfiguration = certificatesOutput{ODataType: a.ODataType(), CertificateList: list}
	case client.UnknownAuth:
		// Only the type: a kind this version does not know may hold anything.
		out.AuthenticationConfiguration = unknownAuthOutput{ODataType: a.Type}
	}
	return out
}

// printConnectors writes connectors as JSON (one object, or an array for a list) or a table.
func printConnectors(w io.Writer, format string, asList bool, cs ...client.Connector) error {
	if format == "table" {
		return printTable(w, cs)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false) // placeholders such as <USERNAME> stay readable
	if !asList && len(cs) == 1 {
		return enc.Encode(toOutput(cs[0]))
	}
	outs := make([]connectorOutput, 0, len(cs))
	for _, c := range cs {
		outs = append(outs, toOutput(c))
	}
	return enc.Encode(outs)
}

func printTable(w io.Writer, cs []client.Connector) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	if _, err := fmt.Fprintln(tw, "ID\tDISPLAY NAME\tTARGET URL\tAUTHENTICATION"); err != nil {
		return err
	}
	for _, c := range cs {
		if _, err := fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", c.ID, c.DisplayName, c.TargetURL, authSummary(c.Auth)); err != nil {
			return err
		}
	}
	return tw.Flush()
}

func authSummary(a client.Auth) string {
	switch a := a.(type) {
	case client.BasicAuth:
		return "basic (" + a.Username + ")"
	case client.ClientCertificates:
		var active []string
		for _, c := range a.Certificates {
			if c.IsActive {
				active = append(active, c.Thumbprint)
			}
		}
		return fmt.Sprintf("certificates (%d, active %s)", len(a.Certificates), strings.Join(active, ","))
	case client.UnknownAuth:
		return a.Type
	case nil:
		return "-"
	default:
		return a.ODataType()
	}
}

// printJSON writes v on stdout as indented JSON, placeholders such as <USERNAME> unescaped.
func (c *command) printJSON(v any) int {
	enc := json.NewEncoder(c.stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		diagf(c.stderr, "apiconnector %s: %v\n", c.spec.name, err)
		return exitViolation
	}
	return exitOK
}

// printRows writes a table with a header row on stdout, as list does.
func (c *command) printRows(header []string, rows [][]string) int {
	tw := tabwriter.NewWriter(c.stdout, 0, 4, 2, ' ', 0)
	_, err := fmt.Fprintln(tw, strings.Join(header, "\t"))
	for _, row := range rows {
		if err == nil {
			_, err = fmt.Fprintln(tw, strings.Join(row, "\t"))
		}
	}
	if err == nil {
		err = tw.Flush()
	}
	if err != nil {
		diagf(c.stderr, "apiconnector %s: %v\n", c.spec.name, err)
		return exitViolation
	}
	return exitOK
}
