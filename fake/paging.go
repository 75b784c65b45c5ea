package fake

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"net/url"
	"strconv"
	"strings"

	"github.com/graph-apiconnector/apiconnector/gen"
)

// A $skiptoken is opaque to clients, as Graph's are: the sequence number of the last
// connector of the page, signed with a key of this server together with the $filter it
// was issued for. A token the server did not issue, or one reused with another filter, is
// refused instead of silently restarting or skipping.

const (
	skiptokenSeqLen = 8
	skiptokenMACLen = 16
)

var (
	errSkiptokenMalformed = errors.New("the value is not a skiptoken")
	errSkiptokenUnknown   = errors.New("the skiptoken was not issued by this server for this $filter")
)

func (s *Server) encodeSkiptoken(afterSeq uint64, filter *string) string {
	raw := binary.BigEndian.AppendUint64(nil, afterSeq)
	raw = append(raw, s.skiptokenMAC(afterSeq, filter)...)
	return base64.RawURLEncoding.EncodeToString(raw)
}

// decodeSkiptoken returns the sequence number the page starts after; 0 without a token.
func (s *Server) decodeSkiptoken(token, filter *string) (uint64, error) {
	if token == nil {
		return 0, nil
	}
	raw, err := base64.RawURLEncoding.DecodeString(*token)
	if err != nil || len(raw) != skiptokenSeqLen+skiptokenMACLen {
		return 0, errSkiptokenMalformed
	}
	seq := binary.BigEndian.Uint64(raw[:skiptokenSeqLen])
	if !hmac.Equal(raw[skiptokenSeqLen:], s.skiptokenMAC(seq, filter)) {
		return 0, errSkiptokenUnknown
	}
	return seq, nil
}

func (s *Server) skiptokenMAC(seq uint64, filter *string) []byte {
	mac := hmac.New(sha256.New, s.skiptokenKey)
	mac.Write(binary.BigEndian.AppendUint64(nil, seq))
	if filter != nil {
		mac.Write([]byte{1})
		mac.Write([]byte(*filter))
	}
	return mac.Sum(nil)[:skiptokenMACLen]
}

// pageSize is $top when given, else the server's page size.
func (s *Server) pageSize(top *gen.Top) int {
	if top != nil {
		return int(*top)
	}
	return s.listPageSize
}

// nextLink is the absolute URL of the page after lastSeq, carrying the query options of
// the request so that the next page is filtered, selected and sized alike.
func (s *Server) nextLink(ex *exchange, params gen.ListAPIConnectorsParams, lastSeq uint64) string {
	var query []string
	if params.Top != nil {
		query = append(query, "$top="+strconv.Itoa(int(*params.Top)))
	}
	if params.Filter != nil {
		query = append(query, "$filter="+url.QueryEscape(*params.Filter))
	}
	if params.Select != nil {
		query = append(query, "$select="+url.QueryEscape(strings.Join(*params.Select, ",")))
	}
	query = append(query, "$skiptoken="+s.encodeSkiptoken(lastSeq, params.Filter))
	return ex.baseURL + "/identity/apiConnectors?" + strings.Join(query, "&")
}

// selectContext is the @odata.context fragment of a collection or entity whose properties
// were selected, as Graph writes it: identity/apiConnectors(displayName,targetUrl).
func selectContext(params *[]string) string {
	if params == nil {
		return "identity/apiConnectors"
	}
	return "identity/apiConnectors(" + strings.Join(*params, ",") + ")"
}
