package fake

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPagingPreservesFilterSelectAndTopAcrossPages(t *testing.T) {
	forEachMode(t, nil, func(t *testing.T, h *harness) {
		var want []string
		for i := range 7 {
			want = append(want, h.createBasic("beta", fmt.Sprintf("Hook %d", i)))
			h.createBasic("beta", fmt.Sprintf("Other %d", i))
		}

		first := "/beta/identity/apiconnectors?$filter=" + url.QueryEscape("startswith(displayName,'hook')") + "&$select=displayName&$top=3"
		var got []string
		var links []string
		next := first
		for next != "" {
			r := h.get(next)
			require.Equal(t, http.StatusOK, r.status, string(r.body))
			assert.Equal(t, h.root+"/beta/$metadata#identity/apiConnectors(displayName)", r.str(t, "/@odata.context"))
			for _, item := range r.at(t, "/value").([]any) {
				c := item.(map[string]any)
				assert.ElementsMatch(t, []string{"id", "displayName"}, keys(c), "only the selected properties and id")
				assert.True(t, strings.HasPrefix(c["displayName"].(string), "Hook"))
				got = append(got, c["id"].(string))
			}
			next = ""
			if r.has(t, "/@odata.nextLink") {
				next = r.str(t, "/@odata.nextLink")
				links = append(links, next)
			}
		}
		assert.Equal(t, want, got)
		require.Len(t, links, 2, "7 matches in pages of 3")
		for _, link := range links {
			u, err := url.Parse(link)
			require.NoError(t, err)
			assert.Equal(t, h.root, u.Scheme+"://"+u.Host, "same scheme and host")
			assert.Equal(t, "/beta/identity/apiConnectors", u.Path)
			q := u.Query()
			assert.Equal(t, "startswith(displayName,'hook')", q.Get("$filter"))
			assert.Equal(t, "displayName", q.Get("$select"))
			assert.Equal(t, "3", q.Get("$top"))
			assert.NotEmpty(t, q.Get("$skiptoken"))
		}
	})
}

func TestPageSizeDefaultsToTheServerOption(t *testing.T) {
	forEachMode(t, []Option{WithPageSize(2)}, func(t *testing.T, h *harness) {
		for i := range 5 {
			h.createBasic("v1.0", fmt.Sprintf("C%d", i))
		}
		pages := 0
		next := "/v1.0/identity/apiConnectors"
		for next != "" {
			r := h.get(next)
			require.Equal(t, http.StatusOK, r.status, string(r.body))
			pages++
			next = ""
			if r.has(t, "/@odata.nextLink") {
				next = r.str(t, "/@odata.nextLink")
				assert.NotContains(t, next, "$top", "no $top was sent")
			}
		}
		assert.Equal(t, 3, pages)

		r := h.get("/v1.0/identity/apiConnectors?$top=5")
		assert.Len(t, r.at(t, "/value"), 5, "$top overrides the page size")
		assert.False(t, r.has(t, "/@odata.nextLink"))
	})
}

func TestPagingSurvivesDeletesBetweenPages(t *testing.T) {
	forEachMode(t, []Option{WithPageSize(2)}, func(t *testing.T, h *harness) {
		var ids []string
		for i := range 4 {
			ids = append(ids, h.createBasic("v1.0", fmt.Sprintf("C%d", i)))
		}
		r := h.get("/v1.0/identity/apiConnectors")
		next := r.str(t, "/@odata.nextLink")
		h.do(request{method: http.MethodDelete, path: "/v1.0/identity/apiConnectors/" + ids[1]})

		second := h.get(next)
		require.Equal(t, http.StatusOK, second.status)
		assert.Equal(t, ids[2], second.str(t, "/value/0/id"), "the next page starts after the last one seen")
		assert.Equal(t, ids[3], second.str(t, "/value/1/id"))
	})
}

func TestBadSkiptokensAreRefused(t *testing.T) {
	forEachMode(t, []Option{WithPageSize(1)}, func(t *testing.T, h *harness) {
		h.createBasic("v1.0", "A")
		h.createBasic("v1.0", "B")
		token := mustQuery(t, h.get("/v1.0/identity/apiConnectors").str(t, "/@odata.nextLink"), "$skiptoken")
		require.NotEmpty(t, token)

		cases := []struct {
			name  string
			query string
		}{
			{"malformed", "$skiptoken=not*a*token"},
			{"truncated", "$skiptoken=" + token[:len(token)-2]},
			{"tampered", "$skiptoken=" + tamper(token)},
			{"issued for another filter", "$skiptoken=" + token + "&$filter=" + url.QueryEscape("displayName eq 'B'")},
		}
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				r := h.get("/v1.0/identity/apiConnectors?" + tc.query)
				requireGraphError(t, r, http.StatusBadRequest, codeInvalidRequest)
				assert.Equal(t, []string{"/query/$skiptoken"}, r.errorPointers(t))
			})
		}
	})
}

func TestSkiptokenRoundTrips(t *testing.T) {
	s := New()
	filter := "displayName eq 'x'"
	for _, seq := range []uint64{0, 1, 1 << 40} {
		token := s.encodeSkiptoken(seq, &filter)
		got, err := s.decodeSkiptoken(&token, &filter)
		require.NoError(t, err)
		assert.Equal(t, seq, got)

		_, err = s.decodeSkiptoken(&token, nil)
		require.ErrorIs(t, err, errSkiptokenUnknown, "bound to its filter")
		_, err = New().decodeSkiptoken(&token, &filter)
		assert.ErrorIs(t, err, errSkiptokenUnknown, "bound to its server")
	}
}

func keys(m map[string]any) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

func mustQuery(t *testing.T, link, name string) string {
	t.Helper()
	u, err := url.Parse(link)
	require.NoError(t, err)
	return u.Query().Get(name)
}

// tamper changes the token's first character, keeping it in the base64url alphabet.
func tamper(token string) string {
	first := "A"
	if token[0] == 'A' {
		first = "B"
	}
	return first + token[1:]
}
