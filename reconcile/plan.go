package reconcile

import (
	"cmp"
	"context"
	"errors"
	"slices"
	"strings"

	"github.com/graph-apiconnector/apiconnector/client"
)

// Action is what a change does.
type Action string

// The actions of a plan, in the order apply carries them out: what adds comes before what
// takes away, so that a stop half-way leaves the tenant with something extra, never
// without something the file asks for.
const (
	ActionCreate Action = "create"
	ActionUpdate Action = "update"
	ActionBind   Action = "bind"
	ActionUnbind Action = "unbind"
	ActionDelete Action = "delete"
)

var actionOrder = []Action{ActionCreate, ActionUpdate, ActionBind, ActionUnbind, ActionDelete}

// Kind is what a change is made to.
type Kind string

// The kinds of thing a plan changes.
const (
	KindConnector Kind = "connector"
	KindBinding   Kind = "binding"
)

// Options change what MakePlan proposes.
type Options struct {
	// Prune deletes the tenant's connectors the file does not name. Without it they are
	// left alone.
	Prune bool
	// RotateSecrets sends every basic-authentication password again. Graph never returns
	// passwords, so a plan cannot otherwise tell that one changed.
	RotateSecrets bool
}

// Plan is what Apply would change, in the order it would.
type Plan struct {
	Version string   `json:"version"`
	Changes []Change `json:"changes"`
	Notes   []string `json:"notes,omitempty"`
}

// Change is one action on one connector or one user-flow step. Name is the connector's
// local name (its displayName for one the file does not name), or FLOW/STEP for a binding.
type Change struct {
	Action       Action              `json:"action"`
	Kind         Kind                `json:"kind"`
	Name         string              `json:"name"`
	ID           string              `json:"id,omitempty"`
	DisplayName  string              `json:"displayName,omitempty"`
	UserFlow     string              `json:"userFlow,omitempty"`
	UserFlowKind client.UserFlowKind `json:"userFlowKind,omitempty"`
	Step         client.Step         `json:"step,omitempty"`
	Fields       []Field             `json:"fields"`

	// run carries the change out, secrets included. A closure, because fmt prints a func as
	// an address whatever the verb, and cannot reach into it as it reaches into a struct.
	run func(ctx context.Context, c *client.Client, created map[string]string) (id string, err error)
}

// Field is one difference. A secret's value is never shown, only that it is sent and
// where it comes from.
type Field struct {
	Name   string `json:"name"`
	Old    string `json:"old,omitempty"`
	New    string `json:"new,omitempty"`
	Secret bool   `json:"secret,omitempty"`
	Source string `json:"source,omitempty"`
}

// operation is what Apply sends for a change, secrets included. Only Change.run holds it.
type operation struct {
	change      Change // what it carries out (its own run unset)
	create      *client.Connector
	update      *client.ConnectorUpdate
	upload      *client.PKCS12
	connectorID string // the connector updated, deleted or bound, when it exists already
	bindTo      string // the local name of the connector a bind needs, when it is created first
}

// Field names, as the file spells the keys.
const (
	fieldDisplayName = "displayName"
	fieldTargetURL   = "targetUrl"
	fieldAuth        = "auth"
	fieldUsername    = "auth.basic.username"
	fieldPassword    = "auth.basic.password" //nolint:gosec // G101: a field name, not a password
	fieldThumbprint  = "auth.certificate.thumbprint"
	fieldConnector   = "connector"
)

// The note every plan with a password in it carries.
const notePasswords = "Graph never returns passwords, so they cannot be compared: a password is sent when its connector is created, when its authentication type or username changes, and with --rotate-secrets." //nolint:gosec // G101: advice, not a password

// Empty reports whether the plan changes nothing.
func (p *Plan) Empty() bool { return len(p.Changes) == 0 }

// Count returns how many changes have the action.
func (p *Plan) Count(a Action) int {
	n := 0
	for _, c := range p.Changes {
		if c.Action == a {
			n++
		}
	}
	return n
}

