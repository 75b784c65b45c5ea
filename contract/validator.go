package contract

import (
	"bytes"
	"context"
	"errors"
	"io"
	"mime"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
)

// Validator checks HTTP requests and responses against the spec. It is safe for concurrent
// use; build one and keep it.
type Validator struct {
	spec    *Spec
	options *openapi3filter.Options

	byteSecrets []string // the secret properties of format byte, masked in base64

	requireBearer bool

	// decodeOnce is whether a JSON response body is decoded once, by the leak walk (see
	// decodeonce.go); off only in the test that holds both ways equal.
	decodeOnce             bool
	statusAndHeaderOptions *openapi3filter.Options
	responseBodyOptions    []openapi3.SchemaValidationOption
}

// NewValidator returns a validator over the embedded spec, which is parsed once per process.
func NewValidator() (*Validator, error) {
	spec, err := LoadSpec()
	if err != nil {
		return nil, err
	}
	options := &openapi3filter.Options{
		// The docs' examples carry no Authorization header; tokens are Graph's business.
		AuthenticationFunc:                openapi3filter.NoopAuthenticationFunc,
		IncludeResponseStatus:             true,
		MultiError:                        true,
		RejectWhenRequestBodyNotSpecified: true,
		SchemaValidationOptions:           schemaValidationOptions(),
	}
	statusAndHeaders := *options
	statusAndHeaders.ExcludeResponseBody = true
	return &Validator{
		spec:                   spec,
		options:                options,
		byteSecrets:            byteSecretNames(spec.doc),
		decodeOnce:             true,
		statusAndHeaderOptions: &statusAndHeaders,
		responseBodyOptions:    responseBodyOptions(options),
	}, nil
}

// ValidateRequest checks req against the operation it addresses. The body is read and put
// back, so the request can still be sent. A compressed body is validated decompressed.
func (v *Validator) ValidateRequest(req *http.Request) Result {
	wire, err := drain(&req.Body)
	if err != nil {
		return newResult([]Violation{{Pointer: "", Kind: KindBody, Message: "request body could not be read"}})
	}
	body, header, vs := decodedView(req.Header, wire)
	if len(vs) > 0 {
		return newResult(vs)
	}
	scan := scanRequest(body)
	input, vs := v.route(req, header, body)
	if v.requireBearer {
		vs = append(vs, bearerViolations(req.Header)...)
	}
	if input != nil {
		vs = append(vs, valueVersionViolations(input, req.URL.EscapedPath())...)
		vs = append(vs, repeatedQueryOptions(req.URL.RawQuery)...)
		vs = append(vs, scan.structureViolations()...)
		vs = append(vs, contentLengthViolations(req.Header, wire)...)
		vs = append(vs, trailingDataViolations(header, body, scan.valid)...)
		vs = appendNew(vs, v.convert(openapi3filter.ValidateRequest(context.Background(), input))...)
		version, _ := splitVersion(req.URL.EscapedPath())
		vs = appendNew(vs, scan.referenceViolations(originOf(req), version)...)
		vs = appendNew(vs, requestValueVersionViolations(input, header, body, version)...)
	}
	return newResult(redact(vs, scan))
}

