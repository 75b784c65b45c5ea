package client_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graph-apiconnector/apiconnector/client"
	"github.com/graph-apiconnector/apiconnector/contract"
	"github.com/graph-apiconnector/apiconnector/fake"
	"github.com/graph-apiconnector/apiconnector/internal/testpfx"
)

// End-to-end tests: the client against the fake Graph, every exchange checked against the
// contract in both directions, by contract.Transport on the client side and by the fake
// itself on the server side.

// e2eNow is the fake's clock, so that which certificate is active does not depend on the
// day the tests run.
var e2eNow = time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)

var e2eVersions = []string{client.VersionV1, client.VersionBeta}

// e2eEnv is one fake Graph and one client of it, through a validating transport.
type e2eEnv struct {
	server     *fake.Server
	client     *client.Client
	validating *contract.Transport
	version    string
}

// newE2E builds the fake and the client for version. At cleanup it asserts that no
// exchange broke the contract, on either side, and that every request the fake saw went
// through validation under the chosen version.
func newE2E(t *testing.T, version string, fakeOpts ...fake.Option) *e2eEnv {
	t.Helper()
	opts := append([]fake.Option{fake.WithClock(func() time.Time { return e2eNow })}, fakeOpts...)
	server := fake.New(opts...)
	validating, err := contract.NewTransport(server.Transport())
	require.NoError(t, err)
	c, err := client.New(
		client.WithHTTPClient(&http.Client{Transport: validating}),
		client.WithStaticToken("t"),
		client.WithAPIVersion(version),
	)
	require.NoError(t, err)
	t.Cleanup(func() { assertContractKept(t, validating, server, version) })
	return &e2eEnv{server: server, client: c, validating: validating, version: version}
}

func assertContractKept(t *testing.T, validating *contract.Transport, server *fake.Server, version string) {
	t.Helper()
	assert.Empty(t, validating.Invalid(), "exchanges that broke the contract")
	assert.Empty(t, server.ContractViolations(), "responses the fake refused to send")
	exchanges := validating.Exchanges()
	assert.Len(t, exchanges, server.Requests(), "every request went through validation")
	for _, ex := range exchanges {
		assert.True(t, strings.HasPrefix(ex.Path, "/"+version+"/"), "%s %s is under /%s/", ex.Method, ex.Path, version)
	}
}

// forEachVersion runs f, in parallel, once per API version.
func forEachVersion(t *testing.T, f func(t *testing.T, version string)) {
	for _, version := range e2eVersions {
		t.Run(version, func(t *testing.T) {
			t.Parallel()
			f(t, version)
		})
	}
}

// countRequests counts the exchanges with method whose path ends with suffix.
func (e *e2eEnv) countRequests(method, suffix string) int {
	n := 0
	for _, ex := range e.validating.Exchanges() {
		if ex.Method == method && strings.HasSuffix(ex.Path, suffix) {
			n++
		}
	}
	return n
}

// create makes a basic-auth connector and fails the test if it cannot.
func (e *e2eEnv) create(t *testing.T, name string) client.Connector {
	t.Helper()
	conn, err := e.client.Create(t.Context(), client.Connector{
		DisplayName: name,
		TargetURL:   "https://api.example.com/" + strings.ReplaceAll(name, " ", "-"),
		Auth:        client.BasicAuth{Username: "graph", Password: "e2e-password"},
	})
	require.NoError(t, err)
	return conn
}

// countPUTs counts the PUTs to the user flow flowID.
func (e *e2eEnv) countPUTs(flowID string) int {
	n := 0
	for _, ex := range e.validating.Exchanges() {
		if ex.Method == http.MethodPut && strings.Contains(ex.Path, "/"+flowID+"/") {
			n++
		}
	}
	return n
}

func maskedBasic(username string) client.BasicAuth {
	return client.BasicAuth{Username: username, Password: "******"}
}

