package client

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
)

// Option configures a Client; New reports the first Option that fails.
type Option func(*config) error

// config is what the options build; New turns it into a Client.
type config struct {
	cloud      Cloud
	version    string
	baseURL    *url.URL // nil: the cloud's Graph host over https
	httpClient *http.Client
	credential azcore.TokenCredential
	// credentials counts WithCredential and WithStaticToken calls, so that two competing
	// sources of tokens are an error instead of a silent last-one-wins.
	credentials int
	retry       RetryPolicy
	logger      *slog.Logger
	userAgent   string
	clock       Clock
	// trusted are the hosts besides the cloud's Graph host and loopback that may receive a
	// credential's token (WithTrustedHost).
	trusted []string
	// qualifiedActions sends bound actions namespace-qualified (see WithQualifiedActionNames).
	qualifiedActions bool
}

// API versions Graph serves the connector endpoints under.
const (
	VersionV1   = "v1.0"
	VersionBeta = "beta"
)

// Cloud is a Microsoft Graph national cloud. Tokens are not interchangeable between clouds,
// so the cloud also decides the token scope.
type Cloud int

// The clouds in Graph's deployment table.
const (
	CloudGlobal  Cloud = iota // graph.microsoft.com
	CloudUSGovL4              // graph.microsoft.us (GCC High)
	CloudUSGovL5              // dod-graph.microsoft.us (DoD)
	CloudChina                // microsoftgraph.chinacloudapi.cn (21Vianet)
)

var cloudHosts = map[Cloud]string{
	CloudGlobal:  "graph.microsoft.com",
	CloudUSGovL4: "graph.microsoft.us",
	CloudUSGovL5: "dod-graph.microsoft.us",
	CloudChina:   "microsoftgraph.chinacloudapi.cn",
}

var cloudNames = map[Cloud]string{
	CloudGlobal:  "global",
	CloudUSGovL4: "usgovl4",
	CloudUSGovL5: "usgovl5",
	CloudChina:   "china",
}

// Host is the cloud's Graph host, such as "graph.microsoft.com"; "" for an unknown Cloud.
func (c Cloud) Host() string { return cloudHosts[c] }

// Scope is the token scope for the cloud's Graph, "https://<host>/.default".
func (c Cloud) Scope() string { return "https://" + c.Host() + "/.default" }

// String is the name ParseCloud accepts.
func (c Cloud) String() string {
	if name, ok := cloudNames[c]; ok {
		return name
	}
	return fmt.Sprintf("Cloud(%d)", int(c))
}

// ParseCloud reads "global", "usgovl4", "usgovl5" (or "dod") and "china", in any case.
func ParseCloud(s string) (Cloud, error) {
	name := strings.ToLower(strings.TrimSpace(s))
	if name == "dod" {
		return CloudUSGovL5, nil
	}
	for cloud, n := range cloudNames {
		if n == name {
			return cloud, nil
		}
	}
	return 0, fmt.Errorf("apiconnector: unknown cloud %q (want global, usgovl4, usgovl5, dod or china)", s)
}

// WithCloud picks the national cloud: its Graph host (unless WithBaseURL overrides it) and
// its token scope. The default is CloudGlobal.
func WithCloud(c Cloud) Option {
	return func(cfg *config) error {
		if c.Host() == "" {
			return fmt.Errorf("apiconnector: unknown cloud %d", int(c))
		}
		cfg.cloud = c
		return nil
	}
}

// WithAPIVersion picks "v1.0" (the default) or "beta".
func WithAPIVersion(v string) Option {
	return func(cfg *config) error {
		if v != VersionV1 && v != VersionBeta {
			return fmt.Errorf("apiconnector: unknown API version %q (want %s or %s)", v, VersionV1, VersionBeta)
		}
		cfg.version = v
		return nil
	}
}

// WithBaseURL sends requests to root instead of the cloud's Graph host, for proxies and fakes.
// root has no version ("http://127.0.0.1:8080"); the client appends "/<version>". It must be
// https unless the host is loopback, because the bearer token travels with every request.
// The token scope still comes from the cloud. With WithCredential, a host other than the
// cloud's Graph host or loopback also needs WithTrustedHost, since the token is a Microsoft
// identity token for Graph; WithStaticToken needs no such opt-in.
func WithBaseURL(root string) Option {
	return func(cfg *config) error {
		u, err := parseBaseURL(root)
		if err != nil {
			return err
		}
		cfg.baseURL = u
		return nil
	}
}

// WithTrustedHost lets a credential's token (WithCredential) go to host, the host of
// WithBaseURL, when that is not the cloud's Graph host or loopback: a proxy of your own in
// front of Graph, say. host is a host name, or host:port to trust that port only. Without
// it, New refuses such a base URL with an *UntrustedHostError before any token is asked
// for, since whoever runs that host could replay the token against Graph.
func WithTrustedHost(host string) Option {
	return func(cfg *config) error {
		h := strings.TrimSpace(host)
		if h == "" || strings.ContainsAny(h, "/?#@ ") {
			return errors.New("apiconnector: trusted host must be a host name or host:port")
		}
		cfg.trusted = append(cfg.trusted, h)
		return nil
	}
}

// UntrustedHostError is New's answer to a base URL whose host would receive a Microsoft
// identity token without being the cloud's Graph host, loopback, or a WithTrustedHost.
type UntrustedHostError struct {
	Host      string // the base URL's host, as WithTrustedHost would name it
	GraphHost string // the cloud's Graph host
}

