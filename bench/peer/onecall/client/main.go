// Command client creates one connector with this module's client: the counterpart of
// ../sdk in bench/peer/build-cold.sh.
package main

import (
	"context"
	"fmt"
	"os"

	"github.com/graph-apiconnector/apiconnector/client"
)

func main() {
	root := "http://127.0.0.1:8080"
	if len(os.Args) > 1 {
		root = os.Args[1]
	}
	c, err := client.New(client.WithBaseURL(root), client.WithStaticToken("t"))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	created, err := c.Create(context.Background(), client.Connector{
		DisplayName: "Test API",
		TargetURL:   "https://someapi.com/api",
		Auth:        client.BasicAuth{Username: "<USERNAME>", Password: "<PASSWORD>"},
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Println(created.ID)
}