// certInfo is what Graph reports of pfx's certificate.
func certInfo(pfx testpfx.PFX, active bool) client.CertificateInfo {
	return client.CertificateInfo{Thumbprint: pfx.Thumbprint, NotBefore: pfx.Cert.NotBefore, NotAfter: pfx.Cert.NotAfter, IsActive: active}
}

func e2ePtr[T any](v T) *T { return &v }

func TestE2ECreateAndGet(t *testing.T) {
	forEachVersion(t, func(t *testing.T, version string) {
		pfx := testpfx.New(t, "e2e pfx password", e2eNow.Add(-time.Hour), e2eNow.AddDate(1, 0, 0))
		bare := testpfx.New(t, "", e2eNow.Add(-time.Hour), e2eNow.AddDate(1, 0, 0))
		tests := []struct {
			name     string
			auth     client.Auth
			wantAuth client.Auth
		}{
			{"basic", client.BasicAuth{Username: "graph", Password: "s3cret"}, maskedBasic("graph")},
			{"basic pointer", &client.BasicAuth{Username: "ptr", Password: "s3cret"}, maskedBasic("ptr")},
			{"pkcs12", client.PKCS12{Value: pfx.Data, Password: pfx.Password},
				client.ClientCertificates{Certificates: []client.CertificateInfo{certInfo(pfx, true)}}},
			{"pkcs12 without password", client.PKCS12{Value: bare.Data},
				client.ClientCertificates{Certificates: []client.CertificateInfo{certInfo(bare, true)}}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				e := newE2E(t, version)
				in := client.Connector{DisplayName: "Check sign-up", TargetURL: "https://api.example.com/signup", Auth: tt.auth}

				created, err := e.client.Create(t.Context(), in)
				require.NoError(t, err)
				require.NotEmpty(t, created.ID)
				want := client.Connector{ID: created.ID, DisplayName: in.DisplayName, TargetURL: in.TargetURL, Auth: tt.wantAuth}
				assert.Equal(t, want, created)

				got, err := e.client.Get(t.Context(), created.ID)
				require.NoError(t, err)
				assert.Equal(t, want, got)

				stored := e.server.Connectors()
				require.Len(t, stored, 1)
				assert.Equal(t, created.ID, stored[0].ID)
				assert.Equal(t, 1, e.countRequests(http.MethodPost, "/identity/apiConnectors"))
			})
		}
	})
}

func TestE2EUpdate(t *testing.T) {
	forEachVersion(t, func(t *testing.T, version string) {
		e := newE2E(t, version)
		pfx := testpfx.New(t, "update pfx", e2eNow.Add(-time.Hour), e2eNow.AddDate(1, 0, 0))
		orig := e.create(t, "Before")

		steps := []struct {
			name   string
			update client.ConnectorUpdate
			want   client.Connector
		}{
			{
				name:   "name only",
				update: client.ConnectorUpdate{DisplayName: e2ePtr("After")},
				want:   client.Connector{ID: orig.ID, DisplayName: "After", TargetURL: orig.TargetURL, Auth: maskedBasic("graph")},
			},
			{
				name:   "target only",
				update: client.ConnectorUpdate{TargetURL: e2ePtr("https://api.example.com/v2")},
				want:   client.Connector{ID: orig.ID, DisplayName: "After", TargetURL: "https://api.example.com/v2", Auth: maskedBasic("graph")},
			},
			{
				name:   "switch to pkcs12",
				update: client.ConnectorUpdate{Auth: client.PKCS12{Value: pfx.Data, Password: pfx.Password}},
				want: client.Connector{ID: orig.ID, DisplayName: "After", TargetURL: "https://api.example.com/v2",
					Auth: client.ClientCertificates{Certificates: []client.CertificateInfo{certInfo(pfx, true)}}},
			},
			{
				name:   "back to basic",
				update: client.ConnectorUpdate{Auth: client.BasicAuth{Username: "other", Password: "new-secret"}},
				want:   client.Connector{ID: orig.ID, DisplayName: "After", TargetURL: "https://api.example.com/v2", Auth: maskedBasic("other")},
			},
			{
				name: "everything at once",
				update: client.ConnectorUpdate{DisplayName: e2ePtr("Final"), TargetURL: e2ePtr("https://api.example.com/final"),
					Auth: &client.BasicAuth{Username: "final", Password: "x"}},
				want: client.Connector{ID: orig.ID, DisplayName: "Final", TargetURL: "https://api.example.com/final", Auth: maskedBasic("final")},
			},
		}
		// The steps build on each other, so they run in order on one connector.
		for _, step := range steps {
			require.NoError(t, e.client.Update(t.Context(), orig.ID, step.update), step.name)
			got, err := e.client.Get(t.Context(), orig.ID)
			require.NoError(t, err, step.name)
			assert.Equal(t, step.want, got, step.name)
		}
		assert.Equal(t, len(steps), e.countRequests(http.MethodPatch, "/identity/apiConnectors/"+orig.ID))

		err := e.client.Update(t.Context(), "no-such-connector", client.ConnectorUpdate{DisplayName: e2ePtr("x")})
		require.ErrorIs(t, err, client.ErrNotFound)
		var graphErr *client.Error
		require.ErrorAs(t, err, &graphErr)
		assert.Equal(t, http.StatusNotFound, graphErr.StatusCode)
	})
}

