// Package jsonwalk reads a JSON document as its bytes say, for the checks that must see
// what any reader would: every occurrence of a repeated key, every escaped spelling
// decoded, every depth, and numbers as written, however large. It keeps nothing, and
// builds a member's JSON pointer only when asked.
package jsonwalk

import (
	"bytes"
	"encoding/binary"
	"errors"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf16"
	"unicode/utf8"
)

// Kind is the kind of a JSON value.
type Kind uint8

// The kinds of JSON values.
const (
	String Kind = iota + 1
	Number
	Object
	Array
	Literal // true, false or null
)

// MaxDepth is how deeply objects and arrays may nest, as encoding/json allows.
const MaxDepth = 10000

// ErrTooDeep is returned for a document nested more deeply than MaxDepth.
var ErrTooDeep = errors.New("jsonwalk: nested too deeply")

// SyntaxError says where a document stops being JSON.
type SyntaxError struct{ Offset int }

func (e *SyntaxError) Error() string {
	return "jsonwalk: invalid JSON at offset " + strconv.Itoa(e.Offset)
}

// Member is one value met in a walk: an object's member or an array's element.
type Member struct {
	Key       string // the decoded property name; "" for an array element
	InArray   bool
	Kind      Kind
	Value     string // a string decoded; a number or literal as written; "" for containers
	Start     int    // where the value starts in the document
	End       int    // just after where it ends
	Duplicate bool   // the key repeats an earlier key of the same object, as decoded
	walk      *walker
}

// Pointer is the member's JSON pointer (RFC 6901).
func (m *Member) Pointer() string {
	var b strings.Builder
	for _, s := range m.walk.path {
		b.WriteByte('/')
		if s.index >= 0 {
			b.WriteString(strconv.Itoa(s.index))
			continue
		}
		b.WriteString(pointerEscaper.Replace(s.key))
	}
	return b.String()
}

var pointerEscaper = strings.NewReplacer("~", "~0", "/", "~1")

type segment struct {
	key   string
	index int // -1 for a key
}

type walker struct {
	doc []byte
	// text is doc as one string, copied once, so that a string with nothing to decode is a
	// substring of it and costs no allocation of its own.
	text  string
	pos   int
	path  []segment
	visit func(*Member)
	m     Member
	// keys are the keys of the open objects, the innermost last; each open object's start
	// in it is in objects.
	keys    []string
	objects []openObject
	// Room for the usual document, so that walking one allocates nothing more.
	pathBuf   [16]segment
	keysBuf   [32]string
	objectBuf [8]openObject
	used      highWater
}

// highWater is how far a walk filled the walker's buffers, so that only that much is
// cleared for the next.
type highWater struct{ keys, path, objects int }

// walkers are reused: a walk is mostly over small bodies, where setting up costs as much
// as reading.
var walkers = sync.Pool{New: func() any { return new(walker) }}

func getWalker(doc []byte, visit func(*Member)) *walker {
	w := walkers.Get().(*walker) //nolint:forcetypeassert // the pool holds only walkers
	w.doc, w.text, w.pos, w.visit = doc, string(doc), 0, visit
	w.path, w.keys, w.objects = w.pathBuf[:0], w.keysBuf[:0], w.objectBuf[:0]
	w.m = Member{walk: w}
	return w
}

// putWalker returns w to the pool holding nothing of the document it read.
func putWalker(w *walker) {
	// Only what was used: clearing memory that holds pointers costs a write barrier a word.
	clear(w.keysBuf[:min(w.used.keys, len(w.keysBuf))])
	clear(w.pathBuf[:min(w.used.path, len(w.pathBuf))])
	clear(w.objectBuf[:min(w.used.objects, len(w.objectBuf))])
	w.used = highWater{}
	w.doc, w.text, w.visit, w.m = nil, "", nil, Member{}
	w.path, w.keys, w.objects = nil, nil, nil
	walkers.Put(w)
}

// openObject is where an open object's keys start in walker.keys, and, once it holds more
// keys than a scan through them is worth, their set.
type openObject struct {
	start int
	set   map[string]struct{}
}

