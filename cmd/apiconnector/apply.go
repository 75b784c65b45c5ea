package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/graph-apiconnector/apiconnector/reconcile"
)

// stdinIsTerminal says whether apply may ask; tests replace it.
var stdinIsTerminal = func(stdin io.Reader) bool {
	if in, ok := stdin.(*secretInput); ok {
		stdin = in.Reader
	}
	f, ok := stdin.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}

// applyOutput is what apply --json prints: every change with its status.
type applyOutput struct {
	*reconcile.Report
	Notes []string `json:"notes,omitempty"`
}

func runApply(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	c := newCommand("apply", stdin, stdout, stderr)
	var sf stateFlags
	sf.register(c.flags, true)
	cl, plan, code := makePlan(ctx, c, &sf, args)
	if code >= 0 {
		return code
	}
	asJSON := jsonOutput(c, sf.json)
	// People read the plan on stdout; with --json, stdout holds only the JSON, so the plan
	// goes to stderr when there is someone to ask.
	planOut := stdout
	if asJSON {
		planOut = stderr
	}
	if !asJSON || (!sf.yes && !plan.Empty()) {
		if err := writePlan(planOut, sf.file, plan); err != nil {
			diagf(stderr, "apiconnector apply: %v\n", err)
			return exitViolation
		}
	}
	if !plan.Empty() && !sf.yes {
		if code := confirm(c, len(plan.Changes)); code >= 0 {
			return code
		}
	}
	progress := stdout
	if asJSON {
		progress = io.Discard
	}
	report, err := reconcile.Apply(ctx, cl, plan, func(r reconcile.Result) { writeResult(progress, r) })
	if asJSON {
		if code := c.writeJSON(applyOutput{Report: report, Notes: plan.Notes}); code != exitOK {
			return code
		}
	} else if !plan.Empty() {
		writeSummary(stdout, report)
	}
	if err != nil {
		// The report above says what was and was not applied; the cause goes with the other
		// diagnostics.
		diagf(stderr, "apiconnector apply: %s\n", plainMessage(err))
		return exitCodeOf(err)
	}
	return exitOK
}

// confirm asks on the terminal; -1 means go on. Not going on is exit 2, as for any other
// input that stops a command before it changes anything.
func confirm(c *command, changes int) int {
	if !stdinIsTerminal(c.stdin) {
		return c.fail(fmt.Errorf("standard input is not a terminal, so there is no one to ask: pass --yes to apply these %d changes; nothing was changed", changes))
	}
	diagf(c.stderr, "\nApply these %d changes? Only 'yes' goes on: ", changes)
	line, err := bufio.NewReader(io.LimitReader(c.stdin, 1024)).ReadString('\n')
	if err != nil && line == "" {
		diagf(c.stderr, "\napiconnector apply: no answer; nothing was changed\n")
		return exitUsage
	}
	if strings.TrimSpace(line) != "yes" {
		diagf(c.stderr, "apiconnector apply: cancelled; nothing was changed\n")
		return exitUsage
	}
	return -1
}
