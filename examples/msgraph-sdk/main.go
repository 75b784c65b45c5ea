// Command msgraph-sdk drives Microsoft's own Go SDK for Graph against `apiconnector serve`:
// it creates, gets, lists and deletes a connector, and checks every exchange the SDK made
// against the contract. It is a separate module because the SDK takes minutes and
// gigabytes to build; `make interop-msgraph` runs it.
//
//	msgraph-sdk http://127.0.0.1:8080
package main

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"

	abstractions "github.com/microsoft/kiota-abstractions-go"
	khttp "github.com/microsoft/kiota-http-go"
	msgraphsdk "github.com/microsoftgraph/msgraph-sdk-go"
	msgraphcore "github.com/microsoftgraph/msgraph-sdk-go-core"
	"github.com/microsoftgraph/msgraph-sdk-go/models"

	"github.com/graph-apiconnector/apiconnector/contract"
)

// anyToken authenticates every request with a token the fake accepts.
type anyToken struct{}

func (anyToken) AuthenticateRequest(_ context.Context, req *abstractions.RequestInformation, _ map[string]any) error {
	req.Headers.Add("Authorization", "Bearer interop-token")
	return nil
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: msgraph-sdk ROOT_URL")
		os.Exit(2)
	}
	if err := run(context.Background(), os.Args[1]); err != nil {
		fmt.Fprintln(os.Stderr, "msgraph-sdk:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, root string) error {
	validating, err := contract.NewTransport(http.DefaultTransport)
	if err != nil {
		return err
	}
	// The SDK's own middleware pipeline, sending through the validator, so the validator
	// sees exactly what goes on the wire.
	httpClient := &http.Client{Transport: khttp.NewCustomTransportWithParentTransport(validating,
		msgraphcore.GetDefaultMiddlewaresWithOptions(&msgraphcore.GraphClientOptions{})...)}
	adapter, err := msgraphsdk.NewGraphRequestAdapterWithParseNodeFactoryAndSerializationWriterFactoryAndHttpClient(anyToken{}, nil, nil, httpClient)
	if err != nil {
		return err
	}
	adapter.SetBaseUrl(root + "/v1.0")
	graph := msgraphsdk.NewGraphServiceClient(adapter)

	body := models.NewIdentityApiConnector()
	body.SetDisplayName(ptr("Test API"))
	body.SetTargetUrl(ptr("https://someapi.com/api"))
	basic := models.NewBasicAuthentication()
	basic.SetUsername(ptr("<USERNAME>"))
	basic.SetPassword(ptr("<PASSWORD>"))
	body.SetAuthenticationConfiguration(basic)

	created, err := graph.Identity().ApiConnectors().Post(ctx, body, nil)
	if err != nil {
		return fmt.Errorf("create: %w", err)
	}
	id := *created.GetId()
	fmt.Println("created", id)
	got, err := graph.Identity().ApiConnectors().ByIdentityApiConnectorId(id).Get(ctx, nil)
	if err != nil {
		return fmt.Errorf("get: %w", err)
	}
	masked, ok := got.GetAuthenticationConfiguration().(models.BasicAuthenticationable)
	if !ok || masked.GetPassword() == nil || *masked.GetPassword() != "******" {
		return errors.New("get: the password is not masked")
	}
	fmt.Println("got", *got.GetDisplayName(), "password", *masked.GetPassword())
	list, err := graph.Identity().ApiConnectors().Get(ctx, nil)
	if err != nil {
		return fmt.Errorf("list: %w", err)
	}
	fmt.Println("listed", len(list.GetValue()))
	if err := graph.Identity().ApiConnectors().ByIdentityApiConnectorId(id).Delete(ctx, nil); err != nil {
		return fmt.Errorf("delete: %w", err)
	}
	fmt.Println("deleted", id)

	exchanges := validating.Exchanges()
	for _, ex := range exchanges {
		fmt.Printf("%s %s -> %d request valid=%v response valid=%v\n", ex.Method, ex.Path, ex.Status, ex.Request.Valid, ex.Response.Valid)
	}
	if invalid := validating.Invalid(); len(invalid) > 0 {
		return fmt.Errorf("%d of %d exchanges broke the contract: %+v", len(invalid), len(exchanges), invalid)
	}
	fmt.Printf("%d exchanges, all valid\n", len(exchanges))
	return nil
}

func ptr[T any](v T) *T { return &v }