// keyScanLimit is how many keys an object may hold before its duplicates are found through
// a map rather than by comparing each key with those before it: an object of many keys
// would otherwise cost their square.
const keyScanLimit = 32

// Walk calls visit for every member and element of the JSON value in doc, in document
// order, a container after what it holds. The *Member is reused and is valid only during
// the call: copy what you keep. On malformed JSON it returns a *SyntaxError after visiting
// what came before; anything but white space after the value is an error too.
func Walk(doc []byte, visit func(*Member)) error {
	w := getWalker(doc, visit)
	err := w.document()
	putWalker(w) // not deferred: a walker a panicking visit leaves behind is simply not reused
	return err
}

// document reads one value and nothing after it but white space.
func (w *walker) document() error {
	w.space()
	if err := w.value(0); err != nil {
		return err
	}
	w.space()
	if w.pos != len(w.doc) {
		return &SyntaxError{Offset: w.pos}
	}
	return nil
}

func (w *walker) fail() error { return &SyntaxError{Offset: w.pos} }

func (w *walker) space() {
	for w.pos < len(w.doc) {
		switch w.doc[w.pos] {
		case ' ', '\t', '\n', '\r':
			w.pos++
		default:
			return
		}
	}
}

// value reads one value at w.pos.
func (w *walker) value(depth int) error {
	if w.pos >= len(w.doc) {
		return w.fail()
	}
	switch c := w.doc[w.pos]; {
	case c == '{':
		return w.object(depth + 1)
	case c == '[':
		return w.array(depth + 1)
	case c == '"':
		_, err := w.str()
		return err
	case c == '-' || (c >= '0' && c <= '9'):
		return w.number()
	default:
		return w.literal()
	}
}

// literal reads true, false or null at w.pos.
func (w *walker) literal() error {
	for _, lit := range [...]string{"true", "false", "null"} {
		if strings.HasPrefix(w.text[w.pos:], lit) {
			w.pos += len(lit)
			return nil
		}
	}
	return w.fail()
}

// member reads the value at w.pos and visits it as the member described by key; a
// container once what it holds has been visited, so that its End is known.
func (w *walker) member(depth int, key string, inArray, duplicate bool) error {
	start := w.pos
	if start >= len(w.doc) {
		return w.fail()
	}
	var kind Kind
	var value string
	var err error
	switch c := w.doc[start]; {
	case c == '{':
		kind, err = Object, w.object(depth+1)
	case c == '[':
		kind, err = Array, w.array(depth+1)
	case c == '"':
		kind = String
		value, err = w.str()
	case c == '-' || (c >= '0' && c <= '9'):
		kind, err = Number, w.number()
		value = w.text[start:w.pos]
	default:
		kind, err = Literal, w.literal()
		value = w.text[start:w.pos]
	}
	if err != nil {
		return err
	}
	w.m = Member{Key: key, InArray: inArray, Kind: kind, Value: value, Start: start, End: w.pos, Duplicate: duplicate, walk: w}
	w.visit(&w.m)
	return nil
}

func (w *walker) object(depth int) error {
	if depth > MaxDepth {
		return ErrTooDeep
	}
	w.pos++ // {
	w.objects = append(w.objects, openObject{start: len(w.keys)})
	w.used.objects = max(w.used.objects, len(w.objects))
	err := w.objectMembers(depth)
	closed := len(w.objects) - 1
	w.keys = w.keys[:w.objects[closed].start]
	w.objects[closed] = openObject{}
	w.objects = w.objects[:closed]
	return err
}

// objectMembers reads the members of the object just opened, and its closing brace.
func (w *walker) objectMembers(depth int) error {
	w.space()
	if w.pos < len(w.doc) && w.doc[w.pos] == '}' {
		w.pos++
		return nil
	}
	for {
		w.space()
		if w.pos >= len(w.doc) || w.doc[w.pos] != '"' {
			return w.fail()
		}
		key, err := w.str()
		if err != nil {
			return err
		}
		duplicate := w.seenKey(key)
		w.space()
		if w.pos >= len(w.doc) || w.doc[w.pos] != ':' {
			return w.fail()
		}
		w.pos++
		w.space()
		if done, err := w.element(depth, segment{key: key, index: -1}, duplicate, '}'); done || err != nil {
			return err
		}
	}
}

