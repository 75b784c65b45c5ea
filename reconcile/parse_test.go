package reconcile

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graph-apiconnector/apiconnector/client"
	"github.com/graph-apiconnector/apiconnector/internal/testpfx"
)

// plantedSecret is a password no output may contain.
const plantedSecret = "planted-Secr3t-91d4"

func TestParseTheIssuesExampleAsWritten(t *testing.T) {
	data, err := os.ReadFile("../examples/declarative/connectors.yaml")
	require.NoError(t, err)
	f, err := Parse("connectors.yaml", data)
	require.NoError(t, err)
	assert.Equal(t, client.VersionV1, f.Version)
	require.Len(t, f.Connectors, 2)
	assert.Equal(t, "loyalty", f.Connectors[0].Name)
	assert.Equal(t, "Loyalty check", f.Connectors[0].DisplayName)
	assert.Equal(t, &BasicSpec{Username: "svc-loyalty", PasswordEnv: "LOYALTY_PASSWORD", passwordEnvLine: 13}, f.Connectors[0].Basic)
	assert.Equal(t, "approvals.pfx", f.Connectors[1].Certificate.PKCS12File)
	require.Len(t, f.UserFlows, 1)
	assert.Equal(t, client.B2X, f.UserFlows[0].Kind)
	assert.Equal(t, map[client.Step]string{client.PostAttributeCollection: "loyalty", client.PostFederationSignup: "approvals"}, f.UserFlows[0].Steps)
}

func TestParseJSON(t *testing.T) {
	data, err := os.ReadFile("../examples/declarative/connectors.json")
	require.NoError(t, err)
	f, err := Parse("connectors.json", data)
	require.NoError(t, err)
	assert.Equal(t, client.VersionBeta, f.Version)
	require.Len(t, f.UserFlows, 2)
	assert.Equal(t, client.B2C, f.UserFlows[1].Kind)
}

type kindAndLine struct {
	kind ProblemKind
	line int
}

func kindsAndLines(fe *FileError) []kindAndLine {
	out := make([]kindAndLine, 0, len(fe.Problems))
	for _, p := range fe.Problems {
		out = append(out, kindAndLine{p.Kind, p.Line})
	}
	return out
}

