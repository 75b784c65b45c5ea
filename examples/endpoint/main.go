// Command endpoint is an API connector endpoint built with the endpoint package: a loyalty
// programme's sign-up check. Before the user is created it checks the postal code and
// returns the member's loyalty number as a custom attribute; before the token (B2C) it adds
// the loyalty number to the token.
//
//	APICONNECTOR_ENDPOINT_USERNAME=flow APICONNECTOR_ENDPOINT_PASSWORD=... \
//	  go run ./examples/endpoint --addr 127.0.0.1:8081 --step postAttributeCollection
//
// The credentials are the connector's Basic username and password. A real deployment serves
// https (--tls-cert, --tls-key), as the user flow calls only https URLs.
package main

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"os/signal"
	"regexp"
	"strings"
	"time"

	"github.com/graph-apiconnector/apiconnector/endpoint"
)

// Environment variables with the connector's Basic credentials.
const (
	envUsername = "APICONNECTOR_ENDPOINT_USERNAME"
	envPassword = "APICONNECTOR_ENDPOINT_PASSWORD"
)

// postalCode is what the programme accepts: 3 to 10 letters, digits, spaces or hyphens.
var postalCode = regexp.MustCompile(`^[0-9A-Za-z][0-9A-Za-z -]{1,8}[0-9A-Za-z]$`)

// LoyaltyAttribute is the custom attribute the endpoint returns, without its app-id part,
// which the user flow accepts.
const LoyaltyAttribute = "extension_LoyaltyNumber"

// check is the endpoint's business logic.
func check(_ context.Context, req endpoint.Request) (endpoint.Response, error) {
	email, _ := req.Claim("email")
	switch req.Step {
	case endpoint.PostAttributeCollection:
		code, ok := req.Claim("postalCode")
		if !ok || !postalCode.MatchString(strings.TrimSpace(code)) {
			return endpoint.ValidationError("Please enter a valid postal code."), nil
		}
		return endpoint.Continue(map[string]any{
			"postalCode":     strings.ToUpper(strings.TrimSpace(code)),
			LoyaltyAttribute: loyaltyNumber(email),
		}), nil
	case endpoint.PreTokenIssuance:
		return endpoint.Continue(map[string]any{LoyaltyAttribute: loyaltyNumber(email)}), nil
	default:
		// After federation nothing is collected yet: let the person go on.
		return endpoint.Continue(nil), nil
	}
}

// loyaltyNumber stands for a lookup in the programme's database: stable for an email.
func loyaltyNumber(email string) string {
	sum := sha256.Sum256([]byte(strings.ToLower(email)))
	return fmt.Sprintf("LN-%07d", binary.BigEndian.Uint32(sum[:4])%10_000_000)
}

func newHandler(username, password string, step endpoint.Step, logger *slog.Logger) (http.Handler, error) {
	opts := []endpoint.Option{endpoint.WithBasicAuth(username, password), endpoint.WithLogger(logger)}
	if step != endpoint.StepUnknown {
		opts = append(opts, endpoint.WithStep(step))
	}
	return endpoint.New(check, opts...)
}

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "endpoint:", err)
		os.Exit(2)
	}
}

func run() error {
	addr := flag.String("addr", "127.0.0.1:8081", "address to listen on")
	step := flag.String("step", "", "the step the connector is bound to (Entra does not send it): postFederationSignup, postAttributeCollection or preTokenIssuance")
	certFile := flag.String("tls-cert", "", "PEM certificate to serve https with")
	keyFile := flag.String("tls-key", "", "PEM private key of --tls-cert")
	flag.Parse()
	username, password := os.Getenv(envUsername), os.Getenv(envPassword)
	if username == "" || password == "" {
		return errors.New("set " + envUsername + " and " + envPassword + " to the connector's Basic credentials")
	}
	if (*certFile == "") != (*keyFile == "") {
		return errors.New("--tls-cert and --tls-key go together")
	}
	logger := slog.New(slog.NewTextHandler(os.Stderr, nil))
	h, err := newHandler(username, password, endpoint.Step(*step), logger)
	if err != nil {
		return err
	}
	srv := &http.Server{Addr: *addr, Handler: h, ReadHeaderTimeout: 5 * time.Second}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	go func() {
		<-ctx.Done()
		shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(shutdown)
	}()
	logger.Info("endpoint: listening", "addr", *addr, "step", *step)
	if *certFile != "" {
		err = srv.ListenAndServeTLS(*certFile, *keyFile)
	} else {
		err = srv.ListenAndServe()
	}
	if errors.Is(err, http.ErrServerClosed) {
		return nil
	}
	return err
}
