package fake

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseFilterMatches(t *testing.T) {
	names := []string{"Test API", "test api 2", "Other", "O'Brien hook", ""}
	cases := []struct {
		filter string
		want   []string
	}{
		{"displayName eq 'Test API'", []string{"Test API"}},
		{"displayName eq 'test api'", []string{"Test API"}},
		{"DisplayName EQ 'Other'", []string{"Other"}},
		{"startswith(displayName,'test')", []string{"Test API", "test api 2"}},
		{"startswith( displayName , 'O''Brien' )", []string{"O'Brien hook"}},
		{"startswith(displayName,'')", names},
		{"displayName eq ''", []string{""}},
		{"startswith(displayName,'test') and displayName eq 'test api 2'", []string{"test api 2"}},
		{"(startswith(displayName,'t')) and (startswith(displayName,'test a'))", []string{"Test API", "test api 2"}},
		{"displayName eq 'nobody'", nil},
	}
	for _, tc := range cases {
		t.Run(tc.filter, func(t *testing.T) {
			match, err := parseFilter(&tc.filter)
			require.NoError(t, err)
			var got []string
			for _, n := range names {
				if match(n) {
					got = append(got, n)
				}
			}
			assert.Equal(t, tc.want, got)
		})
	}

	all, err := parseFilter(nil)
	require.NoError(t, err)
	assert.True(t, all("anything"))
}

func TestParseFilterRejectsWhatItDoesNotSupport(t *testing.T) {
	for _, filter := range []string{
		"displayName ne 'x'",
		"displayName eq 'x' or displayName eq 'y'",
		"not startswith(displayName,'x')",
		"targetUrl eq 'https://x'",
		"startswith(targetUrl,'x')",
		"endswith(displayName,'x')",
		"contains(displayName,'x')",
		"displayName eq 5",
		"displayName eq x",
		"displayName eq 'unterminated",
		"displayName eq 'x' and",
		"displayName eq 'x' 'y'",
		"displayName in ('x')",
		"authenticationConfiguration/username eq 'u'",
		"(displayName eq 'x'",
		"displayName eq 'x')",
		"startswith(displayName 'x')",
		"displayName",
		"",
		"displayName eq 'x' & 1",
	} {
		t.Run(filter, func(t *testing.T) {
			match, err := parseFilter(&filter)
			require.Error(t, err)
			assert.Nil(t, match)
		})
	}
}

func TestListRejectsUnsupportedFiltersWith400(t *testing.T) {
	forEachMode(t, nil, func(t *testing.T, h *harness) {
		h.createBasic("v1.0", "Kept")
		for _, filter := range []string{"displayName ne 'x'", "startswith(targetUrl,'https')", "id eq 'x'"} {
			r := h.get("/v1.0/identity/apiConnectors?$filter=" + url.QueryEscape(filter))
			requireGraphError(t, r, http.StatusBadRequest, codeInvalidRequest)
			assert.Equal(t, []string{"/query/$filter"}, r.errorPointers(t), filter)
		}
	})
}

func TestListFiltersByDisplayName(t *testing.T) {
	forEachMode(t, nil, func(t *testing.T, h *harness) {
		h.createBasic("v1.0", "Alpha")
		want := h.createBasic("v1.0", "It's here")
		r := h.get("/v1.0/identity/apiConnectors?$filter=" + url.QueryEscape("displayName eq 'it''s HERE'"))
		require.Equal(t, http.StatusOK, r.status, string(r.body))
		assert.Len(t, r.at(t, "/value"), 1)
		assert.Equal(t, want, r.str(t, "/value/0/id"))
	})
}