// badFiles are files Parse refuses, each with the kind and line of the problem it has.
var badFiles = []struct {
	name string
	kind ProblemKind
	line int
	file string
}{
	{"unknown top-level key", KindUnknownKey, 3, "version: v1.0\nconnectors: {}\nconectors: {}\n"},
	{"unknown connector key", KindUnknownKey, 5, `version: v1.0
connectors:
  a:
    displayName: A
    targetURL: https://a.example.org
    auth: {basic: {username: u, passwordEnv: A_PASSWORD}}
`},
	{"unknown auth key", KindUnknownKey, 7, `version: v1.0
connectors:
  a:
    displayName: A
    targetUrl: https://a.example.org
    auth:
      bearer: {token: x}
`},
	{"unknown basic key", KindUnknownKey, 9, `version: v1.0
connectors:
  a:
    displayName: A
    targetUrl: https://a.example.org
    auth:
      basic:
        username: u
        password: x
`},
	{"unknown user flow key", KindUnknownKey, 10, `version: v1.0
connectors:
  a:
    displayName: A
    targetUrl: https://a.example.org
    auth: {basic: {username: u, passwordEnv: A_PASSWORD}}
userFlows:
  - id: B2X_1_partner
    kind: b2x
    preSignup: a
`},
	{"reference to a connector that does not exist", KindUnknownConnector, 9, `version: v1.0
connectors:
  a:
    displayName: A
    targetUrl: https://a.example.org
    auth: {basic: {username: u, passwordEnv: A_PASSWORD}}
userFlows:
  - id: B2X_1_partner
    postAttributeCollection: b
`},
	{"duplicate displayName", KindDuplicateDisplayName, 8, `version: v1.0
connectors:
  a:
    displayName: Same
    targetUrl: https://a.example.org
    auth: {basic: {username: u, passwordEnv: A_PASSWORD}}
  b:
    displayName: Same
    targetUrl: https://b.example.org
    auth: {basic: {username: u, passwordEnv: B_PASSWORD}}
`},
	{"b2c under v1.0", KindNotInVersion, 9, `version: v1.0
connectors:
  a:
    displayName: A
    targetUrl: https://a.example.org
    auth: {basic: {username: u, passwordEnv: A_PASSWORD}}
userFlows:
  - id: B2C_1_signup
    kind: b2c
    postAttributeCollection: a
`},
	{"duplicate key", KindDuplicateKey, 3, "version: v1.0\nconnectors: {}\nversion: beta\n"},
	{"not YAML", KindSyntax, 2, "version: v1.0\nconnectors: [\n"},
	{"empty", KindMissing, 1, ""},
	{"two documents", KindSyntax, 3, "version: v1.0\nconnectors: {}\n---\nversion: beta\n"},
	{"no version", KindMissing, 1, "connectors: {}\n"},
	{"version as a number", KindType, 1, "version: 1.0\nconnectors: {}\n"},
	{"unknown version", KindInvalid, 1, "version: v2.0\nconnectors: {}\n"},
	{"no connectors", KindMissing, 1, "version: v1.0\n"},
	{"connectors as a list", KindType, 2, "version: v1.0\nconnectors: [a]\n"},
	{"bad local name", KindInvalid, 3, `version: v1.0
connectors:
  "9 lives":
    displayName: A
    targetUrl: https://a.example.org
    auth: {basic: {username: u, passwordEnv: A_PASSWORD}}
`},
	{"no displayName", KindMissing, 3, `version: v1.0
connectors:
  a:
    targetUrl: https://a.example.org
    auth: {basic: {username: u, passwordEnv: A_PASSWORD}}
`},
	{"relative targetUrl", KindInvalid, 5, `version: v1.0
connectors:
  a:
    displayName: A
    targetUrl: /check
    auth: {basic: {username: u, passwordEnv: A_PASSWORD}}
`},
	{"no auth", KindMissing, 3, `version: v1.0
connectors:
  a:
    displayName: A
    targetUrl: https://a.example.org
`},
	{"both kinds of auth", KindInvalid, 8, `version: v1.0
connectors:
  a:
    displayName: A
    targetUrl: https://a.example.org
    auth:
      basic: {username: u, passwordEnv: A_PASSWORD}
      certificate: {pkcs12File: a.pfx}
`},
	{"a password where its variable goes", KindInvalid, 6, `version: v1.0
connectors:
  a:
    displayName: A
    targetUrl: https://a.example.org
    auth: {basic: {username: u, passwordEnv: "` + plantedSecret + `"}}
`},
	{"no passwordEnv for basic", KindMissing, 7, `version: v1.0
connectors:
  a:
    displayName: A
    targetUrl: https://a.example.org
    auth:
      basic:
        username: u
`},
	{"unknown user flow kind", KindInvalid, 5, "version: beta\nconnectors: {}\nuserFlows:\n  - id: X\n    kind: b2b\n"},
	{"duplicate user flow", KindDuplicateUserFlow, 5, "version: v1.0\nconnectors: {}\nuserFlows:\n  - id: B2X_1_partner\n  - id: B2X_1_partner\n"},
	{"user flows as a mapping", KindType, 4, "version: v1.0\nconnectors: {}\nuserFlows:\n  B2X_1_partner: {}\n"},
	{"unknown key in JSON", KindUnknownKey, 4, "{\n  \"version\": \"v1.0\",\n  \"connectors\": {},\n  \"userflows\": []\n}\n"},
}

func TestParseRefusesBadFilesAtTheirLine(t *testing.T) {
	for _, tc := range badFiles {
		t.Run(tc.name, func(t *testing.T) {
			f, err := Parse("bad.yaml", []byte(tc.file))
			assert.Nil(t, f)
			var fe *FileError
			require.ErrorAs(t, err, &fe)
			assert.Contains(t, kindsAndLines(fe), kindAndLine{tc.kind, tc.line})
			assert.Equal(t, "bad.yaml", fe.File)
			assert.Contains(t, err.Error(), "bad.yaml:", "the message names the file and line")
			assert.NotContains(t, err.Error(), plantedSecret)
		})
	}
}

func TestParseReportsEveryProblemInLineOrder(t *testing.T) {
	_, err := Parse("bad.yaml", []byte(`version: v1.0
extra: 1
connectors:
  a:
    displayName: A
    targetUrl: nope
    auth: {basic: {username: u, passwordEnv: A_PASSWORD}}
userFlows:
  - id: B2C_1_x
    kind: b2c
    postFederationSignup: missing
`))
	var fe *FileError
	require.ErrorAs(t, err, &fe)
	var got []ProblemKind
	var lines []int
	for _, p := range fe.Problems {
		got = append(got, p.Kind)
		lines = append(lines, p.Line)
	}
	assert.Equal(t, []ProblemKind{KindUnknownKey, KindInvalid, KindNotInVersion, KindUnknownConnector}, got)
	assert.Equal(t, []int{2, 6, 10, 11}, lines)
}

