package main

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
)

// ellipsis in an expected output stands for any text: an id the reader's run will differ in.
const ellipsis = "…"

// matchOutput reports how got differs from the README's expected output, or nil. Expected
// JSON is compared as JSON, so indentation and key order do not matter; a string value "…"
// matches any value. Other text is compared line by line, "…" matching any run of characters.
func matchOutput(want, got string) error {
	var wantJSON, gotJSON any
	if json.Unmarshal([]byte(want), &wantJSON) == nil {
		dec := json.NewDecoder(strings.NewReader(got))
		dec.UseNumber()
		if err := dec.Decode(&gotJSON); err != nil {
			return fmt.Errorf("the README shows JSON, the command printed something else: %w", err)
		}
		if dec.More() {
			return fmt.Errorf("the command printed more than one JSON value")
		}
		wantDec := json.NewDecoder(strings.NewReader(want))
		wantDec.UseNumber()
		if err := wantDec.Decode(&wantJSON); err != nil {
			return err
		}
		return matchJSON("", wantJSON, gotJSON)
	}
	wantLines := strings.Split(strings.TrimRight(want, "\n"), "\n")
	gotLines := strings.Split(strings.TrimRight(got, "\n"), "\n")
	if len(wantLines) != len(gotLines) {
		return fmt.Errorf("the README shows %d lines, the command printed %d", len(wantLines), len(gotLines))
	}
	for i := range wantLines {
		if !matchText(wantLines[i], gotLines[i]) {
			return fmt.Errorf("line %d: the README shows %q, the command printed %q", i+1, wantLines[i], gotLines[i])
		}
	}
	return nil
}

func matchJSON(pointer string, want, got any) error {
	if s, ok := want.(string); ok && s == ellipsis {
		if got == nil {
			return fmt.Errorf("%s: missing", orRoot(pointer))
		}
		return nil
	}
	switch w := want.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			return fmt.Errorf("%s: want an object", orRoot(pointer))
		}
		for k := range g {
			if _, ok := w[k]; !ok {
				return fmt.Errorf("%s/%s: printed, but not in the README", pointer, k)
			}
		}
		for k, wv := range w {
			gv, ok := g[k]
			if !ok {
				return fmt.Errorf("%s/%s: in the README, but not printed", pointer, k)
			}
			if err := matchJSON(pointer+"/"+k, wv, gv); err != nil {
				return err
			}
		}
		return nil
	case []any:
		g, ok := got.([]any)
		if !ok || len(g) != len(w) {
			return fmt.Errorf("%s: want an array of %d", orRoot(pointer), len(w))
		}
		for i := range w {
			if err := matchJSON(fmt.Sprintf("%s/%d", pointer, i), w[i], g[i]); err != nil {
				return err
			}
		}
		return nil
	case string:
		if g, ok := got.(string); ok && matchText(w, g) {
			return nil
		}
	default:
		if reflect.DeepEqual(want, got) {
			return nil
		}
	}
	return fmt.Errorf("%s: the README shows %s, the command printed %s", orRoot(pointer), jsonText(want), jsonText(got))
}

// jsonText shows a value as JSON, with placeholders such as <PASSWORD> as written.
func jsonText(v any) string {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return fmt.Sprint(v)
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// matchText matches s against pattern, in which each "…" stands for any run of characters.
func matchText(pattern, s string) bool {
	parts := strings.Split(pattern, ellipsis)
	if len(parts) == 1 {
		return pattern == s
	}
	if !strings.HasPrefix(s, parts[0]) {
		return false
	}
	s = s[len(parts[0]):]
	for _, p := range parts[1 : len(parts)-1] {
		i := strings.Index(s, p)
		if i < 0 {
			return false
		}
		s = s[i+len(p):]
	}
	last := parts[len(parts)-1]
	return len(s) >= len(last) && strings.HasSuffix(s, last)
}

func orRoot(pointer string) string {
	if pointer == "" {
		return "(root)"
	}
	return pointer
}
