package fake

import (
	"errors"
	"maps"
	"slices"
	"sync"

	"github.com/graph-apiconnector/apiconnector/gen"
)

// authKind says which authentication a connector has.
type authKind int

const (
	authBasic authKind = iota + 1
	authCertificates
)

// authRecord is a connector's authentication without its secrets: for basic
// authentication the username only, for certificates their public information only.
type authRecord struct {
	kind         authKind
	username     string
	certificates []certificate // upload order
}

// connectorRecord is a stored connector. seq orders connectors by creation and is what a
// $skiptoken points after, so paging survives deletes.
type connectorRecord struct {
	seq         uint64
	id          string
	displayName string
	targetURL   string
	auth        authRecord
}

// clone copies the record so that callers can read it after the lock is released.
func (c *connectorRecord) clone() connectorRecord {
	out := *c
	out.auth.certificates = slices.Clone(c.auth.certificates)
	return out
}

type userFlowKey struct {
	kind UserFlowKind
	id   string
}

// userFlowRecord holds which connector (by id) each step of a user flow calls.
type userFlowRecord struct {
	bindings map[gen.UserFlowAPIConnectorStep]string
}

var (
	errConnectorExists   = errors.New("a connector with this id exists")
	errConnectorNotFound = errors.New("no API connector has this id")
	errUserFlowExists    = errors.New("a user flow with this id exists")
	errUserFlowNotFound  = errors.New("no user flow has this id")
)

// store is the fake's tenant. One mutex guards it all: operations are short and a single
// lock makes every operation atomic, including deletes that unbind user flows.
type store struct {
	mu         sync.Mutex
	lastSeq    uint64
	connectors map[string]*connectorRecord
	order      []*connectorRecord // creation order
	userFlows  map[userFlowKey]*userFlowRecord
}

func newStore() *store {
	return &store{
		connectors: map[string]*connectorRecord{},
		userFlows:  map[userFlowKey]*userFlowRecord{},
	}
}

// addConnector stores c under a new sequence number and returns the stored copy.
func (st *store) addConnector(c connectorRecord) (connectorRecord, error) {
	st.mu.Lock()
	defer st.mu.Unlock()
	if _, ok := st.connectors[c.id]; ok {
		return connectorRecord{}, errConnectorExists
	}
	return st.insertLocked(c), nil
}

func (st *store) insertLocked(c connectorRecord) connectorRecord {
	st.lastSeq++
	c.seq = st.lastSeq
	stored := c.clone()
	st.connectors[c.id] = &stored
	st.order = append(st.order, &stored)
	return stored.clone()
}

func (st *store) connector(id string) (connectorRecord, bool) {
	st.mu.Lock()
	defer st.mu.Unlock()
	c, ok := st.connectors[id]
	if !ok {
		return connectorRecord{}, false
	}
	return c.clone(), true
}

// updateConnector applies change to the connector and returns the result.
func (st *store) updateConnector(id string, change func(*connectorRecord)) (connectorRecord, bool) {
	st.mu.Lock()
	defer st.mu.Unlock()
	c, ok := st.connectors[id]
	if !ok {
		return connectorRecord{}, false
	}
	change(c)
	return c.clone(), true
}

// deleteConnector removes the connector and unbinds it from every user-flow step.
func (st *store) deleteConnector(id string) bool {
	st.mu.Lock()
	defer st.mu.Unlock()
	if _, ok := st.connectors[id]; !ok {
		return false
	}
	delete(st.connectors, id)
	st.order = slices.DeleteFunc(st.order, func(c *connectorRecord) bool { return c.id == id })
	for _, flow := range st.userFlows {
		maps.DeleteFunc(flow.bindings, func(_ gen.UserFlowAPIConnectorStep, bound string) bool { return bound == id })
	}
	return true
}

// page returns up to size connectors created after afterSeq that match, and whether more
// matching connectors follow.
func (st *store) page(afterSeq uint64, size int, match func(connectorRecord) bool) ([]connectorRecord, bool) {
	st.mu.Lock()
	defer st.mu.Unlock()
	var out []connectorRecord
	for _, c := range st.order {
		if c.seq <= afterSeq || !match(*c) {
			continue
		}
		if len(out) == size {
			return out, true
		}
		out = append(out, c.clone())
	}
	return out, false
}

