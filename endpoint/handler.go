// Package endpoint is for people who build the endpoint an API connector calls. It turns a
// function of the user's claims into an http.Handler that speaks the call contract
// (openapi/connector-call.yaml), built on the strict server generated into gen/call:
//
//   - the claims arrive decoded into typed values, custom attributes by name;
//   - the caller's Basic credentials are checked in constant time, or its client
//     certificate's thumbprint; anything else gets 401;
//   - the function answers Continue(claims), Block(message) or ValidationError(message),
//     and each is sent with the status and body the user flow expects;
//   - a panic or an error of the function, or an answer the step does not allow, never
//     reaches the user flow as a 500 or a stack trace: it is logged, and the user sees the
//     fallback answer.
package endpoint

import (
	"context"
	"crypto/sha256"
	"crypto/x509"
	"errors"
	"fmt"
	"log/slog"
	"net/http"

	"github.com/graph-apiconnector/apiconnector/gen/call"
)

// HandlerFunc answers one call.
type HandlerFunc func(ctx context.Context, req Request) (Response, error)

// Option configures New.
type Option func(*config) error

type config struct {
	creds    credentials
	step     Step
	logger   *slog.Logger
	fallback string
}

// maxBodyBytes bounds a call's body; the claims of one user are a few kilobytes.
const maxBodyBytes = 1 << 20

// DefaultFallbackMessage is what the user sees when the handler fails at a sign-up step.
const DefaultFallbackMessage = "Something went wrong while checking your details. Please try again later."

// WithBasicAuth accepts calls with these Basic credentials, the ones configured on the
// connector.
func WithBasicAuth(username, password string) Option {
	return func(c *config) error {
		if username == "" || password == "" {
			return errors.New("endpoint: WithBasicAuth needs a username and a password")
		}
		c.creds.basic = true
		c.creds.user, c.creds.pass = sha256.Sum256([]byte(username)), sha256.Sum256([]byte(password))
		return nil
	}
}

// WithClientCertificate accepts calls whose TLS client certificate has one of these SHA-1
// thumbprints (hex, as Graph's certificateList reports them). Give the old and the new one
// while a certificate is rolled. The server must request client certificates
// (tls.Config.ClientAuth = tls.RequireAnyClientCert or stricter).
func WithClientCertificate(thumbprints ...string) Option {
	return func(c *config) error {
		if len(thumbprints) == 0 {
			return errors.New("endpoint: WithClientCertificate needs a thumbprint")
		}
		for i, t := range thumbprints {
			sum, ok := parseThumbprint(t)
			if !ok {
				return fmt.Errorf("endpoint: WithClientCertificate: thumbprint %d is not 40 hex digits", i+1)
			}
			c.creds.thumbprints = append(c.creds.thumbprints, sum)
		}
		return nil
	}
}

// WithStep names the step this endpoint is bound to. Entra External ID does not send the
// step; B2C does, and a B2C step claim wins.
func WithStep(step Step) Option {
	return func(c *config) error {
		if _, ok := allowedActions[step]; !ok {
			return fmt.Errorf("endpoint: WithStep: unknown step %q", step)
		}
		c.step = step
		return nil
	}
}

// WithLogger logs handler failures there (the error and the step, never claims or
// credentials). The default discards them.
func WithLogger(l *slog.Logger) Option {
	return func(c *config) error {
		c.logger = l
		return nil
	}
}

// WithFallbackMessage is the block page's message when the handler fails during sign-up.
func WithFallbackMessage(message string) Option {
	return func(c *config) error {
		if message == "" {
			return errors.New("endpoint: WithFallbackMessage needs a message")
		}
		c.fallback = message
		return nil
	}
}

