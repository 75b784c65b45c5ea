package contract

import "strings"

// boundActionExtension marks a path item that is an OData bound action and gives the
// action's namespace-qualified name (microsoft.graph.uploadClientCertificate). Graph accepts
// the last segment bare or qualified; the PowerShell SDK sends the qualified form.
const boundActionExtension = "x-graph-bound-action"

// matchesSegment reports whether a request segment matches template segment i of t: the
// same literal, in any case, or, for the last segment of a bound action, the action's
// qualified name.
func (t *pathTemplate) matchesSegment(i int, segment string) bool {
	if asciiEqualFold(t.segments[i], segment) {
		return true
	}
	return i == len(t.segments)-1 && t.qualifiedAction != "" && asciiEqualFold(t.qualifiedAction, segment)
}

// qualifiedActionName returns the x-graph-bound-action of a path item, or "" when it has
// none or when its name does not end in the path's last segment.
func qualifiedActionName(extensions map[string]any, path string) string {
	name, _ := extensions[boundActionExtension].(string)
	last := path[strings.LastIndex(path, "/")+1:]
	if !strings.HasSuffix(name, "."+last) {
		return ""
	}
	return name
}