func TestParseAcceptsANullStepAndDefaultsToB2X(t *testing.T) {
	f, err := Parse("ok.yaml", []byte("version: v1.0\nconnectors: {}\nuserFlows:\n  - id: B2X_1_partner\n    postFederationSignup: null\n"))
	require.NoError(t, err)
	require.Len(t, f.UserFlows, 1)
	assert.Equal(t, client.B2X, f.UserFlows[0].Kind)
	assert.Empty(t, f.UserFlows[0].Steps)
}

// secretFile is a valid file with one basic and one certificate connector.
func secretFile(t *testing.T, pfxPassword string) string {
	t.Helper()
	dir := t.TempDir()
	pfx := testpfx.Valid(t, pfxPassword)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "c.pfx"), pfx.Data, 0o600))
	path := filepath.Join(dir, "connectors.yaml")
	require.NoError(t, os.WriteFile(path, []byte(`version: v1.0
connectors:
  a:
    displayName: A
    targetUrl: https://a.example.org
    auth:
      basic:
        username: u
        passwordEnv: A_PASSWORD
  c:
    displayName: C
    targetUrl: https://c.example.org
    auth:
      certificate:
        pkcs12File: c.pfx
        passwordEnv: C_PFX_PASSWORD
`), 0o600))
	return path
}

func env(vars map[string]string) LookupEnv {
	return func(name string) (string, bool) {
		v, ok := vars[name]
		return v, ok
	}
}

func TestLoadRefusesSecretsItCannotReadAtTheirLine(t *testing.T) {
	path := secretFile(t, plantedSecret)
	for _, tc := range []struct {
		name string
		vars map[string]string
		kind ProblemKind
		line int
	}{
		{"a missing environment variable", map[string]string{"C_PFX_PASSWORD": plantedSecret}, KindMissingEnv, 9},
		{"an empty environment variable", map[string]string{"A_PASSWORD": "", "C_PFX_PASSWORD": plantedSecret}, KindMissingEnv, 9},
		{"a missing .pfx password", map[string]string{"A_PASSWORD": plantedSecret}, KindMissingEnv, 16},
		{"a wrong .pfx password", map[string]string{"A_PASSWORD": plantedSecret, "C_PFX_PASSWORD": "wrong-" + plantedSecret}, KindPKCS12, 16},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d, err := Load(path, env(tc.vars))
			assert.Nil(t, d)
			var fe *FileError
			require.ErrorAs(t, err, &fe)
			require.Len(t, fe.Problems, 1)
			assert.Equal(t, tc.kind, fe.Problems[0].Kind)
			assert.Equal(t, tc.line, fe.Problems[0].Line)
			assert.NotContains(t, err.Error(), plantedSecret)
		})
	}
}

func TestLoadRefusesAPFXThatIsMissingOrNotAPFX(t *testing.T) {
	path := secretFile(t, "")
	vars := map[string]string{"A_PASSWORD": plantedSecret, "C_PFX_PASSWORD": plantedSecret}
	require.NoError(t, os.WriteFile(filepath.Join(filepath.Dir(path), "c.pfx"), []byte("not a pfx"), 0o600))
	_, err := Load(path, env(vars))
	var fe *FileError
	require.ErrorAs(t, err, &fe)
	assert.Equal(t, KindPKCS12, fe.Problems[0].Kind)
	assert.Equal(t, 15, fe.Problems[0].Line)

	require.NoError(t, os.Remove(filepath.Join(filepath.Dir(path), "c.pfx")))
	_, err = Load(path, env(vars))
	require.ErrorAs(t, err, &fe)
	assert.Equal(t, KindPKCS12, fe.Problems[0].Kind)
	assert.Equal(t, 15, fe.Problems[0].Line)
	assert.Contains(t, err.Error(), "c.pfx")
}

func TestLoadReadsSecretsThatNeverPrint(t *testing.T) {
	path := secretFile(t, plantedSecret)
	d, err := Load(path, env(map[string]string{"A_PASSWORD": plantedSecret, "C_PFX_PASSWORD": plantedSecret}))
	require.NoError(t, err)
	assert.Equal(t, plantedSecret, d.auth("a").(client.BasicAuth).Password)
	assert.Len(t, d.thumbprints["c"], 40)
	assertNoSecret(t, d)
}

func TestLoadNamesAFileThatCannotBeRead(t *testing.T) {
	_, err := Load(filepath.Join(t.TempDir(), "none.yaml"), env(nil))
	require.Error(t, err)
	assert.ErrorIs(t, err, os.ErrNotExist)
}
