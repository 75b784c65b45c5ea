package client_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graph-apiconnector/apiconnector/client"
)

// pagedGraph serves pages of connectors c0, c1, ... with size per page, linking them by
// @odata.nextLink on its own host.
func pagedGraph(t *testing.T, total, size int) *graph {
	return newGraph(t, func(w http.ResponseWriter, r *http.Request, _ int) {
		start := 0
		if tok := r.URL.Query().Get("$skiptoken"); tok != "" {
			_, _ = fmt.Sscanf(tok, "p%d", &start)
		}
		end := min(start+size, total)
		body := `{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#identity/apiConnectors","value":[`
		for i := start; i < end; i++ {
			if i > start {
				body += ","
			}
			body += fmt.Sprintf(`{"id":"c%d","displayName":"n%d","targetUrl":"https://x.example/%d","authenticationConfiguration":{"@odata.type":"#microsoft.graph.basicAuthentication","username":"u","password":"******"}}`, i, i, i)
		}
		body += "]"
		if end < total {
			body += fmt.Sprintf(`,"@odata.nextLink":"%s/v1.0/identity/apiConnectors?$top=%d&$skiptoken=p%d"`, rootOf(r), size, end)
		}
		writeJSON(w, http.StatusOK, body+"}")
	})
}

func TestListFollowsNextLinks(t *testing.T) {
	g := pagedGraph(t, 5, 2)
	c, _ := newClient(t, g)

	var ids []string
	for conn, err := range c.List(context.Background(), client.ListOptions{Top: 2}) {
		require.NoError(t, err)
		ids = append(ids, conn.ID)
		assert.Equal(t, client.BasicAuth{Username: "u", Password: "******"}, conn.Auth)
	}
	assert.Equal(t, []string{"c0", "c1", "c2", "c3", "c4"}, ids)

	reqs := g.requests()
	require.Len(t, reqs, 3)
	assert.Equal(t, "2", reqs[0].Query.Get("$top"))
	assert.Empty(t, reqs[0].Query.Get("$skiptoken"))
	assert.Equal(t, "p2", reqs[1].Query.Get("$skiptoken"))
	assert.Equal(t, "p4", reqs[2].Query.Get("$skiptoken"))
	for _, r := range reqs {
		assert.Equal(t, http.MethodGet, r.Method)
		assert.Equal(t, basePath+"/v1.0/identity/apiConnectors", r.Path)
		assert.Equal(t, "Bearer "+testToken, r.Header.Get("Authorization"))
	}
	assert.NotEqual(t, reqs[0].Header.Get("client-request-id"), reqs[1].Header.Get("client-request-id"), "each page is its own call")
}

func TestListStopsFetchingOnBreak(t *testing.T) {
	g := pagedGraph(t, 10, 2)
	c, _ := newClient(t, g)

	var ids []string
	for conn, err := range c.List(context.Background(), client.ListOptions{Top: 2}) {
		require.NoError(t, err)
		ids = append(ids, conn.ID)
		if len(ids) == 3 {
			break
		}
	}
	assert.Equal(t, []string{"c0", "c1", "c2"}, ids)
	assert.Equal(t, 2, g.count(), "no page after the break is fetched")
}

func TestListYieldsTheErrorOnce(t *testing.T) {
	g := newGraph(t, func(w http.ResponseWriter, r *http.Request, n int) {
		if n == 0 {
			writeJSON(w, http.StatusOK, fmt.Sprintf(`{"value":[{"id":"c0"}],"@odata.nextLink":"%s/v1.0/identity/apiConnectors?$skiptoken=x"}`, rootOf(r)))
			return
		}
		writeJSON(w, http.StatusForbidden, graphError("accessDenied", "no"))
	})
	c, _ := newClient(t, g)

	var ids []string
	var errs []error
	for conn, err := range c.List(context.Background(), client.ListOptions{}) {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		ids = append(ids, conn.ID)
	}
	assert.Equal(t, []string{"c0"}, ids)
	require.Len(t, errs, 1)
	assert.ErrorIs(t, errs[0], client.ErrForbidden)
}

