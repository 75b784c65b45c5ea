package client_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graph-apiconnector/apiconnector/client"
	"github.com/graph-apiconnector/apiconnector/fake"
	"github.com/graph-apiconnector/apiconnector/internal/testpfx"
)

// The leak test plants unique secrets, runs every operation against the fake with debug
// logging on, and searches everything a program could print, log or serialize for them.

const (
	plantedPassword    = "planted-basic-pw-Q9x4Kd2vB"
	plantedPFXPassword = "planted-pfx-pw-Z7m3Rt8wL"
	plantedToken       = "planted-token-H5v1Nc6wYq"
)

// needle is one form in which a secret could leak.
type needle struct {
	what string // which secret, in which form; never the secret itself
	text string
}

// secretWindow is how long a piece of a secret is still a leak.
const secretWindow = 16

// leakNeedles lists the planted strings whole, hex- and base64-encoded, and every
// 16-byte window of them and of the .pfx, raw, in hex and in base64. Windows inside
// public are left out: a .pfx holds its certificate's SHA-1 in the clear (as the key's
// localKeyId), and that is the thumbprint Graph reports.
func leakNeedles(pfx, public []byte) []needle {
	var out []needle
	add := func(what string, raw []byte, whole bool) {
		if whole {
			out = append(out,
				needle{what, string(raw)},
				needle{what + " hex", hex.EncodeToString(raw)},
				needle{what + " HEX", strings.ToUpper(hex.EncodeToString(raw))},
				needle{what + " base64", base64.StdEncoding.EncodeToString(raw)},
				needle{what + " base64url", base64.RawURLEncoding.EncodeToString(raw)},
			)
		}
		for i := 0; i+secretWindow <= len(raw); i++ {
			w := raw[i : i+secretWindow]
			if bytes.Contains(public, w) {
				continue
			}
			at := fmt.Sprintf("%s[%d:%d]", what, i, i+secretWindow)
			// The first 20 base64 digits of 16 bytes depend on those bytes alone; aligned
			// windows are exactly the pieces of the whole file's base64.
			out = append(out,
				needle{at, string(w)},
				needle{at + " hex", hex.EncodeToString(w)},
				needle{at + " HEX", strings.ToUpper(hex.EncodeToString(w))},
				needle{at + " base64", base64.StdEncoding.EncodeToString(w)[:20]},
				needle{at + " base64url", base64.URLEncoding.EncodeToString(w)[:20]},
			)
		}
	}
	add("password", []byte(plantedPassword), true)
	add("pfx password", []byte(plantedPFXPassword), true)
	add("token", []byte(plantedToken), true)
	add("pfx", pfx, false)
	return out
}

// witness is a RoundTripper that notes which secrets went out where they belong, in
// request bodies and the Authorization header, so the test knows they were used.
type witness struct {
	next http.RoundTripper
	pfx  string // base64 of the .pfx

	mu                              sync.Mutex
	token, password, pfxPW, pfxBody bool
}

func (w *witness) RoundTrip(r *http.Request) (*http.Response, error) {
	var body []byte
	if r.Body != nil {
		var err error
		if body, err = io.ReadAll(r.Body); err != nil {
			return nil, err
		}
		_ = r.Body.Close()
		r.Body = io.NopCloser(bytes.NewReader(body))
	}
	w.mu.Lock()
	w.token = w.token || r.Header.Get("Authorization") == "Bearer "+plantedToken
	w.password = w.password || bytes.Contains(body, []byte(plantedPassword))
	w.pfxPW = w.pfxPW || bytes.Contains(body, []byte(plantedPFXPassword))
	w.pfxBody = w.pfxBody || bytes.Contains(body, []byte(w.pfx))
	w.mu.Unlock()
	return w.next.RoundTrip(r)
}

// leakCollector gathers everything that must not hold a secret, each under a label.
type leakCollector struct {
	texts  map[string]string
	values []any // printed, serialized and logged at the end
	errs   []error
}

func (lc *leakCollector) text(label, s string) { lc.texts[label] += s + "\n" }

func (lc *leakCollector) value(vs ...any) { lc.values = append(lc.values, vs...) }

// err keeps a non-nil error; it returns err so that calls can be wrapped.
func (lc *leakCollector) err(err error) error {
	if err != nil {
		lc.errs = append(lc.errs, err)
	}
	return err
}

