package pb33f

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pb33f/libopenapi"
	validator "github.com/pb33f/libopenapi-validator"
	"github.com/pb33f/libopenapi-validator/config"
	vErrors "github.com/pb33f/libopenapi-validator/errors"

	"github.com/graph-apiconnector/apiconnector/contract"
	"github.com/graph-apiconnector/apiconnector/openapi"
)

// newLibOpenAPIValidator is libopenapi-validator built once on the same spec, with the options
// closest to the kin-openapi baseline in contract/baseline_bench_test.go: format assertions on,
// undeclared request bodies and response statuses rejected, the servers' host and version
// matched, and security not checked (kin's baseline uses NoopAuthenticationFunc, and the
// documented requests carry no Authorization header).
func newLibOpenAPIValidator(tb testing.TB) validator.Validator {
	tb.Helper()
	doc, err := libopenapi.NewDocument(openapi.Spec)
	if err != nil {
		tb.Fatal(err)
	}
	v, errs := validator.NewValidator(doc,
		config.WithFormatAssertions(),
		config.WithRejectUndeclaredRequestBody(),
		config.WithStrictServerMatching(),
		config.WithoutSecurityValidation(),
	)
	if len(errs) > 0 {
		tb.Fatal(errors.Join(errs...))
	}
	return v
}

// libErr turns libopenapi-validator's answer into an error naming every violation.
func libErr(valid bool, errs []*vErrors.ValidationError) error {
	if valid && len(errs) == 0 {
		return nil
	}
	msgs := make([]string, 0, len(errs))
	for _, e := range errs {
		msg := e.Message + ": " + e.Reason
		for _, s := range e.SchemaValidationErrors {
			msg += fmt.Sprintf(" [%s: %s]", s.FieldPath, s.Reason)
		}
		msgs = append(msgs, msg)
	}
	return fmt.Errorf("invalid: %s", strings.Join(msgs, "; "))
}

func resultErr(r contract.Result) error {
	if !r.Valid {
		return fmt.Errorf("%v", r.Violations)
	}
	return nil
}

// exchange is one request and response, rebuilt over the same bytes for each iteration.
type exchange struct {
	req              *http.Request
	resp             *http.Response
	reqBody, resBody []byte
}

func (e *exchange) fresh() (*http.Request, *http.Response) {
	r := e.req.Clone(context.Background())
	r.Body = io.NopCloser(bytes.NewReader(e.reqBody))
	out := *e.resp
	out.Body = io.NopCloser(bytes.NewReader(e.resBody))
	out.Request = r
	return r, &out
}

// check validates a fresh copy of the exchange with validate.
func (e *exchange) check(validate func(*http.Request, *http.Response) error) error {
	r, w := e.fresh()
	defer func() { _ = w.Body.Close() }()
	return validate(r, w)
}

func exchangeOver(tb testing.TB, req *http.Request, resp *http.Response) *exchange {
	tb.Helper()
	e := &exchange{req: req, resp: resp}
	var err error
	if e.reqBody, err = io.ReadAll(req.Body); err != nil {
		tb.Fatal(err)
	}
	if e.resBody, err = io.ReadAll(resp.Body); err != nil {
		tb.Fatal(err)
	}
	return e
}

// seedCreate is the documented beta create exchange the kin-openapi baseline also measures.
func seedCreate(tb testing.TB) *exchange {
	tb.Helper()
	dir := filepath.Join("..", "..", "contract", "testdata", "docs", "beta", "create", "1")
	req, resp, err := contract.ReadExchange(filepath.Join(dir, "request.http"), filepath.Join(dir, "response.http"))
	if err != nil {
		tb.Fatal(err)
	}
	return exchangeOver(tb, req, resp)
}

// list100 is a list of 100 basic-auth connectors, as one page of Graph's answer: the same
// bytes as the kin-openapi baseline's.
func list100(tb testing.TB) *exchange {
	tb.Helper()
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
	req, err := contract.ParseRequest(strings.NewReader("GET https://graph.microsoft.com/beta/identity/apiConnectors\n"), "list100")
	if err != nil {
		tb.Fatal(err)
	}
	resp, err := contract.ParseResponse(strings.NewReader("HTTP/1.1 200 OK\nContent-Type: application/json\n\n"+body.String()+"\n"), "list100", req)
	if err != nil {
		tb.Fatal(err)
	}
	return exchangeOver(tb, req, resp)
}

// comparison is one exchange and how each side validates it.
type comparison struct {
	name      string
	ex        *exchange
	validator func(*http.Request, *http.Response) error
	lib       func(*http.Request, *http.Response) error
}

// comparisons are the three exchanges of BenchmarkAgainstKinOpenAPI. libopenapi-validator
// checks requests in its synchronous mode (ValidateHttpRequestSync: no goroutines); its
// response check, ValidateHttpResponse, has no other mode and spawns none.
func comparisons(tb testing.TB) []comparison {
	tb.Helper()
	v, err := contract.NewValidator()
	if err != nil {
		tb.Fatal(err)
	}
	lib := newLibOpenAPIValidator(tb)
	seed, list := seedCreate(tb), list100(tb)
	validateResponse := func(r *http.Request, w *http.Response) error { return resultErr(v.ValidateResponse(r, w)) }
	libResponse := func(r *http.Request, w *http.Response) error { return libErr(lib.ValidateHttpResponse(r, w)) }
	return []comparison{
		{"create-request", seed,
			func(r *http.Request, _ *http.Response) error { return resultErr(v.ValidateRequest(r)) },
			func(r *http.Request, _ *http.Response) error { return libErr(lib.ValidateHttpRequestSync(r)) }},
		{"create-response", seed, validateResponse, libResponse},
		{"list100-response", list, validateResponse, libResponse},
	}
}

// BenchmarkAgainstLibOpenAPIValidator measures the validator against libopenapi-validator on
// the exchanges the kin-openapi baseline measures. Both sides must find each exchange valid,
// or the comparison would be of different work.
func BenchmarkAgainstLibOpenAPIValidator(b *testing.B) {
	for _, tc := range comparisons(b) {
		for _, side := range []struct {
			name     string
			validate func(*http.Request, *http.Response) error
		}{{"validator", tc.validator}, {"libopenapi-validator", tc.lib}} {
			b.Run(tc.name+"/"+side.name, func(b *testing.B) {
				if err := tc.ex.check(side.validate); err != nil {
					b.Fatal(err)
				}
				b.ReportAllocs()
				for b.Loop() {
					if err := tc.ex.check(side.validate); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
