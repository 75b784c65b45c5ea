// Command peer creates the same connector with Microsoft's Go SDK (msgraph-sdk-go) and with
// this module's client against one `apiconnector serve`, alternating between the two in
// rounds so that both see the same machine load, and prints ns/op and allocs/op of each.
// Allocations are runtime.MemStats deltas of this process only (serve runs apart).
//
//	peer [-n 2000] [-rounds 20] http://127.0.0.1:18081
//
// It is a separate module because the SDK takes minutes and gigabytes to build; CI does not
// build it. `make bench-peer` (bench/peer/run.sh) builds serve and this, and runs both.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"runtime"
	"time"

	abstractions "github.com/microsoft/kiota-abstractions-go"
	msgraphsdk "github.com/microsoftgraph/msgraph-sdk-go"
	"github.com/microsoftgraph/msgraph-sdk-go/models"

	"github.com/graph-apiconnector/apiconnector/client"
)

// anyToken authenticates every SDK request with a token the fake accepts.
type anyToken struct{}

func (anyToken) AuthenticateRequest(_ context.Context, req *abstractions.RequestInformation, _ map[string]any) error {
	req.Headers.Add("Authorization", "Bearer peer-token")
	return nil
}

// side is one way of creating the connector, with what it has cost so far.
type side struct {
	name   string
	create func(context.Context) error
	ops    uint64
	dur    time.Duration
	allocs uint64
	bytes  uint64
}

func main() {
	n := flag.Uint64("n", 2000, "creates per side")
	rounds := flag.Uint64("rounds", 20, "rounds; each side does n/rounds creates per round, in turn")
	warmup := flag.Uint64("warmup", 50, "creates per side before measuring")
	flag.Parse()
	if flag.NArg() != 1 || *rounds < 1 || *n < *rounds {
		fmt.Fprintln(os.Stderr, "usage: peer [-n 2000] [-rounds 20] [-warmup 50] ROOT_URL")
		os.Exit(2)
	}
	if err := run(context.Background(), flag.Arg(0), *n, *rounds, *warmup); err != nil {
		fmt.Fprintln(os.Stderr, "peer:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, root string, n, rounds, warmup uint64) error {
	sdk, err := sdkSide(root)
	if err != nil {
		return err
	}
	ours, err := clientSide(root)
	if err != nil {
		return err
	}
	sides := []*side{sdk, ours}
	for _, s := range sides {
		for range warmup {
			if err := s.create(ctx); err != nil {
				return fmt.Errorf("%s: warm-up: %w", s.name, err)
			}
		}
	}
	per := n / rounds
	for r := range rounds {
		// Alternate who goes first, so neither always runs right after a GC of the other's garbage.
		order := sides
		if r%2 == 1 {
			order = []*side{sides[1], sides[0]}
		}
		for _, s := range order {
			if err := measure(ctx, s, per); err != nil {
				return err
			}
		}
	}
	fmt.Printf("go %s, GOMAXPROCS %d, %d creates per side in %d rounds against %s\n",
		runtime.Version(), runtime.GOMAXPROCS(0), per*rounds, rounds, root)
	fmt.Printf("%-22s %12s %12s %12s\n", "create", "ns/op", "allocs/op", "B/op")
	for _, s := range sides {
		fmt.Printf("%-22s %12.0f %12d %12d\n", s.name, float64(s.dur.Nanoseconds())/float64(s.ops), s.allocs/s.ops, s.bytes/s.ops)
	}
	fmt.Printf("%-22s %11.2fx %11.2fx %11.2fx\n", "sdk/client",
		float64(sdk.dur)/float64(ours.dur), float64(sdk.allocs)/float64(ours.allocs), float64(sdk.bytes)/float64(ours.bytes))
	return nil
}

func measure(ctx context.Context, s *side, count uint64) error {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	start := time.Now()
	for range count {
		if err := s.create(ctx); err != nil {
			return fmt.Errorf("%s: %w", s.name, err)
		}
	}
	s.dur += time.Since(start)
	runtime.ReadMemStats(&after)
	s.ops += count
	s.allocs += after.Mallocs - before.Mallocs
	s.bytes += after.TotalAlloc - before.TotalAlloc
	return nil
}

// sdkSide is msgraph-sdk-go with its default HTTP client and middleware, as an SDK user gets it.
func sdkSide(root string) (*side, error) {
	adapter, err := msgraphsdk.NewGraphRequestAdapter(anyToken{})
	if err != nil {
		return nil, err
	}
	adapter.SetBaseUrl(root + "/v1.0")
	graph := msgraphsdk.NewGraphServiceClient(adapter)
	return &side{name: "msgraph-sdk-go v1.89.0", create: func(ctx context.Context) error {
		body := models.NewIdentityApiConnector()
		body.SetDisplayName(ptr("Test API"))
		body.SetTargetUrl(ptr("https://someapi.com/api"))
		basic := models.NewBasicAuthentication()
		basic.SetUsername(ptr("<USERNAME>"))
		basic.SetPassword(ptr("<PASSWORD>"))
		body.SetAuthenticationConfiguration(basic)
		created, err := graph.Identity().ApiConnectors().Post(ctx, body, nil)
		if err != nil {
			return err
		}
		if created.GetId() == nil || *created.GetId() == "" {
			return errors.New("created connector has no id")
		}
		return nil
	}}, nil
}

// clientSide is this module's client with its defaults (retry policy, logger off).
func clientSide(root string) (*side, error) {
	c, err := client.New(client.WithBaseURL(root), client.WithStaticToken("peer-token"))
	if err != nil {
		return nil, err
	}
	return &side{name: "apiconnector/client", create: func(ctx context.Context) error {
		created, err := c.Create(ctx, client.Connector{
			DisplayName: "Test API",
			TargetURL:   "https://someapi.com/api",
			Auth:        client.BasicAuth{Username: "<USERNAME>", Password: "<PASSWORD>"},
		})
		if err != nil {
			return err
		}
		if created.ID == "" {
			return errors.New("created connector has no id")
		}
		return nil
	}}, nil
}

func ptr[T any](v T) *T { return &v }
