package fake

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
)

// The $filter subset Graph's connector list is known to take:
//
//	filter  = clause *( "and" clause )
//	clause  = "displayName" "eq" string
//	        / "startswith" "(" "displayName" "," string ")"
//	        / "(" filter ")"
//	string  = "'" *( char / "''" ) "'"
//
// Keywords, the property name and the comparisons are case-insensitive, as string
// comparisons on Graph's directory objects are. Everything else is rejected by name rather
// than ignored, so a test never passes on a filter the fake did not apply.

// filterMatch says whether a connector's displayName passes a filter.
type filterMatch func(displayName string) bool

func matchAll(string) bool { return true }

// filterProperty is the only property the filter can test.
const filterProperty = "displayName"

// parseFilter compiles a $filter expression; nil matches everything.
func parseFilter(expr *string) (filterMatch, error) {
	if expr == nil {
		return matchAll, nil
	}
	tokens, err := tokenizeFilter(*expr)
	if err != nil {
		return nil, err
	}
	p := &filterParser{tokens: tokens}
	match, err := p.conjunction()
	if err != nil {
		return nil, err
	}
	if t, ok := p.peek(); ok {
		return nil, unexpected(t, "end of the filter")
	}
	return match, nil
}

type tokenKind int

const (
	tokenWord tokenKind = iota + 1
	tokenString
	tokenOpen
	tokenClose
	tokenComma
)

type filterToken struct {
	kind tokenKind
	text string // the word, or the unquoted string
}

func (t filterToken) String() string {
	if t.kind == tokenString {
		return "'" + strings.ReplaceAll(t.text, "'", "''") + "'"
	}
	return t.text
}

var errUnterminatedString = errors.New("a string literal is not closed with '")

func tokenizeFilter(s string) ([]filterToken, error) {
	var tokens []filterToken
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == ' ' || c == '\t':
			i++
		case c == '(':
			tokens = append(tokens, filterToken{kind: tokenOpen, text: "("})
			i++
		case c == ')':
			tokens = append(tokens, filterToken{kind: tokenClose, text: ")"})
			i++
		case c == ',':
			tokens = append(tokens, filterToken{kind: tokenComma, text: ","})
			i++
		case c == '\'':
			text, next, err := readQuoted(s, i)
			if err != nil {
				return nil, err
			}
			tokens = append(tokens, filterToken{kind: tokenString, text: text})
			i = next
		case isWordByte(c):
			start := i
			for i < len(s) && isWordByte(s[i]) {
				i++
			}
			tokens = append(tokens, filterToken{kind: tokenWord, text: s[start:i]})
		default:
			return nil, fmt.Errorf("the character %q is not supported", rune(c))
		}
	}
	return tokens, nil
}

// readQuoted reads the OData string literal starting at s[start], in which a doubled
// quote stands for one, and returns its value and the index after it.
func readQuoted(s string, start int) (string, int, error) {
	var b strings.Builder
	for i := start + 1; i < len(s); i++ {
		if s[i] != '\'' {
			b.WriteByte(s[i])
			continue
		}
		if i+1 < len(s) && s[i+1] == '\'' {
			b.WriteByte('\'')
			i++
			continue
		}
		return b.String(), i + 1, nil
	}
	return "", 0, errUnterminatedString
}

// isWordByte accepts the bytes of names, numbers and paths such as a/b or 1.5, so that an
// unsupported construct is reported whole.
func isWordByte(c byte) bool {
	return c < unicode.MaxASCII && (unicode.IsLetter(rune(c)) || unicode.IsDigit(rune(c))) ||
		c == '_' || c == '/' || c == '.' || c == '-' || c == '$' || c == '@'
}

type filterParser struct {
	tokens []filterToken
	pos    int
}

func (p *filterParser) peek() (filterToken, bool) {
	if p.pos >= len(p.tokens) {
		return filterToken{}, false
	}
	return p.tokens[p.pos], true
}

func (p *filterParser) next(want string) (filterToken, error) {
	t, ok := p.peek()
	if !ok {
		return filterToken{}, fmt.Errorf("the filter ends where %s is expected", want)
	}
	p.pos++
	return t, nil
}

