package contract

import (
	"strings"

	"github.com/getkin/kin-openapi/routers"
)

// findRoute routes a request below the version segment to its operation, as kin-openapi's
// gorillamux router would on the canonical path: the first template in matching order whose
// segments match, with parameters as their escaped segments. It matches on the templates
// the validator already holds for canonical spelling, so a request is matched once, with
// no regular expression. canonical is rest spelled as the spec spells it.
//
// The errors are routers.ErrPathNotFound and routers.ErrMethodNotAllowed, as from a
// routers.Router.
func (s *Spec) findRoute(method, rest string) (route *routers.Route, params map[string]string, canonical string, err error) {
	t, canonical := s.matchTemplate(rest)
	if t == nil {
		return nil, nil, canonical, routers.ErrPathNotFound
	}
	op := t.route.PathItem.GetOperation(method)
	if op == nil {
		return nil, nil, canonical, routers.ErrMethodNotAllowed
	}
	matched := t.route
	matched.Method, matched.Operation = method, op
	return &matched, t.params(canonical), canonical, nil
}

// params maps the template's parameter names to the segments of path, escaped, which
// matches the template.
func (t *pathTemplate) params(path string) map[string]string {
	out := map[string]string{}
	path = strings.TrimPrefix(path, "/")
	for _, ts := range t.segments {
		seg, after, _ := strings.Cut(path, "/")
		path = after
		if isParam(ts) {
			out[ts[1:len(ts)-1]] = seg
		}
	}
	return out
}
