package main

import (
	"flag"
	"io"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// commandFlags returns the flags a command defines, by the name the user types.
func commandFlags(t *testing.T, spec commandSpec) []string {
	t.Helper()
	// A command's flags are defined where it runs; its --help lists each as "  --name"
	// (a one-letter one as "  -f").
	_, stdout, _ := runWithStdin("", append(strings.Fields(spec.name), "--help")...)
	var names []string
	for _, line := range strings.Split(stdout, "\n") {
		if rest, ok := strings.CutPrefix(line, "  --"); ok {
			names = append(names, "--"+strings.Fields(rest)[0])
		} else if rest, ok := strings.CutPrefix(line, "  -"); ok && rest != "" && rest[0] != ' ' {
			names = append(names, "-"+strings.Fields(rest)[0]) // a one-letter flag, as -f
		}
	}
	return names
}

func TestHelpPrintsEachCommandsUsageAndFlags(t *testing.T) {
	for _, spec := range commandTable() {
		t.Run(spec.name, func(t *testing.T) {
			code, viaHelp, stderr := runWithStdin("", append([]string{"help"}, strings.Fields(spec.name)...)...)
			require.Equal(t, exitOK, code, stderr)
			assert.Empty(t, stderr)
			assert.True(t, strings.HasPrefix(viaHelp, "usage: apiconnector "+spec.name+" "), viaHelp)

			code, viaFlag, stderr := runWithStdin("", append(strings.Fields(spec.name), "--help")...)
			require.Equal(t, exitOK, code, stderr)
			assert.Equal(t, viaHelp, viaFlag, "help %s and %s --help print the same", spec.name, spec.name)
			flags := commandFlags(t, spec)
			if spec.graph {
				assert.Subset(t, flags, []string{"--fake", "--base-url", "--cloud", "--api-version", "--output", "--verbose"})
			}
		})
	}
}

// TestHelpListsEveryFlagACommandDefines parses each Graph command's flag set as the command
// builds it, so a flag added to a command cannot be missing from its help.
func TestHelpListsEveryFlagACommandDefines(t *testing.T) {
	for _, spec := range commandTable() {
		if !spec.graph {
			continue
		}
		c := newCommand(spec.name, strings.NewReader(""), io.Discard, io.Discard)
		var want []string
		c.flags.VisitAll(func(f *flag.Flag) { want = append(want, "--"+f.Name) })
		assert.Subset(t, commandFlags(t, spec), want, spec.name)
	}
}

func TestHelpWithoutACommandPrintsTheCommandList(t *testing.T) {
	for _, args := range [][]string{{"help"}, {"--help"}, {"-h"}} {
		code, stdout, stderr := runWithStdin("", args...)
		require.Equal(t, exitOK, code, stderr)
		for _, spec := range commandTable() {
			assert.Contains(t, stdout, "\n  "+spec.name+" ", args)
		}
	}
}

func TestHelpForAnUnknownCommandExitsTwo(t *testing.T) {
	for _, args := range [][]string{{"help", "unknown"}, {"help", "get", "extra"}, {"unknown"}} {
		code, stdout, stderr := runWithStdin("", args...)
		assert.Equal(t, exitUsage, code, args)
		assert.Empty(t, stdout)
		assert.Contains(t, stderr, "usage: apiconnector <command>")
	}
}

func TestMissingOrExtraArgumentsSayWhatWasExpected(t *testing.T) {
	for _, tc := range []struct {
		args      []string
		firstLine string
	}{
		{[]string{"get", "--fake"}, "apiconnector get: missing connector ID"},
		{[]string{"delete"}, "apiconnector delete: missing connector ID"},
		{[]string{"update", "--display-name", "x"}, "apiconnector update: missing connector ID"},
		{[]string{"upload-cert", "--pkcs12-file", "c.pfx"}, "apiconnector upload-cert: missing connector ID"},
		{[]string{"get", "a", "b", "--fake"}, `apiconnector get: unexpected argument "b"`},
		{[]string{"list", "--fake", "extra"}, `apiconnector list: unexpected argument "extra"`},
		{[]string{"serve", "extra"}, `apiconnector serve: unexpected argument "extra"`},
		{[]string{"list", "--bogus"}, "apiconnector list: flag provided but not defined: --bogus"},
		{[]string{"list", "--top", "many"}, `apiconnector list: invalid value "many" for flag --top: parse error`},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			code, stdout, stderr := runWithStdin("", tc.args...)
			assert.Equal(t, exitUsage, code)
			assert.Empty(t, stdout)
			first, rest, _ := strings.Cut(stderr, "\n")
			assert.Equal(t, tc.firstLine, first)
			assert.True(t, strings.HasPrefix(rest, "usage: apiconnector "+tc.args[0]+" "), "the usage follows: %s", rest)
		})
	}
}

