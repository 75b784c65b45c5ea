package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/graph-apiconnector/apiconnector/contract"
	"github.com/graph-apiconnector/apiconnector/fake"

	"example.com/consumer/graph"
)

// fakeGraph serves the project's fake Graph over a real socket, so the generated client's
// traffic goes on the wire as it would to Graph.
func fakeGraph(t *testing.T) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(fake.New())
	t.Cleanup(srv.Close)
	return srv
}

func bearer(token string) graph.RequestEditorFn {
	return func(_ context.Context, req *http.Request) error {
		req.Header.Set("Authorization", "Bearer "+token)
		return nil
	}
}

// The documented create (Example 1 of identityApiConnector-create), sent by the generated
// client, with every exchange checked against the contract in both directions.
func TestDocumentedCreateWithGeneratedClient(t *testing.T) {
	srv := fakeGraph(t)
	validating, err := contract.NewTransport(srv.Client().Transport)
	if err != nil {
		t.Fatal(err)
	}
	c, err := graph.NewClientWithResponses(srv.URL+"/v1.0",
		graph.WithHTTPClient(&http.Client{Transport: validating}), graph.WithRequestEditorFn(bearer("any")))
	if err != nil {
		t.Fatal(err)
	}

	var auth graph.ApiAuthenticationConfigurationRequest
	if err := auth.FromBasicAuthentication(graph.BasicAuthentication{Username: "<USERNAME>", Password: "<PASSWORD>"}); err != nil {
		t.Fatal(err)
	}
	resp, err := c.CreateApiConnectorWithResponse(context.Background(), graph.IdentityApiConnectorCreate{
		DisplayName:                 "Test API",
		TargetUrl:                   "https://someapi.com/api",
		AuthenticationConfiguration: auth,
	})
	if err != nil {
		t.Fatal(err)
	}

	if resp.StatusCode() != http.StatusCreated {
		t.Fatalf("status %d, want 201; body %s", resp.StatusCode(), resp.Body)
	}
	created := resp.JSON201
	if created == nil || created.Id == "" || deref(created.DisplayName) != "Test API" || deref(created.TargetUrl) != "https://someapi.com/api" {
		t.Fatalf("created connector %+v does not echo the request", created)
	}
	if created.AuthenticationConfiguration == nil {
		t.Fatal("created connector has no authenticationConfiguration")
	}
	basic, err := created.AuthenticationConfiguration.AsBasicAuthenticationMasked()
	if err != nil {
		t.Fatal(err)
	}
	if basic.OdataType != graph.BasicAuthenticationMaskedODataTypeValue || deref(basic.Username) != "<USERNAME>" {
		t.Errorf("authentication %+v, want basic for <USERNAME>", basic)
	}
	if deref(basic.Password) != "******" {
		t.Errorf("password %q, want the mask ******", deref(basic.Password))
	}

	if n := len(validating.Exchanges()); n != 1 {
		t.Errorf("%d exchanges went through the validator, want 1", n)
	}
	for _, ex := range validating.Invalid() {
		t.Errorf("%s %s -> %d breaks the contract: request %v, response %v", ex.Method, ex.Path, ex.Status, ex.Request.Violations, ex.Response.Violations)
	}
}

// The program as a user runs it: flags, password on stdin, the masked connector on stdout.
func TestRunPrintsMaskedConnector(t *testing.T) {
	t.Setenv("GRAPH_TOKEN", "any")
	srv := fakeGraph(t)
	var out bytes.Buffer
	err := run(context.Background(),
		[]string{"-base-url", srv.URL + "/v1.0", "-display-name", "Test API", "-target-url", "https://someapi.com/api", "-username", "<USERNAME>"},
		strings.NewReader("<PASSWORD>\n"), &out)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(out.String(), "<PASSWORD>") {
		t.Fatalf("output carries the password:\n%s", out.String())
	}
	var printed struct {
		DisplayName string `json:"displayName"`
		Auth        struct {
			Type     string `json:"@odata.type"`
			Password string `json:"password"`
		} `json:"authenticationConfiguration"`
	}
	if err := json.Unmarshal(out.Bytes(), &printed); err != nil {
		t.Fatalf("output is not the connector as JSON: %v\n%s", err, out.String())
	}
	if printed.DisplayName != "Test API" || printed.Auth.Type != "#microsoft.graph.basicAuthentication" || printed.Auth.Password != "******" {
		t.Errorf("printed %+v, want Test API with basic authentication, password ******", printed)
	}
}

// Graph's error code reaches the user when the fake refuses the create.
func TestRunReportsGraphError(t *testing.T) {
	t.Setenv("GRAPH_TOKEN", "any")
	srv := fakeGraph(t)
	err := run(context.Background(),
		[]string{"-base-url", srv.URL + "/v1.0", "-display-name", "Test API", "-target-url", "not a url", "-username", "u"},
		strings.NewReader("p\n"), &bytes.Buffer{})
	if err == nil || !strings.Contains(err.Error(), "400") {
		t.Fatalf("err = %v, want the fake's 400", err)
	}
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
