package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"github.com/Azure/azure-sdk-for-go/sdk/azidentity"

	"github.com/graph-apiconnector/apiconnector/client"
	"github.com/graph-apiconnector/apiconnector/fake"
)

// envToken carries a bearer token for --base-url targets that do not take Microsoft
// identity tokens, such as `apiconnector serve`.
const envToken = "APICONNECTOR_TOKEN"

// userAgent names the command in Graph's logs.
const userAgent = "apiconnector-cli"

// errNoTokenSource is --base-url without a token for it: a Microsoft identity token goes to
// another host only when the user names that host.
var errNoTokenSource = errors.New("--base-url has no token: set " + envToken + " to the bearer token the endpoint takes, or name its host with --trust-host HOST to send it a Microsoft identity token")

// newClient builds the client a subcommand talks through: an in-process fake with --fake,
// any Graph-compatible endpoint with --base-url, else Microsoft Graph in the chosen cloud
// with azidentity's DefaultAzureCredential (environment, managed identity or Azure CLI).
// --base-url takes APICONNECTOR_TOKEN, or the credential's token when --trust-host names
// its host.
func newClient(cf commonFlags, stderr io.Writer) (*client.Client, error) {
	cloud, err := client.ParseCloud(cf.cloud)
	if err != nil {
		return nil, &flagValueError{flag: "--cloud", err: err}
	}
	opts := []client.Option{
		client.WithCloud(cloud),
		client.WithUserAgent(userAgent),
	}
	// The client checks these values; each is tried alone so its error names its flag.
	for _, f := range []struct {
		name string
		set  bool
		opt  client.Option
	}{
		{"--api-version", true, client.WithAPIVersion(cf.apiVersion)},
		{"--base-url", cf.baseURL != "", client.WithBaseURL(cf.baseURL)},
	} {
		if !f.set {
			continue
		}
		if _, err := client.New(f.opt, client.WithStaticToken("check")); err != nil {
			return nil, &flagValueError{flag: f.name, err: err}
		}
		opts = append(opts, f.opt)
	}
	if cf.verbose {
		logger := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))
		opts = append(opts, client.WithLogger(logger))
	}
	switch {
	case cf.fake:
		server := fake.New()
		opts = append(opts,
			client.WithHTTPClient(&http.Client{Transport: server.Transport()}),
			client.WithStaticToken("fake-token"))
	case cf.baseURL != "":
		if token, ok := os.LookupEnv(envToken); ok {
			knownTo(stderr).addText(token)
			opts = append(opts, client.WithStaticToken(token))
			break
		}
		// Without a token of its own, the endpoint gets a Microsoft identity token only when
		// --trust-host names its host. That is checked before a credential exists, so
		// nothing asks for a token.
		if cf.trustHost == "" {
			return nil, &credentialError{err: errNoTokenSource}
		}
		if _, err := client.New(client.WithTrustedHost(cf.trustHost), client.WithStaticToken("check")); err != nil {
			return nil, &flagValueError{flag: "--trust-host", err: err}
		}
		opts = append(opts, client.WithTrustedHost(cf.trustHost))
		if err := checkTrustedHost(opts, cf.trustHost); err != nil {
			return nil, err
		}
		cred, err := azidentity.NewDefaultAzureCredential(nil)
		if err != nil {
			return nil, &credentialError{err: err}
		}
		opts = append(opts, client.WithCredential(reportingCredential{cred}))
	default:
		cred, err := azidentity.NewDefaultAzureCredential(nil)
		if err != nil {
			return nil, &credentialError{err: err}
		}
		opts = append(opts, client.WithCredential(reportingCredential{cred}))
	}
	return client.New(opts...)
}

// credentialError is a token that could not be had: exit code exitCredential, not a Graph error.
type credentialError struct{ err error }

func (e *credentialError) Error() string { return "could not get a credential: " + e.err.Error() }
func (e *credentialError) Unwrap() error { return e.err }

// reportingCredential marks its failures as credentialErrors, which the client passes on
// wrapped.
type reportingCredential struct{ azcore.TokenCredential }

func (r reportingCredential) GetToken(ctx context.Context, opts policy.TokenRequestOptions) (azcore.AccessToken, error) {
	tok, err := r.TokenCredential.GetToken(ctx, opts)
	if err != nil {
		return tok, &credentialError{err: err}
	}
	return tok, nil
}

// checkTrustedHost fails, before any token is asked for, when --trust-host names another
// host than the base URL's, which would then not receive the token.
func checkTrustedHost(opts []client.Option, trustHost string) error {
	_, err := client.New(append(opts, client.WithCredential(noCredential{}))...)
	var untrusted *client.UntrustedHostError
	if errors.As(err, &untrusted) {
		return &flagValueError{flag: "--trust-host", err: fmt.Errorf("%s is not the host of --base-url (%s)", trustHost, untrusted.Host)}
	}
	return err
}

// noCredential stands in for the credential while the host is checked; it is never asked.
type noCredential struct{}

func (noCredential) GetToken(context.Context, policy.TokenRequestOptions) (azcore.AccessToken, error) {
	return azcore.AccessToken{}, errors.New("no credential")
}
