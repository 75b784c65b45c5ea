// Command raw creates the documented "Test API" connector with net/http and encoding/json
// only: the baseline bench/build-size.sh compares ../client with.
//
//	APICONNECTOR_TOKEN=t raw http://127.0.0.1:8080
package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
)

type basicAuth struct {
	ODataType string `json:"@odata.type"`
	Username  string `json:"username"`
	Password  string `json:"password,omitempty"`
}

type connector struct {
	ID          string     `json:"id,omitempty"`
	DisplayName string     `json:"displayName"`
	TargetURL   string     `json:"targetUrl"`
	Auth        *basicAuth `json:"authenticationConfiguration,omitempty"`
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: raw ROOT_URL")
		os.Exit(2)
	}
	token := os.Getenv("APICONNECTOR_TOKEN")
	if token == "" {
		token = "t"
	}
	created, err := create(context.Background(), os.Args[1]+"/v1.0", token, connector{
		DisplayName: "Test API",
		TargetURL:   "https://someapi.com/api",
		Auth:        &basicAuth{ODataType: "#microsoft.graph.basicAuthentication", Username: "<USERNAME>", Password: "<PASSWORD>"},
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Println(created.ID)
}

func create(ctx context.Context, root, token string, in connector) (connector, error) {
	body, err := json.Marshal(in)
	if err != nil {
		return connector{}, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, root+"/identity/apiConnectors", bytes.NewReader(body)) //nolint:gosec // G704: calling the Graph root its user names is the program's job
	if err != nil {
		return connector{}, err
	}
	var id [16]byte
	_, _ = rand.Read(id[:])
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("client-request-id", hex.EncodeToString(id[:]))
	resp, err := http.DefaultClient.Do(req) //nolint:gosec // G704: as above
	if err != nil {
		return connector{}, err
	}
	defer func() { _ = resp.Body.Close() }()
	if resp.StatusCode != http.StatusCreated {
		return connector{}, fmt.Errorf("graph answered %s", resp.Status)
	}
	var out connector
	err = json.NewDecoder(resp.Body).Decode(&out)
	return out, err
}