// TestErrorsNameTheFlagTyped: the client checks the input and names its fields; the command
// reports each under the flag that set it, with one prefix.
func TestErrorsNameTheFlagTyped(t *testing.T) {
	wrongPFX := writePFX(t, "right")
	for _, tc := range []struct {
		name  string
		stdin string
		args  []string
		flag  string
		code  int
	}{
		{"relative target", "p", []string{"create", "--fake", "--display-name", "x", "--target-url", "/api", "--username", "u", "--password-stdin"}, "--target-url", exitUsage},
		{"no display name", "p", []string{"create", "--fake", "--target-url", "https://a.example", "--username", "u", "--password-stdin"}, "--display-name", exitUsage},
		{"no password", "", []string{"create", "--fake", "--display-name", "x", "--target-url", "https://a.example", "--username", "u"}, "--password-stdin", exitUsage},
		{"no authentication", "", []string{"create", "--fake", "--display-name", "x", "--target-url", "https://a.example"}, "--username or --pkcs12-file", exitUsage},
		{"wrong pfx password", "wrong", []string{"create", "--fake", "--display-name", "x", "--target-url", "https://a.example", "--pkcs12-file", wrongPFX, "--pkcs12-password-stdin"}, "--pkcs12-password-stdin", exitUsage},
		{"upload without a file", "", []string{"upload-cert", "--fake", "id"}, "--pkcs12-file", exitUsage},
		{"negative top", "", []string{"list", "--fake", "--top", "-1"}, "--top", exitUsage},
		{"empty select", "", []string{"list", "--fake", "--select", "id,"}, "--select", exitUsage},
		{"no user flow", "", []string{"attach", "--fake", "--step", "postAttributeCollection", "--connector", "c"}, "--user-flow", exitUsage},
		{"bad step", "", []string{"detach", "--fake", "--user-flow", "B2X_1_f", "--step", "preSignup"}, "--step", exitUsage},
		{"b2c on v1.0", "", []string{"detach", "--fake", "--kind", "b2c", "--user-flow", "B2C_1_f", "--step", "postAttributeCollection"}, "--kind", exitUsage},
		{"no connector", "", []string{"attach", "--fake", "--user-flow", "B2X_1_f", "--step", "postAttributeCollection"}, "--connector", exitUsage},
		{"dot id", "", []string{"get", "--fake", ".."}, "connector ID", exitUsage},
		{"bad cloud", "", []string{"list", "--cloud", "mars"}, "--cloud", exitUsage},
		{"bad version", "", []string{"list", "--fake", "--api-version", "v2"}, "--api-version", exitUsage},
		{"plain-http base URL", "", []string{"list", "--base-url", "http://graph.example.com"}, "--base-url", exitUsage},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := runWithStdin(tc.stdin, tc.args...)
			assert.Equal(t, tc.code, code, stderr)
			assert.Empty(t, stdout)
			lines := strings.Split(strings.TrimRight(stderr, "\n"), "\n")
			prefix := "apiconnector " + tc.args[0] + ": "
			assert.True(t, strings.HasPrefix(lines[0], prefix+tc.flag+": "), "%q names %s", lines[0], tc.flag)
			for _, line := range lines {
				assert.Equal(t, 1, strings.Count(line, "apiconnector"), "one prefix: %q", line)
				for _, field := range []string{"targetUrl", "displayName", "DisplayName", "auth.", "flowID", "connectorID", "pkcs12Value"} {
					assert.NotContains(t, line, field, "an API field name instead of the flag")
				}
			}
		})
	}
}

