// Command client creates the documented "Test API" connector with this module's client and
// nothing else: bench/build-size.sh compares its binary with ../raw, the same program
// written with net/http and encoding/json.
//
//	APICONNECTOR_TOKEN=t client http://127.0.0.1:8080
package main

import (
	"context"
	"fmt"
	"os"

	"github.com/graph-apiconnector/apiconnector/client"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: client ROOT_URL")
		os.Exit(2)
	}
	token := os.Getenv("APICONNECTOR_TOKEN")
	if token == "" {
		token = "t"
	}
	c, err := client.New(client.WithBaseURL(os.Args[1]), client.WithStaticToken(token))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
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
