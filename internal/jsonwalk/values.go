package jsonwalk

import "encoding/json"

// Values builds, from the members of one walk, the value encoding/json decodes the
// document to with UseNumber: map[string]any (the last of repeated keys counting), []any,
// string, json.Number, bool and nil. A reader that walks a document already then needs
// no second decode. Feed it every member in the walk's order, then ask for Root.
type Values struct {
	stack []pending
}

// pending is a member whose container is not yet built.
type pending struct {
	key   string
	start int
	value any
}

// Add takes the next member of the walk. The *Member may be reused afterwards.
func (b *Values) Add(m *Member) {
	var v any
	switch m.Kind {
	case String:
		v = m.Value
	case Number:
		v = json.Number(m.Value)
	case Literal:
		switch m.Value {
		case "true":
			v = true
		case "false":
			v = false
		}
	case Object:
		v = b.object(m.Start)
	case Array:
		v = b.array(m.Start)
	}
	b.stack = append(b.stack, pending{key: m.Key, start: m.Start, value: v})
}

// Root returns the value of the document whose members were added: doc must be the
// document walked, without error. ok is false when its value is not an object or an array,
// which has no members to build from.
func (b *Values) Root(doc []byte) (value any, ok bool) {
	for _, c := range doc {
		switch c {
		case ' ', '\t', '\n', '\r':
			continue
		case '{':
			return b.object(-1), true
		case '[':
			return b.array(-1), true
		}
		return nil, false
	}
	return nil, false
}

// children pops the members of the container starting at start: in a walk's order they
// are the last ones added, each starting after it.
func (b *Values) children(start int) []pending {
	i := len(b.stack)
	for i > 0 && b.stack[i-1].start > start {
		i--
	}
	kids := b.stack[i:]
	b.stack = b.stack[:i]
	return kids
}

func (b *Values) object(start int) map[string]any {
	kids := b.children(start)
	out := make(map[string]any, len(kids))
	for _, k := range kids {
		out[k.key] = k.value
	}
	clear(kids) // the popped entries still hold the values, for the next to overwrite
	return out
}

func (b *Values) array(start int) []any {
	kids := b.children(start)
	out := make([]any, len(kids))
	for i, k := range kids {
		out[i] = k.value
	}
	clear(kids)
	return out
}