// ValidateResponse checks resp against the operation req addressed. Both bodies are read and
// put back.
func (v *Validator) ValidateResponse(req *http.Request, resp *http.Response) Result {
	reqWire, err := drain(&req.Body)
	if err != nil {
		return newResult([]Violation{{Pointer: "", Kind: KindBody, Message: "request body could not be read"}})
	}
	wire, err := drain(&resp.Body)
	if err != nil {
		return newResult([]Violation{{Pointer: "", Kind: KindBody, Message: "response body could not be read"}})
	}
	// The request body matters here only for finding secrets to withhold; one already sent
	// and consumed, or undecodable, is simply left out.
	reqBody, _, vs := decodedView(req.Header, reqWire)
	if len(vs) > 0 {
		reqBody = nil
	}
	body, header, vs := decodedView(resp.Header, wire)
	if len(vs) > 0 {
		return newResult(vs)
	}
	input, vs := v.responseRoute(req)
	var media *openapi3.MediaType
	if input != nil {
		media = jsonResponseBody(input, resp.StatusCode, header)
	}
	reqScan := scanRequest(reqBody)
	echoes := reqScan.echoForms()
	scan := scanResponse(body, echoes, reqBody, media != nil && v.decodeOnce)
	if input == nil {
		vs = []Violation{{Pointer: "/path", Kind: KindRoute, Message: "the request matches no operation, so the response cannot be checked"}}
		return newResult(redact(vs, reqScan, scan))
	}
	leaks := scan.leakViolations(resp.Header, echoes)
	vs = append(vs, leaks...)
	vs = append(vs, scan.structureViolations()...)
	version, _ := splitVersion(req.URL.EscapedPath())
	vs = append(vs, scan.nextLinkViolations(originOf(req), version)...)
	vs = append(vs, responseValueVersionViolations(input, resp.StatusCode, header, body, &scan, version)...)
	vs = append(vs, contentLengthViolations(resp.Header, wire)...)
	vs = append(vs, trailingDataViolations(header, body, scan.valid)...)
	vs = append(vs, unexpectedBodyViolations(input, resp.StatusCode, body)...)
	respInput := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: input,
		Status:                 resp.StatusCode,
		Header:                 header,
		Options:                v.options,
	}
	respInput.SetBodyBytes(body)
	for _, sv := range v.convert(v.validateResponse(respInput, media, scan.value, scan.decoded)) {
		if !reportedAt(leaks, sv.Pointer) {
			vs = appendNew(vs, sv)
		}
	}
	return newResult(redact(vs, reqScan, scan))
}

// routeMatch is the operation a request addresses.
type routeMatch struct {
	route     *routers.Route
	params    map[string]string
	canonical string // the escaped path below the version, spelled as the spec spells it
}

// match finds the operation req addresses, or the violations that say why there is none.
// Versions are checked here, since the router sees only the path below the version.
func (v *Validator) match(req *http.Request) (*routeMatch, []Violation) {
	if vs := pathSegmentViolations(req.URL.EscapedPath()); len(vs) > 0 {
		return nil, vs
	}
	version, rest := splitVersion(req.URL.EscapedPath())
	if !slices.Contains(versions, version) {
		return nil, []Violation{{Pointer: "/path", Kind: KindVersion, Message: "the path does not start with a known version (v1.0 or beta)"}}
	}
	route, params, canonical, err := v.spec.findRoute(req.Method, rest)
	switch {
	case errors.Is(err, routers.ErrMethodNotAllowed):
		return nil, []Violation{{Pointer: "/method", Kind: KindMethod, Message: "the path has no " + req.Method + " operation"}}
	case err != nil:
		return nil, []Violation{{Pointer: "/path", Kind: KindRoute, Message: "no operation has this path"}}
	}
	if !slices.Contains(operationVersions(route.Operation), version) {
		return nil, []Violation{{Pointer: "/path", Kind: KindVersion, Message: route.Operation.OperationID + " does not exist in " + version}}
	}
	return &routeMatch{route: route, params: params, canonical: canonical}, nil
}

// route finds the operation of req and returns the kin-openapi input to validate req
// against it, reading header and body for req's own, or the violations that say why there
// is no operation.
func (v *Validator) route(req *http.Request, header http.Header, body []byte) (*openapi3filter.RequestValidationInput, []Violation) {
	m, vs := v.match(req)
	if m == nil {
		return nil, vs
	}
	unescaped, err := url.PathUnescape(m.canonical)
	if err != nil {
		return nil, []Violation{{Pointer: "/path", Kind: KindRoute, Message: "the path is not validly escaped"}}
	}
	// A shallow copy: kin-openapi only reads the request, and what differs from req (URL,
	// header, body) is replaced below.
	routed := req.WithContext(context.Background())
	u := *req.URL
	u.Scheme, u.Host, u.User = "", "", nil
	u.RawPath, u.Path = m.canonical, unescaped
	routed.URL = &u
	routed.Host = ""
	routed.Header = header
	routed.Body = io.NopCloser(bytes.NewReader(body))
	routed.ContentLength = int64(len(body))
	// kin-openapi re-reads the body through GetBody, which for a request built by
	// http.NewRequest replays the original, still-encoded bytes.
	routed.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(body)), nil }
	return &openapi3filter.RequestValidationInput{
		Request:    routed,
		PathParams: m.params,
		Route:      m.route,
		Options:    v.options,
	}, nil
}

// responseRoute is route for validating a response: kin-openapi reads only the request's
// method and the route then, so req is not copied.
func (v *Validator) responseRoute(req *http.Request) (*openapi3filter.RequestValidationInput, []Violation) {
	m, vs := v.match(req)
	if m == nil {
		return nil, vs
	}
	return &openapi3filter.RequestValidationInput{Request: req, PathParams: m.params, Route: m.route, Options: v.options}, nil
}

