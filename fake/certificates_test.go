package fake

import (
	"crypto/x509"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	pkcs12 "software.sslmate.com/src/go-pkcs12"

	"github.com/graph-apiconnector/apiconnector/internal/testpfx"
)

// testClock is a settable clock, safe to read from the server's goroutines.
type testClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *testClock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = t
}

var epoch = time.Date(2030, 6, 1, 12, 0, 0, 0, time.UTC)

func TestParsePFX(t *testing.T) {
	valid := testpfx.New(t, "pfx-pass", epoch.Add(-time.Hour), epoch.AddDate(1, 0, 0))
	noPassword := testpfx.New(t, "", epoch.Add(-time.Hour), epoch.AddDate(1, 0, 0))
	chained := withChain(t, valid)
	cases := []struct {
		name     string
		data     []byte
		password string
		want     *testpfx.PFX
		err      error
	}{
		{"with password", valid.Data, "pfx-pass", &valid, nil},
		{"without password", noPassword.Data, "", &noPassword, nil},
		{"with its CA chain", chained, "pfx-pass", &valid, nil},
		{"wrong password", valid.Data, "wrong", nil, errPFXPassword},
		{"not a PFX", []byte("definitely not DER"), "", nil, errPFXInvalid},
		{"empty", nil, "", nil, errPFXInvalid},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			cert, err := parsePFX(tc.data, tc.password)
			if tc.err != nil {
				assert.ErrorIs(t, err, tc.err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want.Thumbprint, cert.thumbprint)
			assert.Equal(t, tc.want.Cert.NotBefore.Unix(), cert.notBefore.Unix())
			assert.Equal(t, tc.want.Cert.NotAfter.Unix(), cert.notAfter.Unix())
		})
	}
}

// withChain re-encodes a PFX with a CA certificate beside the client certificate, which
// pkcs12.Decode refuses and DecodeChain reads.
func withChain(t *testing.T, pfx testpfx.PFX) []byte {
	t.Helper()
	key, cert, err := pkcs12.Decode(pfx.Data, pfx.Password)
	require.NoError(t, err)
	ca := testpfx.Valid(t, "")
	data, err := pkcs12.Modern.Encode(key, cert, []*x509.Certificate{ca.Cert}, pfx.Password)
	require.NoError(t, err)
	_, _, err = pkcs12.Decode(data, pfx.Password)
	require.Error(t, err, "the chain must need DecodeChain")
	return data
}

func TestActiveCertificateIsTheNewestValidOne(t *testing.T) {
	valid := certificate{thumbprint: "A", notBefore: epoch.Add(-time.Hour), notAfter: epoch.Add(time.Hour)}
	alsoValid := certificate{thumbprint: "B", notBefore: epoch.Add(-time.Minute), notAfter: epoch.Add(time.Hour)}
	future := certificate{thumbprint: "C", notBefore: epoch.Add(time.Minute), notAfter: epoch.Add(time.Hour)}
	expired := certificate{thumbprint: "D", notBefore: epoch.Add(-2 * time.Hour), notAfter: epoch.Add(-time.Hour)}
	cases := []struct {
		name  string
		certs []certificate
		want  int
	}{
		{"none", nil, -1},
		{"one valid", []certificate{valid}, 0},
		{"newest valid wins", []certificate{valid, alsoValid}, 1},
		{"not yet valid is skipped", []certificate{valid, future}, 0},
		{"expired is skipped", []certificate{valid, expired}, 0},
		{"only invalid", []certificate{future, expired}, -1},
		{"notBefore is inclusive", []certificate{{notBefore: epoch, notAfter: epoch.Add(time.Second)}}, 0},
		{"notAfter is exclusive", []certificate{{notBefore: epoch.Add(-time.Second), notAfter: epoch}}, -1},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, activeCertificate(tc.certs, epoch))
		})
	}
}

