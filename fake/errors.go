package fake

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/graph-apiconnector/apiconnector/gen"
)

// Error codes the fake answers with. Graph mixes PascalCase and camelCase codes; these are
// the ones its docs and samples show for each situation.
const (
	codeBadRequest         = "BadRequest"                 // the path or version names nothing
	codeInvalidRequest     = "invalidRequest"             // the request breaks the contract
	codeUnauthenticated    = "InvalidAuthenticationToken" // no usable bearer token
	codeItemNotFound       = "itemNotFound"
	codeNameAlreadyExists  = "nameAlreadyExists"
	codeMethodNotAllowed   = "methodNotAllowed"
	codeTooManyRequests    = "TooManyRequests"
	codeServiceUnavailable = "serviceNotAvailable"
	codeGatewayTimeout     = "gatewayTimeout"
	codeGeneralException   = "generalException" // the fake itself failed
)

// graphError is a failure answered with Graph's error envelope. Handlers return it as an
// error; the strict handler's response-error hook writes it.
type graphError struct {
	status     int
	code       string
	message    string
	retryAfter string // Retry-After header, when not ""
	allow      string // Allow header of a 405, when not ""
}

func (e *graphError) Error() string { return e.code + ": " + e.message }

func invalidRequest(pointer, message string) *graphError {
	return &graphError{status: http.StatusBadRequest, code: codeInvalidRequest, message: pointer + ": " + message}
}

func notFound(message string) *graphError {
	return &graphError{status: http.StatusNotFound, code: codeItemNotFound, message: message}
}

func unauthenticated(message string) *graphError {
	return &graphError{status: http.StatusUnauthorized, code: codeUnauthenticated, message: message}
}

func internalError(message string) *graphError {
	return &graphError{status: http.StatusInternalServerError, code: codeGeneralException, message: message}
}

// asGraphError returns err as a Graph error; anything else is the fake's own failure.
func asGraphError(err error) *graphError {
	var ge *graphError
	if errors.As(err, &ge) {
		return ge
	}
	return internalError("the fake could not answer: " + err.Error())
}

// writeError writes e as Graph does: the envelope with the request's ids and the date in
// innerError. A 429 also carries the inner code, status and message of Graph's sample.
func writeError(w http.ResponseWriter, ex *exchange, e *graphError) {
	inner := &gen.OdataInnerError{
		RequestID: new(ex.requestID),
		Date:      new(ex.now.UTC().Format(time.RFC3339)),
	}
	if ex.clientRequestID != "" {
		inner.ClientRequestID = new(ex.clientRequestID)
	}
	if e.status == http.StatusTooManyRequests {
		status := strconv.Itoa(e.status)
		inner.Code, inner.Status, inner.Message = new(status), new(status), new("Please retry after")
	}
	envelope := gen.OdataError{Error: gen.OdataErrorMain{Code: e.code, Message: e.message, InnerError: inner}}

	var buf bytes.Buffer
	if err := json.NewEncoder(&buf).Encode(envelope); err != nil {
		// The envelope holds only strings; encoding it cannot fail.
		panic("fake: encode error envelope: " + err.Error())
	}
	h := w.Header()
	h.Set("Content-Type", "application/json")
	if e.retryAfter != "" {
		h.Set("Retry-After", e.retryAfter)
	}
	if e.allow != "" {
		h.Set("Allow", e.allow)
	}
	w.WriteHeader(e.status)
	_, _ = buf.WriteTo(w)
}

// The hooks below turn failures inside the generated handlers into Graph errors, so that no
// response leaves in the generated code's plain-text form.

// writeHandlerError answers an error a strict method or middleware returned.
func (s *Server) writeHandlerError(w http.ResponseWriter, r *http.Request, err error) {
	writeError(w, s.exchangeFrom(r.Context()), asGraphError(err))
}

// writeBodyDecodeError answers a body the generated code could not decode. The validator
// has accepted the body by then, so this means the spec and the generated types disagree.
func (s *Server) writeBodyDecodeError(w http.ResponseWriter, r *http.Request, _ error) {
	writeError(w, s.exchangeFrom(r.Context()), invalidRequest("", "the request body does not fit the operation"))
}

// writeParameterError answers a path or query parameter the generated code could not bind,
// such as a query option given twice.
func (s *Server) writeParameterError(w http.ResponseWriter, r *http.Request, err error) {
	var name string
	var invalid *gen.InvalidParamFormatError
	var required *gen.RequiredParamError
	switch {
	case errors.As(err, &invalid):
		name = invalid.ParamName
	case errors.As(err, &required):
		name = required.ParamName
	}
	query := r.URL.Query()
	pointer, message := "/path/"+name, "the parameter could not be read"
	if query.Has(name) {
		pointer = "/query/" + name
		if len(query[name]) > 1 {
			message = "the query option is given more than once"
		}
	}
	writeError(w, s.exchangeFrom(r.Context()), invalidRequest(pointer, message))
}
