package client_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graph-apiconnector/apiconnector/client"
	"github.com/graph-apiconnector/apiconnector/internal/testpfx"
)

func ptr[T any](v T) *T { return &v }

// requireJSON asserts a request body equals want, as JSON.
func requireJSON(t *testing.T, want string, got []byte) {
	t.Helper()
	require.JSONEq(t, want, string(got))
}

// requireFirstKey asserts the first key of an object: Graph's examples, and this client,
// put @odata.type first.
func requireFirstKey(t *testing.T, object []byte, key string) {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(object))
	tok, err := dec.Token()
	require.NoError(t, err)
	require.Equal(t, json.Delim('{'), tok)
	tok, err = dec.Token()
	require.NoError(t, err)
	require.Equal(t, key, tok)
}

func TestCreateRequestShape(t *testing.T) {
	pfx := validPFX(t)
	pfxBytes := pfx.Data
	noPasswordPFX := testpfx.Valid(t, "")
	tests := []struct {
		name     string
		auth     client.Auth
		wantBody string
	}{
		{
			name: "basic",
			auth: client.BasicAuth{Username: "MyUsername", Password: "MyPassword"},
			wantBody: `{"displayName":"Test API","targetUrl":"https://someapi.com/api",
				"authenticationConfiguration":{"@odata.type":"#microsoft.graph.basicAuthentication","username":"MyUsername","password":"MyPassword"}}`,
		},
		{
			name: "basic by pointer",
			auth: &client.BasicAuth{Username: "MyUsername", Password: "MyPassword"},
			wantBody: `{"displayName":"Test API","targetUrl":"https://someapi.com/api",
				"authenticationConfiguration":{"@odata.type":"#microsoft.graph.basicAuthentication","username":"MyUsername","password":"MyPassword"}}`,
		},
		{
			name: "pkcs12",
			auth: client.PKCS12{Value: pfxBytes, Password: pfx.Password},
			wantBody: fmt.Sprintf(`{"displayName":"Test API","targetUrl":"https://someapi.com/api",
				"authenticationConfiguration":{"@odata.type":"#microsoft.graph.pkcs12Certificate","pkcs12Value":%q,"password":%q}}`,
				base64.StdEncoding.EncodeToString(pfxBytes), pfx.Password),
		},
		{
			name: "pkcs12 without password",
			auth: client.PKCS12{Value: noPasswordPFX.Data},
			wantBody: fmt.Sprintf(`{"displayName":"Test API","targetUrl":"https://someapi.com/api",
				"authenticationConfiguration":{"@odata.type":"#microsoft.graph.pkcs12Certificate","pkcs12Value":%q,"password":""}}`,
				base64.StdEncoding.EncodeToString(noPasswordPFX.Data)),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := newGraph(t, func(w http.ResponseWriter, _ *http.Request, _ int) {
				writeJSON(w, http.StatusCreated, basicConnectorJSON)
			})
			c, _ := newClient(t, g)

			got, err := c.Create(context.Background(), client.Connector{DisplayName: "Test API", TargetURL: "https://someapi.com/api", Auth: tt.auth})
			require.NoError(t, err)

			reqs := g.requests()
			require.Len(t, reqs, 1)
			assert.Equal(t, http.MethodPost, reqs[0].Method)
			assert.Equal(t, basePath+"/v1.0/identity/apiConnectors", reqs[0].Path)
			assert.Equal(t, "application/json", reqs[0].Header.Get("Content-Type"))
			assert.Equal(t, "Bearer "+testToken, reqs[0].Header.Get("Authorization"))
			requireJSON(t, tt.wantBody, reqs[0].Body)
			var body struct {
				Auth json.RawMessage `json:"authenticationConfiguration"`
			}
			require.NoError(t, json.Unmarshal(reqs[0].Body, &body))
			requireFirstKey(t, body.Auth, "@odata.type")

			assert.Equal(t, client.Connector{
				ID:          "be1f769b-9b13-437e-b540-79a905c4932c",
				DisplayName: "Test API",
				TargetURL:   "https://someapi.com/api",
				Auth:        client.BasicAuth{Username: "MyUsername", Password: "******"},
			}, got)
		})
	}
}