func TestCertificateUploadAndIsActive(t *testing.T) {
	clock := &testClock{now: epoch}
	current := testpfx.New(t, "current-pass", epoch.Add(-24*time.Hour), epoch.AddDate(1, 0, 0))
	upcoming := testpfx.New(t, "upcoming-pass", epoch.Add(24*time.Hour), epoch.AddDate(2, 0, 0))
	expired := testpfx.New(t, "", epoch.AddDate(-2, 0, 0), epoch.AddDate(-1, 0, 0))

	forEachMode(t, []Option{WithClock(clock.Now)}, func(t *testing.T, h *harness) {
		clock.Set(epoch)
		body := basicConnector("Certified", "u", "p")
		body["authenticationConfiguration"] = pkcs12Config(current.Data, current.Password)
		created := h.do(request{method: http.MethodPost, path: "/beta/identity/apiConnectors", body: body})
		require.Equal(t, http.StatusCreated, created.status, string(created.body))
		id := created.str(t, "/id")
		assert.Equal(t, "#microsoft.graph.clientCertificateAuthentication", created.str(t, "/authenticationConfiguration/@odata.type"))
		assert.Equal(t, current.Thumbprint, created.str(t, "/authenticationConfiguration/certificateList/0/thumbprint"))
		assert.EqualValues(t, current.Cert.NotBefore.Unix(), created.at(t, "/authenticationConfiguration/certificateList/0/notBefore"))
		assert.EqualValues(t, current.Cert.NotAfter.Unix(), created.at(t, "/authenticationConfiguration/certificateList/0/notAfter"))
		assert.Equal(t, true, created.at(t, "/authenticationConfiguration/certificateList/0/isActive"))

		for _, pfx := range []testpfx.PFX{upcoming, expired} {
			r := h.do(request{method: http.MethodPost, path: "/beta/identity/apiConnectors/" + id + "/uploadClientCertificate",
				body: map[string]any{"pkcs12Value": pkcs12Config(pfx.Data, "")["pkcs12Value"], "password": pfx.Password}})
			require.Equal(t, http.StatusOK, r.status, string(r.body))
			assert.Equal(t, h.root+"/beta/$metadata#identity/apiConnectors/$entity", r.str(t, "/@odata.context"))
		}

		r := h.get("/beta/identity/apiConnectors/" + id)
		assert.Equal(t, []any{current.Thumbprint, upcoming.Thumbprint, expired.Thumbprint}, []any{
			r.at(t, "/authenticationConfiguration/certificateList/0/thumbprint"),
			r.at(t, "/authenticationConfiguration/certificateList/1/thumbprint"),
			r.at(t, "/authenticationConfiguration/certificateList/2/thumbprint"),
		}, "upload appends")
		assert.Equal(t, []any{true, false, false}, activeFlags(t, r), "the upcoming one is not valid yet, the newest is expired")

		clock.Set(epoch.Add(48 * time.Hour))
		assert.Equal(t, []any{false, true, false}, activeFlags(t, h.get("/beta/identity/apiConnectors/"+id)),
			"isActive is computed when answering")
	})
}

func activeFlags(t *testing.T, r reply) []any {
	t.Helper()
	var flags []any
	for _, c := range r.at(t, "/authenticationConfiguration/certificateList").([]any) {
		flags = append(flags, c.(map[string]any)["isActive"])
	}
	return flags
}

