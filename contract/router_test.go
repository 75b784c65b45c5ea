package contract

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/routers/gorillamux"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestFindRouteAgreesWithGorillamux holds the validator's router to kin-openapi's
// gorillamux router on the same document: for every path template filled with ordinary and
// awkward parameter values, paths of no template, and every method, both find the same
// operation with the same parameters, or fail the same way.
func TestFindRouteAgreesWithGorillamux(t *testing.T) {
	spec, err := LoadSpec()
	require.NoError(t, err)
	reference, err := gorillamux.NewRouter(versionlessDocument(spec.doc))
	require.NoError(t, err)

	var paths []string
	for _, tmpl := range spec.paths {
		for _, value := range []string{"x", "B2X_1_flow", "%24count", "a%2Fb", "$count", "$ref", "apiConnectors", "%7Bid%7D", "caf%C3%A9", "'quoted'"} {
			var segs []string
			for _, s := range tmpl.segments {
				if isParam(s) {
					s = value
				}
				segs = append(segs, s)
			}
			paths = append(paths, "/"+strings.Join(segs, "/"))
		}
	}
	paths = append(paths, "/", "/identity", "/identity/apiConnectors/x/y", "/identity/b2xUserFlows/f/apiConnectorConfiguration/s/$ref/x",
		"/identity/apiConnectors/x/microsoft.graph.uploadClientCertificate")
	methods := []string{http.MethodGet, http.MethodPost, http.MethodPatch, http.MethodPut, http.MethodDelete, http.MethodHead, "PROPFIND"}

	for _, path := range paths {
		for _, method := range methods {
			route, params, canonical, err := spec.findRoute(method, path)
			unescaped, uerr := url.PathUnescape(canonical)
			require.NoError(t, uerr, path)
			req := &http.Request{Method: method, URL: &url.URL{Path: unescaped, RawPath: canonical}, Header: http.Header{}}
			wantRoute, wantParams, wantErr := reference.FindRoute(req)
			if wantErr != nil {
				assert.Equal(t, wantErr, err, "%s %s", method, path)
				continue
			}
			require.NoError(t, err, "%s %s", method, path)
			assert.Equal(t, wantRoute.Path, route.Path, "%s %s", method, path)
			assert.Same(t, wantRoute.Operation, route.Operation, "%s %s", method, path)
			assert.Same(t, wantRoute.PathItem, route.PathItem, "%s %s", method, path)
			assert.Equal(t, wantRoute.Method, route.Method, "%s %s", method, path)
			assert.Equal(t, wantRoute.Server.URL, route.Server.URL, "%s %s", method, path)
			assert.Equal(t, wantParams, params, "%s %s", method, path)
		}
	}
}
