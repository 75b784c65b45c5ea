package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/graph-apiconnector/apiconnector/client"
)

// maxPFXBytes bounds the .pfx file read from disk; real ones are a few KiB.
const maxPFXBytes = 1 << 20

// authFlags are the authentication inputs of create and update. Secrets come only from
// standard input, the environment or a file, never from arguments.
type authFlags struct {
	username            string
	passwordStdin       bool
	pkcs12File          string
	pkcs12PasswordStdin bool
}

func (a *authFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&a.username, "username", "", "basic authentication `USER` name")
	fs.BoolVar(&a.passwordStdin, "password-stdin", false, "read the basic authentication password from standard input (or set "+envPassword+")")
	fs.StringVar(&a.pkcs12File, "pkcs12-file", "", "`path` of a PKCS 12 (.pfx) client certificate")
	fs.BoolVar(&a.pkcs12PasswordStdin, "pkcs12-password-stdin", false, "read the .pfx password from standard input (or set "+envPKCS12Password+"; none means no password)")
}

// auth builds the authentication the flags describe; nil when they describe none.
func (a *authFlags) auth(stdin io.Reader) (client.Auth, error) {
	if a.passwordStdin && a.pkcs12PasswordStdin {
		return nil, errors.New("--password-stdin and --pkcs12-password-stdin: only one password can come from standard input")
	}
	switch {
	case a.username != "" && a.pkcs12File != "":
		return nil, errors.New("choose --username (basic) or --pkcs12-file (certificate), not both")
	case a.username != "":
		// A missing password is the client's to report, under --password-stdin.
		password, err := readSecret(a.passwordStdin, envPassword, stdin)
		if err != nil {
			return nil, err
		}
		return client.BasicAuth{Username: a.username, Password: password}, nil
	case a.pkcs12File != "":
		pfx, err := readPFX(a.pkcs12File)
		if err != nil {
			return nil, err
		}
		knownTo(stdin).addBlob(pfx)
		password, err := readSecret(a.pkcs12PasswordStdin, envPKCS12Password, stdin)
		if err != nil {
			return nil, err
		}
		return client.PKCS12{Value: pfx, Password: password}, nil
	case a.passwordStdin:
		return nil, errors.New("--password-stdin needs --username")
	case a.pkcs12PasswordStdin:
		return nil, errors.New("--pkcs12-password-stdin needs --pkcs12-file")
	}
	return nil, nil
}

func readPFX(path string) ([]byte, error) {
	f, err := os.Open(path) //nolint:gosec // the user names the file to upload
	if err != nil {
		return nil, fmt.Errorf("read --pkcs12-file: %w", err)
	}
	defer func() { _ = f.Close() }() // opened read-only: a Close error cannot lose data
	data, err := io.ReadAll(io.LimitReader(f, maxPFXBytes+1))
	if err != nil {
		return nil, fmt.Errorf("read --pkcs12-file %s: %w", path, err)
	}
	if len(data) > maxPFXBytes {
		return nil, fmt.Errorf("--pkcs12-file %s is larger than %d bytes", path, maxPFXBytes)
	}
	return data, nil
}

// connectorFields names the flags behind the client's FieldErrors of a create or update.
// The .pfx password and the basic password share the client's field name.
func connectorFields(auth client.Auth) fieldFlags {
	password := flagName{flag: "--password-stdin", problem: "is required (or set " + envPassword + ")"}
	if _, ok := auth.(client.PKCS12); ok {
		password = flagName{flag: "--pkcs12-password-stdin"}
	}
	return fieldFlags{
		"id":               {flag: "connector ID"},
		"displayName":      {flag: "--display-name"},
		"targetUrl":        {flag: "--target-url"},
		"auth":             {flag: "--username or --pkcs12-file", problem: "authentication is required: --username with --password-stdin, or --pkcs12-file"},
		"auth.username":    {flag: "--username"},
		"auth.password":    password,
		"auth.pkcs12Value": {flag: "--pkcs12-file"},
		"update":           {problem: "nothing to change: give --display-name, --target-url or authentication flags"},
	}
}

// idFields names the connector ID argument for the client's "id" field.
var idFields = fieldFlags{"id": {flag: "connector ID"}}

func runCreate(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	c := newCommand("create", stdin, stdout, stderr)
	displayName := c.flags.String("display-name", "", "`NAME` of the API connector (required)")
	targetURL := c.flags.String("target-url", "", "absolute `URL` of the API to call (required)")
	var af authFlags
	af.register(c.flags)
	if _, code := c.parse(args); code >= 0 {
		return code
	}
	auth, err := af.auth(stdin)
	if err != nil {
		return c.fail(err)
	}
	cl, code := c.client()
	if cl == nil {
		return code
	}
	created, err := cl.Create(ctx, client.Connector{DisplayName: *displayName, TargetURL: *targetURL, Auth: auth})
	if err != nil {
		return c.printError(err, connectorFields(auth))
	}
	return c.print(false, created)
}