// MakePlan reads the tenant through c and returns what Apply would change to make it
// match d. It only reads. A tenant that cannot be matched to the file (two connectors
// sharing a displayName it names, a user flow that does not exist) is a *TenantError.
func MakePlan(ctx context.Context, c *client.Client, d *Desired, opts Options) (*Plan, error) {
	f := d.File
	t, err := readTenant(ctx, c, f.UserFlows)
	if err != nil {
		return nil, withFile(err, f.name)
	}
	p := &Plan{Version: f.Version}
	matched := map[string]client.Connector{} // by local name
	named := map[string]bool{}               // displayNames the file names
	hasPassword := false
	for _, spec := range f.Connectors {
		named[spec.DisplayName] = true
		if spec.Basic != nil {
			hasPassword = true
		}
		current, ok, err := t.match(spec)
		if err != nil {
			return nil, withFile(err, f.name)
		}
		if !ok {
			p.Changes = append(p.Changes, d.createChange(spec))
			continue
		}
		matched[spec.Name] = current
		if ch, ok := d.updateChange(spec, current, opts); ok {
			p.Changes = append(p.Changes, ch)
		}
	}
	for _, uf := range f.UserFlows {
		p.Changes = append(p.Changes, bindingChanges(f, uf, t.flows[flowKey{uf.Kind, uf.ID}], matched)...)
	}
	if opts.Prune {
		p.Changes = append(p.Changes, pruneChanges(t, named)...)
	}
	// Stable: within an action, the file's order (and the tenant's for deletes).
	slices.SortStableFunc(p.Changes, func(a, b Change) int {
		return cmp.Compare(slices.Index(actionOrder, a.Action), slices.Index(actionOrder, b.Action))
	})
	if p.Changes == nil {
		p.Changes = []Change{}
	}
	if hasPassword {
		p.Notes = append(p.Notes, notePasswords)
	}
	return p, nil
}

func withFile(err error, file string) error {
	var te *TenantError
	if errors.As(err, &te) && te.File == "" {
		te.File = file
	}
	return err
}

func (d *Desired) createChange(spec ConnectorSpec) Change {
	auth := d.auth(spec.Name)
	fields := []Field{
		{Name: fieldDisplayName, New: spec.DisplayName},
		{Name: fieldTargetURL, New: spec.TargetURL},
	}
	fields = append(fields, d.authFields(spec, "")...)
	return Change{
		Action: ActionCreate, Kind: KindConnector, Name: spec.Name, DisplayName: spec.DisplayName, Fields: fields,
	}.with(&operation{create: &client.Connector{DisplayName: spec.DisplayName, TargetURL: spec.TargetURL, Auth: auth}})
}

// with makes op the way the change is carried out.
func (ch Change) with(op *operation) Change {
	op.change = ch
	ch.run = op.apply
	return ch
}

// authFields are the fields of setting the spec's authentication in full; from is the
// type it replaces ("" on create).
func (d *Desired) authFields(spec ConnectorSpec, from string) []Field {
	switch {
	case spec.Basic != nil:
		return []Field{
			{Name: fieldAuth, Old: from, New: "basic"},
			{Name: fieldUsername, New: spec.Basic.Username},
			{Name: fieldPassword, Secret: true, Source: "$" + spec.Basic.PasswordEnv},
		}
	default:
		return []Field{
			{Name: fieldAuth, Old: from, New: "certificate"},
			{Name: fieldThumbprint, New: d.thumbprints[spec.Name], Source: spec.Certificate.PKCS12File},
		}
	}
}

