// Package secret is what every part of the project agrees a secret looks like: the mask
// that stands in for one, and the names of the properties that hold one. It imports
// nothing but the standard library, so the client can use it without the spec or a parser.
package secret

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Mask stands in for every secret, the string Graph writes in place of a stored password.
const Mask = "******"

// IsMask reports whether s is a mask: one or more asterisks, as Graph's are.
func IsMask(s string) bool { return s != "" && strings.Trim(s, "*") == "" }

// names are the properties whose values are secrets: the spec's x-secret properties, kept
// equal to them by a contract test.
var names = []string{"password", "pkcs12Value"}

// Names returns the secret property names as the spec spells them.
func Names() []string { return append([]string(nil), names...) }

// folded are the names as Fold spells them.
var folded = func() []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = Fold(n)
	}
	return out
}()

// IsName reports whether key names a secret property the way encoding/json matches a
// property name to a field: ignoring ASCII case and the Unicode simple folds, so that
// "PASSWORD" and "paſsword" (with U+017F, long s) both count.
func IsName(key string) bool {
	// Only a key with as many runes as a name can fold to it, and a rune is at most 3
	// bytes in a fold (K is); keys of other lengths, most of them, are not read at all.
	ascii := -1 // not yet known
	for i, n := range names {
		if len(key) < len(n) || len(key) > 3*len(n) {
			continue
		}
		if ascii < 0 {
			ascii = 0
			if isASCII(key) {
				ascii = 1
			}
		}
		switch {
		case ascii == 1:
			// encoding/json's rule for ASCII: EqualFold.
			if len(key) == len(n) && strings.EqualFold(key, n) {
				return true
			}
		case utf8.RuneCountInString(key) == len(n) && Fold(key) == folded[i]:
			return true
		}
	}
	return false
}

func isASCII(s string) bool {
	for i := range len(s) {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// hints are the words that make a property name look like it holds a secret, folded.
var hints = []string{"PASSWORD", "PASSPHRASE", "SECRET", "TOKEN", "PKCS12", "PRIVATEKEY", "CREDENTIAL"}

// LooksLikeName reports whether key is a secret name or contains a word that secrets are
// named with ("clientSecret", "accessToken"), folded as IsName folds. It is for JSON of a
// shape nobody has described, such as an authentication type newer than this code.
func LooksLikeName(key string) bool {
	if IsName(key) {
		return true
	}
	f := Fold(key)
	for _, h := range hints {
		if strings.Contains(f, h) {
			return true
		}
	}
	return false
}

// Fold spells s so that Fold(a) == Fold(b) exactly when encoding/json would match a to b:
// ASCII letters upper-cased, every other rune replaced by the smallest rune of its
// simple-fold orbit.
func Fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r < utf8.RuneSelf:
			if 'a' <= r && r <= 'z' {
				r -= 'a' - 'A'
			}
		default:
			r = smallestFold(r)
		}
		b.WriteRune(r)
	}
	return b.String()
}

func smallestFold(r rune) rune {
	for {
		next := unicode.SimpleFold(r)
		if next <= r {
			return next
		}
		r = next
	}
}