func TestListRefusesARepeatedNextLink(t *testing.T) {
	g := newGraph(t, func(w http.ResponseWriter, r *http.Request, _ int) {
		writeJSON(w, http.StatusOK, fmt.Sprintf(`{"value":[],"@odata.nextLink":"%s/v1.0/identity/apiConnectors?$skiptoken=same"}`, rootOf(r)))
	})
	c, _ := newClient(t, g)

	var errs []error
	for _, err := range c.List(context.Background(), client.ListOptions{}) {
		errs = append(errs, err)
	}
	require.Len(t, errs, 1)
	require.Error(t, errs[0])
	assert.Equal(t, 2, g.count())
}

func TestListPageQuery(t *testing.T) {
	tests := []struct {
		name      string
		opts      client.ListOptions
		wantQuery map[string]string
	}{
		{"none", client.ListOptions{}, map[string]string{}},
		{"top", client.ListOptions{Top: 999}, map[string]string{"$top": "999"}},
		{"filter", client.ListOptions{Filter: "displayName eq 'Test API'"}, map[string]string{"$filter": "displayName eq 'Test API'"}},
		{"select", client.ListOptions{Select: []string{"id", "displayName"}}, map[string]string{"$select": "id,displayName"}},
		{"all", client.ListOptions{Top: 5, Filter: "startswith(displayName,'T')", Select: []string{"targetUrl"}},
			map[string]string{"$top": "5", "$filter": "startswith(displayName,'T')", "$select": "targetUrl"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := newGraph(t, func(w http.ResponseWriter, _ *http.Request, _ int) {
				writeJSON(w, http.StatusOK, `{"value":[{"id":"c0","displayName":"only"}]}`)
			})
			c, _ := newClient(t, g)

			page, err := c.ListPage(context.Background(), tt.opts)
			require.NoError(t, err)
			assert.Equal(t, client.Page{Connectors: []client.Connector{{ID: "c0", DisplayName: "only"}}}, page)

			got := map[string]string{}
			for k, v := range g.requests()[0].Query {
				require.Len(t, v, 1, k)
				got[k] = v[0]
			}
			assert.Equal(t, tt.wantQuery, got)
		})
	}
}

func TestNextLinkOnAnotherHostIsRefused(t *testing.T) {
	var foreignHits atomic.Int32
	foreign := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		foreignHits.Add(1)
		writeJSON(w, http.StatusOK, `{"value":[]}`)
	}))
	t.Cleanup(foreign.Close)

	tests := []struct {
		name string
		link func(r *http.Request) string
	}{
		{"another port", func(*http.Request) string {
			return foreign.URL + basePath + "/v1.0/identity/apiConnectors?$skiptoken=x"
		}},
		{"another host", func(*http.Request) string {
			return "https://attacker.example/graph/v1.0/identity/apiConnectors?$skiptoken=x"
		}},
		{"another scheme", func(r *http.Request) string {
			return "https://" + r.Host + basePath + "/v1.0/identity/apiConnectors"
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := newGraph(t, func(w http.ResponseWriter, r *http.Request, _ int) {
				writeJSON(w, http.StatusOK, fmt.Sprintf(`{"value":[{"id":"c0"}],"@odata.nextLink":%q}`, tt.link(r)))
			})
			c, _ := newClient(t, g)

			var ids []string
			var lastErr error
			for conn, err := range c.List(context.Background(), client.ListOptions{}) {
				if err != nil {
					lastErr = err
					continue
				}
				ids = append(ids, conn.ID)
			}
			assert.Equal(t, []string{"c0"}, ids)
			var verr *client.ValidationError
			require.ErrorAs(t, lastErr, &verr)
			assert.Equal(t, "nextLink", verr.Fields[0].Field)
			assert.Equal(t, 1, g.count())
			assert.Zero(t, foreignHits.Load(), "nothing, and so no token, went to the other host")
		})
	}
}
