package contract

import (
	"bytes"
	"compress/gzip"
	"compress/zlib"
	"fmt"
	"io"
	"net/http"
	"strings"
)

// maxDecodedBody bounds a decompressed body, so a small compressed bomb cannot exhaust memory.
const maxDecodedBody = 32 << 20

// DecodeBody undoes the Content-Encoding of a message body: Microsoft's Graph SDKs gzip
// request bodies, and Graph accepts gzip and deflate. An empty or identity encoding returns
// the body as it is. deflate is the zlib format (RFC 9110 §8.4.1.2, RFC 1950); a raw
// DEFLATE stream without the zlib header, which some encoders send by mistake, is not
// accepted, since a reader following the RFC cannot read it.
func DecodeBody(h http.Header, body []byte) ([]byte, error) {
	encoding := strings.ToLower(strings.TrimSpace(h.Get("Content-Encoding")))
	var r io.Reader
	switch encoding {
	case "", "identity":
		return body, nil
	case "gzip", "x-gzip":
		zr, err := gzip.NewReader(bytes.NewReader(body))
		if err != nil {
			return nil, fmt.Errorf("gzip body: %w", err)
		}
		r = zr
	case "deflate":
		zr, err := zlib.NewReader(bytes.NewReader(body))
		if err != nil {
			return nil, fmt.Errorf("deflate body (zlib format): %w", err)
		}
		r = zr
	default:
		return nil, fmt.Errorf("unsupported Content-Encoding %q", encoding)
	}
	decoded, err := io.ReadAll(io.LimitReader(r, maxDecodedBody+1))
	if err != nil {
		return nil, fmt.Errorf("%s body: %w", encoding, err)
	}
	if len(decoded) > maxDecodedBody {
		return nil, fmt.Errorf("%s body decodes to more than %d bytes", encoding, maxDecodedBody)
	}
	return decoded, nil
}

// decodedView returns the body to validate and a copy of the header that describes it, or a
// violation when the encoding cannot be undone.
func decodedView(h http.Header, wire []byte) ([]byte, http.Header, []Violation) {
	decoded, err := DecodeBody(h, wire)
	if err != nil {
		return nil, h, []Violation{{Pointer: "/header/Content-Encoding", Kind: KindHeader, Message: "the body cannot be decoded: " + err.Error()}}
	}
	if h.Get("Content-Encoding") == "" {
		return decoded, h, nil
	}
	view := h.Clone()
	view.Del("Content-Encoding")
	view.Del("Content-Length")
	return decoded, view, nil
}