func TestE2EDelete(t *testing.T) {
	forEachVersion(t, func(t *testing.T, version string) {
		e := newE2E(t, version)
		keep := e.create(t, "Keep")
		gone := e.create(t, "Gone")

		require.NoError(t, e.client.Delete(t.Context(), gone.ID))

		_, err := e.client.Get(t.Context(), gone.ID)
		require.ErrorIs(t, err, client.ErrNotFound)
		var graphErr *client.Error
		require.ErrorAs(t, err, &graphErr)
		assert.Equal(t, http.StatusNotFound, graphErr.StatusCode)
		assert.Equal(t, "itemNotFound", graphErr.Code)
		assert.NotEmpty(t, graphErr.RequestID)
		assert.NotEmpty(t, graphErr.ClientRequestID)
		assert.Equal(t, e2eNow.Format(time.RFC3339), graphErr.Date, "the fake's clock, from innerError")

		err = e.client.Delete(t.Context(), gone.ID)
		require.ErrorIs(t, err, client.ErrNotFound, "deleting twice")

		stored := e.server.Connectors()
		require.Len(t, stored, 1)
		assert.Equal(t, keep.ID, stored[0].ID)
		_, err = e.client.Get(t.Context(), keep.ID)
		require.NoError(t, err)
	})
}

func TestE2EErrorStatuses(t *testing.T) {
	forEachVersion(t, func(t *testing.T, version string) {
		tests := []struct {
			name     string
			fakeOpts []fake.Option
			call     func(t *testing.T, e *e2eEnv) error
			sentinel error
			status   int
			code     string
		}{
			{
				name:     "token refused",
				fakeOpts: []fake.Option{fake.WithTokenCheck(func(string) error { return errors.New("expired") })},
				call: func(t *testing.T, e *e2eEnv) error {
					_, err := e.client.Get(t.Context(), "any")
					return err
				},
				sentinel: client.ErrUnauthorized, status: http.StatusUnauthorized, code: "InvalidAuthenticationToken",
			},
			{
				name:     "id taken",
				fakeOpts: []fake.Option{fake.WithIDGenerator(func() string { return "same-id" })},
				call: func(t *testing.T, e *e2eEnv) error {
					e.create(t, "First")
					_, err := e.client.Create(t.Context(), client.Connector{DisplayName: "Second", TargetURL: "https://api.example.com/2",
						Auth: client.BasicAuth{Username: "u", Password: "p"}})
					return err
				},
				sentinel: client.ErrConflict, status: http.StatusConflict, code: "nameAlreadyExists",
			},
			{
				name: "no such connector",
				call: func(t *testing.T, e *e2eEnv) error {
					_, err := e.client.Get(t.Context(), "missing")
					return err
				},
				sentinel: client.ErrNotFound, status: http.StatusNotFound, code: "itemNotFound",
			},
			{
				name: "no such user flow",
				call: func(t *testing.T, e *e2eEnv) error {
					_, err := e.client.UserFlowConfiguration(t.Context(), client.B2X, "B2X_1_missing")
					return err
				},
				sentinel: client.ErrNotFound, status: http.StatusNotFound, code: "itemNotFound",
			},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				e := newE2E(t, version, tt.fakeOpts...)
				err := tt.call(t, e)
				require.ErrorIs(t, err, tt.sentinel)
				var graphErr *client.Error
				require.ErrorAs(t, err, &graphErr)
				assert.Equal(t, tt.status, graphErr.StatusCode)
				assert.Equal(t, tt.code, graphErr.Code)
				assert.Zero(t, graphErr.RetryAfter)
				failed := 0
				for _, ex := range e.validating.Exchanges() {
					if ex.Status == tt.status {
						failed++
					}
				}
				assert.Equal(t, 1, failed, "not retried")
			})
		}
	})
}

