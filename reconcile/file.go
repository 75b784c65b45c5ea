package reconcile

import (
	"github.com/graph-apiconnector/apiconnector/client"
)

// File is a desired-state file as written: no secret, only where to read each one.
type File struct {
	Version    string          // the Graph API version: v1.0 or beta
	Connectors []ConnectorSpec // in the order of the file
	UserFlows  []UserFlowSpec  // in the order of the file

	name string // as given to Parse, for messages
	dir  string // relative .pfx paths are read from here
}

// ConnectorSpec is one connector of the file, under its local name.
type ConnectorSpec struct {
	Name        string // the local name user flows refer to; never sent to Graph
	DisplayName string // what the tenant's connectors are matched by
	TargetURL   string
	Basic       *BasicSpec       // set for basic authentication
	Certificate *CertificateSpec // set for a client certificate

	line            int // of the local name
	displayNameLine int
}

// BasicSpec is HTTP basic authentication: the password is read from PasswordEnv.
type BasicSpec struct {
	Username    string
	PasswordEnv string

	passwordEnvLine int
}

// CertificateSpec is a client certificate: a .pfx file (relative to the desired-state
// file) and, when it has one, the environment variable holding its password.
type CertificateSpec struct {
	PKCS12File  string
	PasswordEnv string // "" for a .pfx without password

	fileLine        int
	passwordEnvLine int
}

// UserFlowSpec is the binding of one user flow: the local name of the connector each step
// calls. A step not listed calls none.
type UserFlowSpec struct {
	ID    string
	Kind  client.UserFlowKind
	Steps map[client.Step]string

	line      int
	kindLine  int
	stepLines map[client.Step]int
}

// steps are a user flow's steps in the order plans list them.
var steps = []client.Step{client.PostFederationSignup, client.PostAttributeCollection}

// connector returns the spec with the local name, if any.
func (f *File) connector(name string) (ConnectorSpec, bool) {
	for _, c := range f.Connectors {
		if c.Name == name {
			return c, true
		}
	}
	return ConnectorSpec{}, false
}
