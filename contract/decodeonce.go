package contract

import (
	"context"
	"net/http"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
)

// A response's JSON body is decoded once. The secret-leak walk builds the value
// encoding/json would (jsonwalk.Values), and the body's schema is visited with it, as
// openapi3filter.ValidateResponse does after decoding the body itself; kin-openapi checks
// the status and headers with the body excluded. Where kin-openapi would do anything other
// than decode the body as JSON, or the body is not one JSON object or array, it validates
// the whole response as before. A test holds the two ways to the same violations.

// jsonResponseBody returns the media type whose schema openapi3filter.ValidateResponse
// would check the body against after decoding it as JSON, or nil when it would not: a HEAD
// request, a status it skips or that has no content, another media type, an encoding, a
// binary schema.
func jsonResponseBody(input *openapi3filter.RequestValidationInput, status int, header http.Header) *openapi3.MediaType {
	if input.Request.Method == http.MethodHead {
		return nil
	}
	switch status {
	case http.StatusNotModified, http.StatusPermanentRedirect, http.StatusTemporaryRedirect, http.StatusMovedPermanently:
		return nil
	}
	responses := input.Route.Operation.Responses
	if responses.Len() == 0 {
		return nil
	}
	ref := responses.Status(status)
	if ref == nil {
		ref = responses.Default()
	}
	if ref == nil || ref.Value == nil || len(ref.Value.Content) == 0 {
		return nil
	}
	contentType := header.Get("Content-Type")
	media := ref.Value.Content.Get(contentType)
	if media == nil || media.Schema == nil || media.Schema.Value == nil || len(media.Encoding) > 0 ||
		media.Schema.Value.Type.Is(openapi3.TypeString) {
		return nil
	}
	mediaType, _, _ := strings.Cut(contentType, ";")
	if !strings.EqualFold(strings.TrimSpace(mediaType), "application/json") {
		return nil
	}
	return media
}

// validateResponse is openapi3filter.ValidateResponse on respInput, with the body's value
// already decoded when media is the body's JSON media type (see jsonResponseBody) and
// decoded is set.
func (v *Validator) validateResponse(respInput *openapi3filter.ResponseValidationInput, media *openapi3.MediaType, value any, decoded bool) error {
	if media == nil || !decoded || !v.decodeOnce {
		return openapi3filter.ValidateResponse(context.Background(), respInput)
	}
	statusAndHeaders := *respInput
	statusAndHeaders.Options = v.statusAndHeaderOptions
	if err := openapi3filter.ValidateResponse(context.Background(), &statusAndHeaders); err != nil {
		return err
	}
	if err := media.Schema.Value.VisitJSON(value, v.responseBodyOptions...); err != nil {
		return &openapi3filter.ResponseError{Input: respInput, Reason: "response body doesn't match schema" + schemaIdentifier(media.Schema), Err: err}
	}
	return nil
}

// schemaIdentifier names a schema in a message as kin-openapi does: its reference, or its
// title, after a space.
func schemaIdentifier(schema *openapi3.SchemaRef) string {
	id := strings.TrimSpace(schema.Ref)
	if id == "" && schema.Value != nil {
		id = strings.TrimSpace(schema.Value.Title)
	}
	if id != "" {
		id = " " + id
	}
	return id
}

// responseBodyOptions are the options openapi3filter.ValidateResponse visits a response
// body's schema with, under options.
func responseBodyOptions(options *openapi3filter.Options) []openapi3.SchemaValidationOption {
	var out []openapi3.SchemaValidationOption
	if options.MultiError {
		out = append(out, openapi3.MultiErrors())
	}
	out = append(out, options.SchemaValidationOptions...)
	return append(out, openapi3.VisitAsResponse())
}
