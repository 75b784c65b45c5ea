package fake

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestConcurrentMixedOperationsKeepTheStoreConsistent(t *testing.T) {
	const (
		workers       = 16
		opsPerWorker  = 50
		createsPer    = opsPerWorker * 2 / 5 // ops 0 and 1 of every 5
		deletesPer    = opsPerWorker / 5     // op 4 of every 5
		expectedTotal = workers * (createsPer - deletesPer)
	)
	forEachMode(t, []Option{WithPageSize(7)}, func(t *testing.T, h *harness) {
		var wg sync.WaitGroup
		remaining := make([][]string, workers)
		failures := make(chan string, workers*opsPerWorker)
		for w := range workers {
			flow := fmt.Sprintf("B2X_1_worker%d", w)
			h.server.SeedUserFlow(B2X, flow)
			wg.Go(func() {
				remaining[w] = runWorker(h, w, opsPerWorker, flow, failures)
			})
		}
		wg.Wait()
		close(failures)
		for f := range failures {
			t.Error(f)
		}

		require.Len(t, h.server.Connectors(), expectedTotal)
		assert.Len(t, listAll(t, h, ""), expectedTotal, "paging sees every connector once")
		for w, ids := range remaining {
			assert.Len(t, ids, createsPer-deletesPer)
			assert.ElementsMatch(t, ids, listAll(t, h, fmt.Sprintf("startswith(displayName,'w%d-')", w)), "worker %d", w)
		}
	})
}

// runWorker creates, reads, lists, binds, updates and deletes its own connectors, and
// returns the ids it left. Failures go to failures: require cannot be used off the test's
// goroutine.
func runWorker(h *harness, w, ops int, flow string, failures chan<- string) []string {
	var mine []string
	expect := func(op string, r reply, err error, status int) bool {
		if err != nil {
			failures <- fmt.Sprintf("worker %d %s: %v", w, op, err)
			return false
		}
		if r.status != status {
			failures <- fmt.Sprintf("worker %d %s: status %d, body %s", w, op, r.status, r.body)
			return false
		}
		return true
	}
	for i := range ops {
		if i%5 >= 2 && len(mine) == 0 {
			continue // a create failed and was reported; nothing to work on
		}
		switch i % 5 {
		case 0, 1:
			r, err := h.send(request{method: http.MethodPost, path: "/v1.0/identity/apiConnectors",
				body: basicConnector(fmt.Sprintf("w%d-%d", w, i), "u", "p")})
			if expect("create", r, err, http.StatusCreated) {
				var c struct{ ID string }
				if json.Unmarshal(r.body, &c) == nil {
					mine = append(mine, c.ID)
				}
			}
		case 2:
			id := mine[len(mine)-1]
			r, err := h.send(request{path: "/beta/identity/apiConnectors/" + id})
			expect("get", r, err, http.StatusOK)
			r, err = h.send(request{method: http.MethodPut, path: "/v1.0/identity/b2xUserFlows/" + flow + "/apiConnectorConfiguration/postAttributeCollection/$ref",
				body: map[string]any{"@odata.id": "https://graph.microsoft.com/v1.0/identity/apiConnectors/" + id}})
			expect("bind", r, err, http.StatusNoContent)
		case 3:
			r, err := h.send(request{path: "/v1.0/identity/apiConnectors?$filter=" + url.QueryEscape(fmt.Sprintf("startswith(displayName,'w%d-')", w))})
			expect("list", r, err, http.StatusOK)
			r, err = h.send(request{method: http.MethodPatch, path: "/v1.0/identity/apiConnectors/" + mine[0],
				body: map[string]any{"targetUrl": fmt.Sprintf("https://api.example.com/%d", i)}})
			expect("update", r, err, http.StatusNoContent)
		case 4:
			r, err := h.send(request{method: http.MethodDelete, path: "/v1.0/identity/apiConnectors/" + mine[0]})
			if expect("delete", r, err, http.StatusNoContent) {
				mine = mine[1:]
			}
		}
	}
	return mine
}

// listAll follows @odata.nextLink to the end and returns every id listed.
func listAll(t *testing.T, h *harness, filter string) []string {
	t.Helper()
	next := "/v1.0/identity/apiConnectors"
	if filter != "" {
		next += "?$filter=" + url.QueryEscape(filter)
	}
	var ids []string
	for next != "" {
		r := h.get(next)
		require.Equal(t, http.StatusOK, r.status, string(r.body))
		var page struct {
			NextLink string `json:"@odata.nextLink"`
			Value    []struct{ ID string }
		}
		require.NoError(t, json.Unmarshal(r.body, &page))
		for _, c := range page.Value {
			ids = append(ids, c.ID)
		}
		next = page.NextLink
	}
	return ids
}
