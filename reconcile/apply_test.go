package reconcile

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graph-apiconnector/apiconnector/client"
	"github.com/graph-apiconnector/apiconnector/fake"
)

// Each fault hits the second write of the first apply: the create of approvals, after
// loyalty's.
func TestAFaultMidApplyThenARerunConverges(t *testing.T) {
	for _, tc := range []struct {
		name   string
		inject func(*fake.Server)
		// the first apply's statuses, and whether it stopped with an error
		statuses []Status
		stopped  bool
		// whether the faulted create happened all the same
		createdAnyway bool
	}{
		{
			name:     "throttled with Retry-After, retried",
			inject:   func(s *fake.Server) { s.ThrottleNext(1, "2") },
			statuses: []Status{StatusApplied, StatusApplied, StatusApplied, StatusApplied},
		},
		{
			name:     "throttled on every attempt",
			inject:   func(s *fake.Server) { s.ThrottleNext(4, "1") },
			statuses: []Status{StatusApplied, StatusFailed, StatusNotApplied, StatusNotApplied},
			stopped:  true,
		},
		{
			name:     "503 without Retry-After, not retried",
			inject:   func(s *fake.Server) { s.UnavailableNext(1, "") },
			statuses: []Status{StatusApplied, StatusFailed, StatusNotApplied, StatusNotApplied},
			stopped:  true,
		},
		{
			name:          "connection reset after Graph created it",
			inject:        func(s *fake.Server) { s.DropNext(1, fake.DropAfterProcessing) },
			statuses:      []Status{StatusApplied, StatusUnknown, StatusNotApplied, StatusNotApplied},
			stopped:       true,
			createdAnyway: true,
		},
		{
			name:          "504 after Graph may have acted",
			inject:        func(s *fake.Server) { s.GatewayTimeoutNext(1) },
			statuses:      []Status{StatusApplied, StatusFailed, StatusNotApplied, StatusNotApplied},
			stopped:       true,
			createdAnyway: false,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, client.VersionV1)
			path, _ := issueSetup(h)
			h.before = func(write int, _ *http.Request) {
				if write == 2 {
					tc.inject(h.srv)
				}
			}
			var seen []Result
			report, err := Apply(context.Background(), h.c, h.plan(path, Options{}), func(r Result) { seen = append(seen, r) })
			h.before = nil
			assert.Equal(t, tc.statuses, statuses(report))
			assert.Equal(t, !tc.stopped, report.Complete)
			assert.Len(t, seen, len(report.Changes)-countStatus(report, StatusNotApplied), "progress sees each change tried")
			if !tc.stopped {
				require.NoError(t, err)
				assert.Contains(t, h.clock.sleeps(), 2*time.Second, "the client waited as Graph asked")
				assert.Empty(t, h.plan(path, Options{}).Changes)
				return
			}
			var step *StepError
			require.ErrorAs(t, err, &step)
			assert.Equal(t, 1, step.Index)
			assert.Equal(t, "approvals", step.Change.Name)
			assert.Equal(t, tc.statuses[1] == StatusUnknown, errIsOutcomeUnknown(err))
			assert.NotEmpty(t, report.Changes[1].Error)
			_, created := h.connectors()["Approval check"]
			assert.Equal(t, tc.createdAnyway, created)

			// The rerun: a fresh plan finds what was done by displayName.
			rerun := h.plan(path, Options{})
			var want []string
			if !tc.createdAnyway {
				want = append(want, "create connector approvals")
			}
			want = append(want, "bind binding B2X_1_partner/postFederationSignup", "bind binding B2X_1_partner/postAttributeCollection")
			assert.Equal(t, want, actions(rerun), "never a second create of what exists")
			report, err = Apply(context.Background(), h.c, rerun, nil)
			require.NoError(t, err)
			assert.True(t, report.Complete)
			assert.Len(t, h.connectors(), 2, "no duplicate")
			assert.Empty(t, h.plan(path, Options{}).Changes)
		})
	}
}

func countStatus(r *Report, s Status) int {
	n := 0
	for _, c := range r.Changes {
		if c.Status == s {
			n++
		}
	}
	return n
}

func errIsOutcomeUnknown(err error) bool {
	var step *StepError
	return errors.As(err, &step) && errors.Is(step, client.ErrOutcomeUnknown)
}

func TestAFailedBindStopsBeforeTheNextAndTheRerunFinishes(t *testing.T) {
	h := newHarness(t, client.VersionV1)
	path, _ := issueSetup(h)
	// Writes: two creates, then the binds; the first bind is refused for good.
	h.before = func(write int, _ *http.Request) {
		if write == 3 {
			h.srv.ThrottleNext(1, "86400")
		}
	}
	report, err := Apply(context.Background(), h.c, h.plan(path, Options{}), nil)
	h.before = nil
	require.ErrorIs(t, err, client.ErrThrottled)
	assert.Equal(t, []Status{StatusApplied, StatusApplied, StatusFailed, StatusNotApplied}, statuses(report))

	rerun := h.plan(path, Options{})
	assert.Equal(t, []string{"bind binding B2X_1_partner/postFederationSignup", "bind binding B2X_1_partner/postAttributeCollection"}, actions(rerun))
	_, err = Apply(context.Background(), h.c, rerun, nil)
	require.NoError(t, err)
	assert.Empty(t, h.plan(path, Options{}).Changes)
	assertNoSecret(t, report)
	assertNoSecretIn(t, err2s(err))
}

func TestADeleteOfAConnectorAlreadyGoneCountsAsDone(t *testing.T) {
	h := newHarness(t, client.VersionV1)
	ctx := context.Background()
	gone, err := h.c.Create(ctx, client.Connector{DisplayName: "Gone", TargetURL: "https://gone.example.org", Auth: client.BasicAuth{Username: "u", Password: plantedSecret}})
	require.NoError(t, err)
	path := h.writeFile("empty.yaml", "version: v1.0\nconnectors: {}\n")
	p := h.plan(path, Options{Prune: true})
	require.Len(t, p.Changes, 1)
	require.NoError(t, h.c.Delete(ctx, gone.ID))
	report, err := Apply(ctx, h.c, p, nil)
	require.NoError(t, err)
	assert.Equal(t, []Status{StatusApplied}, statuses(report))
}

func TestApplyRefusesAChangeMakePlanDidNotMake(t *testing.T) {
	h := newHarness(t, client.VersionV1)
	report, err := Apply(context.Background(), h.c, &Plan{Changes: []Change{{Action: ActionDelete, Kind: KindConnector, Name: "x"}}}, nil)
	require.ErrorIs(t, err, errNotPlanned)
	assert.Equal(t, []Status{StatusFailed}, statuses(report))
	assert.Empty(t, h.sent())
}
