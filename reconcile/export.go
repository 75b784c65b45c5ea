package reconcile

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/graph-apiconnector/apiconnector/client"
)

// FlowRef names a user flow whose bindings Export includes. Graph has no list of user
// flows in the API-connector permissions, so they are named.
type FlowRef struct {
	Kind client.UserFlowKind
	ID   string
}

// Export reads the tenant's connectors, and the bindings of the named user flows, as a
// desired-state file. Secrets are not there to export: each basic password becomes a
// passwordEnv named after the connector, each certificate a pkcs12File to supply, and
// the thumbprints Graph reports are left as a comment.
func Export(ctx context.Context, c *client.Client, version string, flows []FlowRef) (*Document, error) {
	doc := &Document{Version: version}
	names := map[string]string{} // connector id -> local name
	taken := map[string]bool{}
	for conn, err := range c.List(ctx, client.ListOptions{}) {
		if err != nil {
			return nil, fmt.Errorf("reading the tenant's connectors: %w", err)
		}
		name := uniqueName(localName(conn.DisplayName), taken)
		names[conn.ID] = name
		doc.Connectors = append(doc.Connectors, exportConnector(name, conn))
	}
	for _, ref := range flows {
		config, err := c.UserFlowConfiguration(ctx, ref.Kind, ref.ID)
		if err != nil {
			return nil, fmt.Errorf("reading user flow %s: %w", ref.ID, err)
		}
		flow := ExportedFlow{ID: ref.ID, Kind: ref.Kind}
		if b := config.PostAttributeCollection; b != nil {
			flow.PostAttributeCollection = names[b.ID]
		}
		if b := config.PostFederationSignup; b != nil {
			flow.PostFederationSignup = names[b.ID]
		}
		doc.UserFlows = append(doc.UserFlows, flow)
	}
	return doc, nil
}

// Document is an exported desired state, ready to be written as YAML or JSON.
type Document struct {
	Version    string
	Connectors []ExportedConnector
	UserFlows  []ExportedFlow
}

// ExportedConnector is one connector of an export. Thumbprints are what the tenant has;
// the .pfx itself cannot be read back.
type ExportedConnector struct {
	Name        string
	DisplayName string
	TargetURL   string
	Basic       *BasicSpec
	Certificate *CertificateSpec
	Thumbprints []string
	AuthType    string // set when the tenant's authentication is of no kind the file has
}

// ExportedFlow is one user flow's bindings, by local name.
type ExportedFlow struct {
	ID                      string
	Kind                    client.UserFlowKind
	PostAttributeCollection string
	PostFederationSignup    string
}

func exportConnector(name string, conn client.Connector) ExportedConnector {
	out := ExportedConnector{Name: name, DisplayName: conn.DisplayName, TargetURL: conn.TargetURL}
	env := strings.ToUpper(strings.ReplaceAll(name, "-", "_"))
	switch a := conn.Auth.(type) {
	case client.BasicAuth:
		out.Basic = &BasicSpec{Username: a.Username, PasswordEnv: env + "_PASSWORD"}
	case client.ClientCertificates:
		out.Certificate = &CertificateSpec{PKCS12File: name + ".pfx", PasswordEnv: env + "_PFX_PASSWORD"}
		for _, cert := range a.Certificates {
			out.Thumbprints = append(out.Thumbprints, cert.Thumbprint)
		}
	default:
		out.AuthType = authName(conn.Auth)
	}
	return out
}

// localName makes a local name from a displayName: lower case, words joined by -.
func localName(displayName string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(displayName) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
			continue
		}
		dash = true
	}
	name := b.String()
	if name == "" || name[0] < 'a' {
		name = "connector-" + name
	}
	return strings.TrimSuffix(name, "-")
}

func uniqueName(name string, taken map[string]bool) string {
	candidate := name
	for i := 2; taken[candidate]; i++ {
		candidate = name + "-" + strconv.Itoa(i)
	}
	taken[candidate] = true
	return candidate
}

