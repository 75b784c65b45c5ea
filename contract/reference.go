package contract

import (
	"errors"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strings"
)

// graphHosts are the Graph hosts of the national clouds, the service roots an @odata.id
// may name.
var graphHosts = []string{"graph.microsoft.com", "graph.microsoft.us", "dod-graph.microsoft.us", "microsoftgraph.chinacloudapi.cn"}

// referenceProperty is the property of a $ref body that names the entity.
const referenceProperty = "@odata.id"

// nextLinkProperty is the property of a page that links to the next one.
const nextLinkProperty = "@odata.nextLink"

// NextLink checks a page's @odata.nextLink: an absolute https URL on the host of the
// request and under its service root (https://<host>/<version>/...), since a client follows
// it with its token. A request to loopback (a fake) may be answered with a loopback http
// link to the same port. origin and version are the request's.
func NextLink(link string, origin *url.URL, version string) error {
	u, err := url.Parse(link)
	switch {
	case err != nil || !u.IsAbs() || u.Opaque != "" || u.Host == "":
		return errors.New("must be an absolute URL")
	case u.User != nil || u.Fragment != "":
		return errors.New("must not carry credentials or a fragment")
	case origin == nil || !strings.EqualFold(u.Hostname(), origin.Hostname()) || portOf(u) != portOf(origin):
		return errors.New("must be on the host of the request")
	case u.Scheme != "https" && (u.Scheme != "http" || !isLoopbackHost(u.Hostname())):
		return errors.New("must use https (http only on loopback)")
	case !strings.HasPrefix(u.EscapedPath(), "/"+version+"/"):
		return errors.New("must be under the service root of the request, /" + version)
	}
	if vs := pathSegmentViolations(u.EscapedPath()); len(vs) > 0 {
		return errors.New("must not have empty or dot segments")
	}
	return nil
}

// ConnectorReference checks the @odata.id of a $ref body (binding a connector to a
// user-flow step) and returns the connector id it names. It must be
// https://<graph host>/<version>/identity/apiConnectors/<id>: an absolute https URL of one
// of Graph's service roots, in the version of the request it came in, naming one
// identityApiConnector, with no query, fragment or credentials. A request to a loopback
// origin (a fake) may also name that origin, over its own scheme. origin is the scheme and
// host the request was sent to; version its API version. Literal segments match ignoring
// ASCII case only; the id must be a real segment.
func ConnectorReference(ref string, origin *url.URL, version string) (string, error) {
	u, err := url.Parse(ref)
	switch {
	case err != nil || !u.IsAbs() || u.Opaque != "" || u.Host == "":
		return "", errors.New("must be an absolute URL of an API connector")
	case u.User != nil || strings.ContainsAny(ref, "?#"):
		return "", errors.New("must not carry credentials, a query or a fragment")
	case !referenceOrigin(u, origin):
		return "", errors.New("must be on Graph's service root over https (or the fake's own loopback origin)")
	}
	segments := strings.Split(u.EscapedPath(), "/")
	if len(segments) != 5 || segments[0] != "" {
		return "", errors.New("must be <root>/<version>/identity/apiConnectors/<id>")
	}
	if segments[1] != version {
		return "", errors.New("must name the version of the request, " + version)
	}
	if !asciiEqualFold(segments[2], "identity") || !asciiEqualFold(segments[3], "apiConnectors") {
		return "", errors.New("must name an identityApiConnector (…/identity/apiConnectors/<id>)")
	}
	id, err := url.PathUnescape(segments[4])
	if err != nil || id == "" || id == "." || id == ".." || strings.Contains(id, "/") {
		return "", errors.New("must end in a connector id")
	}
	return id, nil
}

// referenceOrigin accepts a Graph host over https on its default port, or, when the
// request itself went to loopback, a loopback origin with the request's scheme and port.
func referenceOrigin(u, origin *url.URL) bool {
	host := strings.ToLower(u.Hostname())
	if u.Scheme == "https" && slices.Contains(graphHosts, host) && (u.Port() == "" || u.Port() == "443") {
		return true
	}
	if origin == nil || !isLoopbackHost(origin.Hostname()) || !isLoopbackHost(host) {
		return false
	}
	return strings.EqualFold(u.Scheme, origin.Scheme) && portOf(u) == portOf(origin)
}

func isLoopbackHost(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func portOf(u *url.URL) string {
	if p := u.Port(); p != "" {
		return p
	}
	if strings.EqualFold(u.Scheme, "https") {
		return "443"
	}
	return "80"
}

// asciiEqualFold compares ignoring ASCII case only: Graph's literal segments are ASCII,
// and a Unicode fold (ſ for s, K for k) spells another path.
func asciiEqualFold(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range len(a) {
		ca, cb := a[i], b[i]
		if 'A' <= ca && ca <= 'Z' {
			ca += 'a' - 'A'
		}
		if 'A' <= cb && cb <= 'Z' {
			cb += 'a' - 'A'
		}
		if ca != cb {
			return false
		}
	}
	return true
}

// originOf is the scheme and host a request was sent to: its URL's when it has them (a
// client's request), else its Host over the connection's scheme (a server's).
func originOf(req *http.Request) *url.URL {
	if req.URL.Host != "" && req.URL.Scheme != "" {
		return &url.URL{Scheme: req.URL.Scheme, Host: req.URL.Host}
	}
	scheme := "http"
	if req.TLS != nil {
		scheme = "https"
	}
	return &url.URL{Scheme: scheme, Host: req.Host}
}