// seedFive creates "Connector 1" to "Connector 5" and returns their ids in order.
func seedFive(t *testing.T, e *e2eEnv) []string {
	t.Helper()
	ids := make([]string, 5)
	for i := range ids {
		ids[i] = e.create(t, "Connector "+string(rune('1'+i))).ID
	}
	return ids
}

func names(conns []client.Connector) []string {
	out := make([]string, len(conns))
	for i, c := range conns {
		out[i] = c.DisplayName
	}
	return out
}

func TestE2EListFollowsEveryPage(t *testing.T) {
	forEachVersion(t, func(t *testing.T, version string) {
		e := newE2E(t, version, fake.WithPageSize(2))
		ids := seedFive(t, e)

		var got []string
		for conn, err := range e.client.List(t.Context(), client.ListOptions{}) {
			require.NoError(t, err)
			got = append(got, conn.ID)
			assert.Equal(t, maskedBasic("graph"), conn.Auth)
		}
		assert.Equal(t, ids, got, "every connector once, in creation order")
		assert.Equal(t, 3, e.countRequests(http.MethodGet, "/identity/apiConnectors"), "pages of 2, 2 and 1")

		// Breaking out of the loop stops fetching: 3 connectors take 2 pages.
		before := e.server.Requests()
		n := 0
		for _, err := range e.client.List(t.Context(), client.ListOptions{}) {
			require.NoError(t, err)
			if n++; n == 3 {
				break
			}
		}
		assert.Equal(t, 2, e.server.Requests()-before)
	})
}

// TestE2EListWhileTheCollectionChanges pages through connectors while they are deleted
// and created: every survivor is seen once, the deleted ones after the page already read
// are not, and the new one comes last.
func TestE2EListWhileTheCollectionChanges(t *testing.T) {
	forEachVersion(t, func(t *testing.T, version string) {
		e := newE2E(t, version, fake.WithPageSize(2))
		ids := seedFive(t, e)

		var seen []string
		changed := false
		for conn, err := range e.client.List(t.Context(), client.ListOptions{}) {
			require.NoError(t, err)
			seen = append(seen, conn.ID)
			if len(seen) == 2 && !changed {
				changed = true
				require.NoError(t, e.client.Delete(t.Context(), ids[1]), "already seen")
				require.NoError(t, e.client.Delete(t.Context(), ids[2]), "not yet seen")
				ids = append(ids, e.create(t, "Connector 6").ID)
			}
		}
		assert.Equal(t, []string{ids[0], ids[1], ids[3], ids[4], ids[5]}, seen)
	})
}