// seenKey reports whether the innermost open object already had key, and records it.
func (w *walker) seenKey(key string) bool {
	obj := &w.objects[len(w.objects)-1]
	if obj.set != nil {
		_, seen := obj.set[key]
		obj.set[key] = struct{}{}
		return seen
	}
	earlier := w.keys[obj.start:]
	seen := slices.Contains(earlier, key)
	if len(earlier) < keyScanLimit {
		w.keys = append(w.keys, key)
		w.used.keys = max(w.used.keys, len(w.keys))
		return seen
	}
	obj.set = make(map[string]struct{}, 2*keyScanLimit)
	for _, k := range earlier {
		obj.set[k] = struct{}{}
	}
	obj.set[key] = struct{}{}
	return seen
}

func (w *walker) array(depth int) error {
	if depth > MaxDepth {
		return ErrTooDeep
	}
	w.pos++ // [
	w.space()
	if w.pos < len(w.doc) && w.doc[w.pos] == ']' {
		w.pos++
		return nil
	}
	for i := 0; ; i++ {
		w.space()
		if done, err := w.element(depth, segment{index: i}, false, ']'); done || err != nil {
			return err
		}
	}
}

// element reads the member at seg of the open container and what follows it: a comma, or
// closing, which ends the container (done).
func (w *walker) element(depth int, seg segment, duplicate bool, closing byte) (done bool, err error) {
	w.path = append(w.path, seg)
	w.used.path = max(w.used.path, len(w.path))
	err = w.member(depth, seg.key, seg.index >= 0, duplicate)
	w.path = w.path[:len(w.path)-1]
	if err != nil {
		return false, err
	}
	w.space()
	switch {
	case w.pos >= len(w.doc):
		return false, w.fail()
	case w.doc[w.pos] == ',':
		w.pos++
		return false, nil
	case w.doc[w.pos] == closing:
		w.pos++
		return true, nil
	}
	return false, w.fail()
}

// number reads a number as RFC 8259 writes one; its range is not judged here.
func (w *walker) number() error {
	d := w.doc
	p := w.pos
	if p < len(d) && d[p] == '-' {
		p++
	}
	switch {
	case p < len(d) && d[p] == '0':
		p++
	case p < len(d) && d[p] >= '1' && d[p] <= '9':
		for p < len(d) && d[p] >= '0' && d[p] <= '9' {
			p++
		}
	default:
		w.pos = p
		return w.fail()
	}
	if p < len(d) && d[p] == '.' {
		p++
		if p >= len(d) || d[p] < '0' || d[p] > '9' {
			w.pos = p
			return w.fail()
		}
		for p < len(d) && d[p] >= '0' && d[p] <= '9' {
			p++
		}
	}
	if p < len(d) && (d[p] == 'e' || d[p] == 'E') {
		p++
		if p < len(d) && (d[p] == '+' || d[p] == '-') {
			p++
		}
		if p >= len(d) || d[p] < '0' || d[p] > '9' {
			w.pos = p
			return w.fail()
		}
		for p < len(d) && d[p] >= '0' && d[p] <= '9' {
			p++
		}
	}
	w.pos = p
	return nil
}

