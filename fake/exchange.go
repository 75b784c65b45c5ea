package fake

import (
	"context"
	"crypto/rand"
	"fmt"
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

// requestOrigin is scheme://host of the request: the URL's scheme when set (a client-side
// request through Transport), else https when the connection is TLS, else http.
func requestOrigin(r *http.Request) string {
	scheme := r.URL.Scheme
	if scheme == "" {
		scheme = "http"
		if r.TLS != nil {
			scheme = "https"
		}
	}
	host := r.Host
	if host == "" {
		host = r.URL.Host
	}
	if host == "" {
		host = "localhost"
	}
	return scheme + "://" + host
}

// requestVersion is the API version the path starts with; links of a request with an
// unknown version are never built, so any default would do.
func requestVersion(r *http.Request) string {
	version, _, _ := strings.Cut(strings.TrimPrefix(r.URL.EscapedPath(), "/"), "/")
	if slices.Contains(contract.Versions, version) {
		return version
	}
	return contract.Versions[0]
}

// newUUID returns a random (version 4) UUID, as Graph's ids and request-ids are.
func newUUID() string {
	var b [16]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:])
}