func TestE2EListPage(t *testing.T) {
	forEachVersion(t, func(t *testing.T, version string) {
		e := newE2E(t, version, fake.WithPageSize(2))
		seedFive(t, e)

		tests := []struct {
			name      string
			opts      client.ListOptions
			wantPages [][]string
			selected  bool // only displayName comes back besides id
		}{
			{name: "server page size", opts: client.ListOptions{},
				wantPages: [][]string{{"Connector 1", "Connector 2"}, {"Connector 3", "Connector 4"}, {"Connector 5"}}},
			{name: "top", opts: client.ListOptions{Top: 3},
				wantPages: [][]string{{"Connector 1", "Connector 2", "Connector 3"}, {"Connector 4", "Connector 5"}}},
			{name: "top covers all", opts: client.ListOptions{Top: 999},
				wantPages: [][]string{{"Connector 1", "Connector 2", "Connector 3", "Connector 4", "Connector 5"}}},
			{name: "filter eq", opts: client.ListOptions{Filter: "displayName eq 'Connector 3'"},
				wantPages: [][]string{{"Connector 3"}}},
			{name: "filter matches nothing", opts: client.ListOptions{Filter: "displayName eq 'nobody'"},
				wantPages: [][]string{{}}},
			{name: "filter with and", opts: client.ListOptions{Top: 1, Filter: "startswith(displayName,'Connector') and displayName eq 'Connector 4'"},
				wantPages: [][]string{{"Connector 4"}}},
			{name: "select", opts: client.ListOptions{Top: 4, Select: []string{"displayName"}}, selected: true,
				wantPages: [][]string{{"Connector 1", "Connector 2", "Connector 3", "Connector 4"}, {"Connector 5"}}},
			{name: "top filter select", opts: client.ListOptions{Top: 1, Filter: "startswith(displayName,'Connector')", Select: []string{"displayName"}}, selected: true,
				wantPages: [][]string{{"Connector 1"}, {"Connector 2"}, {"Connector 3"}, {"Connector 4"}, {"Connector 5"}}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				page, err := e.client.ListPage(t.Context(), tt.opts)
				require.NoError(t, err)
				var got [][]string
				for {
					got = append(got, names(page.Connectors))
					for _, conn := range page.Connectors {
						assert.NotEmpty(t, conn.ID)
						if tt.selected {
							assert.Empty(t, conn.TargetURL, "not selected")
							assert.Nil(t, conn.Auth, "not selected")
						} else {
							assert.NotEmpty(t, conn.TargetURL)
							assert.Equal(t, maskedBasic("graph"), conn.Auth)
						}
					}
					if page.NextLink == "" {
						break
					}
					require.Less(t, len(got), 10, "paging ends")
					page, err = e.client.NextPage(t.Context(), page.NextLink)
					require.NoError(t, err)
				}
				assert.Equal(t, tt.wantPages, got)
			})
		}

		t.Run("nextLink elsewhere is refused unsent", func(t *testing.T) {
			before := e.server.Requests()
			_, err := e.client.NextPage(t.Context(), "https://evil.example/"+version+"/identity/apiConnectors?$skiptoken=x")
			var verr *client.ValidationError
			require.ErrorAs(t, err, &verr)
			require.Len(t, verr.Fields, 1)
			assert.Equal(t, "nextLink", verr.Fields[0].Field)
			assert.Equal(t, before, e.server.Requests())
		})
	})
}

