package secret

import (
	"encoding/base64"
	"encoding/json"
	"net/url"
	"strings"
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
	short   []string            // forms of at most Window bytes, matched whole
	windows map[string]struct{} // every Window-long piece of the longer forms
}

// NewMasker looks for texts (passwords, tokens) raw, JSON-escaped with and without HTML
// escapes, URL-encoded for a query or a path, and in base64; and for blobs (a .pfx) raw
// and in base64 of both alphabets, the unpadded spellings being pieces of the padded ones.
func NewMasker(texts []string, blobs [][]byte) *Masker {
	var forms []string
	for _, t := range texts {
		if t != "" {
			forms = append(forms, TextForms(t)...)
		}
	}
	for _, b := range blobs {
		if len(b) > 0 {
			forms = append(forms, string(b), base64.StdEncoding.EncodeToString(b), base64.URLEncoding.EncodeToString(b))
		}
	}
	m := &Masker{}
	for _, f := range forms {
		switch {
		case len(f) < MinLength:
		case len(f) <= Window:
			m.short = append(m.short, f)
		default:
			if m.windows == nil {
				m.windows = map[string]struct{}{}
			}
			for i := 0; i+Window <= len(f); i++ {
				m.windows[f[i:i+Window]] = struct{}{}
			}
		}
	}
	return m
}

// TextForms are the spellings in which a text secret may be echoed.
func TextForms(s string) []string {
	out := []string{s, url.QueryEscape(s), url.PathEscape(s), base64.StdEncoding.EncodeToString([]byte(s))}
	if quoted, err := json.Marshal(s); err == nil {
		out = append(out, string(quoted[1:len(quoted)-1]))
	}
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if enc.Encode(s) == nil {
		quoted := strings.TrimSuffix(b.String(), "\n")
		out = append(out, quoted[1:len(quoted)-1])
	}
	return out
}

// Empty reports whether the masker has nothing to look for.
func (m *Masker) Empty() bool { return m == nil || (len(m.short) == 0 && m.windows == nil) }

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
	for _, f := range m.short {
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
