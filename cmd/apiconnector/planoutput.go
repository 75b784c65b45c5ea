package main

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/graph-apiconnector/apiconnector/reconcile"
)

// actionMarks prefix each change, as a diff does: + adds, ~ changes, - takes away.
var actionMarks = map[reconcile.Action]string{
	reconcile.ActionCreate: "+",
	reconcile.ActionUpdate: "~",
	reconcile.ActionBind:   "+",
	reconcile.ActionUnbind: "-",
	reconcile.ActionDelete: "-",
}

// writePlan prints a plan for people: a summary line, each change with a diff of its
// fields, and the notes. Secrets show only where they come from.
func writePlan(w io.Writer, file string, p *reconcile.Plan) error {
	var b strings.Builder
	if p.Empty() {
		fmt.Fprintf(&b, "No changes: the tenant matches %s (%s).\n", file, p.Version)
	} else {
		fmt.Fprintf(&b, "Plan for %s (%s): %d to create, %d to update, %d to bind, %d to unbind, %d to delete.\n\n",
			file, p.Version, p.Count(reconcile.ActionCreate), p.Count(reconcile.ActionUpdate),
			p.Count(reconcile.ActionBind), p.Count(reconcile.ActionUnbind), p.Count(reconcile.ActionDelete))
		for _, ch := range p.Changes {
			writeChange(&b, ch)
		}
	}
	for _, note := range p.Notes {
		fmt.Fprintf(&b, "\nNote: %s\n", note)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func writeChange(b *strings.Builder, ch reconcile.Change) {
	fmt.Fprintf(b, "%s %s\n", actionMarks[ch.Action], describeChange(ch))
	width := 0
	for _, f := range ch.Fields {
		width = max(width, len(f.Name))
	}
	for _, f := range ch.Fields {
		fmt.Fprintf(b, "    %-*s  %s\n", width+1, f.Name+":", fieldValue(ch.Action, f))
	}
}

// describeChange is "create connector loyalty" or "bind B2X_1_partner postAttributeCollection".
func describeChange(ch reconcile.Change) string {
	if ch.Kind == reconcile.KindBinding {
		return fmt.Sprintf("%s user flow %s %s", ch.Action, ch.UserFlow, ch.Step)
	}
	s := fmt.Sprintf("%s connector %s", ch.Action, ch.Name)
	if ch.ID != "" {
		s += " (id " + ch.ID + ")"
	}
	return s
}

func fieldValue(action reconcile.Action, f reconcile.Field) string {
	if f.Secret {
		return "(secret, sent from " + f.Source + "; never shown)"
	}
	value := quoteOrNone(f.New)
	if f.Source != "" {
		value += " (from " + f.Source + ")"
	}
	switch action {
	case reconcile.ActionCreate:
		return value
	case reconcile.ActionDelete, reconcile.ActionUnbind:
		return quoteOrNone(f.Old) + " -> (none)"
	default:
		return quoteOrNone(f.Old) + " -> " + value
	}
}

func quoteOrNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return strconv.Quote(s)
}

// writeResult prints one applied (or failed) change as apply goes.
func writeResult(w io.Writer, r reconcile.Result) {
	// describeChange shows the id, the one Graph gave a created connector included.
	line := fmt.Sprintf("%s: %s", r.Status, describeChange(r.Change))
	if r.Error != "" {
		line += ": " + strings.ReplaceAll(r.Error, "apiconnector: ", "")
	}
	diagf(w, "%s\n", line)
}

// writeSummary says how an apply ended and, when it stopped, what was not done.
func writeSummary(w io.Writer, report *reconcile.Report) {
	counts := map[reconcile.Status]int{}
	var notApplied []string
	for _, r := range report.Changes {
		counts[r.Status]++
		if r.Status == reconcile.StatusNotApplied {
			notApplied = append(notApplied, describeChange(r.Change))
		}
	}
	if report.Complete {
		diagf(w, "\nApply complete: %d applied.\n", counts[reconcile.StatusApplied])
		return
	}
	diagf(w, "\nApply stopped: %d applied, %d failed, %d with an unknown outcome, %d not applied.\n",
		counts[reconcile.StatusApplied], counts[reconcile.StatusFailed], counts[reconcile.StatusUnknown], counts[reconcile.StatusNotApplied])
	for _, n := range notApplied {
		diagf(w, "  not applied: %s\n", n)
	}
	if counts[reconcile.StatusUnknown] > 0 {
		diagf(w, "The request of the change with an unknown outcome went out and no answer came: Graph may have acted on it.\n")
	}
	diagf(w, "Run apply again once the cause is fixed: it plans afresh, finds connectors by displayName, and creates nothing twice.\n")
}
