package contract

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestSelectAndExpandRepeatNoItem: OData forbids naming an item twice in $select or
// $expand. Items are matched as the enums match them, exactly; a spelling in another case
// is not a name of the spec at all.
func TestSelectAndExpandRepeatNoItem(t *testing.T) {
	v := testValidator(t)
	for _, tc := range []struct {
		url, pointer string
		repeated     bool
	}{
		{negV1 + negConnectors + "?$select=id,displayName", "", false},
		{negV1 + negConnectors + "?$select=id,displayName,id", "/query/$select", true},
		{negBeta + negConnector + "?$select=targetUrl,targetUrl", "/query/$select", true},
		{negBeta + negConnector + "?$select=id,ID", "/query/$select", false},
		{negBeta + negConnector + "?$expand=*,*", "/query/$expand", true},
		{negBeta + negB2xConfig + "?$expand=postFederationSignup,postAttributeCollection", "", false},
		{negBeta + negB2xConfig + "?$expand=postFederationSignup,postFederationSignup", "/query/$expand", true},
		{negBeta + negB2xConfig + "?$expand=*&$select=postAttributeCollection,postAttributeCollection", "/query/$select", true},
		{negV1 + negB2xConfig + "/postFederationSignup?$select=displayName,displayName", "/query/$select", true},
	} {
		_, query, _ := strings.Cut(tc.url, "?")
		t.Run(query, func(t *testing.T) {
			req := httptest.NewRequestWithContext(context.Background(), http.MethodGet, tc.url, nil)
			res := v.ValidateRequest(req)
			if tc.pointer == "" {
				assert.True(t, res.Valid, "%+v", res.Violations)
				return
			}
			require.Len(t, res.Violations, 1, "%+v", res.Violations)
			assert.Equal(t, tc.pointer, res.Violations[0].Pointer)
			assert.Equal(t, KindParameter, res.Violations[0].Kind)
			assert.Equal(t, tc.repeated, strings.Contains(res.Violations[0].Message, "duplicate"), res.Violations[0].Message)
		})
	}
}
