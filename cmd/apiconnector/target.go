package main

import (
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"

	"github.com/Azure/azure-sdk-for-go/sdk/azidentity"

	"github.com/graph-apiconnector/apiconnector/client"
	"github.com/graph-apiconnector/apiconnector/fake"
)

// envToken carries a bearer token for --base-url targets that do not take Microsoft
// identity tokens, such as `apiconnector serve`.
const envToken = "APICONNECTOR_TOKEN"

// userAgent names the command in Graph's logs.
const userAgent = "apiconnector-cli"

// newClient builds the client a subcommand talks through: an in-process fake with --fake,
// any Graph-compatible endpoint with --base-url, else Microsoft Graph in the chosen cloud
// with azidentity's DefaultAzureCredential (environment, managed identity or Azure CLI).
func newClient(cf commonFlags, stderr io.Writer) (*client.Client, error) {
	cloud, err := client.ParseCloud(cf.cloud)
	if err != nil {
		return nil, err
	}
	opts := []client.Option{
		client.WithCloud(cloud),
		client.WithAPIVersion(cf.apiVersion),
		client.WithUserAgent(userAgent),
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
		opts = append(opts, client.WithBaseURL(cf.baseURL))
		if token, ok := os.LookupEnv(envToken); ok {
			opts = append(opts, client.WithStaticToken(token))
		} else {
			cred, err := azidentity.NewDefaultAzureCredential(nil)
			if err != nil {
				return nil, fmt.Errorf("no credential for %s (set %s for endpoints that take any token): %w", cf.baseURL, envToken, err)
			}
			opts = append(opts, client.WithCredential(cred))
		}
	default:
		cred, err := azidentity.NewDefaultAzureCredential(nil)
		if err != nil {
			return nil, fmt.Errorf("no Azure credential found (sign in with the Azure CLI, or set AZURE_TENANT_ID, AZURE_CLIENT_ID and a secret or certificate): %w", err)
		}
		opts = append(opts, client.WithCredential(cred))
	}
	return client.New(opts...)
}