// contentLengthViolations reports a Content-Length header that is not 1*DIGIT, that is
// repeated with different values, or that does not match the body, as a documented request
// once wrote. A count one line break longer also matches: an .http file cannot show whether
// its body ended in a line break, and recorded JSON often does (Go's encoder writes one).
func contentLengthViolations(h http.Header, body []byte) []Violation {
	values := h.Values("Content-Length")
	if len(values) == 0 {
		return nil
	}
	var first string
	for _, line := range values {
		for _, v := range strings.Split(line, ",") {
			v = strings.TrimSpace(v)
			switch {
			case v == "" || strings.Trim(v, "0123456789") != "":
				return []Violation{{Pointer: "/header/Content-Length", Kind: KindHeader, Message: "Content-Length must be decimal digits only"}}
			case first == "":
				first = v
			case v != first:
				return []Violation{{Pointer: "/header/Content-Length", Kind: KindHeader, Message: "Content-Length is repeated with different values"}}
			}
		}
	}
	n, err := strconv.Atoi(first)
	if err != nil || (n != len(body) && n != len(body)+len("\n") && n != len(body)+len("\r\n")) {
		return []Violation{{Pointer: "/header/Content-Length", Kind: KindHeader,
			Message: "Content-Length " + first + " does not match the body's " + strconv.Itoa(len(body)) + " bytes"}}
	}
	return nil
}

// trailingDataViolations reports a JSON body with anything after its value, which
// kin-openapi's decoder would stop before and never see.
//
// valid is the body scan's finding, so that the body is not read again.
func trailingDataViolations(h http.Header, body []byte, valid bool) []Violation {
	if valid || len(bytes.TrimSpace(body)) == 0 || !isJSONMediaType(h.Get("Content-Type")) {
		return nil
	}
	return []Violation{{Pointer: "", Kind: KindBody, Message: "the body is not a single valid JSON value"}}
}

// unexpectedBodyViolations reports a body on a status the operation documents without one,
// such as 204 No Content.
func unexpectedBodyViolations(input *openapi3filter.RequestValidationInput, status int, body []byte) []Violation {
	resp := input.Route.Operation.Responses.Status(status)
	if resp == nil || resp.Value == nil || len(resp.Value.Content) > 0 || len(body) == 0 {
		return nil
	}
	return []Violation{{Pointer: "", Kind: KindBody, Message: "this status has no body"}}
}

// isJSONMediaType reads only the media type before any parameters, without allocating:
// it runs for every message, and mime.ParseMediaType builds a map of the parameters.
func isJSONMediaType(contentType string) bool {
	mediaType, params, _ := strings.Cut(contentType, ";")
	mediaType = strings.TrimSpace(mediaType)
	if !validParams(params) {
		return false
	}
	return strings.EqualFold(mediaType, "application/json") ||
		(len(mediaType) > len("+json") && strings.EqualFold(mediaType[len(mediaType)-len("+json"):], "+json") &&
			strings.Contains(mediaType, "/"))
}

// validParams reports whether the parameters after a media type parse, as
// mime.ParseMediaType would have them: a malformed Content-Type names no JSON type.
func validParams(params string) bool {
	if strings.TrimSpace(params) == "" {
		return true
	}
	_, _, err := mime.ParseMediaType("a/b;" + params)
	return err == nil
}

// appendNew appends the violations not already present with the same pointer and kind, so
// one fault found by two checks is reported once.
func appendNew(vs []Violation, more ...Violation) []Violation {
	for _, m := range more {
		if !slices.ContainsFunc(vs, func(v Violation) bool { return v.Pointer == m.Pointer && v.Kind == m.Kind }) {
			vs = append(vs, m)
		}
	}
	return vs
}

// drain reads a body and replaces it with a fresh reader over the same bytes.
func drain(body *io.ReadCloser) ([]byte, error) {
	if *body == nil || *body == http.NoBody {
		return nil, nil
	}
	data, err := io.ReadAll(*body)
	_ = (*body).Close()
	*body = io.NopCloser(bytes.NewReader(data))
	return data, err
}

func reportedAt(vs []Violation, pointer string) bool {
	return slices.ContainsFunc(vs, func(v Violation) bool { return v.Pointer == pointer })
}
