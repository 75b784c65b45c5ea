// Command sdk creates one connector with msgraph-sdk-go: the smallest program a build-size
// and build-time comparison can use. bench/peer/build-cold.sh builds it.
package main

import (
	"context"
	"fmt"
	"os"

	abstractions "github.com/microsoft/kiota-abstractions-go"
	msgraphsdk "github.com/microsoftgraph/msgraph-sdk-go"
	"github.com/microsoftgraph/msgraph-sdk-go/models"
)

type anyToken struct{}

func (anyToken) AuthenticateRequest(_ context.Context, req *abstractions.RequestInformation, _ map[string]any) error {
	req.Headers.Add("Authorization", "Bearer t")
	return nil
}

func main() {
	adapter, err := msgraphsdk.NewGraphRequestAdapter(anyToken{})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if len(os.Args) > 1 {
		adapter.SetBaseUrl(os.Args[1] + "/v1.0")
	}
	graph := msgraphsdk.NewGraphServiceClient(adapter)
	body := models.NewIdentityApiConnector()
	body.SetDisplayName(ptr("Test API"))
	body.SetTargetUrl(ptr("https://someapi.com/api"))
	basic := models.NewBasicAuthentication()
	basic.SetUsername(ptr("<USERNAME>"))
	basic.SetPassword(ptr("<PASSWORD>"))
	body.SetAuthenticationConfiguration(basic)
	created, err := graph.Identity().ApiConnectors().Post(context.Background(), body, nil)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Println(*created.GetId())
}

func ptr[T any](v T) *T { return &v }