// updateChange compares a file connector with its tenant match. displayName is the
// matching key, so it never differs.
func (d *Desired) updateChange(spec ConnectorSpec, current client.Connector, opts Options) (Change, bool) {
	var fields []Field
	update := client.ConnectorUpdate{}
	var upload *client.PKCS12
	if current.TargetURL != spec.TargetURL {
		fields = append(fields, Field{Name: fieldTargetURL, Old: current.TargetURL, New: spec.TargetURL})
		update.TargetURL = &spec.TargetURL
	}
	auth := d.auth(spec.Name)
	switch have := current.Auth.(type) {
	case client.BasicAuth:
		switch {
		case spec.Basic == nil:
			fields = append(fields, d.authFields(spec, "basic")...)
			update.Auth = auth
		case have.Username != spec.Basic.Username:
			fields = append(fields,
				Field{Name: fieldUsername, Old: have.Username, New: spec.Basic.Username},
				Field{Name: fieldPassword, Secret: true, Source: "$" + spec.Basic.PasswordEnv})
			update.Auth = auth
		case opts.RotateSecrets:
			fields = append(fields, Field{Name: fieldPassword, Secret: true, Source: "$" + spec.Basic.PasswordEnv})
			update.Auth = auth
		}
	case client.ClientCertificates:
		switch {
		case spec.Certificate == nil:
			fields = append(fields, d.authFields(spec, "certificate")...)
			update.Auth = auth
		case !hasThumbprint(have, d.thumbprints[spec.Name]):
			// Uploaded, not set: Graph keeps the earlier certificates and makes the newest
			// active, which lets an endpoint accept both while it rolls over.
			fields = append(fields, Field{Name: fieldThumbprint, Old: thumbprints(have), New: d.thumbprints[spec.Name], Source: spec.Certificate.PKCS12File})
			pfx := auth.(client.PKCS12)
			upload = &pfx
		}
	default:
		fields = append(fields, d.authFields(spec, authName(current.Auth))...)
		update.Auth = auth
	}
	if len(fields) == 0 {
		return Change{}, false
	}
	op := &operation{connectorID: current.ID, upload: upload}
	if update.TargetURL != nil || update.Auth != nil {
		op.update = &update
	}
	return Change{Action: ActionUpdate, Kind: KindConnector, Name: spec.Name, ID: current.ID, DisplayName: spec.DisplayName, Fields: fields}.with(op), true
}

func hasThumbprint(have client.ClientCertificates, want string) bool {
	for _, c := range have.Certificates {
		if strings.EqualFold(c.Thumbprint, want) {
			return true
		}
	}
	return false
}

func thumbprints(have client.ClientCertificates) string {
	list := make([]string, 0, len(have.Certificates))
	for _, c := range have.Certificates {
		list = append(list, c.Thumbprint)
	}
	return strings.Join(list, ", ")
}

func authName(a client.Auth) string {
	switch a := a.(type) {
	case client.BasicAuth:
		return "basic"
	case client.ClientCertificates:
		return "certificate"
	case nil:
		return "none"
	default:
		return a.ODataType()
	}
}

// bindingChanges compares the steps of one user flow. A step the file does not list is to
// call no connector: the file is the whole truth for the flows it names.
func bindingChanges(f *File, uf UserFlowSpec, current client.UserFlowConfiguration, matched map[string]client.Connector) []Change {
	var out []Change
	for _, step := range steps {
		var bound *client.Connector
		switch step {
		case client.PostFederationSignup:
			bound = current.PostFederationSignup
		case client.PostAttributeCollection:
			bound = current.PostAttributeCollection
		}
		base := Change{Kind: KindBinding, Name: uf.ID + "/" + string(step), UserFlow: uf.ID, UserFlowKind: uf.Kind, Step: step}
		name, wanted := uf.Steps[step]
		if !wanted {
			if bound != nil {
				base.Action = ActionUnbind
				base.Fields = []Field{{Name: fieldConnector, Old: bound.DisplayName}}
				out = append(out, base.with(&operation{}))
			}
			continue
		}
		spec, _ := f.connector(name)
		target, exists := matched[name]
		if exists && bound != nil && bound.ID == target.ID {
			continue
		}
		base.Action = ActionBind
		base.DisplayName = spec.DisplayName
		field := Field{Name: fieldConnector, New: spec.DisplayName}
		if bound != nil {
			field.Old = bound.DisplayName
		}
		base.Fields = []Field{field}
		out = append(out, base.with(&operation{connectorID: target.ID, bindTo: name}))
	}
	return out
}

// pruneChanges deletes the tenant's connectors whose displayName the file does not name.
func pruneChanges(t *tenant, named map[string]bool) []Change {
	var out []Change
	for _, conn := range t.connectors {
		if named[conn.DisplayName] {
			continue
		}
		out = append(out, Change{
			Action: ActionDelete, Kind: KindConnector, Name: conn.DisplayName, ID: conn.ID, DisplayName: conn.DisplayName,
			Fields: []Field{{Name: fieldDisplayName, Old: conn.DisplayName}, {Name: fieldTargetURL, Old: conn.TargetURL}},
		}.with(&operation{connectorID: conn.ID}))
	}
	return out
}
