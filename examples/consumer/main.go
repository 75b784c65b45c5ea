// Command consumer creates a Microsoft Graph API connector with basic authentication, using
// only a client generated from the apiconnector contract: what a repository that consumes
// the contract looks like.
//
//	echo "$PASSWORD" | GRAPH_TOKEN=... consumer -base-url https://graph.microsoft.com/v1.0 \
//	    -display-name "Test API" -target-url https://someapi.com/api -username api
//
// Against the fake: run `apiconnector serve` and pass its v1.0 URL as -base-url, with any
// token.
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"

	"example.com/consumer/graph"
)

func main() {
	if err := run(context.Background(), os.Args[1:], os.Stdin, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "consumer:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, stdin io.Reader, stdout io.Writer) error {
	flags := flag.NewFlagSet("consumer", flag.ContinueOnError)
	baseURL := flags.String("base-url", "https://graph.microsoft.com/v1.0", "Graph root including the version")
	displayName := flags.String("display-name", "", "name of the connector")
	targetURL := flags.String("target-url", "", "absolute URL the connector calls")
	username := flags.String("username", "", "basic authentication user name; the password is read from stdin")
	if err := flags.Parse(args); err != nil {
		return err
	}
	if *displayName == "" || *targetURL == "" || *username == "" {
		return errors.New("-display-name, -target-url and -username are required")
	}
	// The password comes from stdin so that it never shows in a process list or shell history.
	password, err := bufio.NewReader(stdin).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return err
	}
	password = strings.TrimRight(password, "\r\n")

	token := os.Getenv("GRAPH_TOKEN")
	if token == "" {
		return errors.New("GRAPH_TOKEN is required: a Graph access token (any string for the fake)")
	}
	c, err := graph.NewClientWithResponses(*baseURL,
		graph.WithRequestEditorFn(func(_ context.Context, req *http.Request) error {
			req.Header.Set("Authorization", "Bearer "+token)
			return nil
		}))
	if err != nil {
		return err
	}
	conn, err := createBasicConnector(ctx, c, *displayName, *targetURL, *username, password)
	if err != nil {
		return err
	}
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false) // placeholders such as <USERNAME> print as written
	return enc.Encode(conn)
}