// node is the document as a YAML tree, in the file's key order, with comments.
func (d *Document) node() *yaml.Node {
	root := mapping()
	add(root, "version", str(d.Version))
	connectors := mapping()
	for _, c := range d.Connectors {
		conn := mapping()
		add(conn, "displayName", str(c.DisplayName))
		add(conn, "targetUrl", str(c.TargetURL))
		auth := mapping()
		switch {
		case c.Basic != nil:
			basic := mapping()
			add(basic, "username", str(c.Basic.Username))
			add(basic, "passwordEnv", str(c.Basic.PasswordEnv))
			add(auth, "basic", basic)
			add(conn, "auth", auth)
		case c.Certificate != nil:
			cert := mapping()
			file := str(c.Certificate.PKCS12File)
			file.LineComment = "supply this .pfx; the tenant has thumbprints " + strings.Join(c.Thumbprints, ", ")
			add(cert, "pkcs12File", file)
			add(cert, "passwordEnv", str(c.Certificate.PasswordEnv))
			add(auth, "certificate", cert)
			add(conn, "auth", auth)
		default:
			conn.FootComment = "auth: the tenant's is " + c.AuthType + ", which the file cannot describe; give basic or certificate"
		}
		add(connectors, c.Name, conn)
	}
	add(root, "connectors", connectors)
	if len(d.UserFlows) > 0 {
		flows := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
		for _, f := range d.UserFlows {
			flow := mapping()
			add(flow, "id", str(f.ID))
			add(flow, "kind", str(string(f.Kind)))
			if f.PostAttributeCollection != "" {
				add(flow, string(client.PostAttributeCollection), str(f.PostAttributeCollection))
			}
			if f.PostFederationSignup != "" {
				add(flow, string(client.PostFederationSignup), str(f.PostFederationSignup))
			}
			flows.Content = append(flows.Content, flow)
		}
		add(root, "userFlows", flows)
	}
	return root
}

// WriteYAML writes the document as YAML, with comments where a secret has to be supplied.
func (d *Document) WriteYAML(w io.Writer) error {
	enc := yaml.NewEncoder(w)
	enc.SetIndent(2)
	if err := enc.Encode(d.node()); err != nil {
		return err
	}
	return enc.Close()
}

// WriteJSON writes the document as JSON, in the same key order; JSON has no comments.
func (d *Document) WriteJSON(w io.Writer) error {
	var b bytes.Buffer
	if err := writeJSON(&b, d.node(), ""); err != nil {
		return err
	}
	b.WriteByte('\n')
	_, err := w.Write(b.Bytes())
	return err
}

func writeJSON(b *bytes.Buffer, n *yaml.Node, indent string) error {
	inner := indent + "  "
	switch n.Kind {
	case yaml.MappingNode:
		if len(n.Content) == 0 {
			b.WriteString("{}")
			return nil
		}
		b.WriteString("{\n")
		for i := 0; i+1 < len(n.Content); i += 2 {
			b.WriteString(inner)
			if err := writeJSON(b, n.Content[i], inner); err != nil {
				return err
			}
			b.WriteString(": ")
			if err := writeJSON(b, n.Content[i+1], inner); err != nil {
				return err
			}
			if i+2 < len(n.Content) {
				b.WriteByte(',')
			}
			b.WriteByte('\n')
		}
		b.WriteString(indent + "}")
	case yaml.SequenceNode:
		b.WriteString("[\n")
		for i, item := range n.Content {
			b.WriteString(inner)
			if err := writeJSON(b, item, inner); err != nil {
				return err
			}
			if i+1 < len(n.Content) {
				b.WriteByte(',')
			}
			b.WriteByte('\n')
		}
		b.WriteString(indent + "]")
	default:
		enc := json.NewEncoder(b)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(n.Value); err != nil {
			return err
		}
		b.Truncate(b.Len() - 1) // Encode's newline
	}
	return nil
}

func mapping() *yaml.Node { return &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"} }

func str(s string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s} }

func add(m *yaml.Node, key string, value *yaml.Node) {
	m.Content = append(m.Content, str(key), value)
}