func (p *filterParser) conjunction() (filterMatch, error) {
	first, err := p.clause()
	if err != nil {
		return nil, err
	}
	clauses := []filterMatch{first}
	for {
		t, ok := p.peek()
		if !ok || t.kind == tokenClose {
			break
		}
		if t.kind != tokenWord || !strings.EqualFold(t.text, "and") {
			if t.kind == tokenWord && (strings.EqualFold(t.text, "or") || strings.EqualFold(t.text, "not")) {
				return nil, fmt.Errorf("the operator %q is not supported, only and combines clauses", t.text)
			}
			return nil, unexpected(t, "and")
		}
		p.pos++
		next, err := p.clause()
		if err != nil {
			return nil, err
		}
		clauses = append(clauses, next)
	}
	return func(name string) bool {
		for _, m := range clauses {
			if !m(name) {
				return false
			}
		}
		return true
	}, nil
}

func (p *filterParser) clause() (filterMatch, error) {
	t, err := p.next("a clause")
	if err != nil {
		return nil, err
	}
	switch {
	case t.kind == tokenOpen:
		inner, err := p.conjunction()
		if err != nil {
			return nil, err
		}
		return inner, p.expect(tokenClose, ")")
	case t.kind != tokenWord:
		return nil, unexpected(t, "a clause")
	}
	if after, ok := p.peek(); ok && after.kind == tokenOpen {
		return p.function(t.text)
	}
	return p.comparison(t.text)
}

// function parses startswith(displayName,'x'); the function name has been read.
func (p *filterParser) function(name string) (filterMatch, error) {
	if !strings.EqualFold(name, "startswith") {
		return nil, fmt.Errorf("the function %q is not supported, only startswith is", name)
	}
	p.pos++ // (
	if err := p.property(); err != nil {
		return nil, err
	}
	if err := p.expect(tokenComma, ","); err != nil {
		return nil, err
	}
	prefix, err := p.literal()
	if err != nil {
		return nil, err
	}
	if err := p.expect(tokenClose, ")"); err != nil {
		return nil, err
	}
	prefix = strings.ToLower(prefix)
	return func(displayName string) bool { return strings.HasPrefix(strings.ToLower(displayName), prefix) }, nil
}

// comparison parses displayName eq 'x'; the property has been read.
func (p *filterParser) comparison(property string) (filterMatch, error) {
	if !strings.EqualFold(property, filterProperty) {
		return nil, unsupportedProperty(property)
	}
	op, err := p.next("eq")
	if err != nil {
		return nil, err
	}
	if op.kind != tokenWord || !strings.EqualFold(op.text, "eq") {
		if op.kind == tokenWord {
			return nil, fmt.Errorf("the operator %q is not supported, only eq and startswith are", op.text)
		}
		return nil, unexpected(op, "eq")
	}
	value, err := p.literal()
	if err != nil {
		return nil, err
	}
	return func(displayName string) bool { return strings.EqualFold(displayName, value) }, nil
}

func (p *filterParser) property() error {
	t, err := p.next(filterProperty)
	if err != nil {
		return err
	}
	if t.kind != tokenWord {
		return unexpected(t, filterProperty)
	}
	if !strings.EqualFold(t.text, filterProperty) {
		return unsupportedProperty(t.text)
	}
	return nil
}

func (p *filterParser) literal() (string, error) {
	t, err := p.next("a string in single quotes")
	if err != nil {
		return "", err
	}
	if t.kind != tokenString {
		return "", fmt.Errorf("the value %q is not supported, only a string in single quotes is", t.String())
	}
	return t.text, nil
}

func (p *filterParser) expect(kind tokenKind, want string) error {
	t, err := p.next(want)
	if err != nil {
		return err
	}
	if t.kind != kind {
		return unexpected(t, want)
	}
	return nil
}

func unsupportedProperty(name string) error {
	return fmt.Errorf("the property %q is not supported, only %s can be filtered", name, filterProperty)
}

func unexpected(t filterToken, want string) error {
	return fmt.Errorf("%q is not supported where %s is expected", t.String(), want)
}
