package proxy

import (
	"encoding/base64"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/graph-apiconnector/apiconnector/contract"
	"github.com/graph-apiconnector/apiconnector/har"
	"github.com/graph-apiconnector/apiconnector/internal/secret"
)

// credentialHeaders carry credentials whatever the body says; their values are never recorded.
var credentialHeaders = []string{"Authorization", "Proxy-Authorization", "Cookie", "Set-Cookie"}

// withheld replaces a body that would still contain a secret after masking, such as an
// error message that quotes the password it was sent.
const withheld = "(withheld: the body would contain a secret)"

// minSecret is the shortest secret value looked for outside the fields that hold it: a
// shorter one occurs in ordinary text, and finding it there says nothing.
const minSecret = 4

// record writes the exchange to the recording with every credential and secret masked.
// Validation ran on the real bytes; only the copy written here is masked.
func (p *Proxy) record(ex *exchange, resp *http.Response, respWire []byte) error {
	if p.recorder == nil {
		return nil
	}
	req := ex.request.Clone(ex.request.Context())
	secrets := credentialValues(req.Header)
	reqBody, reqSecrets := p.maskBody(req.Header, ex.body)
	secrets = append(secrets, reqSecrets...)

	entry := har.Entry{Started: ex.started, Duration: time.Since(ex.started), Request: req}
	var respBody []byte
	if resp != nil {
		masked := *resp
		masked.Header = resp.Header.Clone()
		secrets = append(secrets, credentialValues(masked.Header)...)
		var respSecrets []string
		respBody, respSecrets = p.maskBody(masked.Header, respWire)
		secrets = append(secrets, respSecrets...)
		maskHeader(masked.Header, secrets)
		entry.Response = &masked
	}
	maskHeader(req.Header, secrets)
	req.URL = maskURL(p.upstreamURL(req.URL), secrets)
	entry.RequestBody = withoutSecrets(reqBody, secrets)
	entry.ResponseBody = withoutSecrets(respBody, secrets)
	// Masking changes a body's length; the recorded header describes the recorded body.
	setContentLength(req.Header, entry.RequestBody)
	if entry.Response != nil {
		setContentLength(entry.Response.Header, entry.ResponseBody)
	}
	return p.recorder.Add(entry)
}

// maskBody decodes a body and masks its secret properties, returning the secret values
// found. A body that is not JSON is kept as it is; withoutSecrets then checks it for the
// exchange's known secrets.
func (p *Proxy) maskBody(h http.Header, wire []byte) ([]byte, []string) {
	body, err := contract.DecodeBody(h, wire)
	if err != nil {
		return []byte("(withheld: the body could not be decoded)"), nil
	}
	masked, secrets, ok := p.validator.MaskSecrets(body)
	if !ok {
		return body, nil
	}
	return masked, secrets
}

// credentialValues returns the credentials in a header: whole values, and the token after
// the scheme ("Bearer eyJ…" yields the token too, which may be quoted on its own).
func credentialValues(h http.Header) []string {
	var out []string
	for _, name := range credentialHeaders {
		for _, v := range h.Values(name) {
			out = append(out, v)
			if _, token, ok := strings.Cut(strings.TrimSpace(v), " "); ok {
				out = append(out, strings.TrimSpace(token))
			}
		}
	}
	return out
}

// maskHeader masks the credential headers and any other header that repeats a secret. An
// authorization keeps its scheme ("Bearer ******"), so the recording still shows that a
// token was sent.
func maskHeader(h http.Header, secrets []string) {
	for name, values := range h {
		for i, v := range values {
			switch {
			case strings.EqualFold(name, "Authorization") || strings.EqualFold(name, "Proxy-Authorization"):
				values[i] = secret.Mask
				if scheme, _, ok := strings.Cut(strings.TrimSpace(v), " "); ok && isToken(scheme) {
					values[i] = scheme + " " + secret.Mask
				}
			case isCredentialHeader(name) || containsSecret(v, secrets):
				values[i] = secret.Mask
			}
		}
	}
}

// isToken reports whether s is a plain auth-scheme name, never a credential's own text.
func isToken(s string) bool {
	for _, c := range s {
		if (c < 'a' || c > 'z') && (c < 'A' || c > 'Z') && (c < '0' || c > '9') && c != '-' {
			return false
		}
	}
	return s != "" && len(s) <= 16
}

func isCredentialHeader(name string) bool {
	for _, c := range credentialHeaders {
		if strings.EqualFold(c, name) {
			return true
		}
	}
	return false
}

func setContentLength(h http.Header, body []byte) {
	if h.Get("Content-Length") != "" || h.Get("Content-Encoding") != "" {
		h.Del("Content-Encoding")
		h.Set("Content-Length", strconv.Itoa(len(body)))
	}
}

// upstreamURL is where the request went: the upstream's scheme and host, its path prefix,
// then the path the client asked for.
func (p *Proxy) upstreamURL(u *url.URL) *url.URL {
	out := *u
	out.Scheme, out.Host = p.upstream.Scheme, p.upstream.Host
	out.Path = strings.TrimSuffix(p.upstream.Path, "/") + u.Path
	out.RawPath = ""
	return &out
}

// maskURL masks every query value that holds a secret, and the user information.
func maskURL(u *url.URL, secrets []string) *url.URL {
	out := *u
	out.User = nil
	if out.RawQuery == "" || !containsSecret(out.RawQuery, secrets) {
		return &out
	}
	q := out.Query()
	for name, values := range q {
		for i, v := range values {
			if containsSecret(v, secrets) || containsSecret(name, secrets) {
				values[i] = secret.Mask
			}
		}
	}
	out.RawQuery = q.Encode()
	return &out
}

// withoutSecrets returns body, or the withheld note when a secret is still in it in any of
// the forms a body may carry it.
func withoutSecrets(body []byte, secrets []string) []byte {
	if len(body) == 0 || !containsSecret(string(body), secrets) {
		return body
	}
	return []byte(withheld)
}

// containsSecret reports whether s holds any secret as written, JSON-escaped, URL-escaped or
// base64-encoded.
func containsSecret(s string, secrets []string) bool {
	for _, value := range secrets {
		if len(value) < minSecret {
			continue
		}
		quoted := strconv.Quote(value)
		for _, form := range []string{
			value,
			quoted[1 : len(quoted)-1],
			url.QueryEscape(value),
			url.PathEscape(value),
			base64.StdEncoding.EncodeToString([]byte(value)),
			base64.RawStdEncoding.EncodeToString([]byte(value)),
			base64.URLEncoding.EncodeToString([]byte(value)),
			base64.RawURLEncoding.EncodeToString([]byte(value)),
		} {
			if strings.Contains(s, form) {
				return true
			}
		}
	}
	return false
}