func (e *UntrustedHostError) Error() string {
	return "apiconnector: the base URL's host " + e.Host + " is not " + e.GraphHost +
		" or loopback; a credential's token goes there only with WithTrustedHost(\"" + e.Host + "\")"
}

// checkTokenHost refuses to send a credential's token to a base URL that is not the
// cloud's Graph host, loopback, or trusted. A static token is the caller's own to send.
func (cfg *config) checkTokenHost() error {
	if cfg.baseURL == nil {
		return nil
	}
	if _, static := cfg.credential.(staticToken); static {
		return nil
	}
	u := cfg.baseURL
	host := u.Hostname()
	graphHost := cfg.cloud.Host()
	if (strings.EqualFold(host, graphHost) && u.Scheme == "https" && (u.Port() == "" || u.Port() == "443")) || isLoopback(host) {
		return nil
	}
	for _, t := range cfg.trusted {
		if strings.EqualFold(t, host) || strings.EqualFold(t, u.Host) {
			return nil
		}
	}
	return &UntrustedHostError{Host: host, GraphHost: graphHost}
}

func parseBaseURL(root string) (*url.URL, error) {
	u, err := url.Parse(root)
	if err != nil {
		return nil, fmt.Errorf("apiconnector: base URL: %w", err)
	}
	switch {
	case u.Scheme != "http" && u.Scheme != "https":
		return nil, errors.New("apiconnector: base URL must be an absolute http or https URL")
	case u.Host == "":
		return nil, errors.New("apiconnector: base URL has no host")
	case u.User != nil:
		return nil, errors.New("apiconnector: base URL must not carry credentials")
	case u.RawQuery != "" || u.Fragment != "":
		return nil, errors.New("apiconnector: base URL must not have a query or fragment")
	case u.Scheme == "http" && !isLoopback(u.Hostname()):
		return nil, errors.New("apiconnector: base URL must use https unless the host is loopback")
	}
	u.Path = strings.TrimRight(u.Path, "/")
	u.RawPath = ""
	last := u.Path[strings.LastIndex(u.Path, "/")+1:]
	if last == VersionV1 || last == VersionBeta {
		return nil, errors.New("apiconnector: base URL must not include the API version; use WithAPIVersion")
	}
	return u, nil
}

// isLoopback reports whether host never leaves the machine: localhost, 127.0.0.0/8 or ::1.
func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// WithHTTPClient uses hc for the requests. Its Transport (http.DefaultTransport when nil) is
// wrapped with authentication, ids, retries and logging, on a copy: hc itself is not changed.
func WithHTTPClient(hc *http.Client) Option {
	return func(cfg *config) error {
		if hc == nil {
			return errors.New("apiconnector: nil *http.Client")
		}
		cfg.httpClient = hc
		return nil
	}
}

// WithCredential authenticates with cred, asking for the cloud's ".default" scope. A
// credential from azidentity caches and refreshes tokens, so the client asks it per request.
func WithCredential(cred azcore.TokenCredential) Option {
	return func(cfg *config) error {
		if cred == nil {
			return errors.New("apiconnector: nil credential")
		}
		cfg.credential = cred
		cfg.credentials++
		return nil
	}
}

// WithStaticToken authenticates with a fixed bearer token, for tests and fakes.
func WithStaticToken(token string) Option {
	return func(cfg *config) error {
		if token == "" {
			return errors.New("apiconnector: empty static token")
		}
		cfg.credential = staticToken{token: token, header: "Bearer " + token}
		cfg.credentials++
		return nil
	}
}

// WithRetryPolicy replaces DefaultRetryPolicy.
func WithRetryPolicy(p RetryPolicy) Option {
	return func(cfg *config) error {
		if err := p.validate(); err != nil {
			return err
		}
		cfg.retry = p
		return nil
	}
}

// WithLogger receives one Debug record per attempt and per retry wait. Records never hold
// bodies, tokens or the Authorization header.
func WithLogger(l *slog.Logger) Option {
	return func(cfg *config) error {
		if l == nil {
			return errors.New("apiconnector: nil logger")
		}
		cfg.logger = l
		return nil
	}
}

// WithUserAgent names the calling program. It goes first in the User-Agent header, before
// this library's own product token, so Graph's logs show both.
func WithUserAgent(ua string) Option {
	return func(cfg *config) error {
		for _, r := range ua {
			if r < 0x20 || r == 0x7f {
				return errors.New("apiconnector: user agent has a control character")
			}
		}
		cfg.userAgent = strings.TrimSpace(ua)
		return nil
	}
}

// WithClock replaces the wall clock that retries read and sleep on, so tests need not wait.
func WithClock(c Clock) Option {
	return func(cfg *config) error {
		if c == nil {
			return errors.New("apiconnector: nil clock")
		}
		cfg.clock = c
		return nil
	}
}

// Clock is the time source of retries.
type Clock interface {
	Now() time.Time
	// Sleep waits for d, or returns ctx.Err() at once when ctx ends first.
	Sleep(ctx context.Context, d time.Duration) error
}

type wallClock struct{}

func (wallClock) Now() time.Time { return time.Now() }

func (wallClock) Sleep(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if d <= 0 {
		return nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// WithQualifiedActionNames makes the client address bound actions by their
// namespace-qualified names (…/microsoft.graph.uploadClientCertificate), as the PowerShell
// SDK does, instead of the bare names the docs show. Graph accepts both.
func WithQualifiedActionNames() Option {
	return func(cfg *config) error {
		cfg.qualifiedActions = true
		return nil
	}
}