// str reads a string literal at w.pos and returns it decoded. Invalid UTF-8 and lone
// surrogates become U+FFFD, as encoding/json decodes them.
func (w *walker) str() (string, error) {
	d := w.doc
	start := w.pos + 1
	p := start
	// The common case: up to the next quote, no escape, no control character and valid
	// UTF-8, which is a substring of the copy. Each of those is looked for a word or a
	// vector at a time, not byte by byte.
	if end := bytes.IndexByte(d[start:], '"'); end >= 0 {
		lit := d[start : start+end]
		if plainASCII(lit) || (bytes.IndexByte(lit, '\\') < 0 && !hasControl(lit) && utf8.Valid(lit)) {
			w.pos = start + end + 1
			return w.text[start : start+end], nil
		}
	}
	// Otherwise decoded rune by rune, from the start.
	var b []byte
	for p < len(d) {
		c := d[p]
		switch {
		case c == '"':
			w.pos = p + 1
			return string(b), nil
		case c < 0x20:
			w.pos = p
			return "", w.fail()
		case c == '\\':
			if p+1 >= len(d) {
				w.pos = p
				return "", w.fail()
			}
			switch e := d[p+1]; e {
			case '"', '\\', '/':
				b = append(b, e)
				p += 2
			case 'b':
				b, p = append(b, '\b'), p+2
			case 'f':
				b, p = append(b, '\f'), p+2
			case 'n':
				b, p = append(b, '\n'), p+2
			case 'r':
				b, p = append(b, '\r'), p+2
			case 't':
				b, p = append(b, '\t'), p+2
			case 'u':
				r, ok := hex4(d, p+2)
				if !ok {
					w.pos = p
					return "", w.fail()
				}
				p += 6
				if utf16.IsSurrogate(r) {
					if r2, ok := hex4(d, p+2); ok && p+1 < len(d) && d[p] == '\\' && d[p+1] == 'u' {
						if dec := utf16.DecodeRune(r, r2); dec != utf8.RuneError {
							b, p = utf8.AppendRune(b, dec), p+6
							continue
						}
					}
					r = utf8.RuneError
				}
				b = utf8.AppendRune(b, r)
			default:
				w.pos = p
				return "", w.fail()
			}
		case c < utf8.RuneSelf:
			b, p = append(b, c), p+1
		default:
			r, size := utf8.DecodeRune(d[p:])
			b, p = utf8.AppendRune(b, r), p+size
		}
	}
	w.pos = p
	return "", w.fail()
}

// plainASCII reports whether b is printable ASCII without a backslash: a string literal's
// content that reads as written. Eight bytes at a time, as hasControl; a byte of 0x80 or
// more makes it false at once, which the exact tests then settle.
func plainASCII(b []byte) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	for len(b) >= 8 {
		x := binary.LittleEndian.Uint64(b)
		backslashes := x ^ '\\'*ones // a zero byte where b has a backslash
		if ((x-0x20*ones)&^x|x|(backslashes-ones)&^backslashes)&highs != 0 {
			return false
		}
		b = b[8:]
	}
	for _, c := range b {
		if c < 0x20 || c >= utf8.RuneSelf || c == '\\' {
			return false
		}
	}
	return true
}

// hasControl reports whether b holds a byte below 0x20, which a JSON string must escape.
// Eight bytes at a time: a byte below 0x20 is one whose subtraction of 0x20 borrows while
// its own top bit is clear.
func hasControl(b []byte) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	for len(b) >= 8 {
		x := binary.LittleEndian.Uint64(b)
		if (x-0x20*ones)&^x&highs != 0 {
			return true
		}
		b = b[8:]
	}
	for _, c := range b {
		if c < 0x20 {
			return true
		}
	}
	return false
}

func hex4(d []byte, at int) (rune, bool) {
	if at+4 > len(d) {
		return 0, false
	}
	var r rune
	for _, c := range d[at : at+4] {
		switch {
		case c >= '0' && c <= '9':
			r = r<<4 | rune(c-'0')
		case c >= 'a' && c <= 'f':
			r = r<<4 | rune(c-'a'+10)
		case c >= 'A' && c <= 'F':
			r = r<<4 | rune(c-'A'+10)
		default:
			return 0, false
		}
	}
	return r, true
}

// Strings calls fn with every string literal anywhere in data, decoded, and whether it
// is followed by a colon (a property name), without needing data to be JSON. It is what
// a reader of a malformed body still sees.
func Strings(data []byte, fn func(s string, isKey bool)) {
	w := getWalker(data, nil)
	defer putWalker(w)
	for w.pos < len(data) {
		if data[w.pos] != '"' {
			w.pos++
			continue
		}
		start := w.pos
		s, err := w.str()
		if err != nil {
			// An unterminated or malformed literal: go on after its opening quote.
			w.pos = start + 1
			continue
		}
		w.space()
		fn(s, w.pos < len(data) && data[w.pos] == ':')
	}
}
