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
	fs.StringVar(&a.username, "username", "", "basic authentication user name")
	fs.BoolVar(&a.passwordStdin, "password-stdin", false, "read the basic authentication password from standard input (or set "+envPassword+")")
	fs.StringVar(&a.pkcs12File, "pkcs12-file", "", "path of a PKCS 12 (.pfx) client certificate")
	fs.BoolVar(&a.pkcs12PasswordStdin, "pkcs12-password-stdin", false, "read the .pfx password from standard input (or set "+envPKCS12Password+"; none means no password)")
}

// auth builds the authentication the flags describe; nil when they describe none.
func (a *authFlags) auth(stdin io.Reader) (client.Auth, error) {
	if a.passwordStdin && a.pkcs12PasswordStdin {
		return nil, errors.New("only one password can come from standard input")
	}
	switch {
	case a.username != "" && a.pkcs12File != "":
		return nil, errors.New("choose --username (basic) or --pkcs12-file (certificate), not both")
	case a.username != "":
		password, found, err := readSecret(a.passwordStdin, envPassword, stdin)
		if err != nil {
			return nil, err
		}
		if !found {
			return nil, fmt.Errorf("basic authentication needs a password: pass --password-stdin or set %s", envPassword)
		}
		return client.BasicAuth{Username: a.username, Password: password}, nil
	case a.pkcs12File != "":
		pfx, err := readPFX(a.pkcs12File)
		if err != nil {
			return nil, err
		}
		password, _, err := readSecret(a.pkcs12PasswordStdin, envPKCS12Password, stdin)
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

// command is what every Graph subcommand shares: its flags, client and output.
type command struct {
	name   string
	flags  *flag.FlagSet
	common commonFlags
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
}

func newCommand(name string, stdin io.Reader, stdout, stderr io.Writer) *command {
	c := &command{name: name, flags: flag.NewFlagSet(name, flag.ContinueOnError), stdin: stdin, stdout: stdout, stderr: stderr}
	c.common.register(c.flags)
	return c
}

// parse parses args and checks that exactly want positional arguments (named in usage) are there.
func (c *command) parse(args []string, want int, usage string) ([]string, int) {
	c.flags.Usage = func() {
		diagf(c.stderr, "usage: apiconnector %s %s\n", c.name, usage)
		c.flags.PrintDefaults()
	}
	positional, err := parseFlags(c.flags, args, c.stderr)
	if errors.Is(err, flag.ErrHelp) {
		return nil, exitOK
	}
	if err != nil {
		diagf(c.stderr, "apiconnector %s: %v\n", c.name, err)
		return nil, exitUsage
	}
	if err := c.common.check(); err != nil {
		diagf(c.stderr, "apiconnector %s: %v\n", c.name, err)
		return nil, exitUsage
	}
	if len(positional) != want {
		c.flags.Usage()
		return nil, exitUsage
	}
	return positional, -1
}

// prepare parses args and builds the client, for commands that need nothing in between.
// A code of 0 or more means: stop and exit with it.
func (c *command) prepare(args []string, want int, usage string) ([]string, *client.Client, int) {
	positional, code := c.parse(args, want, usage)
	if code >= 0 {
		return nil, nil, code
	}
	cl, code := c.client()
	return positional, cl, code
}

func (c *command) client() (*client.Client, int) {
	cl, err := newClient(c.common, c.stderr)
	if err != nil {
		diagf(c.stderr, "apiconnector %s: %v\n", c.name, err)
		return nil, exitUsage
	}
	return cl, -1
}

func (c *command) fail(format string, args ...any) int {
	diagf(c.stderr, "apiconnector %s: %s\n", c.name, fmt.Sprintf(format, args...))
	return exitUsage
}

func (c *command) print(asList bool, cs ...client.Connector) int {
	if err := printConnectors(c.stdout, c.common.output, asList, cs...); err != nil {
		diagf(c.stderr, "apiconnector %s: %v\n", c.name, err)
		return exitViolation
	}
	return exitOK
}

func runCreate(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	c := newCommand("create", stdin, stdout, stderr)
	displayName := c.flags.String("display-name", "", "name of the API connector (required)")
	targetURL := c.flags.String("target-url", "", "absolute URL of the API to call (required)")
	var af authFlags
	af.register(c.flags)
	if _, code := c.parse(args, 0, "--display-name NAME --target-url URL (--username USER --password-stdin | --pkcs12-file FILE [--pkcs12-password-stdin]) [flags]"); code >= 0 {
		return code
	}
	auth, err := af.auth(stdin)
	if err != nil {
		return c.fail("%v", err)
	}
	if auth == nil {
		return c.fail("authentication is required: --username with --password-stdin, or --pkcs12-file")
	}
	cl, code := c.client()
	if cl == nil {
		return code
	}
	created, err := cl.Create(ctx, client.Connector{DisplayName: *displayName, TargetURL: *targetURL, Auth: auth})
	if err != nil {
		return printError(stderr, err)
	}
	return c.print(false, created)
}

func runUpdate(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	c := newCommand("update", stdin, stdout, stderr)
	var displayName, targetURL optionalString
	c.flags.Var(&displayName, "display-name", "new name")
	c.flags.Var(&targetURL, "target-url", "new absolute URL of the API to call")
	var af authFlags
	af.register(c.flags)
	positional, code := c.parse(args, 1, "ID [--display-name NAME] [--target-url URL] [--username USER --password-stdin | --pkcs12-file FILE [--pkcs12-password-stdin]] [flags]")
	if code >= 0 {
		return code
	}
	auth, err := af.auth(stdin)
	if err != nil {
		return c.fail("%v", err)
	}
	cl, code := c.client()
	if cl == nil {
		return code
	}
	update := client.ConnectorUpdate{DisplayName: displayName.value, TargetURL: targetURL.value, Auth: auth}
	if err := cl.Update(ctx, positional[0], update); err != nil {
		return printError(stderr, err)
	}
	updated, err := cl.Get(ctx, positional[0])
	if err != nil {
		return printError(stderr, err)
	}
	return c.print(false, updated)
}

func runGet(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	c := newCommand("get", stdin, stdout, stderr)
	positional, cl, code := c.prepare(args, 1, "ID [flags]")
	if cl == nil {
		return code
	}
	got, err := cl.Get(ctx, positional[0])
	if err != nil {
		return printError(stderr, err)
	}
	return c.print(false, got)
}

func runDelete(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	c := newCommand("delete", stdin, stdout, stderr)
	positional, cl, code := c.prepare(args, 1, "ID [flags]")
	if cl == nil {
		return code
	}
	if err := cl.Delete(ctx, positional[0]); err != nil {
		return printError(stderr, err)
	}
	diagf(stderr, "deleted %s\n", positional[0])
	return exitOK
}

func runList(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	c := newCommand("list", stdin, stdout, stderr)
	top := c.flags.Int("top", 0, "return at most this many connectors (0: all)")
	filter := c.flags.String("filter", "", "OData filter, e.g. \"displayName eq 'Test API'\" or \"startswith(displayName,'Test')\"")
	selectFlag := c.flags.String("select", "", "comma-separated properties to return (id is always returned)")
	if _, code := c.parse(args, 0, "[--top N] [--filter EXPR] [--select a,b] [flags]"); code >= 0 {
		return code
	}
	if *top < 0 {
		return c.fail("--top must not be negative")
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
			return printError(stderr, err)
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
	file := c.flags.String("pkcs12-file", "", "path of the PKCS 12 (.pfx) certificate (required)")
	passwordStdin := c.flags.Bool("pkcs12-password-stdin", false, "read the .pfx password from standard input (or set "+envPKCS12Password+"; none means no password)")
	positional, code := c.parse(args, 1, "ID --pkcs12-file FILE [--pkcs12-password-stdin] [flags]")
	if code >= 0 {
		return code
	}
	if *file == "" {
		return c.fail("--pkcs12-file is required")
	}
	pfx, err := readPFX(*file)
	if err != nil {
		return c.fail("%v", err)
	}
	password, _, err := readSecret(*passwordStdin, envPKCS12Password, stdin)
	if err != nil {
		return c.fail("%v", err)
	}
	cl, code := c.client()
	if cl == nil {
		return code
	}
	updated, err := cl.UploadClientCertificate(ctx, positional[0], pfx, password)
	if err != nil {
		return printError(stderr, err)
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
