package jsonwalk_test

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graph-apiconnector/apiconnector/internal/jsonwalk"
)

type seen struct {
	pointer   string
	key       string
	kind      jsonwalk.Kind
	value     string
	duplicate bool
}

func walk(t *testing.T, doc string) ([]seen, error) {
	t.Helper()
	var out []seen
	err := jsonwalk.Walk([]byte(doc), func(m *jsonwalk.Member) {
		out = append(out, seen{m.Pointer(), m.Key, m.Kind, m.Value, m.Duplicate})
		// The range is the value as written.
		require.True(t, json.Valid([]byte(doc[m.Start:m.End])), doc[m.Start:m.End])
	})
	return out, err
}

func TestWalkSeesEveryOccurrenceDecoded(t *testing.T) {
	got, err := walk(t, `{"a":1,"p\u0061ss":"x\"y","a":[true,{"k/~":null}],"n":-1.5e+3}`)
	require.NoError(t, err)
	assert.Equal(t, []seen{
		{"/a", "a", jsonwalk.Number, "1", false},
		{"/pass", "pass", jsonwalk.String, `x"y`, false},
		{"/a/0", "", jsonwalk.Literal, "true", false},
		{"/a/1/k~1~0", "k/~", jsonwalk.Literal, "null", false},
		{"/a/1", "", jsonwalk.Object, "", false},
		{"/a", "a", jsonwalk.Array, "", true},
		{"/n", "n", jsonwalk.Number, "-1.5e+3", false},
	}, got)
}

func TestWalkDecodesStringsAsEncodingJSONDoes(t *testing.T) {
	for _, lit := range []string{
		`"plain"`, `"\u00e9\n\t\/"`, `"\ud83d\ude00"`, `"\ud83d"`, `"\udc00x"`, "\"\xff\"", `"ſ"`, `"\u017f"`,
	} {
		var want string
		require.NoError(t, json.Unmarshal([]byte(lit), &want), lit)
		got, err := walk(t, `{"k":`+lit+`}`)
		require.NoError(t, err, lit)
		require.Len(t, got, 1)
		assert.Equal(t, want, got[0].value, lit)
	}
}

func TestWalkRejectsWhatIsNotJSON(t *testing.T) {
	for _, doc := range []string{
		``, `{`, `{"a"}`, `{"a":}`, `{"a":1,}`, `[1,]`, `{"a":1}x`, `{"a":01}`, `{"a":1.}`, `{"a":tru}`,
		`{"a":"\x"}`, "{\"a\":\"\x01\"}", `{"a":"\u12"}`, `{a:1}`, `{"a":1}{"b":2}`,
	} {
		_, err := walk(t, doc)
		var syntax *jsonwalk.SyntaxError
		require.ErrorAs(t, err, &syntax, "%q", doc)
		assert.False(t, json.Valid([]byte(doc)), "%q", doc)
	}
}

func TestWalkVisitsWhatPrecedesAnError(t *testing.T) {
	got, err := walk(t, `{"password":"s3cret", "x": bad}`)
	require.Error(t, err)
	require.NotEmpty(t, got)
	assert.Equal(t, "s3cret", got[0].value)
}

func TestWalkLimitsDepth(t *testing.T) {
	deep := strings.Repeat("[", jsonwalk.MaxDepth+1) + strings.Repeat("]", jsonwalk.MaxDepth+1)
	_, err := walk(t, deep)
	require.ErrorIs(t, err, jsonwalk.ErrTooDeep)
	ok := strings.Repeat("[", jsonwalk.MaxDepth) + strings.Repeat("]", jsonwalk.MaxDepth)
	_, err = walk(t, ok)
	require.NoError(t, err)
}

func TestStringsSeesLiteralsInAnyBytes(t *testing.T) {
	var keys, values []string
	jsonwalk.Strings([]byte(`garbage {"pass\u0077ord" : "s3\u0063ret", oops "x" "unterminated`), func(s string, isKey bool) {
		if isKey {
			keys = append(keys, s)
		} else {
			values = append(values, s)
		}
	})
	assert.Equal(t, []string{"password"}, keys)
	assert.Contains(t, values, "s3cret")
	assert.Contains(t, values, "x")
}

// TestWalkFindsDuplicatesInObjectsOfAnySize covers both ways of finding a repeated key: by
// comparison in a small object and through a set in a large one, with a nested object in
// between whose keys must not count as its parent's.
func TestWalkFindsDuplicatesInObjectsOfAnySize(t *testing.T) {
	for _, n := range []int{2, 31, 32, 33, 200} {
		var doc strings.Builder
		doc.WriteString(`{`)
		for i := range n {
			fmt.Fprintf(&doc, `"k%d":%d,`, i, i)
		}
		doc.WriteString(`"nested":{"k0":1,"k1":{"k0":2}},"k0":true,"k` + strconv.Itoa(n-1) + `":false,"nested":null,"late":1}`)
		got, err := walk(t, doc.String())
		require.NoError(t, err)
		var duplicates []string
		for _, m := range got {
			if m.duplicate {
				duplicates = append(duplicates, m.pointer)
			}
		}
		want := []string{"/k0", "/k" + strconv.Itoa(n-1), "/nested"}
		assert.Equal(t, want, duplicates, "object of %d keys", n)
	}
}

func TestValuesAreWhatEncodingJSONDecodes(t *testing.T) {
	for _, doc := range []string{
		`{}`, `[]`, ` {"a":1,"a":{"b":[true,false,null,"x\u0041"]},"n":1e400,"s":"\ud800"} `,
		`[[[]],[{}],{"":0}]`, `{"k":{"k":{"k":-0.0}}}`,
	} {
		var values jsonwalk.Values
		require.NoError(t, jsonwalk.Walk([]byte(doc), values.Add), doc)
		got, ok := values.Root([]byte(doc))
		require.True(t, ok, doc)
		dec := json.NewDecoder(strings.NewReader(doc))
		dec.UseNumber()
		var want any
		require.NoError(t, dec.Decode(&want), doc)
		assert.Equal(t, want, got, doc)
	}
	var values jsonwalk.Values
	require.NoError(t, jsonwalk.Walk([]byte(`"scalar"`), values.Add))
	_, ok := values.Root([]byte(`"scalar"`))
	assert.False(t, ok, "a scalar document has no members to build from")
}
