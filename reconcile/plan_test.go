package reconcile

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graph-apiconnector/apiconnector/client"
	"github.com/graph-apiconnector/apiconnector/internal/testpfx"
)

// issueFile is the issue's example, with the loyalty targetUrl and the .pfx name to vary.
const issueFile = `version: v1.0
connectors:
  loyalty:
    displayName: Loyalty check
    targetUrl: LOYALTY_URL
    auth:
      basic:
        username: svc-loyalty
        passwordEnv: LOYALTY_PASSWORD
  approvals:
    displayName: Approval check
    targetUrl: https://approvals.example.org/check
    auth:
      certificate:
        pkcs12File: PFX_FILE
        passwordEnv: APPROVALS_PFX_PASSWORD
userFlows:
  - id: B2X_1_partner
    kind: b2x
    postAttributeCollection: loyalty
    postFederationSignup: approvals
`

const loyaltyURL = "https://loyalty.example.org/check"

// issueSetup writes the issue's file with a fresh .pfx and sets its variables.
func issueSetup(h *harness) (path string, pfx testpfx.PFX) {
	pfx = testpfx.Valid(h.t, plantedSecret)
	h.writeFile("approvals.pfx", string(pfx.Data))
	h.vars["LOYALTY_PASSWORD"] = plantedSecret
	h.vars["APPROVALS_PFX_PASSWORD"] = plantedSecret
	return h.writeIssueFile(loyaltyURL, "approvals.pfx"), pfx
}

func (h *harness) writeIssueFile(url, pfxFile string) string {
	return h.writeFile("connectors.yaml", strings.NewReplacer("LOYALTY_URL", url, "PFX_FILE", pfxFile).Replace(issueFile))
}

func TestFirstApplyCreatesAndBindsThenThePlanIsEmpty(t *testing.T) {
	h := newHarness(t, client.VersionV1)
	path, pfx := issueSetup(h)

	p := h.plan(path, Options{})
	assert.Equal(t, []string{
		"create connector loyalty",
		"create connector approvals",
		"bind binding B2X_1_partner/postFederationSignup",
		"bind binding B2X_1_partner/postAttributeCollection",
	}, actions(p))
	assert.Equal(t, []Field{
		{Name: "displayName", New: "Loyalty check"},
		{Name: "targetUrl", New: loyaltyURL},
		{Name: "auth", New: "basic"},
		{Name: "auth.basic.username", New: "svc-loyalty"},
		{Name: "auth.basic.password", Secret: true, Source: "$LOYALTY_PASSWORD"},
	}, p.Changes[0].Fields)
	assert.Contains(t, p.Changes[1].Fields, Field{Name: "auth.certificate.thumbprint", New: pfx.Thumbprint, Source: "approvals.pfx"})
	assert.Equal(t, []string{notePasswords}, p.Notes, "plan says that passwords cannot be read back")

	report, err := Apply(context.Background(), h.c, p, nil)
	require.NoError(t, err)
	assert.True(t, report.Complete)
	assert.Equal(t, []Status{StatusApplied, StatusApplied, StatusApplied, StatusApplied}, statuses(report))

	tenant := h.connectors()
	require.Len(t, tenant, 2)
	assert.Equal(t, client.BasicAuth{Username: "svc-loyalty", Password: "******"}, tenant["Loyalty check"].Auth)
	certs := tenant["Approval check"].Auth.(client.ClientCertificates).Certificates
	require.Len(t, certs, 1)
	assert.Equal(t, pfx.Thumbprint, certs[0].Thumbprint)
	assert.Equal(t, map[client.Step]string{client.PostAttributeCollection: "Loyalty check", client.PostFederationSignup: "Approval check"},
		h.bound(client.B2X, "B2X_1_partner"))
	assert.Equal(t, tenant["Loyalty check"].ID, report.Changes[0].ID, "the report names the id Graph gave")

	h.sent()
	again := h.plan(path, Options{})
	assert.Empty(t, again.Changes, "apply followed by plan shows no changes")
	for _, r := range h.sent() {
		assert.Equal(t, "GET", r.method, "plan only reads: %s %s", r.method, r.path)
	}
}