func TestGetDecodesEachAuthKind(t *testing.T) {
	tests := []struct {
		name     string
		auth     string // the authenticationConfiguration JSON, "" for none
		wantAuth client.Auth
	}{
		{"basic masked", `{"@odata.type":"#microsoft.graph.basicAuthentication","username":"u","password":"******"}`, client.BasicAuth{Username: "u", Password: "******"}},
		{"basic without password", `{"@odata.type":"#microsoft.graph.basicAuthentication","username":"u"}`, client.BasicAuth{Username: "u"}},
		{"basic without the hash", `{"@odata.type":"microsoft.graph.basicAuthentication","username":"u","password":"******"}`, client.BasicAuth{Username: "u", Password: "******"}},
		{
			"client certificates",
			`{"@odata.type":"#microsoft.graph.clientCertificateAuthentication","certificateList":[
				{"thumbprint":"0EB255CC895477798BA8B1B3B9AFE9F4","notAfter":1666350522,"notBefore":1633154393,"isActive":true},
				{"thumbprint":"1AB255CC895477798BA8B1B3B9AFE9F5","notAfter":1766350522,"notBefore":1733154393,"isActive":false}]}`,
			client.ClientCertificates{Certificates: []client.CertificateInfo{
				{Thumbprint: "0EB255CC895477798BA8B1B3B9AFE9F4", NotBefore: time.Unix(1633154393, 0).UTC(), NotAfter: time.Unix(1666350522, 0).UTC(), IsActive: true},
				{Thumbprint: "1AB255CC895477798BA8B1B3B9AFE9F5", NotBefore: time.Unix(1733154393, 0).UTC(), NotAfter: time.Unix(1766350522, 0).UTC(), IsActive: false},
			}},
		},
		{"client certificates, empty", `{"@odata.type":"#microsoft.graph.clientCertificateAuthentication"}`, client.ClientCertificates{}},
		{
			"unknown type",
			`{"@odata.type":"#microsoft.graph.futureAuthentication","audience":"api://x","nested":{"a":[1,2]}}`,
			client.UnknownAuth{Type: "#microsoft.graph.futureAuthentication", Raw: json.RawMessage(`{"@odata.type":"#microsoft.graph.futureAuthentication","audience":"api://x","nested":{"a":[1,2]}}`)},
		},
		{"absent", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body := `{"id":"abc","displayName":"d","targetUrl":"https://x.example/api"}`
			if tt.auth != "" {
				body = fmt.Sprintf(`{"id":"abc","displayName":"d","targetUrl":"https://x.example/api","authenticationConfiguration":%s}`, tt.auth)
			}
			g := newGraph(t, func(w http.ResponseWriter, _ *http.Request, _ int) { writeJSON(w, http.StatusOK, body) })
			c, _ := newClient(t, g)

			got, err := c.Get(context.Background(), "abc")
			require.NoError(t, err)
			if u, ok := tt.wantAuth.(client.UnknownAuth); ok {
				gotUnknown, ok := got.Auth.(client.UnknownAuth)
				require.True(t, ok, "got %T", got.Auth)
				assert.Equal(t, u.Type, gotUnknown.Type)
				assert.JSONEq(t, string(u.Raw), string(gotUnknown.Raw))
			} else {
				assert.Equal(t, tt.wantAuth, got.Auth)
			}
			reqs := g.requests()
			require.Len(t, reqs, 1)
			assert.Equal(t, http.MethodGet, reqs[0].Method)
			assert.Equal(t, basePath+"/v1.0/identity/apiConnectors/abc", reqs[0].Path)
			assert.Empty(t, reqs[0].Body)
		})
	}
}

