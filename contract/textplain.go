package contract

import (
	"errors"
	"io"
	"net/http"
	"strconv"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
)

// kin-openapi decodes every text/plain body as a string, so a `$count` answer ("3") could
// never match its integer schema. Bodies whose schema is an integer are decoded as one; the
// rest stay strings, as kin-openapi has them. kin-openapi's decoders are process-wide, so
// this is registered once, when the package loads.
func init() {
	openapi3filter.RegisterBodyDecoder("text/plain", decodePlainText)
}

var errNotDecimalInteger = errors.New("the body is not a decimal integer")

func decodePlainText(body io.Reader, _ http.Header, schema *openapi3.SchemaRef, _ openapi3filter.EncodingFn) (any, error) {
	data, err := io.ReadAll(body)
	if err != nil {
		return nil, err
	}
	if schema == nil || schema.Value == nil || !schema.Value.Type.Is(openapi3.TypeInteger) {
		return string(data), nil
	}
	n, err := strconv.ParseInt(string(data), 10, 64)
	if err != nil {
		return nil, errNotDecimalInteger
	}
	return n, nil
}
