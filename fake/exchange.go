package fake

import (
	"context"
	"crypto/rand"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/graph-apiconnector/apiconnector/contract"
)

// exchange is what the handlers need to know about the request they answer: its ids, the
// root URL that links in the response start with, and the time it is answered at.
type exchange struct {
	requestID       string
	clientRequestID string
	baseURL         string // scheme://host/version, as the request addressed it
	now             time.Time
}

type exchangeKey struct{}

// defaultBaseURL is used when a strict method is called directly, with no HTTP request.
const defaultBaseURL = "https://graph.microsoft.com/v1.0"

func (s *Server) newExchange(r *http.Request) *exchange {
	return &exchange{
		requestID:       newUUID(),
		clientRequestID: r.Header.Get("client-request-id"),
		baseURL:         requestOrigin(r) + "/" + requestVersion(r),
		now:             s.clock(),
	}
}

func withExchange(ctx context.Context, ex *exchange) context.Context {
	return context.WithValue(ctx, exchangeKey{}, ex)
}

// exchangeFrom returns the exchange of the request ctx belongs to, or a fresh one with
// Graph's global root when the strict methods are called without ServeHTTP.
func (s *Server) exchangeFrom(ctx context.Context) *exchange {
	if ex, ok := ctx.Value(exchangeKey{}).(*exchange); ok {
		return ex
	}
	return &exchange{requestID: newUUID(), baseURL: defaultBaseURL, now: s.clock()}
}

// origin is scheme://host of the exchange.
func (ex *exchange) origin() *url.URL {
	u, err := url.Parse(ex.baseURL)
	if err != nil {
		return &url.URL{}
	}
	return &url.URL{Scheme: u.Scheme, Host: u.Host}
}

// version is the API version the exchange's links use.
func (ex *exchange) version() string { return ex.baseURL[strings.LastIndex(ex.baseURL, "/")+1:] }

// stamp adds the ids Graph puts on every response.
func (ex *exchange) stamp(h http.Header) {
	h.Set("request-id", ex.requestID)
	if ex.clientRequestID != "" {
		h.Set("client-request-id", ex.clientRequestID)
	}
}

// metadataURL is the @odata.context of a payload described by fragment.
func (ex *exchange) metadataURL(fragment string) string {
	return ex.baseURL + "/$metadata#" + fragment
}

// connectorURL is the canonical URL of a connector, as in Location and @odata.id.
func (ex *exchange) connectorURL(id string) string {
	return ex.baseURL + "/identity/apiConnectors/" + url.PathEscape(id)
}

// servedOriginKey carries the origin an in-process request was addressed to (see
// Transport), which is the address the fake serves it on.
type servedOriginKey struct{}

// requestOrigin is scheme://host of the address the fake serves the request on. Links in
// a response are built from it, never from what the request claims: a Host header or an
// absolute-form request target naming another host is not echoed. Behind net/http it is
// the connection's local address. When that is loopback, a Host header that also names a
// loopback address is kept, so that "localhost:8080" stays as the client wrote it and a
// proxy on the same machine (a recorder, a throttler) keeps receiving the next page; in
// process, it is the URL the client addressed.
func requestOrigin(r *http.Request) string {
	if origin, ok := r.Context().Value(servedOriginKey{}).(string); ok {
		return origin
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	local, ok := r.Context().Value(http.LocalAddrContextKey).(net.Addr)
	if !ok {
		return scheme + "://localhost"
	}
	served := local.String()
	if claimed := r.Host; isLoopbackHostPort(served) && isLoopbackHostPort(claimed) {
		return scheme + "://" + claimed
	}
	return scheme + "://" + served
}

// isLoopbackHostPort reports whether hostport is a loopback address with a port.
func isLoopbackHostPort(hostport string) bool {
	name, port, err := net.SplitHostPort(hostport)
	if err != nil || port == "" || strings.ContainsAny(port, "/?#@") {
		return false
	}
	if strings.EqualFold(name, "localhost") {
		return true
	}
	ip := net.ParseIP(name)
	return ip != nil && ip.IsLoopback()
}

// requestVersion is the API version the path starts with; links of a request with an
// unknown version are never built, so any default would do.
func requestVersion(r *http.Request) string {
	version, _, _ := strings.Cut(strings.TrimPrefix(r.URL.EscapedPath(), "/"), "/")
	if slices.Contains(contract.Versions(), version) {
		return version
	}
	return contract.Versions()[0]
}

// newUUID returns a random (version 4) UUID, as Graph's ids and request-ids are.
func newUUID() string {
	var b [16]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:])
}
