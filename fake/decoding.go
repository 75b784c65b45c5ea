package fake

import (
	"github.com/graph-apiconnector/apiconnector/internal/jsonwalk"
)

// The generated handlers decode bodies with encoding/json, which matches a property name
// to a field ignoring case and Unicode folds, and lets the last of repeated names win. The
// validator reads names exactly, so between the two a body could say one thing to the
// contract and another to the store: {"id":"partner","ID":""} passes as an id with an
// extra property and is stored as an empty id. The fake closes that gap before decoding:
// repeated names are refused by the validator (duplicate-key), and a name that
// encoding/json would take for a documented property but that is spelled otherwise is
// refused here. What is decoded is then exactly what was validated.

// checkSpelling refuses a body holding a property name that folds to a documented one
// without being spelled as it is, naming it by JSON pointer.
func (s *Server) checkSpelling(body []byte) error {
	var misspelled string
	_ = jsonwalk.Walk(body, func(m *jsonwalk.Member) {
		if misspelled != "" || m.InArray {
			return
		}
		if documented, ok := s.spec.DocumentedName(m.Key); ok && documented != m.Key {
			misspelled = m.Pointer()
		}
	})
	if misspelled != "" {
		return invalidRequest(misspelled, "the property name must be spelled exactly as documented")
	}
	return nil
}