func TestOneEditGivesOneUpdate(t *testing.T) {
	h := newHarness(t, client.VersionV1)
	path, _ := issueSetup(h)
	_, err := h.apply(path)
	require.NoError(t, err)

	path = h.writeIssueFile("https://loyalty.example.org/v2/check", "approvals.pfx")
	p := h.plan(path, Options{})
	require.Len(t, p.Changes, 1)
	ch := p.Changes[0]
	assert.Equal(t, ActionUpdate, ch.Action)
	assert.Equal(t, KindConnector, ch.Kind)
	assert.Equal(t, "loyalty", ch.Name)
	assert.Equal(t, h.connectors()["Loyalty check"].ID, ch.ID)
	assert.Equal(t, []Field{{Name: "targetUrl", Old: loyaltyURL, New: "https://loyalty.example.org/v2/check"}}, ch.Fields)

	h.sent()
	report, err := Apply(context.Background(), h.c, p, nil)
	require.NoError(t, err)
	assert.True(t, report.Complete)
	sent := h.sent()
	require.Len(t, sent, 1)
	assert.Equal(t, "PATCH", sent[0].method)
	assert.NotContains(t, sent[0].body, "password", "an edit of the URL sends no password")
	assert.Equal(t, "https://loyalty.example.org/v2/check", h.connectors()["Loyalty check"].TargetURL)
	assert.Empty(t, h.plan(path, Options{}).Changes)
}

func TestPruneDeletesOnlyWhatTheFileDoesNotName(t *testing.T) {
	h := newHarness(t, client.VersionV1)
	path, _ := issueSetup(h)
	_, err := h.apply(path)
	require.NoError(t, err)
	extra, err := h.c.Create(context.Background(), client.Connector{DisplayName: "Legacy check", TargetURL: "https://legacy.example.org", Auth: client.BasicAuth{Username: "u", Password: plantedSecret}})
	require.NoError(t, err)

	assert.Empty(t, h.plan(path, Options{}).Changes, "without --prune, connectors the file does not name are left alone")

	p := h.plan(path, Options{Prune: true})
	require.Len(t, p.Changes, 1)
	assert.Equal(t, Change{Action: ActionDelete, Kind: KindConnector, Name: "Legacy check", ID: extra.ID, DisplayName: "Legacy check",
		Fields: []Field{{Name: "displayName", Old: "Legacy check"}, {Name: "targetUrl", Old: "https://legacy.example.org"}}},
		withoutRun(p.Changes[0]))
	_, err = Apply(context.Background(), h.c, p, nil)
	require.NoError(t, err)
	tenant := h.connectors()
	assert.Len(t, tenant, 2)
	assert.NotContains(t, tenant, "Legacy check")
	assert.Empty(t, h.plan(path, Options{Prune: true}).Changes)
}

func withoutRun(c Change) Change {
	c.run = nil
	return c
}

func TestPlanOrdersCreatesAndUpdatesBeforeBindsAndUnbindsBeforeDeletes(t *testing.T) {
	h := newHarness(t, client.VersionV1)
	ctx := context.Background()
	kept, err := h.c.Create(ctx, client.Connector{DisplayName: "Kept", TargetURL: "https://old.example.org", Auth: client.BasicAuth{Username: "u", Password: plantedSecret}})
	require.NoError(t, err)
	gone, err := h.c.Create(ctx, client.Connector{DisplayName: "Gone", TargetURL: "https://gone.example.org", Auth: client.BasicAuth{Username: "u", Password: plantedSecret}})
	require.NoError(t, err)
	require.NoError(t, h.c.Attach(ctx, client.B2X, "B2X_1_partner", client.PostFederationSignup, gone.ID))
	h.vars["P"] = plantedSecret
	path := h.writeFile("order.yaml", `version: v1.0
connectors:
  kept:
    displayName: Kept
    targetUrl: https://new.example.org
    auth: {basic: {username: u, passwordEnv: P}}
  fresh:
    displayName: Fresh
    targetUrl: https://fresh.example.org
    auth: {basic: {username: u, passwordEnv: P}}
userFlows:
  - id: B2X_1_partner
    postAttributeCollection: fresh
`)
	p := h.plan(path, Options{Prune: true})
	assert.Equal(t, []string{
		"create connector fresh",
		"update connector kept",
		"bind binding B2X_1_partner/postAttributeCollection",
		"unbind binding B2X_1_partner/postFederationSignup",
		"delete connector Gone",
	}, actions(p))
	assert.Equal(t, []Field{{Name: "connector", Old: "Gone"}}, p.Changes[3].Fields)

	h.sent()
	_, err = Apply(ctx, h.c, p, nil)
	require.NoError(t, err)
	var order []string
	for _, r := range h.sent() {
		order = append(order, r.method+" "+r.path)
	}
	assert.Equal(t, []string{
		"POST /v1.0/identity/apiConnectors",
		"PATCH /v1.0/identity/apiConnectors/" + kept.ID,
		"PUT /v1.0/identity/b2xUserFlows/B2X_1_partner/apiConnectorConfiguration/postAttributeCollection/$ref",
		"PUT /v1.0/identity/b2xUserFlows/B2X_1_partner/apiConnectorConfiguration/postFederationSignup/$ref",
		"DELETE /v1.0/identity/apiConnectors/" + gone.ID,
	}, order)
	assert.Equal(t, map[client.Step]string{client.PostAttributeCollection: "Fresh", client.PostFederationSignup: ""}, h.bound(client.B2X, "B2X_1_partner"))
	assert.Empty(t, h.plan(path, Options{Prune: true}).Changes)
}

