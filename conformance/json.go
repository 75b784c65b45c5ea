package conformance

import "encoding/json"

// mustJSON encodes claims that came from JSON or from Go literals, which always encode.
func mustJSON(v any) []byte {
	data, err := json.Marshal(v)
	if err != nil {
		panic("conformance: claims do not encode: " + err.Error())
	}
	return data
}
