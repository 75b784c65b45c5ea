package contract

import (
	"net/url"
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/routers"
)

// versions are the Graph API versions the spec describes, as the first path segment.
var versions = []string{"v1.0", "beta"}

// Versions returns the Graph API versions the spec describes, as the first path segment
// ("v1.0", "beta"). Each call returns a new slice.
func Versions() []string { return slices.Clone(versions) }

// versionsExtension names the operations that exist only in some versions.
const versionsExtension = "x-graph-versions"

// pathTemplate is a spec path split into segments, to match request paths whose literal
// segments differ only in case.
type pathTemplate struct {
	segments        []string
	qualifiedAction string // the last segment's namespace-qualified spelling; see actions.go
	// route is what a request matching the template routes to, but for its method and
	// operation; see router.go.
	route routers.Route
}

// pathTemplates lists doc's paths in kin-openapi's matching order (literal segments before
// parameters), each routing into routed, the document as the router serves it.
func pathTemplates(doc, routed *openapi3.T) []pathTemplate {
	var out []pathTemplate
	for _, p := range doc.Paths.InMatchingOrder() {
		out = append(out, pathTemplate{
			segments:        strings.Split(strings.TrimPrefix(p, "/"), "/"),
			qualifiedAction: qualifiedActionName(doc.Paths.Value(p).Extensions, p),
			route:           routers.Route{Spec: routed, Server: routed.Servers[0], Path: p, PathItem: routed.Paths.Value(p)},
		})
	}
	return out
}

// splitVersion splits an escaped request path into its version segment and the rest,
// which starts with "/". Graph also answers a trailing slash, so one is dropped.
func splitVersion(escapedPath string) (version, rest string) {
	p := strings.TrimPrefix(escapedPath, "/")
	i := strings.IndexByte(p, '/')
	if i < 0 {
		return p, "/"
	}
	// Slices of the path, not new strings: this runs for every exchange.
	version, rest = p[:i], p[i:]
	if len(rest) > 1 {
		rest = strings.TrimSuffix(rest, "/")
	}
	return version, rest
}

// canonicalPath rewrites the literal segments of rest to the spec's spelling when they match
// a template ignoring ASCII case (ſ is not s, K is not k). Graph matches paths that way (a docs page writes
// `apiconnectors`), so the validator accepts what Graph accepts. Parameter values are left
// as they are.
func (s *Spec) canonicalPath(rest string) string {
	_, canonical := s.matchTemplate(rest)
	return canonical
}

// matchTemplate finds the first template, in matching order, that rest matches, and
// returns it with rest spelled as the template spells it; nil and rest when none does.
func (s *Spec) matchTemplate(rest string) (*pathTemplate, string) {
	path := strings.TrimPrefix(rest, "/")
	n := strings.Count(path, "/") + 1
	for i := range s.paths {
		t := &s.paths[i]
		if len(t.segments) != n {
			continue
		}
		exact, matched := t.match(path)
		switch {
		case !matched:
			continue
		case exact:
			return t, rest // already as the spec spells it: nothing to build
		default:
			respelled := t.respell(path)
			return t, respelled
		}
	}
	return nil, rest
}

// match compares path's segments with the template's: matched when every literal segment is
// equal without regard to ASCII case (as Graph routes; a Unicode fold is another path),
// exact when they are equal as written.
func (t *pathTemplate) match(path string) (exact, matched bool) {
	exact = true
	for i, ts := range t.segments {
		seg, after, _ := strings.Cut(path, "/")
		path = after
		switch {
		case isParam(ts) && seg != "", seg == ts:
		case t.matchesSegment(i, seg):
			exact = false
		default:
			return false, false
		}
	}
	return exact, true
}

// respell writes path with the template's literal segments, keeping parameter values.
func (t *pathTemplate) respell(path string) string {
	var b strings.Builder
	b.Grow(len(path) + 1)
	for _, ts := range t.segments {
		seg, after, _ := strings.Cut(path, "/")
		path = after
		b.WriteByte('/')
		if isParam(ts) {
			b.WriteString(seg)
		} else {
			b.WriteString(ts)
		}
	}
	return b.String()
}

func isParam(segment string) bool {
	return strings.HasPrefix(segment, "{") && strings.HasSuffix(segment, "}")
}

// operationVersions is the versions an operation exists in: its x-graph-versions, or all.
func operationVersions(op *openapi3.Operation) []string {
	raw, ok := op.Extensions[versionsExtension].([]any)
	if !ok {
		return versions
	}
	var out []string
	for _, v := range raw {
		if s, ok := v.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

// CanonicalPath returns an escaped request path with its literal segments spelled as in the
// spec ("/beta/identity/apiconnectors/x" becomes "/beta/identity/apiConnectors/x") and no
// trailing slash, so that a server routing with exact matches answers what Graph answers.
// A path of an unknown version or shape is returned as it is.
func (s *Spec) CanonicalPath(escapedPath string) string {
	version, rest := splitVersion(escapedPath)
	if !slices.Contains(versions, version) {
		return escapedPath
	}
	return "/" + version + s.canonicalPath(rest)
}

// pathSegmentViolations reports what makes an escaped path name something other than its
// segments say: a dot segment (".", "..", or spelled with %2e), which a server or proxy may
// resolve to another resource, and an empty segment ("//"). One trailing slash is allowed,
// as Graph's own syntax writes it.
func pathSegmentViolations(escapedPath string) []Violation {
	path := strings.TrimPrefix(escapedPath, "/")
	if len(path) > 1 {
		path = strings.TrimSuffix(path, "/")
	}
	// Segment by segment without splitting, and unescaped only where there is an escape:
	// this runs for every exchange.
	for more := true; more; {
		var seg string
		seg, path, more = strings.Cut(path, "/")
		unescaped, err := seg, error(nil)
		if strings.IndexByte(seg, '%') >= 0 {
			unescaped, err = url.PathUnescape(seg)
		}
		switch {
		case err != nil:
			return []Violation{{Pointer: "/path", Kind: KindRoute, Message: "the path is not validly escaped"}}
		case seg == "":
			return []Violation{{Pointer: "/path", Kind: KindRoute, Message: "the path has an empty segment"}}
		case unescaped == "." || unescaped == "..":
			return []Violation{{Pointer: "/path", Kind: KindRoute, Message: "the path has a dot segment"}}
		}
	}
	return nil
}

// repeatedQueryOptions reports an OData system query option ($top, $filter, ...) given
// more than once, in any case: readers disagree on which one counts.
func repeatedQueryOptions(rawQuery string) []Violation {
	if rawQuery == "" {
		return nil
	}
	seen := map[string]bool{}
	var out []Violation
	for _, pair := range strings.Split(rawQuery, "&") {
		name, _, _ := strings.Cut(pair, "=")
		name, err := url.QueryUnescape(name)
		if err != nil || !strings.HasPrefix(name, "$") {
			continue
		}
		key := strings.ToLower(name)
		if seen[key] {
			out = appendNew(out, Violation{Pointer: "/query/" + name, Kind: KindParameter, Message: "the system query option is given more than once"})
		}
		seen[key] = true
	}
	return out
}