func TestE2EUploadClientCertificate(t *testing.T) {
	forEachVersion(t, func(t *testing.T, version string) {
		e := newE2E(t, version)
		conn := e.create(t, "Certificates")

		day := 24 * time.Hour
		older := testpfx.New(t, "older", e2eNow.Add(-30*day), e2eNow.Add(300*day))
		newer := testpfx.New(t, "", e2eNow.Add(-day), e2eNow.Add(365*day))
		future := testpfx.New(t, "future", e2eNow.Add(day), e2eNow.Add(400*day))
		expired := testpfx.New(t, "expired", e2eNow.Add(-400*day), e2eNow.Add(-day))

		// Each upload appends; the active certificate is the most recently uploaded one that
		// has started and not expired.
		uploads := []struct {
			name string
			pfx  testpfx.PFX
			want []client.CertificateInfo
		}{
			{"first replaces basic auth", older, []client.CertificateInfo{certInfo(older, true)}},
			{"newer takes over", newer, []client.CertificateInfo{certInfo(older, false), certInfo(newer, true)}},
			{"not yet valid stays inactive", future,
				[]client.CertificateInfo{certInfo(older, false), certInfo(newer, true), certInfo(future, false)}},
			{"expired stays inactive", expired,
				[]client.CertificateInfo{certInfo(older, false), certInfo(newer, true), certInfo(future, false), certInfo(expired, false)}},
		}
		for _, u := range uploads {
			got, err := e.client.UploadClientCertificate(t.Context(), conn.ID, u.pfx.Data, u.pfx.Password)
			require.NoError(t, err, u.name)
			want := client.Connector{ID: conn.ID, DisplayName: conn.DisplayName, TargetURL: conn.TargetURL,
				Auth: client.ClientCertificates{Certificates: u.want}}
			assert.Equal(t, want, got, u.name)
			fetched, err := e.client.Get(t.Context(), conn.ID)
			require.NoError(t, err)
			assert.Equal(t, want, fetched, u.name)
		}
		assert.Equal(t, len(uploads), e.countRequests(http.MethodPost, "/uploadClientCertificate"))

		t.Run("wrong password is refused unsent", func(t *testing.T) {
			before := e.server.Requests()
			_, err := e.client.UploadClientCertificate(t.Context(), conn.ID, older.Data, "not the password")
			var verr *client.ValidationError
			require.ErrorAs(t, err, &verr)
			require.Len(t, verr.Fields, 1)
			assert.Equal(t, "password", verr.Fields[0].Field)
			assert.Equal(t, before, e.server.Requests())
		})
		t.Run("missing connector", func(t *testing.T) {
			_, err := e.client.UploadClientCertificate(t.Context(), "no-such-connector", newer.Data, newer.Password)
			require.ErrorIs(t, err, client.ErrNotFound)
		})
	})
}

func TestE2EUserFlows(t *testing.T) {
	forEachVersion(t, func(t *testing.T, version string) {
		kinds := []struct {
			kind     client.UserFlowKind
			fakeKind fake.UserFlowKind
			flowID   string
		}{
			{client.B2X, fake.B2X, "B2X_1_partner"},
			{client.B2C, fake.B2C, "B2C_1_signup"},
		}
		for _, k := range kinds {
			t.Run(string(k.kind), func(t *testing.T) {
				e := newE2E(t, version)
				if k.kind == client.B2C && version == client.VersionV1 {
					assertB2CRefusedOnV1(t, e, k.flowID)
					return
				}
				e.server.SeedUserFlow(k.fakeKind, k.flowID)
				first := e.create(t, "First")
				second := e.create(t, "Second")
				ctx := t.Context()
				config := func() client.UserFlowConfiguration {
					t.Helper()
					got, err := e.client.UserFlowConfiguration(ctx, k.kind, k.flowID)
					require.NoError(t, err)
					return got
				}

				assert.Equal(t, client.UserFlowConfiguration{}, config(), "a new flow calls nothing")

				require.NoError(t, e.client.Attach(ctx, k.kind, k.flowID, client.PostFederationSignup, first.ID))
				require.NoError(t, e.client.Attach(ctx, k.kind, k.flowID, client.PostAttributeCollection, second.ID))
				assert.Equal(t, client.UserFlowConfiguration{PostFederationSignup: &first, PostAttributeCollection: &second}, config())

				require.NoError(t, e.client.Attach(ctx, k.kind, k.flowID, client.PostFederationSignup, second.ID), "rebinding a step")
				assert.Equal(t, client.UserFlowConfiguration{PostFederationSignup: &second, PostAttributeCollection: &second}, config())

				require.NoError(t, e.client.Detach(ctx, k.kind, k.flowID, client.PostFederationSignup))
				assert.Equal(t, client.UserFlowConfiguration{PostAttributeCollection: &second}, config())
				require.NoError(t, e.client.Detach(ctx, k.kind, k.flowID, client.PostFederationSignup), "detaching an empty step")

				require.NoError(t, e.client.Delete(ctx, second.ID))
				assert.Equal(t, client.UserFlowConfiguration{}, config(), "deleting a connector unbinds it")

				err := e.client.Attach(ctx, k.kind, k.flowID, client.PostFederationSignup, second.ID)
				var refused *client.Error
				require.ErrorAs(t, err, &refused, "attaching a deleted connector")
				assert.Equal(t, http.StatusBadRequest, refused.StatusCode, "a reference to no connector is a bad request")
				err = e.client.Attach(ctx, k.kind, "no-such-flow", client.PostFederationSignup, first.ID)
				require.ErrorIs(t, err, client.ErrNotFound, "attaching to a missing flow")
				_, err = e.client.UserFlowConfiguration(ctx, k.kind, "no-such-flow")
				require.ErrorIs(t, err, client.ErrNotFound, "reading a missing flow")

				assert.Equal(t, 6, e.countPUTs(k.flowID), "3 attaches, 2 detaches and 1 refused attach")
			})
		}
	})
}

