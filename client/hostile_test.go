package client_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graph-apiconnector/apiconnector/client"
	"github.com/graph-apiconnector/apiconnector/internal/secret"
)

// Tried as a hostile Graph would: answers that quote, echo or invent secrets, and
// redirects of changes. Nothing the client knows as a secret comes back to its caller.

const hostilePassword = "hostile-pw-R4nd0m-8q"

// renderings are every way a program might show an error or a value.
func renderings(t *testing.T, v any) []string {
	t.Helper()
	var logged bytes.Buffer
	slog.New(slog.NewTextHandler(&logged, nil)).Info("x", "v", v)
	var logJSON bytes.Buffer
	slog.New(slog.NewJSONHandler(&logJSON, nil)).Info("x", "v", v)
	marshalled, _ := json.Marshal(v)
	out := []string{fmt.Sprint(v), fmt.Sprintf("%v", v), fmt.Sprintf("%+v", v), fmt.Sprintf("%#v", v), fmt.Sprintf("%q", v), string(marshalled), logged.String(), logJSON.String()}
	if err, ok := v.(error); ok {
		out = append(out, err.Error())
		var graphErr *client.Error
		if errors.As(err, &graphErr) {
			j, _ := json.Marshal(graphErr)
			out = append(out, graphErr.Message, graphErr.Code, fmt.Sprintf("%+v", *graphErr), string(j))
		}
	}
	return out
}

func requireNoSecret(t *testing.T, secretText string, v any) {
	t.Helper()
	for _, s := range renderings(t, v) {
		require.NotContains(t, s, secretText)
	}
}

// echoForms are the spellings a hostile server may quote a secret in.
func echoForms(s string) map[string]string {
	quoted, _ := json.Marshal(s)
	return map[string]string{
		"raw":    s,
		"json":   string(quoted[1 : len(quoted)-1]),
		"query":  url.QueryEscape(s),
		"path":   url.PathEscape(s),
		"base64": base64.StdEncoding.EncodeToString([]byte(s)),
	}
}

func TestGraphErrorNeverQuotesTheSentPassword(t *testing.T) {
	secrets := []string{hostilePassword, `pw with "quotes" & <tags>/ü`}
	for _, sent := range secrets {
		for form, echoed := range echoForms(sent) {
			t.Run(form, func(t *testing.T) {
				g := newGraph(t, func(w http.ResponseWriter, _ *http.Request, _ int) {
					// The JSON encoder escapes the message once more; the decoded message
					// holds the form as echoed.
					writeJSON(w, http.StatusBadRequest, graphError("invalid "+echoed, "password '"+echoed+"' does not meet complexity"),
						"request-id", echoed)
				})
				c, _ := newClient(t, g)
				_, err := c.Create(context.Background(), client.Connector{DisplayName: "d", TargetURL: "https://api.example.com",
					Auth: client.BasicAuth{Username: "u", Password: sent}})
				var graphErr *client.Error
				require.ErrorAs(t, err, &graphErr)
				assert.Equal(t, http.StatusBadRequest, graphErr.StatusCode)
				assert.Contains(t, graphErr.Message, secret.Mask, "the rest of the message is kept, the secret masked")
				for _, f := range echoForms(sent) {
					requireNoSecret(t, f, err)
				}
			})
		}
	}
}

func TestGraphErrorNeverQuotesTheSentPFX(t *testing.T) {
	pfx := validPFX(t)
	b64 := base64.StdEncoding.EncodeToString(pfx.Data)
	urlB64 := base64.URLEncoding.EncodeToString(pfx.Data)
	for name, echoed := range map[string]string{
		"whole":           b64,
		"middle":          b64[len(b64)/3 : len(b64)/3+40],
		"url alphabet":    urlB64[10:60],
		"password":        pfx.Password,
		"password json":   strings.ReplaceAll(pfx.Password, " ", `\u0020`),
		"password in url": url.QueryEscape(pfx.Password),
	} {
		t.Run(name, func(t *testing.T) {
			g := newGraph(t, func(w http.ResponseWriter, _ *http.Request, _ int) {
				body := `{"error":{"code":"badPfx","message":"cannot read ` + echoed + `"}}`
				writeJSON(w, http.StatusBadRequest, body)
			})
			c, _ := newClient(t, g)
			_, err := c.UploadClientCertificate(context.Background(), "abc", pfx.Data, pfx.Password)
			require.Error(t, err)
			requireNoSecret(t, b64[len(b64)/3:len(b64)/3+20], err)
			requireNoSecret(t, pfx.Password, err)
			requireNoSecret(t, echoed, err)
		})
	}
}