func TestUploadSwitchesBasicToCertificatesAndUpdateReplacesThem(t *testing.T) {
	first := testpfx.Valid(t, "one")
	second := testpfx.Valid(t, "two")
	forEachMode(t, nil, func(t *testing.T, h *harness) {
		id := h.createBasic("v1.0", "Switching")

		r := h.do(request{method: http.MethodPost, path: "/v1.0/identity/apiConnectors/" + id + "/uploadClientCertificate",
			body: map[string]any{"pkcs12Value": pkcs12Config(first.Data, "")["pkcs12Value"], "password": first.Password}})
		require.Equal(t, http.StatusOK, r.status, string(r.body))
		assert.Equal(t, "#microsoft.graph.clientCertificateAuthentication", r.str(t, "/authenticationConfiguration/@odata.type"))
		assert.Len(t, r.at(t, "/authenticationConfiguration/certificateList"), 1)

		patch := map[string]any{"authenticationConfiguration": pkcs12Config(second.Data, second.Password)}
		updated := h.do(request{method: http.MethodPatch, path: "/v1.0/identity/apiConnectors/" + id, body: patch})
		require.Equal(t, http.StatusNoContent, updated.status, string(updated.body))
		got := h.get("/v1.0/identity/apiConnectors/" + id)
		assert.Len(t, got.at(t, "/authenticationConfiguration/certificateList"), 1, "update replaces the list")
		assert.Equal(t, second.Thumbprint, got.str(t, "/authenticationConfiguration/certificateList/0/thumbprint"))

		back := map[string]any{"authenticationConfiguration": basicConnector("", "again", "pw")["authenticationConfiguration"]}
		require.Equal(t, http.StatusNoContent, h.do(request{method: http.MethodPatch, path: "/v1.0/identity/apiConnectors/" + id, body: back}).status)
		got = h.get("/v1.0/identity/apiConnectors/" + id)
		assert.Equal(t, "#microsoft.graph.basicAuthentication", got.str(t, "/authenticationConfiguration/@odata.type"))
		assert.Equal(t, "again", got.str(t, "/authenticationConfiguration/username"))
	})
}

func TestUnreadablePFXIsRefusedAndChangesNothing(t *testing.T) {
	pfx := testpfx.Valid(t, "right")
	forEachMode(t, nil, func(t *testing.T, h *harness) {
		id := h.createBasic("v1.0", "Unchanged")
		before := h.server.Connectors()
		garbage := []byte("not a pfx at all")
		cases := []struct {
			name    string
			req     request
			pointer string
		}{
			{"create, wrong password", request{method: http.MethodPost, path: "/v1.0/identity/apiConnectors",
				body: map[string]any{"displayName": "x", "targetUrl": "https://x.example.com", "authenticationConfiguration": pkcs12Config(pfx.Data, "wrong")}},
				"/authenticationConfiguration/pkcs12Value"},
			{"create, not a PFX", request{method: http.MethodPost, path: "/v1.0/identity/apiConnectors",
				body: map[string]any{"displayName": "x", "targetUrl": "https://x.example.com", "authenticationConfiguration": pkcs12Config(garbage, "")}},
				"/authenticationConfiguration/pkcs12Value"},
			{"update, wrong password", request{method: http.MethodPatch, path: "/v1.0/identity/apiConnectors/" + id,
				body: map[string]any{"authenticationConfiguration": pkcs12Config(pfx.Data, "wrong")}},
				"/authenticationConfiguration/pkcs12Value"},
			{"upload, wrong password", request{method: http.MethodPost, path: "/v1.0/identity/apiConnectors/" + id + "/uploadClientCertificate",
				body: map[string]any{"pkcs12Value": pkcs12Config(pfx.Data, "")["pkcs12Value"], "password": "wrong"}},
				"/pkcs12Value"},
			{"upload, not a PFX", request{method: http.MethodPost, path: "/v1.0/identity/apiConnectors/" + id + "/uploadClientCertificate",
				body: map[string]any{"pkcs12Value": pkcs12Config(garbage, "")["pkcs12Value"], "password": ""}},
				"/pkcs12Value"},
		}
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				r := h.do(tc.req)
				requireGraphError(t, r, http.StatusBadRequest, codeInvalidRequest)
				assert.Equal(t, []string{tc.pointer}, r.errorPointers(t))
				assert.Equal(t, before, h.server.Connectors())
			})
		}

		r := h.do(request{method: http.MethodPost, path: "/v1.0/identity/apiConnectors/missing/uploadClientCertificate",
			body: map[string]any{"pkcs12Value": pkcs12Config(pfx.Data, "")["pkcs12Value"], "password": pfx.Password}})
		requireGraphError(t, r, http.StatusNotFound, codeItemNotFound)
	})
}