var leakVerbs = []string{"%v", "%+v", "%#v", "%s", "%q", "%x"}

func TestE2ELeaksNoSecret(t *testing.T) {
	pfx := testpfx.Valid(t, plantedPFXPassword)
	wrongPasswordPFX := testpfx.Valid(t, plantedPassword) // opened with the other password below

	var clientLogs, fakeLogs, valueLogs bytes.Buffer
	debug := &slog.HandlerOptions{Level: slog.LevelDebug}
	clientLogger := slog.New(slog.NewMultiHandler(slog.NewTextHandler(&clientLogs, debug), slog.NewJSONHandler(&clientLogs, debug)))
	fakeLogger := slog.New(slog.NewMultiHandler(slog.NewTextHandler(&fakeLogs, debug), slog.NewJSONHandler(&fakeLogs, debug)))
	server := fake.New(fake.WithLogger(fakeLogger), fake.WithPageSize(1))
	w := &witness{next: server.Transport(), pfx: base64.StdEncoding.EncodeToString(pfx.Data)}
	c, err := client.New(
		client.WithHTTPClient(&http.Client{Transport: w}),
		client.WithStaticToken(plantedToken),
		client.WithAPIVersion(client.VersionBeta),
		client.WithLogger(clientLogger),
		client.WithClock(newRecordingClockAt(faultsNow)),
	)
	require.NoError(t, err)
	v1, err := client.New(
		client.WithHTTPClient(&http.Client{Transport: w}),
		client.WithStaticToken(plantedToken),
		client.WithLogger(clientLogger),
		client.WithClock(newRecordingClockAt(faultsNow)),
	)
	require.NoError(t, err)

	lc := &leakCollector{texts: map[string]string{}}
	ctx := t.Context()
	basic := client.BasicAuth{Username: "graph", Password: plantedPassword}
	cert := client.PKCS12{Value: pfx.Data, Password: plantedPFXPassword}
	unknown := client.UnknownAuth{Type: "#microsoft.graph.futureAuthentication",
		Raw: json.RawMessage(`{"@odata.type":"#microsoft.graph.futureAuthentication","apiKey":"` + plantedPassword + `"}`)}
	withBasic := client.Connector{DisplayName: "Leak basic", TargetURL: "https://api.example.com/basic", Auth: basic}
	withCert := client.Connector{DisplayName: "Leak cert", TargetURL: "https://api.example.com/cert", Auth: &cert}
	withUnknown := client.Connector{DisplayName: "Leak unknown", TargetURL: "https://api.example.com/unknown", Auth: unknown}
	name := "Renamed"
	updates := []client.ConnectorUpdate{
		{DisplayName: &name},
		{Auth: cert},
		{Auth: &basic, TargetURL: &withBasic.TargetURL},
	}
	lc.value(c, *c, v1, basic, &basic, cert, &cert, unknown, withBasic, &withBasic, withCert, withUnknown,
		updates[0], updates[1], &updates[2],
		client.Page{Connectors: []client.Connector{withBasic, withCert}, NextLink: "https://graph.microsoft.com/beta/identity/apiConnectors?$skiptoken=x"},
		client.UserFlowConfiguration{PostFederationSignup: &withBasic, PostAttributeCollection: &withCert},
		client.DefaultRetryPolicy(), client.ListOptions{Top: 5, Filter: "displayName eq 'x'", Select: []string{"displayName"}},
		client.CloudGlobal, client.B2X, client.PostAttributeCollection)

	// Every operation, succeeding.
	first, err := c.Create(ctx, withBasic)
	require.NoError(t, err)
	second, err := c.Create(ctx, withCert)
	require.NoError(t, err)
	lc.value(first, second, first.Auth, second.Auth)
	for _, id := range []string{first.ID, second.ID} {
		got, err := c.Get(ctx, id)
		require.NoError(t, err)
		lc.value(got)
	}
	for _, u := range updates {
		require.NoError(t, c.Update(ctx, first.ID, u))
	}
	uploaded, err := c.UploadClientCertificate(ctx, first.ID, pfx.Data, pfx.Password)
	require.NoError(t, err)
	lc.value(uploaded, uploaded.Auth)
	if certs, ok := uploaded.Auth.(client.ClientCertificates); ok && len(certs.Certificates) > 0 {
		lc.value(certs.Certificates[0])
	}
	for conn, err := range c.List(ctx, client.ListOptions{}) {
		require.NoError(t, err)
		lc.value(conn)
	}
	page, err := c.ListPage(ctx, client.ListOptions{Top: 1, Select: []string{"displayName"}})
	require.NoError(t, err)
	require.NotEmpty(t, page.NextLink)
	next, err := c.NextPage(ctx, page.NextLink)
	require.NoError(t, err)
	filtered, err := c.ListPage(ctx, client.ListOptions{Filter: "displayName eq '" + name + "'"})
	require.NoError(t, err)
	require.Len(t, filtered.Connectors, 1)
	lc.value(page, next, filtered)
	for _, kind := range []struct {
		client client.UserFlowKind
		fake   fake.UserFlowKind
		flow   string
	}{{client.B2X, fake.B2X, "B2X_1_leak"}, {client.B2C, fake.B2C, "B2C_1_leak"}} {
		server.SeedUserFlow(kind.fake, kind.flow)
		require.NoError(t, c.Attach(ctx, kind.client, kind.flow, client.PostFederationSignup, first.ID))
		require.NoError(t, c.Attach(ctx, kind.client, kind.flow, client.PostAttributeCollection, second.ID))
		cfg, err := c.UserFlowConfiguration(ctx, kind.client, kind.flow)
		require.NoError(t, err)
		lc.value(cfg)
		require.NoError(t, c.Detach(ctx, kind.client, kind.flow, client.PostFederationSignup))
	}
	require.NoError(t, c.Delete(ctx, second.ID))

	// Every operation, failing in each way it can.
	_, err = c.Get(ctx, second.ID)
	require.ErrorIs(t, lc.err(err), client.ErrNotFound)
	require.ErrorIs(t, lc.err(c.Delete(ctx, second.ID)), client.ErrNotFound)
	require.ErrorIs(t, lc.err(c.Update(ctx, second.ID, client.ConnectorUpdate{Auth: basic})), client.ErrNotFound)
	_, err = c.UploadClientCertificate(ctx, second.ID, pfx.Data, pfx.Password)
	require.ErrorIs(t, lc.err(err), client.ErrNotFound)
	require.ErrorIs(t, lc.err(c.Attach(ctx, client.B2X, "B2X_1_missing", client.PostFederationSignup, first.ID)), client.ErrNotFound)
	_, err = c.UserFlowConfiguration(ctx, client.B2C, "B2C_1_missing")
	require.ErrorIs(t, lc.err(err), client.ErrNotFound)

	var verr *client.ValidationError
	_, err = c.Create(ctx, client.Connector{DisplayName: "x", TargetURL: "https://x.example", Auth: client.PKCS12{Value: wrongPasswordPFX.Data, Password: plantedPFXPassword}})
	require.ErrorAs(t, lc.err(err), &verr, "a .pfx with the wrong password")
	_, err = c.UploadClientCertificate(ctx, first.ID, pfx.Data, plantedPassword)
	require.ErrorAs(t, lc.err(err), &verr, "an upload with the wrong password")
	_, err = c.UploadClientCertificate(ctx, first.ID, []byte(plantedPassword+plantedPFXPassword), plantedPFXPassword)
	require.ErrorAs(t, lc.err(err), &verr, "an upload of something that is not a .pfx")
	_, err = c.Create(ctx, client.Connector{TargetURL: "https://" + plantedPassword + "@x/", Auth: client.BasicAuth{Password: plantedPassword}})
	require.ErrorAs(t, lc.err(err), &verr, "missing fields")
	require.ErrorAs(t, lc.err(c.Update(ctx, first.ID, client.ConnectorUpdate{Auth: client.BasicAuth{Password: plantedPassword}})), &verr)
	_, err = c.NextPage(ctx, "https://evil.example/beta/identity/apiConnectors?$skiptoken="+plantedToken)
	require.ErrorAs(t, lc.err(err), &verr, "a nextLink elsewhere")
	_, err = v1.UserFlowConfiguration(ctx, client.B2C, "B2C_1_leak")
	require.ErrorAs(t, lc.err(err), &verr, "b2c on v1.0")

	// Graph judges an authentication type the client does not know.
	_, err = c.Create(ctx, withUnknown)
	var graphErr *client.Error
	require.ErrorAs(t, lc.err(err), &graphErr, "an unknown authentication type")
	assert.Equal(t, http.StatusBadRequest, graphErr.StatusCode)

	server.ThrottleNext(1, "86400")
	_, err = c.Create(ctx, withBasic)
	require.ErrorIs(t, lc.err(err), client.ErrThrottled)
	server.UnavailableNext(1, "")
	_, err = c.Create(ctx, withCert)
	require.ErrorAs(t, lc.err(err), &graphErr)
	server.GatewayTimeoutNext(4) // an update is retried until attempts run out
	require.ErrorAs(t, lc.err(c.Update(ctx, first.ID, client.ConnectorUpdate{Auth: cert, DisplayName: &name})), &graphErr)
	server.ThrottleNext(2, "1")
	_, err = c.Create(ctx, withBasic)
	require.NoError(t, err, "retried after 429s")
	server.DropNext(1, fake.DropAfterProcessing)
	_, err = c.Create(ctx, withCert)
	require.ErrorIs(t, lc.err(err), client.ErrOutcomeUnknown)
	server.DropNext(1, fake.DropAfterProcessing)
	_, err = c.UploadClientCertificate(ctx, first.ID, pfx.Data, pfx.Password)
	require.ErrorIs(t, lc.err(err), client.ErrOutcomeUnknown)
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	_, err = c.Create(cancelled, withBasic)
	require.ErrorIs(t, lc.err(err), context.Canceled)

	// A token Graph refuses.
	refusing := fake.New(fake.WithLogger(fakeLogger), fake.WithTokenCheck(func(string) error { return errors.New("expired") }))
	r, err := client.New(client.WithHTTPClient(&http.Client{Transport: refusing.Transport()}),
		client.WithStaticToken(plantedToken), client.WithLogger(clientLogger))
	require.NoError(t, err)
	_, err = r.Create(ctx, withCert)
	require.ErrorIs(t, lc.err(err), client.ErrUnauthorized)
	lc.value(r)

	// The secrets went where they belong, so their absence elsewhere means something.
	w.mu.Lock()
	assert.True(t, w.token, "the token was sent")
	assert.True(t, w.password, "the password was sent")
	assert.True(t, w.pfxPW, "the .pfx password was sent")
	assert.True(t, w.pfxBody, "the .pfx was sent")
	w.mu.Unlock()
	assert.Empty(t, server.ContractViolations())

	// Render everything.
	valueLogger := slog.New(slog.NewMultiHandler(slog.NewTextHandler(&valueLogs, debug), slog.NewJSONHandler(&valueLogs, debug)))
	for _, err := range lc.errs {
		lc.value(err)
		lc.text("Error()", err.Error())
		var graphErr *client.Error
		if errors.As(err, &graphErr) {
			lc.value(graphErr, *graphErr)
		}
		var verr *client.ValidationError
		if errors.As(err, &verr) {
			lc.value(verr, *verr)
			for _, f := range verr.Fields {
				lc.value(f)
			}
		}
	}
	for i, v := range lc.values {
		label := fmt.Sprintf("value %d (%T)", i, v)
		for _, verb := range leakVerbs {
			lc.text(label+" "+verb, fmt.Sprintf(verb, v))
		}
		if j, err := json.Marshal(v); err == nil {
			lc.text(label+" JSON", string(j))
		}
		valueLogger.Debug("value", "v", v)
	}
	lc.text("client logs", clientLogs.String())
	lc.text("fake logs", fakeLogs.String())
	lc.text("slog of values", valueLogs.String())

	require.Len(t, lc.errs, 21)
	assert.Contains(t, clientLogs.String(), "attempt=2", "the retried create was logged")
	assert.NotEmpty(t, fakeLogs.String())

	thumbprint, err := hex.DecodeString(pfx.Thumbprint)
	require.NoError(t, err)
	needles := leakNeedles(pfx.Data, thumbprint)
	for label, text := range lc.texts {
		for _, n := range needles {
			if strings.Contains(text, n.text) {
				t.Errorf("%s holds the %s", label, n.what)
				break
			}
		}
	}
}