// allConnectors returns every connector in creation order.
func (st *store) allConnectors() []connectorRecord {
	st.mu.Lock()
	defer st.mu.Unlock()
	out := make([]connectorRecord, len(st.order))
	for i, c := range st.order {
		out[i] = c.clone()
	}
	return out
}

// ensureUserFlow creates the user flow unless it exists.
func (st *store) ensureUserFlow(key userFlowKey) {
	st.mu.Lock()
	defer st.mu.Unlock()
	if _, ok := st.userFlows[key]; !ok {
		st.userFlows[key] = &userFlowRecord{bindings: map[gen.UserFlowAPIConnectorStep]string{}}
	}
}

// createUserFlow creates a user flow with its steps bound to connectors, all or nothing.
// A missing connector is reported as a *missingBindingError naming the step.
func (st *store) createUserFlow(key userFlowKey, bindings map[gen.UserFlowAPIConnectorStep]string) error {
	st.mu.Lock()
	defer st.mu.Unlock()
	if _, ok := st.userFlows[key]; ok {
		return errUserFlowExists
	}
	for _, step := range slices.Sorted(maps.Keys(bindings)) {
		if _, ok := st.connectors[bindings[step]]; !ok {
			return &missingBindingError{step: step}
		}
	}
	st.userFlows[key] = &userFlowRecord{bindings: maps.Clone(bindings)}
	return nil
}

// missingBindingError says which step of a new user flow names a connector that does not
// exist.
type missingBindingError struct{ step gen.UserFlowAPIConnectorStep }

func (e *missingBindingError) Error() string {
	return string(e.step) + ": " + errConnectorNotFound.Error()
}
func (e *missingBindingError) Unwrap() error { return errConnectorNotFound }

// bind makes step of the user flow call the connector; connectorID "" unbinds the step.
func (st *store) bind(key userFlowKey, step gen.UserFlowAPIConnectorStep, connectorID string) error {
	st.mu.Lock()
	defer st.mu.Unlock()
	flow, ok := st.userFlows[key]
	if !ok {
		return errUserFlowNotFound
	}
	if connectorID == "" {
		delete(flow.bindings, step)
		return nil
	}
	if _, ok := st.connectors[connectorID]; !ok {
		return errConnectorNotFound
	}
	flow.bindings[step] = connectorID
	return nil
}

// boundConnectors returns the connector each bound step of the user flow calls.
func (st *store) boundConnectors(key userFlowKey) (map[gen.UserFlowAPIConnectorStep]connectorRecord, error) {
	st.mu.Lock()
	defer st.mu.Unlock()
	flow, ok := st.userFlows[key]
	if !ok {
		return nil, errUserFlowNotFound
	}
	out := map[gen.UserFlowAPIConnectorStep]connectorRecord{}
	for step, id := range flow.bindings {
		out[step] = st.connectors[id].clone()
	}
	return out, nil
}

// load adds seeded connectors and user flows, all or nothing: it fails, changing nothing,
// when an id is taken.
func (st *store) load(connectors []connectorRecord, flows []seededFlow) error {
	st.mu.Lock()
	defer st.mu.Unlock()
	seeded := map[string]bool{}
	for i, c := range connectors {
		if _, ok := st.connectors[c.id]; ok {
			return &seedError{field: seedField("connectors", i, "id"), reason: errConnectorExists.Error()}
		}
		seeded[c.id] = true
	}
	for i, f := range flows {
		if _, ok := st.userFlows[f.key]; ok {
			return &seedError{field: seedField("userFlows", i, "id"), reason: errUserFlowExists.Error()}
		}
		for _, step := range slices.Sorted(maps.Keys(f.bindings)) {
			id := f.bindings[step]
			if _, ok := st.connectors[id]; !ok && !seeded[id] {
				return &seedError{field: seedField("userFlows", i, "apiConnectorConfiguration."+string(step)), reason: "names no connector of the seed or the store"}
			}
		}
	}
	for _, c := range connectors {
		st.insertLocked(c)
	}
	for _, f := range flows {
		bindings := maps.Clone(f.bindings)
		if bindings == nil {
			bindings = map[gen.UserFlowAPIConnectorStep]string{}
		}
		st.userFlows[f.key] = &userFlowRecord{bindings: bindings}
	}
	return nil
}
