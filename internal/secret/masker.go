package secret

import (
	"encoding/base64"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Window is the shortest piece of a long secret form that is masked on its own: a server
// that quotes the middle of a base64 .pfx leaks it as surely as one that quotes it whole,
// and 16 characters of base64 or of a password occur in no ordinary message.
const Window = 16

// MinLength is the shortest secret a Masker looks for: a shorter one occurs in ordinary
// words, and masking every "ab" would garble a message without hiding anything.
const MinLength = 4

// Masker finds known secrets in text, in every form they may be written in, and masks
// them. It is safe for concurrent use once built.
type Masker struct {
	whole   []string            // forms matched whole
	windows map[string]struct{} // every Window-long piece of the forms longer than Window
	texts   []string            // the text secrets as they are, for escapes spelled otherwise
}

// NewMasker looks for texts (passwords, tokens) raw, JSON-escaped with and without HTML
// escapes, URL-encoded for a query or a path, and in base64; and for blobs (a .pfx) raw
// and in base64 of both alphabets, the unpadded spellings being pieces of the padded ones.
// A form longer than Window is also found by any Window-long piece of it.
func NewMasker(texts []string, blobs [][]byte) *Masker { return newMasker(texts, blobs, true) }

// NewWholeMasker is NewMasker finding each form only whole: cheaper to build, for values
// where a piece of a secret cannot hide.
func NewWholeMasker(texts []string, blobs [][]byte) *Masker { return newMasker(texts, blobs, false) }

func newMasker(texts []string, blobs [][]byte, pieces bool) *Masker {
	m := &Masker{}
	add := func(f string) {
		switch {
		case len(f) < MinLength:
		case len(f) <= Window || !pieces:
			if !slices.Contains(m.whole, f) {
				m.whole = append(m.whole, f)
			}
		default:
			if m.windows == nil {
				m.windows = map[string]struct{}{}
			}
			for i := 0; i+Window <= len(f); i++ {
				m.windows[f[i:i+Window]] = struct{}{}
			}
		}
	}
	for _, t := range texts {
		if len(t) < MinLength {
			continue
		}
		m.texts = append(m.texts, t)
		for _, f := range TextForms(t) {
			add(f)
		}
	}
	for _, b := range blobs {
		if len(b) > 0 {
			add(string(b))
			add(base64.StdEncoding.EncodeToString(b))
			add(base64.URLEncoding.EncodeToString(b))
		}
	}
	return m
}

// TextForms are the spellings in which a text secret may be echoed, each once.
func TextForms(s string) []string {
	out := make([]string, 1, 6)
	out[0] = s
	for _, f := range []string{url.QueryEscape(s), url.PathEscape(s), jsonEscape(s, true), jsonEscape(s, false), base64.StdEncoding.EncodeToString([]byte(s))} {
		if !slices.Contains(out, f) {
			out = append(out, f)
		}
	}
	return out
}

// jsonEscape spells s as encoding/json writes it inside a string, with or without its
// HTML escapes; s itself when nothing needs escaping.
func jsonEscape(s string, html bool) string {
	needs := func(r rune) bool {
		return r < 0x20 || r == '"' || r == '\\' || r == utf8.RuneError || r == '\u2028' || r == '\u2029' ||
			(html && (r == '<' || r == '>' || r == '&'))
	}
	if strings.IndexFunc(s, needs) < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	for i, r := range s {
		switch {
		case r == utf8.RuneError:
			if _, size := utf8.DecodeRuneInString(s[i:]); size == 1 {
				b.WriteString(`\ufffd`)
				continue
			}
			b.WriteRune(r)
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case needs(r):
			const hex = "0123456789abcdef"
			b.WriteString(`\u`)
			for shift := 12; shift >= 0; shift -= 4 {
				b.WriteByte(hex[r>>shift&0xf])
			}
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Empty reports whether the masker has nothing to look for.
func (m *Masker) Empty() bool { return m == nil || (len(m.whole) == 0 && m.windows == nil) }

// Mask returns text with every form of a secret replaced by Mask, and whether it found
// one. Overlapping and adjacent finds become one mask.
func (m *Masker) Mask(text string) (string, bool) {
	if m.Empty() || text == "" {
		return text, false
	}
	var covered []bool
	cover := func(from, to int) {
		if covered == nil {
			covered = make([]bool, len(text))
		}
		for i := from; i < to; i++ {
			covered[i] = true
		}
	}
	for _, f := range m.whole {
		for at := 0; at < len(text); {
			i := strings.Index(text[at:], f)
			if i < 0 {
				break
			}
			cover(at+i, at+i+len(f))
			at += i + 1
		}
	}
	if m.windows != nil {
		for i := 0; i+Window <= len(text); i++ {
			if _, ok := m.windows[text[i:i+Window]]; ok {
				cover(i, i+Window)
			}
		}
	}
	if covered == nil {
		if m.hiddenInEscapes(text) {
			// Escaped in a spelling of its own (\u0073\u0033..., %73%33...): where its
			// characters are cannot be shown without showing it, so nothing of text is kept.
			return Mask, true
		}
		return text, false
	}
	var b strings.Builder
	for i := 0; i < len(text); {
		if !covered[i] {
			b.WriteByte(text[i])
			i++
			continue
		}
		b.WriteString(Mask)
		for i < len(text) && covered[i] {
			i++
		}
	}
	return b.String(), true
}

// Holds reports whether text holds the secret t as it is, or behind JSON or percent
// escapes of any spelling. It allocates only when text has an escape to undo, so it suits
// screening values one by one; base64 is for the caller, who can encode t once.
func Holds(text, t string) bool {
	if len(t) < MinLength {
		return false
	}
	if strings.Contains(text, t) {
		return true
	}
	if !strings.ContainsAny(text, `\%+`) {
		return false
	}
	return strings.Contains(unescapeJSON(text), t) || strings.Contains(unescapePercent(text), t) ||
		strings.Contains(unescapePercent(unescapeJSON(text)), t) || strings.Contains(unescapeJSON(unescapePercent(text)), t)
}

// hiddenInEscapes reports whether text, with its JSON escapes or its percent escapes
// undone, holds a text secret.
func (m *Masker) hiddenInEscapes(text string) bool {
	if len(m.texts) == 0 || !strings.ContainsAny(text, `\%`) {
		return false
	}
	for _, candidate := range []string{unescapeJSON(text), unescapePercent(text), unescapePercent(unescapeJSON(text)), unescapeJSON(unescapePercent(text))} {
		for _, t := range m.texts {
			if strings.Contains(candidate, t) {
				return true
			}
		}
	}
	return false
}

// unescapeJSON undoes the backslash escapes of JSON strings anywhere in s, leaving what
// is not a valid escape as it is.
func unescapeJSON(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' || i+1 >= len(s) {
			b.WriteByte(s[i])
			continue
		}
		switch c := s[i+1]; c {
		case '"', '\\', '/':
			b.WriteByte(c)
			i++
		case 'b', 'f', 'n', 'r', 't':
			b.WriteByte(map[byte]byte{'b': '\b', 'f': '\f', 'n': '\n', 'r': '\r', 't': '\t'}[c])
			i++
		case 'u':
			if i+6 <= len(s) {
				if r, err := strconv.ParseUint(s[i+2:i+6], 16, 16); err == nil {
					b.WriteRune(rune(uint16(r)))
					i += 5
					continue
				}
			}
			b.WriteByte(s[i])
		default:
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

// unescapePercent undoes %XX escapes anywhere in s, and + as a space, leaving what is not
// a valid escape as it is.
func unescapePercent(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '%' && i+3 <= len(s):
			if v, err := strconv.ParseUint(s[i+1:i+3], 16, 8); err == nil {
				b.WriteByte(byte(v))
				i += 2
				continue
			}
			b.WriteByte(s[i])
		case s[i] == '+':
			b.WriteByte(' ')
		default:
			b.WriteByte(s[i])
		}
	}
	return b.String()
}
