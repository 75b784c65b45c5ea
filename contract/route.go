package contract

import (
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// Versions are the Graph API versions the spec describes, as the first path segment.
var Versions = []string{"v1.0", "beta"}

// versionsExtension names the operations that exist only in some versions.
const versionsExtension = "x-graph-versions"

// pathTemplate is a spec path split into segments, to match request paths whose literal
// segments differ only in case.
type pathTemplate struct {
	segments        []string
	qualifiedAction string // the last segment's namespace-qualified spelling; see actions.go
}

func pathTemplates(doc *openapi3.T) []pathTemplate {
	var out []pathTemplate
	for _, p := range doc.Paths.InMatchingOrder() {
		out = append(out, pathTemplate{
			segments:        strings.Split(strings.TrimPrefix(p, "/"), "/"),
			qualifiedAction: qualifiedActionName(doc.Paths.Value(p).Extensions, p),
		})
	}
	return out
}

// splitVersion splits an escaped request path into its version segment and the rest,
// which starts with "/". Graph also answers a trailing slash, so one is dropped.
func splitVersion(escapedPath string) (version, rest string) {
	p := strings.TrimPrefix(escapedPath, "/")
	version, rest, _ = strings.Cut(p, "/")
	rest = "/" + strings.TrimSuffix(rest, "/")
	return version, rest
}

// canonicalPath rewrites the literal segments of rest to the spec's spelling when they match
// a template case-insensitively. Graph matches paths that way (a docs page writes
// `apiconnectors`), so the validator accepts what Graph accepts. Parameter values are left
// as they are.
func (s *Spec) canonicalPath(rest string) string {
	segs := strings.Split(strings.TrimPrefix(rest, "/"), "/")
	for _, t := range s.paths {
		if len(t.segments) != len(segs) {
			continue
		}
		out := slices.Clone(segs)
		matched := true
		for i, ts := range t.segments {
			if isParam(ts) {
				continue
			}
			if !t.matchesSegment(i, segs[i]) {
				matched = false
				break
			}
			out[i] = ts
		}
		if matched {
			return "/" + strings.Join(out, "/")
		}
	}
	return rest
}

func isParam(segment string) bool {
	return strings.HasPrefix(segment, "{") && strings.HasSuffix(segment, "}")
}

// operationVersions is the versions an operation exists in: its x-graph-versions, or all.
func operationVersions(op *openapi3.Operation) []string {
	raw, ok := op.Extensions[versionsExtension].([]any)
	if !ok {
		return Versions
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
	if !slices.Contains(Versions, version) {
		return escapedPath
	}
	return "/" + version + s.canonicalPath(rest)
}