func TestACertificateIsUploadedOnceAndComparedByThumbprint(t *testing.T) {
	h := newHarness(t, client.VersionV1)
	path, first := issueSetup(h)
	_, err := h.apply(path)
	require.NoError(t, err)

	second := testpfx.Valid(t, plantedSecret)
	h.writeFile("approvals-2026.pfx", string(second.Data))
	path = h.writeIssueFile(loyaltyURL, "approvals-2026.pfx")
	p := h.plan(path, Options{})
	require.Len(t, p.Changes, 1)
	assert.Equal(t, ActionUpdate, p.Changes[0].Action)
	assert.Equal(t, []Field{{Name: "auth.certificate.thumbprint", Old: first.Thumbprint, New: second.Thumbprint, Source: "approvals-2026.pfx"}}, p.Changes[0].Fields)

	h.sent()
	_, err = Apply(context.Background(), h.c, p, nil)
	require.NoError(t, err)
	sent := h.sent()
	require.Len(t, sent, 1)
	assert.Equal(t, "POST", sent[0].method)
	assert.True(t, strings.HasSuffix(sent[0].path, "/uploadClientCertificate"), sent[0].path)

	certs := h.connectors()["Approval check"].Auth.(client.ClientCertificates).Certificates
	require.Len(t, certs, 2, "the earlier certificate stays, so the endpoint can roll over")
	assert.Equal(t, []string{first.Thumbprint, second.Thumbprint}, []string{certs[0].Thumbprint, certs[1].Thumbprint})

	assert.Empty(t, h.plan(path, Options{}).Changes, "a certificate already there is not sent again")
	assert.Equal(t, []string{"update connector loyalty"}, actions(h.plan(path, Options{RotateSecrets: true})),
		"--rotate-secrets sends passwords again, not certificates")
	for _, r := range h.sent() {
		assert.Equal(t, "GET", r.method)
	}
}

func TestRotateSecretsSendsEveryPasswordAgain(t *testing.T) {
	h := newHarness(t, client.VersionV1)
	path, _ := issueSetup(h)
	_, err := h.apply(path)
	require.NoError(t, err)

	rotated := "rotated-" + plantedSecret
	h.vars["LOYALTY_PASSWORD"] = rotated
	assert.Empty(t, h.plan(path, Options{}).Changes, "a changed password cannot be seen without --rotate-secrets")

	p := h.plan(path, Options{RotateSecrets: true})
	require.Len(t, p.Changes, 1, "certificates are compared by thumbprint, not rotated")
	assert.Equal(t, "loyalty", p.Changes[0].Name)
	assert.Equal(t, []Field{{Name: "auth.basic.password", Secret: true, Source: "$LOYALTY_PASSWORD"}}, p.Changes[0].Fields)

	h.sent()
	_, err = Apply(context.Background(), h.c, p, nil)
	require.NoError(t, err)
	sent := h.sent()
	require.Len(t, sent, 1)
	assert.Equal(t, "PATCH", sent[0].method)
	var body struct {
		Auth struct {
			Username string `json:"username"`
			Password string `json:"password"`
		} `json:"authenticationConfiguration"`
	}
	require.NoError(t, json.Unmarshal([]byte(sent[0].body), &body))
	assert.Equal(t, "svc-loyalty", body.Auth.Username)
	assert.Equal(t, rotated, body.Auth.Password, "the new password went to Graph")
}

