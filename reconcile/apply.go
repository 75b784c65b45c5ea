package reconcile

import (
	"context"
	"errors"
	"fmt"

	"github.com/graph-apiconnector/apiconnector/client"
)

// Status is how far a change got.
type Status string

// The statuses of a change after Apply.
const (
	StatusApplied    Status = "applied"
	StatusFailed     Status = "failed"      // Graph refused it or could not be reached; nothing of it happened that the client knows of
	StatusUnknown    Status = "unknown"     // the request went out and no answer came: it may have happened (client.ErrOutcomeUnknown)
	StatusNotApplied Status = "not applied" // not tried, because an earlier change failed
)

// Result is a change and how far it got. ID is the connector's id, the one Graph gave a
// created connector included.
type Result struct {
	Change
	Status Status `json:"status"`
	Error  string `json:"error,omitempty"`
}

// Report is every change of a plan with its status, in the plan's order.
type Report struct {
	Changes  []Result `json:"changes"`
	Complete bool     `json:"complete"`
}

// StepError is the failure that stopped Apply: which change, and why.
type StepError struct {
	Index  int // in the plan, from 0
	Change Change
	Err    error
}

func (e *StepError) Error() string {
	return fmt.Sprintf("%s %s %s: %v", e.Change.Action, e.Change.Kind, e.Change.Name, e.Err)
}

func (e *StepError) Unwrap() error { return e.Err }

// Apply carries out the plan's changes in order, and stops at the first that fails. The
// report says which were applied and which not; the error is a *StepError, which wraps
// client.ErrOutcomeUnknown when a create or upload may or may not have happened. Applying
// again after a fresh plan converges: a connector whose create had no answer is found by
// its displayName and not created twice. progress, if not nil, sees each result as it
// comes.
func Apply(ctx context.Context, c *client.Client, p *Plan, progress func(Result)) (*Report, error) {
	report := &Report{Changes: make([]Result, len(p.Changes))}
	for i, ch := range p.Changes {
		report.Changes[i] = Result{Change: ch, Status: StatusNotApplied}
	}
	created := map[string]string{} // local name -> id
	for i, ch := range p.Changes {
		run := ch.run
		if run == nil {
			run = notPlanned
		}
		id, err := run(ctx, c, created)
		r := &report.Changes[i]
		if id != "" {
			r.ID = id
		}
		switch {
		case err == nil:
			r.Status = StatusApplied
		case errors.Is(err, client.ErrOutcomeUnknown):
			r.Status, r.Error = StatusUnknown, err.Error()
		default:
			r.Status, r.Error = StatusFailed, err.Error()
		}
		if progress != nil {
			progress(*r)
		}
		if err != nil {
			return report, &StepError{Index: i, Change: ch, Err: err}
		}
	}
	report.Complete = true
	return report, nil
}

// errNotPlanned is the failure of a change MakePlan did not make, which Apply cannot carry out.
var errNotPlanned = errors.New("the change was not made by MakePlan, so there is nothing to send")

func notPlanned(context.Context, *client.Client, map[string]string) (string, error) {
	return "", errNotPlanned
}

// apply carries out one change and returns the id of the connector it touched.
func (op *operation) apply(ctx context.Context, c *client.Client, created map[string]string) (string, error) {
	ch := op.change
	switch ch.Action {
	case ActionCreate:
		conn, err := c.Create(ctx, *op.create)
		if err != nil {
			return "", err
		}
		created[ch.Name] = conn.ID
		return conn.ID, nil
	case ActionUpdate:
		if op.update != nil {
			if err := c.Update(ctx, op.connectorID, *op.update); err != nil {
				return op.connectorID, err
			}
		}
		if op.upload != nil {
			if _, err := c.UploadClientCertificate(ctx, op.connectorID, op.upload.Value, op.upload.Password); err != nil {
				return op.connectorID, err
			}
		}
		return op.connectorID, nil
	case ActionBind:
		id := op.connectorID
		if id == "" {
			id = created[op.bindTo]
		}
		if id == "" {
			return "", fmt.Errorf("connector %s has no id: it was not created", op.bindTo)
		}
		return id, c.Attach(ctx, ch.UserFlowKind, ch.UserFlow, ch.Step, id)
	case ActionUnbind:
		return "", c.Detach(ctx, ch.UserFlowKind, ch.UserFlow, ch.Step)
	case ActionDelete:
		err := c.Delete(ctx, op.connectorID)
		if errors.Is(err, client.ErrNotFound) {
			// Gone already, perhaps by a retried delete whose first answer was lost: what the
			// plan wanted.
			err = nil
		}
		return op.connectorID, err
	}
	return "", fmt.Errorf("unknown action %q", ch.Action)
}
