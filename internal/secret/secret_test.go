package secret_test

import (
	"encoding/base64"
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graph-apiconnector/apiconnector/internal/secret"
)

func TestIsMask(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want bool
	}{
		{secret.Mask, true}, {"*", true}, {"**********", true},
		{"", false}, {"*** ", false}, {"s3cret", false}, {"*a*", false},
	} {
		assert.Equal(t, tc.want, secret.IsMask(tc.in), "%q", tc.in)
	}
}

// TestIsNameMatchesWhatEncodingJSONMatches holds IsName to encoding/json's own rule: a key
// is a secret name exactly when json.Unmarshal would put its value in a password field.
func TestIsNameMatchesWhatEncodingJSONMatches(t *testing.T) {
	keys := []string{
		"password", "PASSWORD", "Password", "paſsword", "PAſſWORD", "pkcs12Value",
		"PKCS12VALUE", "pkcs12value", "pkcs12Value", "passwords", "passwor", "pass word",
		"username", "", "\u212aey", "pkcs12Valu\u0435", "pаssword", // Cyrillic а does not fold to a
	}
	for _, key := range keys {
		body, err := json.Marshal(map[string]string{key: "x"})
		require.NoError(t, err)
		var into struct {
			Password    string `json:"password"`
			Pkcs12Value string `json:"pkcs12Value"`
		}
		require.NoError(t, json.Unmarshal(body, &into))
		matched := into.Password != "" || into.Pkcs12Value != ""
		assert.Equal(t, matched, secret.IsName(key), "%q", key)
	}
}

func TestFoldIsEncodingJSONsFold(t *testing.T) {
	assert.Equal(t, secret.Fold("password"), secret.Fold("paſsword"))
	assert.Equal(t, secret.Fold("key"), secret.Fold("\u212aey"))
	assert.NotEqual(t, secret.Fold("password"), secret.Fold("pаssword"))
}

func TestLooksLikeName(t *testing.T) {
	for _, key := range []string{"password", "clientSecret", "CLIENT_SECRET", "accessToken", "privateKey", "pkcs12Blob", "paſsphrase"} {
		assert.True(t, secret.LooksLikeName(key), key)
	}
	for _, key := range []string{"username", "@odata.type", "thumbprint", "keyId", ""} {
		assert.False(t, secret.LooksLikeName(key), key)
	}
}

func TestMaskerFindsEveryForm(t *testing.T) {
	const pw = `pw "with" <all>&/ü kinds`
	blob := make([]byte, 300)
	for i := range blob {
		blob[i] = byte(i * 7)
	}
	m := secret.NewMasker([]string{pw, "ab"}, [][]byte{blob})
	b64 := base64.StdEncoding.EncodeToString(blob)
	for _, form := range append(secret.TextForms(pw), b64, b64[33:80], base64.URLEncoding.EncodeToString(blob)[100:117], string(blob[50:70])) {
		masked, found := m.Mask("before " + form + " after")
		require.True(t, found, "%q", form)
		assert.NotContains(t, masked, form)
		assert.True(t, strings.HasPrefix(masked, "before "+secret.Mask), masked)
		assert.True(t, strings.HasSuffix(masked, secret.Mask+" after"), masked)
	}
	kept, found := m.Mask("ab is too short to look for; " + b64[:15])
	assert.False(t, found)
	assert.Equal(t, "ab is too short to look for; "+b64[:15], kept)
	assert.True(t, secret.NewMasker(nil, nil).Empty())
}

func TestMaskerSeesThroughEscapesOfItsOwnSpelling(t *testing.T) {
	const pw = "s3cret-pass"
	m := secret.NewMasker([]string{pw}, nil)
	for _, text := range []string{
		`id \u0073\u0033\u0063\u0072\u0065\u0074\u002d\u0070\u0061\u0073\u0073`,
		`id s\u0033cret-p\u0061ss`,
		`q=%73%33%63ret-pass`,
		`q=%5Cu0073%33cret-pass`,
	} {
		masked, found := m.Mask(text)
		assert.True(t, found, text)
		assert.Equal(t, secret.Mask, masked)
	}
	kept, found := m.Mask(`\u0041 and %41 hold nothing`)
	assert.False(t, found)
	assert.Equal(t, `\u0041 and %41 hold nothing`, kept)
}

// TestTextFormsHoldEncodingJSONsSpellings: the JSON spellings are encoding/json's own.
func TestTextFormsHoldEncodingJSONsSpellings(t *testing.T) {
	for _, s := range []string{"plain", `q"uo\te`, "<a&b>", "tab\there\n", "\x01ctl", "line\u2028sep", "bad\xffutf8", "ü"} {
		forms := secret.TextForms(s)
		html, err := json.Marshal(s)
		require.NoError(t, err)
		var b strings.Builder
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		require.NoError(t, enc.Encode(s))
		plain := strings.TrimSuffix(b.String(), "\n")
		assert.Contains(t, forms, string(html[1:len(html)-1]), "%q", s)
		assert.Contains(t, forms, plain[1:len(plain)-1], "%q", s)
	}
}

func TestHoldsSeesThroughEscapes(t *testing.T) {
	const pw = "hold-me-pw-91"
	for _, text := range []string{"x " + pw, `\u0068old-me-pw-91`, "%68old-me-pw-91", "hold%2Dme%2Dpw%2D91", `%5Cu0068old-me-pw-91`} {
		assert.True(t, secret.Holds(text, pw), text)
	}
	assert.False(t, secret.Holds("hold-me", pw))
	assert.False(t, secret.Holds("abc", "ab"), "too short to look for")
}