func TestAChangeOfUsernameOrAuthTypeSetsTheWholeAuth(t *testing.T) {
	h := newHarness(t, client.VersionV1)
	path, pfx := issueSetup(h)
	_, err := h.apply(path)
	require.NoError(t, err)

	swapped := strings.NewReplacer(
		"username: svc-loyalty", "username: svc-loyalty-2",
		"pkcs12File: approvals.pfx\n        passwordEnv: APPROVALS_PFX_PASSWORD", "pkcs12File: approvals.pfx\n        passwordEnv: APPROVALS_PFX_PASSWORD\n  swapped:\n    displayName: Swapped\n    targetUrl: https://s.example.org\n    auth:\n      certificate:\n        pkcs12File: approvals.pfx\n        passwordEnv: APPROVALS_PFX_PASSWORD",
	).Replace(strings.NewReplacer("LOYALTY_URL", loyaltyURL, "PFX_FILE", "approvals.pfx").Replace(issueFile))
	_, err = h.c.Create(context.Background(), client.Connector{DisplayName: "Swapped", TargetURL: "https://s.example.org", Auth: client.BasicAuth{Username: "u", Password: plantedSecret}})
	require.NoError(t, err)
	path = h.writeFile("connectors.yaml", swapped)

	p := h.plan(path, Options{})
	require.Equal(t, []string{"update connector loyalty", "update connector swapped"}, actions(p))
	assert.Equal(t, []Field{
		{Name: "auth.basic.username", Old: "svc-loyalty", New: "svc-loyalty-2"},
		{Name: "auth.basic.password", Secret: true, Source: "$LOYALTY_PASSWORD"},
	}, p.Changes[0].Fields)
	assert.Equal(t, []Field{
		{Name: "auth", Old: "basic", New: "certificate"},
		{Name: "auth.certificate.thumbprint", New: pfx.Thumbprint, Source: "approvals.pfx"},
	}, p.Changes[1].Fields)
	_, err = Apply(context.Background(), h.c, p, nil)
	require.NoError(t, err)
	tenant := h.connectors()
	assert.Equal(t, "svc-loyalty-2", tenant["Loyalty check"].Auth.(client.BasicAuth).Username)
	assert.Equal(t, pfx.Thumbprint, tenant["Swapped"].Auth.(client.ClientCertificates).Certificates[0].Thumbprint)
	assert.Empty(t, h.plan(path, Options{}).Changes)
}

func TestPlanRefusesATenantItCannotMatch(t *testing.T) {
	h := newHarness(t, client.VersionV1)
	path, _ := issueSetup(h)
	ctx := context.Background()
	for range 2 {
		_, err := h.c.Create(ctx, client.Connector{DisplayName: "Loyalty check", TargetURL: "https://a.example.org", Auth: client.BasicAuth{Username: "u", Password: plantedSecret}})
		require.NoError(t, err)
	}
	_, err := MakePlan(ctx, h.c, h.load(path), Options{})
	var te *TenantError
	require.ErrorAs(t, err, &te)
	assert.Equal(t, 4, te.Line, "the line of the displayName both share")
	assert.Equal(t, path, te.File)
	assert.Contains(t, err.Error(), path+":4:")

	h2 := newHarness(t, client.VersionV1)
	h2.vars["P"] = plantedSecret
	missing := h2.writeFile("f.yaml", "version: v1.0\nconnectors: {}\nuserFlows:\n  - id: B2X_1_missing\n")
	_, err = MakePlan(ctx, h2.c, h2.load(missing), Options{})
	require.ErrorAs(t, err, &te)
	assert.Equal(t, 4, te.Line)
	require.ErrorIs(t, err, client.ErrNotFound)
}

func TestBetaFilesBindB2CUserFlows(t *testing.T) {
	h := newHarness(t, client.VersionBeta)
	h.vars["P"] = plantedSecret
	path := h.writeFile("beta.yaml", `version: beta
connectors:
  a:
    displayName: A
    targetUrl: https://a.example.org
    auth: {basic: {username: u, passwordEnv: P}}
userFlows:
  - id: B2C_1_signup
    kind: b2c
    postFederationSignup: a
`)
	_, err := h.apply(path)
	require.NoError(t, err)
	assert.Equal(t, "A", h.bound(client.B2C, "B2C_1_signup")[client.PostFederationSignup])
	assert.Empty(t, h.plan(path, Options{}).Changes)
}

func TestNoSecretInAPlanOrReport(t *testing.T) {
	h := newHarness(t, client.VersionV1)
	path, _ := issueSetup(h)
	p := h.plan(path, Options{RotateSecrets: true})
	assertNoSecret(t, p)
	for _, c := range p.Changes {
		assertNoSecret(t, c)
	}
	report, err := Apply(context.Background(), h.c, p, nil)
	require.NoError(t, err)
	assertNoSecret(t, report)
	for _, r := range report.Changes {
		assertNoSecret(t, r)
	}
	assertNoSecret(t, h.load(path))
}