func TestUpdateThatChangesNothingNamesTheFlags(t *testing.T) {
	code, _, stderr := runWithStdin("", "update", "--fake", "some-id")
	assert.Equal(t, exitUsage, code)
	assert.Equal(t, 1, strings.Count(stderr, "\n"), stderr)
	assert.True(t, strings.HasPrefix(stderr, "apiconnector update: nothing to change"), stderr)
	assert.Contains(t, stderr, "--display-name")
	assert.NotContains(t, stderr, "DisplayName")
}

func TestVersionComesFromBuildInfo(t *testing.T) {
	for _, tc := range []struct {
		name string
		info *debug.BuildInfo
		ok   bool
		want string
	}{
		{"installed at a tag", &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "v1.2.3"}}, true, "apiconnector v1.2.3 go1.26.8"},
		{"built in a checkout", &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "v0.0.0-20261201120000-abcdef123456+dirty"}}, true, "apiconnector v0.0.0-20261201120000-abcdef123456+dirty go1.26.8"},
		{"go run", &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "(devel)"}, Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: "abc123"}}}, true, "apiconnector (devel) abc123 go1.26.8"},
		{"no build info", nil, false, "apiconnector (unknown version: built without module information)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, versionLine(tc.info, tc.ok))
		})
	}

	info, ok := debug.ReadBuildInfo()
	code, stdout, stderr := runWithStdin("", "--version")
	require.Equal(t, exitOK, code, stderr)
	assert.Equal(t, versionLine(info, ok)+"\n", stdout)
}

func TestFakeHelpSaysEachProcessStartsEmpty(t *testing.T) {
	_, stdout, _ := runWithStdin("", "help", "list")
	var fakeLine string
	for _, line := range strings.Split(stdout, "\n") {
		if strings.HasPrefix(line, "  --fake ") {
			fakeLine = line
		}
	}
	require.NotEmpty(t, fakeLine, stdout)
	assert.Contains(t, fakeLine, "empty")
	assert.Contains(t, fakeLine, "apiconnector serve")
}

// TestACommandGroupListsItsSubcommands: "endpoint" is not a command but the group of
// "endpoint test"; help for it lists the group, and without a subcommand it is a usage error.
func TestACommandGroupListsItsSubcommands(t *testing.T) {
	subs := groupCommands("endpoint")
	require.NotEmpty(t, subs)
	for _, spec := range subs {
		assert.True(t, strings.HasPrefix(spec.name, "endpoint "), spec.name)
	}
	assert.Empty(t, groupCommands("get"), "a one-word command is no group")
	assert.Empty(t, groupCommands("unknown"))

	for _, tc := range []struct {
		args      []string
		want      int
		firstLine string // of stderr, when it is an error
	}{
		{[]string{"help", "endpoint"}, exitOK, ""},
		{[]string{"endpoint", "--help"}, exitOK, ""},
		{[]string{"endpoint", "-h"}, exitOK, ""},
		{[]string{"endpoint"}, exitUsage, "apiconnector endpoint: missing subcommand"},
		{[]string{"endpoint", "bogus"}, exitUsage, `apiconnector endpoint: unknown subcommand "bogus"`},
		{[]string{"endpoint", "--url", "http://127.0.0.1:1"}, exitUsage, `apiconnector endpoint: unknown subcommand "--url"`},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			code, stdout, stderr := runWithStdin("", tc.args...)
			assert.Equal(t, tc.want, code, stderr)
			listing := stdout
			if tc.want == exitOK {
				assert.Empty(t, stderr)
			} else {
				assert.Empty(t, stdout)
				first, rest, _ := strings.Cut(stderr, "\n")
				assert.Equal(t, tc.firstLine, first)
				listing = rest
			}
			assert.True(t, strings.HasPrefix(listing, "usage: apiconnector endpoint <subcommand>"), listing)
			for _, spec := range subs {
				assert.Contains(t, listing, "\n  "+spec.name+"  ", "the group lists %s", spec.name)
			}
		})
	}

	code, stdout, _ := runWithStdin("", "endpoint", "test", "--help")
	assert.Equal(t, exitOK, code, "a subcommand's own help is unchanged")
	assert.True(t, strings.HasPrefix(stdout, "usage: apiconnector endpoint test --url"), stdout)
}
