package main

import (
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graph-apiconnector/apiconnector/callcontract"
	"github.com/graph-apiconnector/apiconnector/conformance"
	"github.com/graph-apiconnector/apiconnector/endpoint"
)

const (
	testUser = "loyalty-flow"
	testPass = "Loyalty-pa55-word"
)

// TestPassesTheConformanceTester runs the tester against the example at every step of both
// platforms, bound as a connector would be.
func TestPassesTheConformanceTester(t *testing.T) {
	for _, tt := range []struct {
		platform callcontract.Platform
		step     callcontract.Step
	}{
		{callcontract.Entra, callcontract.PostFederationSignup},
		{callcontract.Entra, callcontract.PostAttributeCollection},
		{callcontract.B2C, callcontract.PostFederationSignup},
		{callcontract.B2C, callcontract.PostAttributeCollection},
		{callcontract.B2C, callcontract.PreTokenIssuance},
	} {
		t.Run(string(tt.platform)+"/"+string(tt.step), func(t *testing.T) {
			h, err := newHandler(testUser, testPass, endpoint.Step(tt.step), slog.New(slog.NewTextHandler(io.Discard, nil)))
			require.NoError(t, err)
			srv := httptest.NewServer(h)
			defer srv.Close()
			report, err := conformance.Test(t.Context(), conformance.Config{
				URL: srv.URL + "/api/loyalty", Platform: tt.platform, Step: tt.step,
				Credentials: conformance.Basic(testUser, testPass),
				Claims:      map[string]any{"email": "zoë@fabrikam.example", "postalCode": "0150"},
			})
			require.NoError(t, err)
			assert.True(t, report.Conformant, "%+v", report.Checks)
		})
	}
}

func TestLoyaltyCheck(t *testing.T) {
	tests := []struct {
		name   string
		step   endpoint.Step
		claims string
		want   endpoint.Response
	}{
		{"valid postal code", endpoint.PostAttributeCollection, `{"email":"a@b.example","postalCode":" sw1a 1aa "}`,
			endpoint.Continue(map[string]any{"postalCode": "SW1A 1AA", LoyaltyAttribute: loyaltyNumber("a@b.example")})},
		{"postal code missing", endpoint.PostAttributeCollection, `{"email":"a@b.example"}`, endpoint.ValidationError("Please enter a valid postal code.")},
		{"postal code too short", endpoint.PostAttributeCollection, `{"postalCode":"1"}`, endpoint.ValidationError("Please enter a valid postal code.")},
		{"postal code with a symbol", endpoint.PostAttributeCollection, `{"postalCode":"12$45"}`, endpoint.ValidationError("Please enter a valid postal code.")},
		{"before the token", endpoint.PreTokenIssuance, `{"email":"A@B.example"}`, endpoint.Continue(map[string]any{LoyaltyAttribute: loyaltyNumber("a@b.example")})},
		{"after federation", endpoint.PostFederationSignup, `{"email":"a@b.example"}`, endpoint.Continue(nil)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var req endpoint.Request
			require.NoError(t, req.Claims.UnmarshalJSON([]byte(tt.claims)))
			req.Step = tt.step
			got, err := check(context.Background(), req)
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
	assert.Regexp(t, `^LN-\d{7}$`, loyaltyNumber("a@b.example"))
}
