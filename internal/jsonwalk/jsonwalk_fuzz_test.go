package jsonwalk_test

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graph-apiconnector/apiconnector/internal/jsonwalk"
)

// FuzzWalk: Walk accepts exactly what encoding/json calls valid, nested no deeper than
// MaxDepth; every string it reports decodes as encoding/json decodes it; every range it
// reports is a valid JSON value of its own; and the Values built from its members are what
// encoding/json decodes the document to.
func FuzzWalk(f *testing.F) {
	for _, seed := range []string{
		`{"password":"******","password":"s3cret"}`, `{"pa\u017fsword":"x","n":1e400}`, `[{"a":[1,2,{"b":null}]}]`,
		`"\ud83d\ude00"`, `{"a":"\ud800"}`, "{\"a\":\"\xff\"}", `{"a":1}x`, `-0.5e-3`, `{`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, doc []byte) {
		var values jsonwalk.Values
		err := jsonwalk.Walk(doc, func(m *jsonwalk.Member) {
			values.Add(m)
			value := doc[m.Start:m.End]
			require.True(t, json.Valid(value), "member %s is %q", m.Pointer(), value)
			if m.Kind == jsonwalk.String {
				var want string
				require.NoError(t, json.Unmarshal(value, &want))
				assert.Equal(t, want, m.Value)
			}
		})
		if err == nil {
			assert.True(t, json.Valid(doc), "accepted %q", doc)
			if built, ok := values.Root(doc); ok {
				dec := json.NewDecoder(bytes.NewReader(doc))
				dec.UseNumber()
				var want any
				require.NoError(t, dec.Decode(&want))
				assert.Equal(t, want, built, "values of %q", doc)
			}
			return
		}
		if json.Valid(doc) {
			require.ErrorIs(t, err, jsonwalk.ErrTooDeep, "refused valid %q", doc)
		}
	})
}