// assertB2CRefusedOnV1 checks that every user-flow call for B2C on v1.0 is a
// *ValidationError naming kind, and that nothing is sent.
func assertB2CRefusedOnV1(t *testing.T, e *e2eEnv, flowID string) {
	t.Helper()
	ctx := t.Context()
	_, cfgErr := e.client.UserFlowConfiguration(ctx, client.B2C, flowID)
	calls := map[string]error{
		"Attach":                e.client.Attach(ctx, client.B2C, flowID, client.PostAttributeCollection, "some-id"),
		"Detach":                e.client.Detach(ctx, client.B2C, flowID, client.PostAttributeCollection),
		"UserFlowConfiguration": cfgErr,
	}
	for name, err := range calls {
		var verr *client.ValidationError
		require.ErrorAs(t, err, &verr, name)
		var fields []string
		for _, f := range verr.Fields {
			fields = append(fields, f.Field)
		}
		assert.Equal(t, []string{"kind"}, fields, name)
	}
	assert.Zero(t, e.server.Requests(), "nothing was sent")
}

// TestE2EOverASocket runs the operations once through a real listener and
// http.DefaultTransport, so that links and references are built from the listener's
// address and followed through it.
func TestE2EOverASocket(t *testing.T) {
	server := fake.New(fake.WithPageSize(2), fake.WithClock(func() time.Time { return e2eNow }))
	ts := httptest.NewServer(server)
	t.Cleanup(ts.Close)
	validating, err := contract.NewTransport(http.DefaultTransport)
	require.NoError(t, err)
	t.Cleanup(func() { assertContractKept(t, validating, server, client.VersionBeta) })
	c, err := client.New(
		client.WithBaseURL(ts.URL),
		client.WithHTTPClient(&http.Client{Transport: validating}),
		client.WithStaticToken("t"),
		client.WithAPIVersion(client.VersionBeta),
	)
	require.NoError(t, err)
	ctx := t.Context()
	pfx := testpfx.New(t, "socket", e2eNow.Add(-time.Hour), e2eNow.AddDate(1, 0, 0))

	var ids []string
	for _, auth := range []client.Auth{
		client.BasicAuth{Username: "a", Password: "pw"},
		client.PKCS12{Value: pfx.Data, Password: pfx.Password},
		client.BasicAuth{Username: "c", Password: "pw"},
	} {
		conn, err := c.Create(ctx, client.Connector{DisplayName: "Socket", TargetURL: "https://api.example.com/hook", Auth: auth})
		require.NoError(t, err)
		ids = append(ids, conn.ID)
	}

	var listed []string
	for conn, err := range c.List(ctx, client.ListOptions{}) {
		require.NoError(t, err)
		listed = append(listed, conn.ID)
	}
	assert.Equal(t, ids, listed, "both pages, the second through a nextLink on the listener")

	require.NoError(t, c.Update(ctx, ids[0], client.ConnectorUpdate{DisplayName: e2ePtr("Renamed")}))
	got, err := c.Get(ctx, ids[0])
	require.NoError(t, err)
	assert.Equal(t, client.Connector{ID: ids[0], DisplayName: "Renamed", TargetURL: "https://api.example.com/hook", Auth: maskedBasic("a")}, got)

	uploaded, err := c.UploadClientCertificate(ctx, ids[2], pfx.Data, pfx.Password)
	require.NoError(t, err)
	assert.Equal(t, client.ClientCertificates{Certificates: []client.CertificateInfo{certInfo(pfx, true)}}, uploaded.Auth)

	server.SeedUserFlow(fake.B2C, "B2C_1_socket")
	require.NoError(t, c.Attach(ctx, client.B2C, "B2C_1_socket", client.PostAttributeCollection, ids[1]))
	cfg, err := c.UserFlowConfiguration(ctx, client.B2C, "B2C_1_socket")
	require.NoError(t, err)
	require.NotNil(t, cfg.PostAttributeCollection)
	assert.Equal(t, ids[1], cfg.PostAttributeCollection.ID)
	require.NoError(t, c.Detach(ctx, client.B2C, "B2C_1_socket", client.PostAttributeCollection))

	require.NoError(t, c.Delete(ctx, ids[0]))
	_, err = c.Get(ctx, ids[0])
	require.ErrorIs(t, err, client.ErrNotFound)
	var graphErr *client.Error
	require.ErrorAs(t, err, &graphErr)
	assert.Equal(t, http.StatusNotFound, graphErr.StatusCode)
	assert.Len(t, server.Connectors(), 2)
}

