package reconcile

import (
	"bytes"
	"errors"
	"io"
	"net/url"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"

	"go.yaml.in/yaml/v3"

	"github.com/graph-apiconnector/apiconnector/client"
)

// Patterns of the names a file gives; connectors.schema.json says the same.
var (
	localNamePattern = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_-]*$`)
	envNamePattern   = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)
)

// yamlErrorLine finds the line in go-yaml's error messages ("yaml: line 3: ...").
var yamlErrorLine = regexp.MustCompile(`line (\d+)`)

// Parse reads a desired-state file, YAML or JSON (a JSON document is YAML too), and checks
// everything that can be checked without the environment or the tenant. name is the path
// messages show and relative .pfx paths are read from. Every problem found is in the
// returned *FileError, each with its line.
func Parse(name string, data []byte) (*File, error) {
	ps := &problems{}
	f := &File{name: name, dir: filepath.Dir(name)}
	root, ok := parseDocument(data, ps)
	if ok {
		(&parser{ps: ps}).file(root, f)
	}
	if err := ps.err(name); err != nil {
		return nil, err
	}
	return f, nil
}

// parseDocument returns the single document's root node.
func parseDocument(data []byte, ps *problems) (*yaml.Node, bool) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			ps.add(1, "", KindMissing, "the file is empty; it needs at least version and connectors")
			return nil, false
		}
		ps.add(syntaxLine(err), "", KindSyntax, "%s", err.Error())
		return nil, false
	}
	var extra yaml.Node
	switch err := dec.Decode(&extra); {
	case errors.Is(err, io.EOF):
	case err != nil:
		ps.add(syntaxLine(err), "", KindSyntax, "%s", err.Error())
		return nil, false
	default:
		ps.add(extra.Line, "", KindSyntax, "only one document is allowed; this is a second one")
		return nil, false
	}
	if len(doc.Content) == 0 {
		ps.add(1, "", KindMissing, "the file is empty; it needs at least version and connectors")
		return nil, false
	}
	return doc.Content[0], true
}

func syntaxLine(err error) int {
	if m := yamlErrorLine.FindStringSubmatch(err.Error()); m != nil {
		if n, convErr := strconv.Atoi(m[1]); convErr == nil {
			return n
		}
	}
	return 1
}

type parser struct {
	ps *problems
}

// entry is a key of a mapping with its value.
type entry struct {
	key   *yaml.Node
	value *yaml.Node
}

// mapping returns the entries of a mapping node, reporting a node of another kind, keys
// given twice and keys not in known.
func (p *parser) mapping(n *yaml.Node, path string, known ...string) (map[string]entry, bool) {
	n = resolve(n)
	if n.Kind != yaml.MappingNode {
		p.ps.add(n.Line, path, KindType, "must be a mapping, not %s", describe(n))
		return nil, false
	}
	out := make(map[string]entry, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := resolve(n.Content[i]), n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			p.ps.add(k.Line, path, KindType, "keys must be strings")
			continue
		}
		if _, dup := out[k.Value]; dup {
			p.ps.add(k.Line, join(path, k.Value), KindDuplicateKey, "%q is given twice; the first is on line %d", k.Value, out[k.Value].key.Line)
			continue
		}
		out[k.Value] = entry{key: k, value: v}
		if known != nil && !slices.Contains(known, k.Value) {
			p.ps.add(k.Line, join(path, k.Value), KindUnknownKey, "unknown key %q; expected one of %v", k.Value, known)
		}
	}
	return out, true
}

// str returns a string scalar; a missing key is reported when required.
func (p *parser) str(m map[string]entry, key, path string, line int, required bool) (string, int, bool) {
	e, ok := m[key]
	if !ok {
		if required {
			p.ps.add(line, join(path, key), KindMissing, "%s is required", key)
		}
		return "", line, false
	}
	v := resolve(e.value)
	if v.Kind != yaml.ScalarNode || v.Tag != "!!str" {
		p.ps.add(v.Line, join(path, key), KindType, "must be a string, not %s (quote it)", describe(v))
		return "", v.Line, false
	}
	if v.Value == "" {
		p.ps.add(v.Line, join(path, key), KindInvalid, "must not be empty")
		return "", v.Line, false
	}
	return v.Value, v.Line, true
}

func (p *parser) file(root *yaml.Node, f *File) {
	m, ok := p.mapping(root, "", "$schema", "version", "connectors", "userFlows")
	if !ok {
		return
	}
	line := resolve(root).Line
	if version, vline, ok := p.str(m, "version", "", line, true); ok {
		if version != client.VersionV1 && version != client.VersionBeta {
			p.ps.add(vline, "version", KindInvalid, "must be v1.0 or beta, not %q", version)
		} else {
			f.Version = version
		}
	}
	if e, ok := m["connectors"]; ok {
		p.connectors(e.value, f)
	} else {
		p.ps.add(line, "connectors", KindMissing, "connectors is required (it may be {} to manage none)")
	}
	if e, ok := m["userFlows"]; ok {
		p.userFlows(e.value, f)
	}
	p.crossCheck(f)
}

func (p *parser) connectors(n *yaml.Node, f *File) {
	n = resolve(n)
	m, ok := p.mapping(n, "connectors")
	if !ok {
		return
	}
	// In file order: mapping() returns a map, the node keeps the order.
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := resolve(n.Content[i])
		e, ok := m[k.Value]
		if !ok || e.key != k {
			continue // a duplicate, already reported
		}
		path := join("connectors", k.Value)
		if !localNamePattern.MatchString(k.Value) {
			p.ps.add(k.Line, path, KindInvalid, "a connector's local name must start with a letter and hold only letters, digits, _ and -")
			continue
		}
		if c, ok := p.connector(k, e.value, path); ok {
			f.Connectors = append(f.Connectors, c)
		}
	}
}

func (p *parser) connector(k, n *yaml.Node, path string) (ConnectorSpec, bool) {
	c := ConnectorSpec{Name: k.Value, line: k.Line}
	m, ok := p.mapping(n, path, "displayName", "targetUrl", "auth")
	if !ok {
		return c, false
	}
	good := true
	var line int
	if c.DisplayName, c.displayNameLine, ok = p.str(m, "displayName", path, k.Line, true); !ok {
		good = false
	}
	if c.TargetURL, line, ok = p.str(m, "targetUrl", path, k.Line, true); ok {
		if u, err := url.Parse(c.TargetURL); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			p.ps.add(line, join(path, "targetUrl"), KindInvalid, "must be an absolute http or https URL")
			good = false
		}
	} else {
		good = false
	}
	e, ok := m["auth"]
	if !ok {
		p.ps.add(k.Line, join(path, "auth"), KindMissing, "auth is required: basic or certificate")
		return c, false
	}
	return c, p.auth(e, join(path, "auth"), &c) && good
}

func (p *parser) auth(e entry, path string, c *ConnectorSpec) bool {
	m, ok := p.mapping(e.value, path, "basic", "certificate")
	if !ok {
		return false
	}
	basic, hasBasic := m["basic"]
	cert, hasCert := m["certificate"]
	switch {
	case hasBasic && hasCert:
		p.ps.add(cert.key.Line, path, KindInvalid, "give basic or certificate, not both")
		return false
	case hasBasic:
		bm, ok := p.mapping(basic.value, join(path, "basic"), "username", "passwordEnv")
		if !ok {
			return false
		}
		b := &BasicSpec{}
		bpath := join(path, "basic")
		user, _, okUser := p.str(bm, "username", bpath, basic.key.Line, true)
		env, envLine, okEnv := p.env(bm, bpath, basic.key.Line, true)
		b.Username, b.PasswordEnv, b.passwordEnvLine = user, env, envLine
		c.Basic = b
		return okUser && okEnv
	case hasCert:
		cm, ok := p.mapping(cert.value, join(path, "certificate"), "pkcs12File", "passwordEnv")
		if !ok {
			return false
		}
		cs := &CertificateSpec{}
		cpath := join(path, "certificate")
		file, fileLine, okFile := p.str(cm, "pkcs12File", cpath, cert.key.Line, true)
		env, envLine, okEnv := p.env(cm, cpath, cert.key.Line, false)
		cs.PKCS12File, cs.fileLine, cs.PasswordEnv, cs.passwordEnvLine = file, fileLine, env, envLine
		c.Certificate = cs
		_, hasEnv := cm["passwordEnv"]
		return okFile && (okEnv || !hasEnv)
	default:
		p.ps.add(e.key.Line, path, KindMissing, "auth needs basic or certificate")
		return false
	}
}

// env reads passwordEnv: the name of an environment variable, never a secret.
func (p *parser) env(m map[string]entry, path string, line int, required bool) (string, int, bool) {
	name, nline, ok := p.str(m, "passwordEnv", path, line, required)
	if ok && !envNamePattern.MatchString(name) {
		// Not quoted: someone may have pasted the password itself here.
		p.ps.add(nline, join(path, "passwordEnv"), KindInvalid, "must be the name of an environment variable (letters, digits and _), never the password itself")
		return "", nline, false
	}
	return name, nline, ok
}

func (p *parser) userFlows(n *yaml.Node, f *File) {
	n = resolve(n)
	if n.Kind != yaml.SequenceNode {
		p.ps.add(n.Line, "userFlows", KindType, "must be a list, not %s", describe(n))
		return
	}
	for i, item := range n.Content {
		path := "userFlows[" + strconv.Itoa(i) + "]"
		m, ok := p.mapping(item, path, "id", "kind", string(client.PostAttributeCollection), string(client.PostFederationSignup))
		if !ok {
			continue
		}
		line := resolve(item).Line
		uf := UserFlowSpec{Kind: client.B2X, Steps: map[client.Step]string{}, line: line, stepLines: map[client.Step]int{}}
		id, _, okID := p.str(m, "id", path, line, true)
		uf.ID = id
		good := okID
		if kind, kline, ok := p.str(m, "kind", path, line, false); ok {
			switch client.UserFlowKind(kind) {
			case client.B2X, client.B2C:
				uf.Kind = client.UserFlowKind(kind)
				uf.kindLine = kline
			default:
				p.ps.add(kline, join(path, "kind"), KindInvalid, "must be b2x or b2c, not %q", kind)
				good = false
			}
		} else if _, given := m["kind"]; given {
			good = false
		}
		for _, step := range steps {
			e, ok := m[string(step)]
			if !ok {
				continue
			}
			v := resolve(e.value)
			if v.Kind == yaml.ScalarNode && v.Tag == "!!null" {
				continue // explicitly none
			}
			name, sline, ok := p.str(m, string(step), path, line, false)
			if !ok {
				good = false
				continue
			}
			uf.Steps[step] = name
			uf.stepLines[step] = sline
		}
		if good {
			f.UserFlows = append(f.UserFlows, uf)
		}
	}
}

// crossCheck finds what no single value shows: references, duplicates, and b2c under v1.0.
func (p *parser) crossCheck(f *File) {
	byDisplayName := map[string]ConnectorSpec{}
	for _, c := range f.Connectors {
		if first, dup := byDisplayName[c.DisplayName]; dup {
			p.ps.add(c.displayNameLine, join(join("connectors", c.Name), "displayName"), KindDuplicateDisplayName,
				"connector %s has the displayName of connector %s (line %d); connectors are matched by displayName, so each needs its own", c.Name, first.Name, first.displayNameLine)
			continue
		}
		byDisplayName[c.DisplayName] = c
	}
	type flowKey struct {
		kind client.UserFlowKind
		id   string
	}
	flows := map[flowKey]int{}
	for i, uf := range f.UserFlows {
		path := "userFlows[" + strconv.Itoa(i) + "]"
		key := flowKey{uf.Kind, uf.ID}
		if first, dup := flows[key]; dup {
			p.ps.add(uf.line, join(path, "id"), KindDuplicateUserFlow, "user flow %s is listed twice; the first is on line %d", uf.ID, first)
		} else {
			flows[key] = uf.line
		}
		if uf.Kind == client.B2C && f.Version == client.VersionV1 {
			p.ps.add(uf.kindLine, join(path, "kind"), KindNotInVersion, "b2c user flows exist only in the beta API; set version: beta")
		}
		for _, step := range steps {
			name, ok := uf.Steps[step]
			if !ok {
				continue
			}
			if _, ok := f.connector(name); !ok {
				p.ps.add(uf.stepLines[step], join(path, string(step)), KindUnknownConnector, "no connector named %q in connectors", name)
			}
		}
	}
}

// resolve follows an alias to the node it names.
func resolve(n *yaml.Node) *yaml.Node {
	for n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	return n
}

func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		switch n.Tag {
		case "!!null":
			return "null"
		case "!!bool":
			return "a boolean"
		case "!!int", "!!float":
			return "a number"
		}
		return "a " + n.Tag + " scalar"
	}
	return "an unexpected node"
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}
