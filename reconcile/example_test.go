package reconcile_test

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"

	"github.com/graph-apiconnector/apiconnector/client"
	"github.com/graph-apiconnector/apiconnector/fake"
	"github.com/graph-apiconnector/apiconnector/reconcile"
)

// Plan and apply a desired state against the fake, then plan again: nothing is left to do.
func Example() {
	graph := fake.New()
	graph.SeedUserFlow(fake.B2X, "B2X_1_partner")
	c, err := client.New(client.WithHTTPClient(&http.Client{Transport: graph.Transport()}), client.WithStaticToken("t"))
	if err != nil {
		panic(err)
	}
	dir, err := os.MkdirTemp("", "connectors")
	if err != nil {
		panic(err)
	}
	defer func() { _ = os.RemoveAll(dir) }()
	path := filepath.Join(dir, "connectors.yaml")
	err = os.WriteFile(path, []byte(`version: v1.0
connectors:
  loyalty:
    displayName: Loyalty check
    targetUrl: https://loyalty.example.org/check
    auth:
      basic:
        username: svc-loyalty
        passwordEnv: LOYALTY_PASSWORD
userFlows:
  - id: B2X_1_partner
    postAttributeCollection: loyalty
`), 0o600)
	if err != nil {
		panic(err)
	}
	env := func(name string) (string, bool) { return "example", name == "LOYALTY_PASSWORD" }

	ctx := context.Background()
	for range 2 {
		desired, err := reconcile.Load(path, env)
		if err != nil {
			panic(err)
		}
		plan, err := reconcile.MakePlan(ctx, c, desired, reconcile.Options{})
		if err != nil {
			panic(err)
		}
		fmt.Println(len(plan.Changes), "changes")
		report, err := reconcile.Apply(ctx, c, plan, func(r reconcile.Result) {
			fmt.Println(r.Status, r.Action, r.Kind, r.Name)
		})
		if err != nil {
			panic(err)
		}
		fmt.Println("complete:", report.Complete)
	}
	// Output:
	// 2 changes
	// applied create connector loyalty
	// applied bind binding B2X_1_partner/postAttributeCollection
	// complete: true
	// 0 changes
	// complete: true
}
