package contract

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"

	"github.com/graph-apiconnector/apiconnector/openapi"
)

// kinBaseline is kin-openapi's openapi3filter used directly, as its README shows, on the
// same spec: gorillamux routing plus request and response validation with the same options
// and format checks. It is what the validator is measured against: its own checks
// (versions, secret leaks, redaction, Content-Length, trailing data) come on top.
type kinBaseline struct {
	router  routers.Router
	options *openapi3filter.Options
}

func newKinBaseline(b *testing.B) *kinBaseline {
	b.Helper()
	doc, err := openapi3.NewLoader().LoadFromData(openapi.Spec)
	if err != nil {
		b.Fatal(err)
	}
	// gorillamux matches no variable host; Graph's own host with the version variable routes.
	doc.Servers = openapi3.Servers{{URL: "https://graph.microsoft.com/{version}", Variables: map[string]*openapi3.ServerVariable{
		"version": {Default: "v1.0", Enum: []string{"v1.0", "beta"}},
	}}}
	router, err := gorillamux.NewRouter(doc)
	if err != nil {
		b.Fatal(err)
	}
	return &kinBaseline{router: router, options: &openapi3filter.Options{
		AuthenticationFunc:                openapi3filter.NoopAuthenticationFunc,
		IncludeResponseStatus:             true,
		MultiError:                        true,
		RejectWhenRequestBodyNotSpecified: true,
		SchemaValidationOptions:           schemaValidationOptions(),
	}}
}

func (k *kinBaseline) input(req *http.Request) (*openapi3filter.RequestValidationInput, error) {
	route, params, err := k.router.FindRoute(req)
	if err != nil {
		return nil, err
	}
	return &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route, Options: k.options}, nil
}

func (k *kinBaseline) validateRequest(req *http.Request) error {
	input, err := k.input(req)
	if err != nil {
		return err
	}
	return openapi3filter.ValidateRequest(context.Background(), input)
}

func (k *kinBaseline) validateResponse(req *http.Request, resp *http.Response) error {
	input, err := k.input(req)
	if err != nil {
		return err
	}
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	out := &openapi3filter.ResponseValidationInput{RequestValidationInput: input, Status: resp.StatusCode, Header: resp.Header, Options: k.options}
	out.SetBodyBytes(body)
	return openapi3filter.ValidateResponse(context.Background(), out)
}

// benchExchange is one request and response, rebuilt over the same bytes for each iteration.
type benchExchange struct {
	req              *http.Request
	resp             *http.Response
	reqBody, resBody []byte
}

func (e *benchExchange) fresh() (*http.Request, *http.Response) {
	r := e.req.Clone(context.Background())
	r.Body = io.NopCloser(bytes.NewReader(e.reqBody))
	out := *e.resp
	out.Body = io.NopCloser(bytes.NewReader(e.resBody))
	out.Request = r
	return r, &out
}

func loadBenchExchange(b *testing.B, dir string) *benchExchange {
	b.Helper()
	req, resp, err := ReadExchange(filepath.Join(dir, "request.http"), filepath.Join(dir, "response.http"))
	if err != nil {
		b.Fatal(err)
	}
	return exchangeOver(b, req, resp)
}

func exchangeOver(b *testing.B, req *http.Request, resp *http.Response) *benchExchange {
	b.Helper()
	e := &benchExchange{req: req, resp: resp}
	var err error
	if e.reqBody, err = io.ReadAll(req.Body); err != nil {
		b.Fatal(err)
	}
	if e.resBody, err = io.ReadAll(resp.Body); err != nil {
		b.Fatal(err)
	}
	return e
}

// list100 is a list of 100 basic-auth connectors, as one page of Graph's answer.
func list100(b *testing.B) *benchExchange {
	b.Helper()
	var body strings.Builder
	body.WriteString(`{"@odata.context":"https://graph.microsoft.com/beta/$metadata#identity/apiConnectors","value":[`)
	for i := range 100 {
		if i > 0 {
			body.WriteByte(',')
		}
		fmt.Fprintf(&body, `{"id":"be1f3b2c-4bd0-4a8b-9d1f-%012d","displayName":"Connector %d","targetUrl":"https://someapi.com/api/%d",`+
			`"authenticationConfiguration":{"@odata.type":"#microsoft.graph.basicAuthentication","username":"user%d","password":"******"}}`, i, i, i, i)
	}
	body.WriteString(`]}`)
	req, err := ParseRequest(strings.NewReader("GET https://graph.microsoft.com/beta/identity/apiConnectors\n"), "list100")
	if err != nil {
		b.Fatal(err)
	}
	resp, err := ParseResponse(strings.NewReader("HTTP/1.1 200 OK\nContent-Type: application/json\n\n"+body.String()+"\n"), "list100", req)
	if err != nil {
		b.Fatal(err)
	}
	return exchangeOver(b, req, resp)
}

// BenchmarkAgainstKinOpenAPI measures the validator against kin-openapi used directly on the
// seed create request, the seed create response and a list of 100 connectors. Both sides
// must find the exchange valid, or the comparison would be of different work.
func BenchmarkAgainstKinOpenAPI(b *testing.B) {
	v, err := NewValidator()
	if err != nil {
		b.Fatal(err)
	}
	kin := newKinBaseline(b)
	seed := loadBenchExchange(b, filepath.Join("testdata", "docs", "beta", "create", "1"))
	list := list100(b)

	for _, tc := range []struct {
		name      string
		ex        *benchExchange
		validator func(*http.Request, *http.Response) error
		kin       func(*http.Request, *http.Response) error
	}{
		{"create-request", seed,
			func(r *http.Request, _ *http.Response) error { return resultErr(v.ValidateRequest(r)) },
			func(r *http.Request, _ *http.Response) error { return kin.validateRequest(r) }},
		{"create-response", seed,
			func(r *http.Request, w *http.Response) error { return resultErr(v.ValidateResponse(r, w)) },
			kin.validateResponse},
		{"list100-response", list,
			func(r *http.Request, w *http.Response) error { return resultErr(v.ValidateResponse(r, w)) },
			kin.validateResponse},
	} {
		for _, side := range []struct {
			name     string
			validate func(*http.Request, *http.Response) error
		}{{"validator", tc.validator}, {"kin-openapi", tc.kin}} {
			b.Run(tc.name+"/"+side.name, func(b *testing.B) {
				run := func() error {
					r, w := tc.ex.fresh()
					defer func() { _ = w.Body.Close() }()
					return side.validate(r, w)
				}
				if err := run(); err != nil {
					b.Fatal(err)
				}
				b.ReportAllocs()
				for b.Loop() {
					if err := run(); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

func resultErr(r Result) error {
	if !r.Valid {
		return fmt.Errorf("%v", r.Violations)
	}
	return nil
}