func TestUnknownAuthRoundTrip(t *testing.T) {
	unknown := `{"@odata.type":"#microsoft.graph.futureAuthentication","audience":"api://x","nested":{"a":[1,2]}}`
	g := newGraph(t, func(w http.ResponseWriter, r *http.Request, _ int) {
		if r.Method == http.MethodGet {
			writeJSON(w, http.StatusOK, `{"id":"abc","displayName":"d","targetUrl":"https://x.example/api","authenticationConfiguration":`+unknown+`}`)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	})
	c, _ := newClient(t, g)

	got, err := c.Get(context.Background(), "abc")
	require.NoError(t, err)
	require.IsType(t, client.UnknownAuth{}, got.Auth)
	assert.Equal(t, "#microsoft.graph.futureAuthentication", got.Auth.ODataType())

	require.NoError(t, c.Update(context.Background(), "abc", client.ConnectorUpdate{Auth: got.Auth}))
	reqs := g.requests()
	require.Len(t, reqs, 2)
	assert.Equal(t, http.MethodPatch, reqs[1].Method)
	requireJSON(t, `{"authenticationConfiguration":`+unknown+`}`, reqs[1].Body)
}

func TestUpdateRequestShape(t *testing.T) {
	pfx := validPFX(t)
	tests := []struct {
		name     string
		update   client.ConnectorUpdate
		wantBody string
	}{
		{"display name", client.ConnectorUpdate{DisplayName: ptr("New name")}, `{"displayName":"New name"}`},
		{"target url", client.ConnectorUpdate{TargetURL: ptr("https://otherapi.com/api/endpoint")}, `{"targetUrl":"https://otherapi.com/api/endpoint"}`},
		{
			"all three, basic",
			client.ConnectorUpdate{DisplayName: ptr("n"), TargetURL: ptr("https://x.example/a"), Auth: client.BasicAuth{Username: "u", Password: "p"}},
			`{"displayName":"n","targetUrl":"https://x.example/a","authenticationConfiguration":{"@odata.type":"#microsoft.graph.basicAuthentication","username":"u","password":"p"}}`,
		},
		{
			"switch to certificate",
			client.ConnectorUpdate{Auth: client.PKCS12{Value: pfx.Data, Password: pfx.Password}},
			fmt.Sprintf(`{"authenticationConfiguration":{"@odata.type":"#microsoft.graph.pkcs12Certificate","pkcs12Value":%q,"password":%q}}`,
				base64.StdEncoding.EncodeToString(pfx.Data), pfx.Password),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := newGraph(t, func(w http.ResponseWriter, _ *http.Request, _ int) { w.WriteHeader(http.StatusNoContent) })
			c, _ := newClient(t, g)

			require.NoError(t, c.Update(context.Background(), "id-1", tt.update))
			reqs := g.requests()
			require.Len(t, reqs, 1)
			assert.Equal(t, http.MethodPatch, reqs[0].Method)
			assert.Equal(t, basePath+"/v1.0/identity/apiConnectors/id-1", reqs[0].Path)
			assert.Equal(t, "application/json", reqs[0].Header.Get("Content-Type"))
			requireJSON(t, tt.wantBody, reqs[0].Body)
		})
	}
}

func TestDeleteRequestShape(t *testing.T) {
	g := newGraph(t, func(w http.ResponseWriter, _ *http.Request, _ int) { w.WriteHeader(http.StatusNoContent) })
	c, _ := newClient(t, g)

	require.NoError(t, c.Delete(context.Background(), "id-1"))
	reqs := g.requests()
	require.Len(t, reqs, 1)
	assert.Equal(t, http.MethodDelete, reqs[0].Method)
	assert.Equal(t, basePath+"/v1.0/identity/apiConnectors/id-1", reqs[0].Path)
	assert.Empty(t, reqs[0].Body)
}

func TestIDsAreEscapedInPaths(t *testing.T) {
	g := newGraph(t, func(w http.ResponseWriter, _ *http.Request, _ int) { w.WriteHeader(http.StatusNoContent) })
	c, _ := newClient(t, g)

	require.NoError(t, c.Delete(context.Background(), "a b/c?d"))
	assert.Equal(t, basePath+"/v1.0/identity/apiConnectors/a b/c?d", g.requests()[0].Path, "decoded path; the raw one kept / and ? inside the segment")
	assert.Empty(t, g.requests()[0].Query)
}

