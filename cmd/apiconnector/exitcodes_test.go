package main

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graph-apiconnector/apiconnector/client"
	"github.com/graph-apiconnector/apiconnector/fake"
)

func TestBaseURLWithoutATokenGivesOneShortError(t *testing.T) {
	var requests atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { requests.Add(1) }))
	defer srv.Close()
	t.Setenv(envToken, "")
	require.NoError(t, os.Unsetenv(envToken))

	code, stdout, stderr := runWithStdin("", "list", "--base-url", srv.URL)
	assert.Equal(t, exitCredential, code)
	assert.Empty(t, stdout)
	assert.Equal(t, 1, strings.Count(stderr, "\n"), "one line: %s", stderr)
	assert.Contains(t, stderr, envToken)
	assert.Contains(t, stderr, "--trust-host HOST")
	assert.Zero(t, requests.Load(), "nothing is sent")
}

type failingCredential struct{}

func (failingCredential) GetToken(context.Context, policy.TokenRequestOptions) (azcore.AccessToken, error) {
	return azcore.AccessToken{}, errors.New("no managed identity endpoint")
}

// TestExitCodesTellGraphErrorsFromCredentialFailures: a Graph error, a credential that
// gives no token and a bad input each have their own exit code.
func TestExitCodesTellGraphErrorsFromCredentialFailures(t *testing.T) {
	server := fake.New()
	newGet := func(t *testing.T, cred azcore.TokenCredential) (*command, *client.Client) {
		t.Helper()
		c := newCommand("get", strings.NewReader(""), io.Discard, io.Discard)
		cl, err := client.New(client.WithHTTPClient(&http.Client{Transport: server.Transport()}), client.WithCredential(cred))
		require.NoError(t, err)
		return c, cl
	}

	c, cl := newGet(t, reportingCredential{failingCredential{}})
	_, err := cl.Get(context.Background(), "some-id")
	require.Error(t, err)
	assert.Equal(t, exitCredential, c.printError(err, idFields))
	assert.Zero(t, server.Requests(), "no request without a token")

	code, _, _ := runWithStdin("", "get", "--fake", "no-such-id")
	assert.Equal(t, exitGraphError, code)

	code, _, _ = runWithStdin("", "get", "--fake", "..")
	assert.Equal(t, exitUsage, code)

	assert.ElementsMatch(t, []int{exitOK, exitViolation, exitUsage, exitGraphError, exitCredential, exitChangesPending},
		[]int{0, 1, 2, 3, 4, 5}, "the codes are distinct")
	for _, code := range []int{exitViolation, exitUsage, exitGraphError, exitCredential, exitChangesPending} {
		assert.Contains(t, exitCodesHelp, "\n  "+string(rune('0'+code))+"  ", "the usage documents exit code %d", code)
	}
}