func TestGraphErrorNeverQuotesTheToken(t *testing.T) {
	g := newGraph(t, func(w http.ResponseWriter, r *http.Request, _ int) {
		writeJSON(w, http.StatusUnauthorized, graphError("InvalidAuthenticationToken", "token "+strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")+" expired"))
	})
	c, _ := newClient(t, g)
	token := testToken
	_, err := c.Get(context.Background(), "abc")
	require.ErrorIs(t, err, client.ErrUnauthorized)
	requireNoSecret(t, token, err)
}

// A wrapped error that is not Graph's (here, the decoding of a number the server chose to
// be the password) is masked too, and still answers errors.Is.
func TestWrappedErrorNeverQuotesTheSentPassword(t *testing.T) {
	const numeric = "314159265358"
	g := newGraph(t, func(w http.ResponseWriter, _ *http.Request, _ int) {
		writeJSON(w, http.StatusCreated, `{"id":"x","authenticationConfiguration":{"@odata.type":"#microsoft.graph.clientCertificateAuthentication","certificateList":[{"notAfter":`+numeric+`.5}]}}`)
	})
	c, _ := newClient(t, g)
	_, err := c.Create(context.Background(), client.Connector{DisplayName: "d", TargetURL: "https://api.example.com",
		Auth: client.BasicAuth{Username: "u", Password: numeric}})
	require.Error(t, err)
	requireNoSecret(t, numeric, err)
}

func TestResponsePasswordThatIsNotAMaskIsDropped(t *testing.T) {
	for name, property := range map[string]string{
		"password":       `"password"`,
		"upper case":     `"PASSWORD"`,
		"long s":         `"paſsword"`,
		"escaped":        `"pass\u0077ord"`,
		"escaped long s": `"pa\u017fsword"`,
	} {
		t.Run(name, func(t *testing.T) {
			g := newGraph(t, func(w http.ResponseWriter, _ *http.Request, _ int) {
				writeJSON(w, http.StatusOK, `{"id":"abc","displayName":"d","targetUrl":"https://api.example.com","authenticationConfiguration":{"@odata.type":"#microsoft.graph.basicAuthentication","username":"u",`+property+`:"`+hostilePassword+`"}}`)
			})
			c, _ := newClient(t, g)
			conn, err := c.Get(context.Background(), "abc")
			var leak *client.SecretInResponseError
			require.ErrorAs(t, err, &leak)
			require.ErrorIs(t, err, client.ErrSecretInResponse)
			assert.Equal(t, []string{"/authenticationConfiguration/password"}, leak.Pointers)
			assert.Equal(t, "abc", conn.ID, "the rest of the answer is returned")
			require.IsType(t, client.BasicAuth{}, conn.Auth)
			assert.Empty(t, conn.Auth.(client.BasicAuth).Password)
			requireNoSecret(t, hostilePassword, conn)
			requireNoSecret(t, hostilePassword, err)
		})
	}
}

func TestResponseMaskedPasswordIsKept(t *testing.T) {
	g := newGraph(t, func(w http.ResponseWriter, _ *http.Request, _ int) { writeJSON(w, http.StatusOK, basicConnectorJSON) })
	c, _ := newClient(t, g)
	conn, err := c.Get(context.Background(), "abc")
	require.NoError(t, err)
	assert.Equal(t, secret.Mask, conn.Auth.(client.BasicAuth).Password)
}

func TestUnknownAuthSecretPropertiesAreScrubbed(t *testing.T) {
	raw := `{"@odata.type":"#microsoft.graph.futureAuth","keyId":"k1","clientSecret":"` + hostilePassword + `",` +
		`"nested":{"PASSWORD":"` + hostilePassword + `"},"list":[{"paſsword":{"deep":"` + hostilePassword + `"}}],"pass\u0077ord":"******"}`
	g := newGraph(t, func(w http.ResponseWriter, _ *http.Request, _ int) {
		writeJSON(w, http.StatusOK, `{"value":[{"id":"abc","authenticationConfiguration":`+raw+`}]}`)
	})
	c, _ := newClient(t, g)
	page, err := c.ListPage(context.Background(), client.ListOptions{})
	var leak *client.SecretInResponseError
	require.ErrorAs(t, err, &leak)
	assert.ElementsMatch(t, []string{
		"/value/0/authenticationConfiguration/clientSecret",
		"/value/0/authenticationConfiguration/nested/PASSWORD",
		"/value/0/authenticationConfiguration/list/0/paſsword",
	}, leak.Pointers)
	require.Len(t, page.Connectors, 1)
	unknown, ok := page.Connectors[0].Auth.(client.UnknownAuth)
	require.True(t, ok)
	assert.NotContains(t, string(unknown.Raw), hostilePassword)
	assert.True(t, json.Valid(unknown.Raw))
	var kept map[string]any
	require.NoError(t, json.Unmarshal(unknown.Raw, &kept))
	assert.Equal(t, "k1", kept["keyId"], "what is not a secret is kept")
}

func TestResponseEchoOfTheSentPasswordIsMasked(t *testing.T) {
	g := newGraph(t, func(w http.ResponseWriter, _ *http.Request, _ int) {
		writeJSON(w, http.StatusCreated, `{"id":"abc","displayName":"named `+hostilePassword+`","targetUrl":"https://api.example.com/?p=`+url.QueryEscape(hostilePassword)+`","authenticationConfiguration":{"@odata.type":"#microsoft.graph.basicAuthentication","username":"`+hostilePassword+`","password":"******"}}`)
	})
	c, _ := newClient(t, g)
	conn, err := c.Create(context.Background(), client.Connector{DisplayName: "d", TargetURL: "https://api.example.com",
		Auth: client.BasicAuth{Username: "u", Password: hostilePassword}})
	var leak *client.SecretInResponseError
	require.ErrorAs(t, err, &leak)
	assert.ElementsMatch(t, []string{"/displayName", "/targetUrl", "/authenticationConfiguration/username"}, leak.Pointers)
	assert.Equal(t, "abc", conn.ID, "the connector was created; its id is returned")
	requireNoSecret(t, hostilePassword, conn)
}

// TestChangesAreNeverFollowedThroughARedirect: net/http turns a POST, PATCH, PUT or DELETE
// answered with 301, 302 or 303 into a GET of the Location, without the body; its answer
// would then be reported as the change's. A change is not followed: 301, 302 and 303 may
// mean Graph acted (ErrOutcomeUnknown); 307 and 308 ask for the same request elsewhere.
func TestChangesAreNeverFollowedThroughARedirect(t *testing.T) {
	pfx := validPFX(t)
	changes := map[string]func(*client.Client) error{
		"create": func(c *client.Client) error {
			_, err := c.Create(context.Background(), client.Connector{DisplayName: "d", TargetURL: "https://api.example.com", Auth: client.BasicAuth{Username: "u", Password: "p4ssw0rd"}})
			return err
		},
		"update": func(c *client.Client) error {
			return c.Update(context.Background(), "abc", client.ConnectorUpdate{DisplayName: ptr("n")})
		},
		"upload": func(c *client.Client) error {
			_, err := c.UploadClientCertificate(context.Background(), "abc", pfx.Data, pfx.Password)
			return err
		},
		"delete": func(c *client.Client) error { return c.Delete(context.Background(), "abc") },
		"attach": func(c *client.Client) error {
			return c.Attach(context.Background(), client.B2X, "B2X_1_f", client.PostAttributeCollection, "abc")
		},
		"detach": func(c *client.Client) error {
			return c.Detach(context.Background(), client.B2X, "B2X_1_f", client.PostAttributeCollection)
		},
	}
	for name, change := range changes {
		for _, status := range []int{http.StatusMovedPermanently, http.StatusFound, http.StatusSeeOther, http.StatusTemporaryRedirect, http.StatusPermanentRedirect} {
			t.Run(fmt.Sprintf("%s %d", name, status), func(t *testing.T) {
				other := newSecHost(t, func(w http.ResponseWriter, _ *http.Request, _ int) {
					fmJSON(w, http.StatusOK, fmConnectorJSON)
				})
				graph := newSecHost(t, func(w http.ResponseWriter, r *http.Request, _ int) {
					http.Redirect(w, r, other.server.URL+r.URL.Path, status)
				})
				err := change(secClient(t, graph.server.URL))
				require.Error(t, err, "a redirected change is not reported as done")
				var graphErr *client.Error
				require.ErrorAs(t, err, &graphErr)
				assert.Equal(t, status, graphErr.StatusCode)
				if status == http.StatusTemporaryRedirect || status == http.StatusPermanentRedirect {
					require.NotErrorIs(t, err, client.ErrOutcomeUnknown)
				} else {
					require.ErrorIs(t, err, client.ErrOutcomeUnknown, "Graph may have acted")
				}
				elsewhere, _ := other.requests()
				assert.Empty(t, elsewhere, "the redirect was not followed")
			})
		}
	}
}

func TestUnknownAuthSecretsSentAreMaskedInErrors(t *testing.T) {
	g := newGraph(t, func(w http.ResponseWriter, _ *http.Request, _ int) {
		writeJSON(w, http.StatusBadRequest, graphError("badAuth", "clientSecret "+hostilePassword+" rejected for @odata.type #x"))
	})
	c, _ := newClient(t, g)
	_, err := c.Create(context.Background(), client.Connector{DisplayName: "d", TargetURL: "https://api.example.com",
		Auth: client.UnknownAuth{Type: "#x", Raw: json.RawMessage(`{"@odata.type":"#x","clientSecret":"` + hostilePassword + `"}`)}})
	var graphErr *client.Error
	require.ErrorAs(t, err, &graphErr)
	requireNoSecret(t, hostilePassword, err)
	assert.Contains(t, graphErr.Message, "@odata.type #x", "what is not a secret is kept")
}

// A value the call itself sent, or a short password found by chance in a returned value,
// is no echo: the create succeeds.
func TestValuesThatHappenToHoldThePasswordAreNoEcho(t *testing.T) {
	answer := func(targetURL string) *graph {
		return newGraph(t, func(w http.ResponseWriter, _ *http.Request, _ int) {
			writeJSON(w, http.StatusCreated, strings.Replace(basicConnectorJSON, `"https://someapi.com/api"`, `"`+targetURL+`"`, 1))
		})
	}
	c, _ := newClient(t, answer("https://someapi.com/api"))
	_, err := c.Create(context.Background(), client.Connector{DisplayName: "d", TargetURL: "https://other.example",
		Auth: client.BasicAuth{Username: "u", Password: "someapi"}})
	require.NoError(t, err, "a 7-character password found by chance in a returned URL")

	sent := "https://someapi.com/api?p=" + hostilePassword
	c, _ = newClient(t, answer(sent))
	conn, err := c.Create(context.Background(), client.Connector{DisplayName: "d", TargetURL: sent,
		Auth: client.BasicAuth{Username: "u", Password: hostilePassword}})
	require.NoError(t, err, "the target URL the call sent, returned whole")
	assert.Equal(t, sent, conn.TargetURL)

	c, _ = newClient(t, answer(sent+"&more"))
	_, err = c.Create(context.Background(), client.Connector{DisplayName: "d", TargetURL: sent,
		Auth: client.BasicAuth{Username: "u", Password: hostilePassword}})
	require.ErrorIs(t, err, client.ErrSecretInResponse, "a value the call did not send")
}