func TestUploadClientCertificate(t *testing.T) {
	pfx := testpfx.Valid(t, "pfx password")
	notBefore, notAfter := pfx.Cert.NotBefore.Unix(), pfx.Cert.NotAfter.Unix()
	g := newGraph(t, func(w http.ResponseWriter, _ *http.Request, _ int) {
		writeJSON(w, http.StatusOK, fmt.Sprintf(`{"id":"abc","displayName":"d","targetUrl":"https://x.example/api",
			"authenticationConfiguration":{"@odata.type":"#microsoft.graph.clientCertificateAuthentication",
			"certificateList":[{"thumbprint":%q,"notBefore":%d,"notAfter":%d,"isActive":true}]}}`, pfx.Thumbprint, notBefore, notAfter))
	})
	c, _ := newClient(t, g)

	got, err := c.UploadClientCertificate(context.Background(), "abc", pfx.Data, pfx.Password)
	require.NoError(t, err)

	reqs := g.requests()
	require.Len(t, reqs, 1)
	assert.Equal(t, http.MethodPost, reqs[0].Method)
	assert.Equal(t, basePath+"/v1.0/identity/apiConnectors/abc/uploadClientCertificate", reqs[0].Path)
	assert.Equal(t, "application/json", reqs[0].Header.Get("Content-Type"))
	var body map[string]any
	require.NoError(t, json.Unmarshal(reqs[0].Body, &body))
	assert.ElementsMatch(t, []string{"pkcs12Value", "password"}, keys(body), "plain action parameters, no @odata.type")
	sent, err := base64.StdEncoding.DecodeString(body["pkcs12Value"].(string))
	require.NoError(t, err)
	assert.Equal(t, pfx.Data, sent)
	assert.Equal(t, pfx.Password, body["password"])

	assert.Equal(t, client.ClientCertificates{Certificates: []client.CertificateInfo{{
		Thumbprint: pfx.Thumbprint,
		NotBefore:  pfx.Cert.NotBefore.UTC(),
		NotAfter:   pfx.Cert.NotAfter.UTC(),
		IsActive:   true,
	}}}, got.Auth)
}

func TestUploadClientCertificateWithoutPassword(t *testing.T) {
	pfx := testpfx.Valid(t, "")
	g := newGraph(t, func(w http.ResponseWriter, _ *http.Request, _ int) {
		writeJSON(w, http.StatusOK, `{"id":"abc"}`)
	})
	c, _ := newClient(t, g)

	_, err := c.UploadClientCertificate(context.Background(), "abc", pfx.Data, "")
	require.NoError(t, err)
	requireJSON(t, fmt.Sprintf(`{"pkcs12Value":%q,"password":""}`, base64.StdEncoding.EncodeToString(pfx.Data)), g.requests()[0].Body)
}

func keys(m map[string]any) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

