package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"

	"example.com/consumer/graph"
)

// createBasicConnector creates an API connector that calls targetURL with basic
// authentication, through the client generated from the contract. It returns the connector
// as Graph echoes it, password masked.
func createBasicConnector(ctx context.Context, c graph.ClientWithResponsesInterface, displayName, targetURL, username, password string) (*graph.IdentityApiConnector, error) {
	var auth graph.ApiAuthenticationConfigurationRequest
	// FromBasicAuthentication stamps the @odata.type discriminator that Graph dispatches on.
	if err := auth.FromBasicAuthentication(graph.BasicAuthentication{Username: username, Password: password}); err != nil {
		return nil, err
	}
	resp, err := c.CreateApiConnectorWithResponse(ctx, graph.IdentityApiConnectorCreate{
		DisplayName:                 displayName,
		TargetUrl:                   targetURL,
		AuthenticationConfiguration: auth,
	})
	if err != nil {
		return nil, err
	}
	if resp.JSON201 == nil {
		return nil, graphError(resp.HTTPResponse, resp.Body)
	}
	return resp.JSON201, nil
}

// graphError names Graph's error code, which callers may branch on; the message is only
// for people.
func graphError(resp *http.Response, body []byte) error {
	var envelope graph.OdataError
	if err := json.Unmarshal(body, &envelope); err != nil || envelope.Error.Code == "" {
		return fmt.Errorf("create: unexpected %s", resp.Status)
	}
	return fmt.Errorf("create: %s: %s: %s", resp.Status, envelope.Error.Code, envelope.Error.Message)
}
