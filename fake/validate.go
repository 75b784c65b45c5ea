package fake

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"path"
	"slices"
	"sort"
	"strings"

	"github.com/graph-apiconnector/apiconnector/contract"
	"github.com/graph-apiconnector/apiconnector/gen"
)

// The fake holds itself to the spec in both directions: a request that breaks it is
// refused before anything changes, and a response that breaks it is never sent.

// checkRequest validates the request against the spec. A path that names no operation is
// a 400 BadRequest (as Graph answers an unknown segment), a method the path lacks a 405,
// anything else an invalidRequest listing every violation by JSON pointer.
func (s *Server) checkRequest(r *http.Request) error {
	if p := r.URL.Path; path.Clean(p) != p {
		// ServeMux would redirect such a path, an answer the spec does not have.
		return &graphError{status: http.StatusBadRequest, code: codeBadRequest, message: "/path: the path has empty, . or .. segments"}
	}
	result := s.validator.ValidateRequest(r)
	if result.Valid {
		return nil
	}
	message := violationsMessage(result.Violations)
	for _, v := range result.Violations {
		switch v.Kind {
		case contract.KindRoute, contract.KindVersion:
			return &graphError{status: http.StatusBadRequest, code: codeBadRequest, message: message}
		case contract.KindMethod:
			return &graphError{status: http.StatusMethodNotAllowed, code: codeMethodNotAllowed, message: message,
				allow: strings.Join(s.allowedMethods(r), ", ")}
		}
	}
	return &graphError{status: http.StatusBadRequest, code: codeInvalidRequest, message: message}
}

func violationsMessage(vs []contract.Violation) string {
	parts := make([]string, len(vs))
	for i, v := range vs {
		parts[i] = v.Pointer + ": " + v.Message
	}
	return strings.Join(parts, "; ")
}

// allowedMethods lists the methods the request's path has, for the Allow header of a 405.
func (s *Server) allowedMethods(r *http.Request) []string {
	var allowed []string
	for _, m := range []string{http.MethodGet, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete} {
		probe := r.Clone(context.Background())
		probe.Method = m
		if _, pattern := s.mux.Handler(probe); pattern != "" {
			allowed = append(allowed, m)
		}
	}
	return allowed
}

// enforceResponseContract returns rec when it keeps the spec, else a 500 in its place,
// recording what was wrong in ContractViolations. reqBody is the request's body, needed to
// withhold any secret the request carried from the violation text. A response to a request
// that addresses no operation (404-like paths, 405s) has no schema to keep.
func (s *Server) enforceResponseContract(r *http.Request, reqBody []byte, rec *recorder, ex *exchange) *recorder {
	checked := r.Clone(context.Background())
	checked.Body = io.NopCloser(bytes.NewReader(reqBody))
	checked.ContentLength = int64(len(reqBody))
	result := s.validator.ValidateResponse(checked, rec.response(checked))
	if result.Valid || addressesNoOperation(result.Violations) {
		return rec
	}
	violation := r.Method + " " + r.URL.Path + " -> " + http.StatusText(rec.statusCode()) + ": " + violationsMessage(result.Violations)
	s.recordViolation(violation)
	s.logger.WarnContext(r.Context(), "fake: response broke the contract and was replaced by a 500",
		"request-id", ex.requestID, "violation", violation)

	replacement := newRecorder()
	writeError(replacement, ex, internalError("the fake's response broke the contract: "+violationsMessage(result.Violations)))
	return replacement
}

func addressesNoOperation(vs []contract.Violation) bool {
	return slices.ContainsFunc(vs, func(v contract.Violation) bool {
		return v.Kind == contract.KindRoute || v.Kind == contract.KindMethod || v.Kind == contract.KindVersion
	})
}

func (s *Server) recordViolation(v string) {
	s.violationsMu.Lock()
	defer s.violationsMu.Unlock()
	s.violations = append(s.violations, v)
}

// ContractViolations returns every response the fake refused to send because it broke the
// spec, oldest first. It should stay empty; tests assert that it does.
func (s *Server) ContractViolations() []string {
	s.violationsMu.Lock()
	defer s.violationsMu.Unlock()
	return slices.Clone(s.violations)
}

// rejectUnsupportedQueryOptions refuses query options the operation does not declare, and
// options given twice, instead of ignoring them: a test must never pass on an option the
// fake did not apply. The validator checks the values of the declared ones.
func (s *Server) rejectUnsupportedQueryOptions(next gen.StrictHandlerFunc, operationID string) gen.StrictHandlerFunc {
	supported := s.spec.QueryOptions(operationID)
	return func(ctx context.Context, w http.ResponseWriter, r *http.Request, request any) (any, error) {
		query := r.URL.Query()
		names := make([]string, 0, len(query))
		for name := range query {
			names = append(names, name)
		}
		sort.Strings(names)
		var problems []string
		for _, name := range names {
			switch {
			case !slices.Contains(supported, name):
				problems = append(problems, "/query/"+name+": the query option is not supported by this operation")
			case len(query[name]) > 1:
				problems = append(problems, "/query/"+name+": the query option is given more than once")
			}
		}
		if len(problems) > 0 {
			return nil, &graphError{status: http.StatusBadRequest, code: codeInvalidRequest, message: strings.Join(problems, "; ")}
		}
		return next(ctx, w, r, request)
	}
}