// TestValidationSendsNothing: each bad input is a *ValidationError naming the fields, and
// the server sees no request at all.
func TestValidationSendsNothing(t *testing.T) {
	pfx := testpfx.Valid(t, "right")
	good := client.Connector{DisplayName: "d", TargetURL: "https://x.example/api", Auth: client.BasicAuth{Username: "u", Password: "p"}}
	with := func(edit func(*client.Connector)) client.Connector {
		c := good
		edit(&c)
		return c
	}
	type op func(context.Context, *client.Client) error
	create := func(in client.Connector) op {
		return func(ctx context.Context, c *client.Client) error { _, err := c.Create(ctx, in); return err }
	}
	update := func(id string, in client.ConnectorUpdate) op {
		return func(ctx context.Context, c *client.Client) error { return c.Update(ctx, id, in) }
	}
	upload := func(id string, data []byte, password string) op {
		return func(ctx context.Context, c *client.Client) error {
			_, err := c.UploadClientCertificate(ctx, id, data, password)
			return err
		}
	}
	tests := []struct {
		name       string
		op         op
		wantFields []string
	}{
		{"create: no display name", create(with(func(c *client.Connector) { c.DisplayName = "" })), []string{"displayName"}},
		{"create: blank display name", create(with(func(c *client.Connector) { c.DisplayName = "  " })), []string{"displayName"}},
		{"create: no target url", create(with(func(c *client.Connector) { c.TargetURL = "" })), []string{"targetUrl"}},
		{"create: relative target url", create(with(func(c *client.Connector) { c.TargetURL = "/api" })), []string{"targetUrl"}},
		{"create: ftp target url", create(with(func(c *client.Connector) { c.TargetURL = "ftp://x.example/api" })), []string{"targetUrl"}},
		{"create: no auth", create(with(func(c *client.Connector) { c.Auth = nil })), []string{"auth"}},
		{"create: nil auth pointer", create(with(func(c *client.Connector) { c.Auth = (*client.BasicAuth)(nil) })), []string{"auth"}},
		{"create: no username", create(with(func(c *client.Connector) { c.Auth = client.BasicAuth{Password: "p"} })), []string{"auth.username"}},
		{"create: no password", create(with(func(c *client.Connector) { c.Auth = client.BasicAuth{Username: "u"} })), []string{"auth.password"}},
		{"create: empty pkcs12", create(with(func(c *client.Connector) { c.Auth = client.PKCS12{Password: "p"} })), []string{"auth.pkcs12Value"}},
		{"create: pkcs12, wrong password", create(with(func(c *client.Connector) { c.Auth = client.PKCS12{Value: pfx.Data, Password: "wrong"} })), []string{"auth.password"}},
		{"create: pkcs12, not a pfx", create(with(func(c *client.Connector) { c.Auth = client.PKCS12{Value: []byte("hello"), Password: "right"} })), []string{"auth.pkcs12Value"}},
		{"create: response-side auth", create(with(func(c *client.Connector) { c.Auth = client.ClientCertificates{} })), []string{"auth"}},
		{"create: unknown auth not an object", create(with(func(c *client.Connector) { c.Auth = client.UnknownAuth{Type: "#x", Raw: json.RawMessage(`[1]`)} })), []string{"auth"}},
		{"create: unknown auth type mismatch", create(with(func(c *client.Connector) {
			c.Auth = client.UnknownAuth{Type: "#x", Raw: json.RawMessage(`{"@odata.type":"#y"}`)}
		})), []string{"auth"}},
		{"create: id set", create(with(func(c *client.Connector) { c.ID = "abc" })), []string{"id"}},
		{"create: everything wrong", create(client.Connector{TargetURL: "nope", Auth: client.BasicAuth{}}), []string{"displayName", "targetUrl", "auth.username", "auth.password"}},
		{"update: nothing set", update("abc", client.ConnectorUpdate{}), []string{"update"}},
		{"update: no id", update("", client.ConnectorUpdate{DisplayName: ptr("n")}), []string{"id"}},
		{"update: empty display name", update("abc", client.ConnectorUpdate{DisplayName: ptr("")}), []string{"displayName"}},
		{"update: bad target url", update("abc", client.ConnectorUpdate{TargetURL: ptr("x")}), []string{"targetUrl"}},
		{"update: no password", update("abc", client.ConnectorUpdate{Auth: client.BasicAuth{Username: "u"}}), []string{"auth.password"}},
		{"update: pkcs12, wrong password", update("abc", client.ConnectorUpdate{Auth: client.PKCS12{Value: pfx.Data}}), []string{"auth.password"}},
		{"update: response-side auth", update("abc", client.ConnectorUpdate{Auth: client.ClientCertificates{}}), []string{"auth"}},
		{"get: no id", func(ctx context.Context, c *client.Client) error { _, err := c.Get(ctx, ""); return err }, []string{"id"}},
		{"delete: no id", func(ctx context.Context, c *client.Client) error { return c.Delete(ctx, " ") }, []string{"id"}},
		{"upload: no id", upload("", pfx.Data, pfx.Password), []string{"id"}},
		{"upload: no pfx", upload("abc", nil, "right"), []string{"pfx"}},
		{"upload: wrong password", upload("abc", pfx.Data, "wrong"), []string{"password"}},
		{"upload: not a pfx", upload("abc", []byte("hello"), "right"), []string{"pfx"}},
		{"list: top too large", func(ctx context.Context, c *client.Client) error {
			_, err := c.ListPage(ctx, client.ListOptions{Top: 1000})
			return err
		}, []string{"top"}},
		{"list: negative top", func(ctx context.Context, c *client.Client) error {
			_, err := c.ListPage(ctx, client.ListOptions{Top: -1})
			return err
		}, []string{"top"}},
		{"list: empty select", func(ctx context.Context, c *client.Client) error {
			_, err := c.ListPage(ctx, client.ListOptions{Select: []string{"id", ""}})
			return err
		}, []string{"select"}},
		{"list iterator: bad options", func(ctx context.Context, c *client.Client) error {
			for _, err := range c.List(ctx, client.ListOptions{Top: 5000}) {
				return err
			}
			return nil
		}, []string{"top"}},
		{"next page: empty", func(ctx context.Context, c *client.Client) error {
			_, err := c.NextPage(ctx, "")
			return err
		}, []string{"nextLink"}},
		{"next page: relative", func(ctx context.Context, c *client.Client) error {
			_, err := c.NextPage(ctx, "/graph/v1.0/identity/apiConnectors?$skiptoken=x")
			return err
		}, []string{"nextLink"}},
		{"attach: unknown kind", func(ctx context.Context, c *client.Client) error {
			return c.Attach(ctx, "b2b", "B2X_1_f", client.PostFederationSignup, "abc")
		}, []string{"kind"}},
		{"attach: b2c on v1.0", func(ctx context.Context, c *client.Client) error {
			return c.Attach(ctx, client.B2C, "B2C_1_f", client.PostFederationSignup, "abc")
		}, []string{"kind"}},
		{"attach: unknown step", func(ctx context.Context, c *client.Client) error {
			return c.Attach(ctx, client.B2X, "B2X_1_f", "preTokenIssuance", "abc")
		}, []string{"step"}},
		{"attach: no flow", func(ctx context.Context, c *client.Client) error {
			return c.Attach(ctx, client.B2X, "", client.PostFederationSignup, "abc")
		}, []string{"flowID"}},
		{"attach: no connector", func(ctx context.Context, c *client.Client) error {
			return c.Attach(ctx, client.B2X, "B2X_1_f", client.PostFederationSignup, "")
		}, []string{"connectorID"}},
		{"detach: unknown step", func(ctx context.Context, c *client.Client) error {
			return c.Detach(ctx, client.B2X, "B2X_1_f", "")
		}, []string{"step"}},
		{"configuration: b2c on v1.0", func(ctx context.Context, c *client.Client) error {
			_, err := c.UserFlowConfiguration(ctx, client.B2C, "B2C_1_f")
			return err
		}, []string{"kind"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := newGraph(t, nil)
			c, _ := newClient(t, g)

			err := tt.op(context.Background(), c)
			var verr *client.ValidationError
			require.ErrorAs(t, err, &verr)
			fields := make([]string, 0, len(verr.Fields))
			for _, f := range verr.Fields {
				fields = append(fields, f.Field)
				assert.NotEmpty(t, f.Problem)
			}
			assert.Equal(t, tt.wantFields, fields)
			assert.Zero(t, g.count(), "nothing is sent")
		})
	}
}

func TestSuccessBodyLimit(t *testing.T) {
	huge := make([]byte, 9<<20)
	for i := range huge {
		huge[i] = ' '
	}
	g := newGraph(t, func(w http.ResponseWriter, _ *http.Request, _ int) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(huge)
		_, _ = w.Write([]byte(basicConnectorJSON))
	})
	c, _ := newClient(t, g)

	_, err := c.Get(context.Background(), "abc")
	require.Error(t, err)
	var graphErr *client.Error
	assert.NotErrorAs(t, err, &graphErr, "a too-large success is not a Graph error")
}