func runUpdate(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	c := newCommand("update", stdin, stdout, stderr)
	var displayName, targetURL optionalString
	c.flags.Var(&displayName, "display-name", "new `NAME`")
	c.flags.Var(&targetURL, "target-url", "new absolute `URL` of the API to call")
	var af authFlags
	af.register(c.flags)
	positional, code := c.parse(args)
	if code >= 0 {
		return code
	}
	auth, err := af.auth(stdin)
	if err != nil {
		return c.fail(err)
	}
	cl, code := c.client()
	if cl == nil {
		return code
	}
	update := client.ConnectorUpdate{DisplayName: displayName.value, TargetURL: targetURL.value, Auth: auth}
	if err := cl.Update(ctx, positional[0], update); err != nil {
		return c.printError(err, connectorFields(auth))
	}
	updated, err := cl.Get(ctx, positional[0])
	if err != nil {
		return c.printError(err, idFields)
	}
	return c.print(false, updated)
}

func runGet(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	c := newCommand("get", stdin, stdout, stderr)
	positional, cl, code := c.prepare(args)
	if cl == nil {
		return code
	}
	got, err := cl.Get(ctx, positional[0])
	if err != nil {
		return c.printError(err, idFields)
	}
	return c.print(false, got)
}

// deleteOutput is what delete prints: the connector it removed.
type deleteOutput struct {
	ID      string `json:"id"`
	Deleted bool   `json:"deleted"`
}

func runDelete(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	c := newCommand("delete", stdin, stdout, stderr)
	positional, cl, code := c.prepare(args)
	if cl == nil {
		return code
	}
	if err := cl.Delete(ctx, positional[0]); err != nil {
		return c.printError(err, idFields)
	}
	out := deleteOutput{ID: positional[0], Deleted: true}
	if c.common.output == "table" {
		return c.printRows([]string{"ID", "RESULT"}, [][]string{{out.ID, "deleted"}})
	}
	return c.printJSON(out)
}

func runList(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	c := newCommand("list", stdin, stdout, stderr)
	top := c.flags.Int("top", 0, "return at most `N` connectors (0: all)")
	filter := c.flags.String("filter", "", "OData filter `EXPR`, e.g. \"displayName eq 'Test API'\" or \"startswith(displayName,'Test')\"")
	selectFlag := c.flags.String("select", "", "comma-separated `properties` to return (id is always returned)")
	if _, code := c.parse(args); code >= 0 {
		return code
	}
	cl, code := c.client()
	if cl == nil {
		return code
	}
	opts := client.ListOptions{Top: *top, Filter: *filter}
	if *selectFlag != "" {
		opts.Select = strings.Split(*selectFlag, ",")
	}
	var all []client.Connector
	for conn, err := range cl.List(ctx, opts) {
		if err != nil {
			return c.printError(err, fieldFlags{"top": {flag: "--top"}, "select": {flag: "--select"}})
		}
		all = append(all, conn)
		if *top > 0 && len(all) == *top {
			break
		}
	}
	return c.print(true, all...)
}

func runUploadCert(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	c := newCommand("upload-cert", stdin, stdout, stderr)
	file := c.flags.String("pkcs12-file", "", "`path` of the PKCS 12 (.pfx) certificate (required)")
	passwordStdin := c.flags.Bool("pkcs12-password-stdin", false, "read the .pfx password from standard input (or set "+envPKCS12Password+"; none means no password)")
	positional, code := c.parse(args)
	if code >= 0 {
		return code
	}
	var pfx []byte
	if *file != "" {
		var err error
		if pfx, err = readPFX(*file); err != nil {
			return c.fail(err)
		}
		knownTo(stdin).addBlob(pfx)
	}
	password, err := readSecret(*passwordStdin, envPKCS12Password, stdin)
	if err != nil {
		return c.fail(err)
	}
	cl, code := c.client()
	if cl == nil {
		return code
	}
	updated, err := cl.UploadClientCertificate(ctx, positional[0], pfx, password)
	if err != nil {
		return c.printError(err, fieldFlags{"id": {flag: "connector ID"}, "pfx": {flag: "--pkcs12-file"}, "password": {flag: "--pkcs12-password-stdin"}})
	}
	return c.print(false, updated)
}

// optionalString is a flag that records whether it was given, so update sends only what
// the user set.
type optionalString struct{ value *string }

func (o *optionalString) String() string {
	if o.value == nil {
		return ""
	}
	return *o.value
}

func (o *optionalString) Set(s string) error {
	o.value = &s
	return nil
}