// TestE2EDotSegmentIDs documents that an id of "." or ".." names a connector or user flow
// that does not exist, like any other unknown id: the call must either be refused unsent
// with a *ValidationError, or reach Graph at that id and come back ErrNotFound. It must
// never address another resource, as when ".../apiConnectors/." resolves to the
// collection and Get answers the list decoded as an empty connector.
func TestE2EDotSegmentIDs(t *testing.T) {
	for _, id := range []string{".", ".."} {
		pfx := testpfx.New(t, "dots", e2eNow.Add(-time.Hour), e2eNow.AddDate(1, 0, 0))
		calls := []struct {
			name string
			call func(ctx context.Context, c *client.Client, existing string) error
		}{
			{"Get", func(ctx context.Context, c *client.Client, _ string) error { _, err := c.Get(ctx, id); return err }},
			{"Update", func(ctx context.Context, c *client.Client, _ string) error {
				return c.Update(ctx, id, client.ConnectorUpdate{DisplayName: e2ePtr("x")})
			}},
			{"Delete", func(ctx context.Context, c *client.Client, _ string) error { return c.Delete(ctx, id) }},
			{"UploadClientCertificate", func(ctx context.Context, c *client.Client, _ string) error {
				_, err := c.UploadClientCertificate(ctx, id, pfx.Data, pfx.Password)
				return err
			}},
			{"Attach to flow", func(ctx context.Context, c *client.Client, existing string) error {
				return c.Attach(ctx, client.B2X, id, client.PostFederationSignup, existing)
			}},
			{"Detach from flow", func(ctx context.Context, c *client.Client, _ string) error {
				return c.Detach(ctx, client.B2X, id, client.PostFederationSignup)
			}},
			{"UserFlowConfiguration", func(ctx context.Context, c *client.Client, _ string) error {
				_, err := c.UserFlowConfiguration(ctx, client.B2X, id)
				return err
			}},
		}
		for _, tt := range calls {
			t.Run(tt.name+" "+id, func(t *testing.T) {
				e := newE2E(t, client.VersionV1)
				existing := e.create(t, "Existing")
				before := e.server.Requests()

				err := tt.call(t.Context(), e.client, existing.ID)
				require.Error(t, err)
				var verr *client.ValidationError
				if errors.As(err, &verr) {
					assert.Equal(t, before, e.server.Requests(), "refused unsent")
					return
				}
				assert.ErrorIs(t, err, client.ErrNotFound)
			})
		}
	}
}