// New returns the handler of an endpoint that answers with fn. It needs WithBasicAuth or
// WithClientCertificate: an endpoint that accepts any caller is not conformant. The handler
// answers POST at any path, so it can be mounted at the connector's targetUrl.
func New(fn HandlerFunc, opts ...Option) (http.Handler, error) {
	if fn == nil {
		return nil, errors.New("endpoint: New needs a handler function")
	}
	cfg := config{logger: slog.New(slog.DiscardHandler), fallback: DefaultFallbackMessage}
	for _, o := range opts {
		if err := o(&cfg); err != nil {
			return nil, err
		}
	}
	if !cfg.creds.configured() {
		return nil, errors.New("endpoint: New needs WithBasicAuth or WithClientCertificate")
	}
	srv := &server{fn: fn, cfg: cfg}
	strict := call.NewStrictHandlerWithOptions(srv, nil, call.StrictHTTPServerOptions{
		RequestErrorHandlerFunc: func(w http.ResponseWriter, _ *http.Request, _ error) {
			// The decoder's message would quote the body; say only what is wrong.
			http.Error(w, "the body is not a JSON object of claims", http.StatusBadRequest)
		},
		ResponseErrorHandlerFunc: func(_ http.ResponseWriter, _ *http.Request, err error) {
			// Reached only when writing to the connection failed; nothing more can be sent.
			cfg.logger.Error("endpoint: writing the answer failed", "error", err)
		},
	})
	mux := &anyPath{}
	call.HandlerWithOptions(strict, call.StdHTTPServerOptions{
		BaseRouter:  mux,
		Middlewares: []call.MiddlewareFunc{srv.authenticate, limitBody},
		ErrorHandlerFunc: func(w http.ResponseWriter, _ *http.Request, _ error) {
			http.Error(w, "bad query parameter", http.StatusBadRequest)
		},
	})
	return mux, nil
}

// anyPath routes every POST to the generated operation, whatever the path: the service calls
// the targetUrl as configured, and the handler may be mounted anywhere.
type anyPath struct{ post http.HandlerFunc }

func (a *anyPath) HandleFunc(_ string, h func(http.ResponseWriter, *http.Request)) { a.post = h }

func (a *anyPath) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		http.Error(w, "the connector call is a POST", http.StatusMethodNotAllowed)
		return
	}
	a.post(w, r)
}

type certificateKey struct{}

// server implements the generated strict interface.
type server struct {
	fn  HandlerFunc
	cfg config
}

func (s *server) authenticate(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		cert, ok := s.cfg.creds.check(r)
		if !ok {
			if s.cfg.creds.basic {
				w.Header().Set("WWW-Authenticate", `Basic realm="api-connector", charset="UTF-8"`)
			}
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		if cert != nil {
			r = r.WithContext(context.WithValue(r.Context(), certificateKey{}, cert))
		}
		next.ServeHTTP(w, r)
	})
}

func limitBody(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.Body = http.MaxBytesReader(w, r.Body, maxBodyBytes)
		next.ServeHTTP(w, r)
	})
}

// CallConnector runs the handler and turns its answer, or its failure, into the generated
// response.
func (s *server) CallConnector(ctx context.Context, in call.CallConnectorRequestObject) (call.CallConnectorResponseObject, error) {
	req := Request{Step: s.cfg.step}
	if in.Body != nil {
		req.Claims = *in.Body
		if in.Body.Step != nil {
			if step, ok := stepOfClaim[*in.Body.Step]; ok {
				req.Step = step
			}
		}
	}
	req.Certificate, _ = ctx.Value(certificateKey{}).(*x509.Certificate)
	resp, err := s.run(ctx, req)
	if err == nil {
		var out call.CallConnectorResponseObject
		if out, err = resp.wire(req.Step); err == nil {
			return out, nil
		}
	}
	s.cfg.logger.ErrorContext(ctx, "endpoint: the handler failed; answering with the fallback", "step", string(req.Step), "error", err)
	return s.fallback(req.Step), nil
}

// run calls the handler, turning a panic into an error so that no stack trace is sent.
func (s *server) run(ctx context.Context, req Request) (resp Response, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("endpoint: the handler panicked: %v", p)
		}
	}()
	return s.fn(ctx, req)
}

// fallback is the answer when the handler fails: a block page during sign-up; before the
// token, where only Continue is allowed, Continue without claims, so the token is issued
// unenriched rather than the sign-in failing.
func (s *server) fallback(step Step) call.CallConnectorResponseObject {
	r := Block(s.cfg.fallback)
	if step == PreTokenIssuance {
		r = Continue(nil)
	}
	out, err := r.wire(step)
	if err != nil { // cannot happen: both answers are valid at their step
		panic(err)
	}
	return out
}
