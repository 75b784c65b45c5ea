package client_test

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"errors"
	"fmt"
	"log"
	"math/big"
	"net/http"
	"time"

	pkcs12 "software.sslmate.com/src/go-pkcs12"

	"github.com/graph-apiconnector/apiconnector/client"
	"github.com/graph-apiconnector/apiconnector/fake"
)

// The examples run against the in-memory fake Graph, through its in-process Transport,
// with a static token. Against Microsoft Graph, pass client.WithCredential instead and
// leave out WithHTTPClient.

func ExampleClient_Create() {
	n := 0
	server := fake.New(fake.WithIDGenerator(func() string { n++; return fmt.Sprintf("connector-%d", n) }))
	c, err := client.New(
		client.WithHTTPClient(&http.Client{Transport: server.Transport()}),
		client.WithStaticToken("token"),
	)
	if err != nil {
		log.Fatal(err)
	}

	conn, err := c.Create(context.Background(), client.Connector{
		DisplayName: "Check sign-up",
		TargetURL:   "https://api.example.com/signup",
		Auth:        client.BasicAuth{Username: "graph", Password: "s3cret"},
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(conn.ID, conn.DisplayName, conn.TargetURL)
	if basic, ok := conn.Auth.(client.BasicAuth); ok {
		// Graph never returns the password; it answers with a mask.
		fmt.Println(basic.Username, basic.Password)
	}
	// Output:
	// connector-1 Check sign-up https://api.example.com/signup
	// graph ******
}

func ExampleClient_List() {
	n := 0
	server := fake.New(
		fake.WithIDGenerator(func() string { n++; return fmt.Sprintf("connector-%d", n) }),
		fake.WithPageSize(2), // so that the list spans pages
	)
	c, err := client.New(
		client.WithHTTPClient(&http.Client{Transport: server.Transport()}),
		client.WithStaticToken("token"),
	)
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	for _, name := range []string{"Sign-up check", "Sign-up enrich", "Partner check"} {
		_, err := c.Create(ctx, client.Connector{
			DisplayName: name,
			TargetURL:   "https://api.example.com/hook",
			Auth:        client.BasicAuth{Username: "graph", Password: "s3cret"},
		})
		if err != nil {
			log.Fatal(err)
		}
	}

	// List follows @odata.nextLink from page to page.
	for conn, err := range c.List(ctx, client.ListOptions{}) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(conn.ID, conn.DisplayName)
	}

	// Top, Filter and Select narrow the request.
	page, err := c.ListPage(ctx, client.ListOptions{
		Top:    10,
		Filter: "startswith(displayName,'Sign-up')",
		Select: []string{"displayName"},
	})
	if err != nil {
		log.Fatal(err)
	}
	for _, conn := range page.Connectors {
		fmt.Printf("%s %q auth=%v\n", conn.ID, conn.DisplayName, conn.Auth)
	}
	fmt.Println("more:", page.NextLink != "")
	// Output:
	// connector-1 Sign-up check
	// connector-2 Sign-up enrich
	// connector-3 Partner check
	// connector-1 "Sign-up check" auth=<nil>
	// connector-2 "Sign-up enrich" auth=<nil>
	// more: false
}

// examplePFX makes a .pfx with a fresh key and a self-signed client certificate, valid
// from an hour ago for a year, protected by password.
func examplePFX(password string) ([]byte, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, err
	}
	now := time.Now()
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(now.UnixNano()),
		Subject:      pkix.Name{CommonName: "api connector client"},
		NotBefore:    now.Add(-time.Hour),
		NotAfter:     now.AddDate(1, 0, 0),
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return nil, err
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		return nil, err
	}
	return pkcs12.Modern.Encode(key, cert, nil, password)
}

func ExampleClient_UploadClientCertificate() {
	n := 0
	server := fake.New(fake.WithIDGenerator(func() string { n++; return fmt.Sprintf("connector-%d", n) }))
	c, err := client.New(
		client.WithHTTPClient(&http.Client{Transport: server.Transport()}),
		client.WithStaticToken("token"),
	)
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	conn, err := c.Create(ctx, client.Connector{
		DisplayName: "Check sign-up",
		TargetURL:   "https://api.example.com/signup",
		Auth:        client.BasicAuth{Username: "graph", Password: "s3cret"},
	})
	if err != nil {
		log.Fatal(err)
	}

	// Upload two certificates, as when rolling one over: the most recently uploaded one
	// that is valid becomes the active one.
	for _, password := range []string{"first password", "second password"} {
		pfx, err := examplePFX(password) // in practice: os.ReadFile("client.pfx")
		if err != nil {
			log.Fatal(err)
		}
		conn, err = c.UploadClientCertificate(ctx, conn.ID, pfx, password)
		if err != nil {
			log.Fatal(err)
		}
	}

	if certs, ok := conn.Auth.(client.ClientCertificates); ok {
		fmt.Println("certificates:", len(certs.Certificates))
		for i, cert := range certs.Certificates {
			fmt.Printf("%d: thumbprint of %d hex digits, active %t\n", i, len(cert.Thumbprint), cert.IsActive)
		}
	}
	// Output:
	// certificates: 2
	// 0: thumbprint of 40 hex digits, active false
	// 1: thumbprint of 40 hex digits, active true
}

func Example_errorHandling() {
	server := fake.New()
	c, err := client.New(
		client.WithHTTPClient(&http.Client{Transport: server.Transport()}),
		client.WithStaticToken("token"),
	)
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()

	_, err = c.Get(ctx, "no-such-connector")
	fmt.Println("not found:", errors.Is(err, client.ErrNotFound))

	// Every non-2xx answer is a *client.Error: branch on StatusCode or Code, never on
	// Message, whose wording is Graph's.
	var graphErr *client.Error
	if errors.As(err, &graphErr) {
		fmt.Println("status:", graphErr.StatusCode)
		fmt.Println("code:", graphErr.Code)
		fmt.Println("has request-id:", graphErr.RequestID != "")
	}

	// Bad input is a *client.ValidationError naming each field, and nothing is sent.
	_, err = c.Create(ctx, client.Connector{TargetURL: "not a url", Auth: client.BasicAuth{Username: "graph"}})
	var invalid *client.ValidationError
	if errors.As(err, &invalid) {
		for _, f := range invalid.Fields {
			fmt.Println("invalid:", f.Field)
		}
	}
	fmt.Println("requests sent:", server.Requests())
	// Output:
	// not found: true
	// status: 404
	// code: itemNotFound
	// has request-id: true
	// invalid: displayName
	// invalid: targetUrl
	// invalid: auth.password
	// requests sent: 1
}
