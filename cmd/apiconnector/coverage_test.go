package main

import (
	"bufio"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graph-apiconnector/apiconnector/client"
	"github.com/graph-apiconnector/apiconnector/gen"
	"github.com/graph-apiconnector/apiconnector/openapi"
)

// The places every operation of the spec must reach. TestEveryOperationIsCovered checks
// each operationId against each of them.
type surface string

const (
	clientMethod   surface = "client method (clientMethods below)"
	cliCommand     surface = "CLI command (operations of its commandTable entry)"
	fakeHandler    surface = "fake handler (a method of package fake named as in gen.StrictServerInterface)"
	fuzzSeed       surface = "fuzz seed (fake/testdata/fuzz/FuzzServeHTTP)"
	roundTripTypes surface = "body types (bodyTypes in contract/roundtrip_test.go)"
	typeScriptOps  surface = "TypeScript operation (reference/typescript/lib/operations.mjs)"
)

// deliberateOmissions are the operations left out of a place on purpose, each with why.
//
// To add an operation to the spec: give it a client method and list it in clientMethods,
// add its operationId to the operations of the CLI command that calls it (commands.go),
// implement its fake handler, let a documented exchange (contract/testdata/docs) or a seed of
// TestFuzzSeedsServeHTTP reach it, add its request and response types to bodyTypes in
// contract/roundtrip_test.go and its method and path to reference/typescript/lib/operations.mjs.
// Only where one of these makes no sense, add the operation here under that surface, with a
// reason a reviewer can check; an entry that stops being true fails the test too.
var deliberateOmissions = map[string]map[surface]string{
	"createB2xUserFlow": {
		clientMethod: "creating user flows is the tenant's setup, not connector management; the spec has it because the docs create a flow with its connectors",
		cliCommand:   "as for the client: attach binds connectors to flows that exist",
	},
	// The metadata operations reach a connector through a user-flow step, which the commands
	// already reach by the connector's id.
	"countApiConnectors":                     {cliCommand: "list prints the connectors; their number is its length"},
	"getB2xUserFlowStepApiConnector":         {cliCommand: stepCommandReason},
	"getB2cUserFlowStepApiConnector":         {cliCommand: stepCommandReason},
	"updateB2xUserFlowStepApiConnector":      {cliCommand: stepCommandReason},
	"updateB2cUserFlowStepApiConnector":      {cliCommand: stepCommandReason},
	"uploadB2xUserFlowStepClientCertificate": {cliCommand: stepCommandReason},
	"uploadB2cUserFlowStepClientCertificate": {cliCommand: stepCommandReason},
	"getB2xUserFlowApiConnectorReference":    {cliCommand: stepCommandReason},
	"getB2cUserFlowApiConnectorReference":    {cliCommand: stepCommandReason},
}

const stepCommandReason = "attach and detach print each step's connector id, and get, update and upload-cert act on that id, which is the same connector"

// clientMethods is the exported *client.Client method that sends each operation.
var clientMethods = map[string]string{
	"createApiConnector":                      "Create",
	"listApiConnectors":                       "List",
	"getApiConnector":                         "Get",
	"updateApiConnector":                      "Update",
	"deleteApiConnector":                      "Delete",
	"uploadClientCertificate":                 "UploadClientCertificate",
	"getB2xUserFlowApiConnectorConfiguration": "UserFlowConfiguration",
	"getB2cUserFlowApiConnectorConfiguration": "UserFlowConfiguration",
	"putB2xUserFlowApiConnectorReference":     "Attach",
	"putB2cUserFlowApiConnectorReference":     "Attach",
	"countApiConnectors":                      "Count",
	"getB2xUserFlowStepApiConnector":          "StepConnector",
	"getB2cUserFlowStepApiConnector":          "StepConnector",
	"updateB2xUserFlowStepApiConnector":       "UpdateStepConnector",
	"updateB2cUserFlowStepApiConnector":       "UpdateStepConnector",
	"uploadB2xUserFlowStepClientCertificate":  "UploadStepClientCertificate",
	"uploadB2cUserFlowStepClientCertificate":  "UploadStepClientCertificate",
	"getB2xUserFlowApiConnectorReference":     "Reference",
	"getB2cUserFlowApiConnectorReference":     "Reference",
	"deleteB2xUserFlowApiConnectorReference":  "RemoveReference",
	"deleteB2cUserFlowApiConnectorReference":  "RemoveReference",
}

// specOperation is one operation of openapi/openapi.yaml.
type specOperation struct {
	id, method, path string
}

func specOperations(t *testing.T) []specOperation {
	t.Helper()
	doc, err := openapi3.NewLoader().LoadFromData(openapi.Spec)
	require.NoError(t, err)
	var ops []specOperation
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			require.NotEmpty(t, op.OperationID, "%s %s has no operationId", method, path)
			ops = append(ops, specOperation{id: op.OperationID, method: strings.ToLower(method), path: path})
		}
	}
	sort.Slice(ops, func(i, j int) bool { return ops[i].id < ops[j].id })
	return ops
}

// TestEveryOperationIsCovered fails when an operation of the spec lacks any of the places
// it must reach, unless deliberateOmissions says why.
func TestEveryOperationIsCovered(t *testing.T) {
	ops := specOperations(t)
	found := map[surface]map[string]bool{
		clientMethod:   clientCoverage(t),
		cliCommand:     cliCoverage(),
		fakeHandler:    fakeCoverage(t, ops),
		fuzzSeed:       fuzzSeedCoverage(t, ops),
		roundTripTypes: roundTripCoverage(t),
		typeScriptOps:  typeScriptCoverage(t, ops),
	}
	ids := map[string]bool{}
	for _, op := range ops {
		ids[op.id] = true
		for _, s := range sortedSurfaces(found) {
			reason, omitted := deliberateOmissions[op.id][s]
			switch {
			case omitted && found[s][op.id]:
				t.Errorf("%s: has a %s now; remove it from deliberateOmissions (%q)", op.id, s, reason)
			case !omitted && !found[s][op.id]:
				t.Errorf("%s (%s %s): no %s", op.id, strings.ToUpper(op.method), op.path, s)
			}
		}
	}
	for id := range deliberateOmissions {
		assert.True(t, ids[id], "deliberateOmissions lists %s, which the spec does not have", id)
	}
	for _, s := range []surface{clientMethod, cliCommand} {
		for id := range found[s] {
			assert.True(t, ids[id], "the %s names %s, which the spec does not have", s, id)
		}
	}
}

func sortedSurfaces(found map[surface]map[string]bool) []surface {
	out := make([]surface, 0, len(found))
	for s := range found {
		out = append(out, s)
	}
	slices.Sort(out)
	return out
}

func clientCoverage(t *testing.T) map[string]bool {
	t.Helper()
	clientType := reflect.TypeFor[*client.Client]()
	out := map[string]bool{}
	for id, method := range clientMethods {
		if _, ok := clientType.MethodByName(method); ok {
			out[id] = true
		} else {
			t.Errorf("clientMethods maps %s to %s, which *client.Client does not have", id, method)
		}
	}
	return out
}

func cliCoverage() map[string]bool {
	out := map[string]bool{}
	for _, spec := range commandTable() {
		for _, id := range spec.operations {
			out[id] = true
		}
	}
	return out
}

// strictName is the method of gen.StrictServerInterface that oapi-codegen names after the
// operationId: the same letters, with initialisms in upper case (name-normalizer).
func strictName(strict reflect.Type, id string) (string, bool) {
	for i := range strict.NumMethod() {
		if name := strict.Method(i).Name; strings.EqualFold(name, id) {
			return name, true
		}
	}
	return "", false
}

// fakeCoverage finds the operations package fake declares a strict-server method for, by
// reading its source: the methods may sit on an unexported type.
func fakeCoverage(t *testing.T, ops []specOperation) map[string]bool {
	t.Helper()
	strict := reflect.TypeFor[gen.StrictServerInterface]()
	declared := map[string]bool{}
	fset := token.NewFileSet()
	files, err := filepath.Glob("../../fake/*.go")
	require.NoError(t, err)
	for _, path := range files {
		if strings.HasSuffix(path, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		require.NoError(t, err)
		for _, decl := range f.Decls {
			if fn, ok := decl.(*ast.FuncDecl); ok && fn.Recv != nil {
				declared[fn.Name.Name] = true
			}
		}
	}
	out := map[string]bool{}
	for _, op := range ops {
		name, inInterface := strictName(strict, op.id)
		require.True(t, inInterface, "gen.StrictServerInterface has no method for %s: regenerate gen/", op.id)
		out[op.id] = declared[name]
	}
	return out
}

// route returns the operation a method and request target reach: the version segment
// first, then the spec's path with literal segments matched case-insensitively, as Graph does.
func route(ops []specOperation, method, target string) (string, bool) {
	path, _, _ := strings.Cut(target, "?")
	segments := strings.Split(strings.Trim(path, "/"), "/")
	if len(segments) == 0 || (segments[0] != "v1.0" && segments[0] != "beta") {
		return "", false
	}
	segments = segments[1:]
	for _, op := range ops {
		if op.method != strings.ToLower(method) {
			continue
		}
		template := strings.Split(strings.Trim(op.path, "/"), "/")
		if len(template) != len(segments) {
			continue
		}
		match := true
		for i, seg := range template {
			isParam := strings.HasPrefix(seg, "{") && strings.HasSuffix(seg, "}")
			if !isParam && !strings.EqualFold(seg, segments[i]) {
				match = false
				break
			}
		}
		if match {
			return op.id, true
		}
	}
	return "", false
}

// fuzzSeedCoverage routes each FuzzServeHTTP seed (method and target are its first two
// values) to the operation it exercises.
func fuzzSeedCoverage(t *testing.T, ops []specOperation) map[string]bool {
	t.Helper()
	files, err := filepath.Glob("../../fake/testdata/fuzz/FuzzServeHTTP/*")
	require.NoError(t, err)
	require.NotEmpty(t, files)
	out := map[string]bool{}
	for _, path := range files {
		f, err := os.Open(path)
		require.NoError(t, err)
		var values []string
		lines := bufio.NewScanner(f)
		lines.Buffer(nil, 1<<20)
		for lines.Scan() && len(values) < 3 {
			values = append(values, lines.Text())
		}
		require.NoError(t, f.Close())
		require.Len(t, values, 3, path)
		method, err1 := strconv.Unquote(strings.TrimSuffix(strings.TrimPrefix(values[1], "string("), ")"))
		target, err2 := strconv.Unquote(strings.TrimSuffix(strings.TrimPrefix(values[2], "string("), ")"))
		if err1 != nil || err2 != nil {
			continue // a seed the fuzzer added, of arbitrary bytes
		}
		if id, ok := route(ops, method, target); ok {
			out[id] = true
		}
	}
	return out
}

// roundTripCoverage reads the keys of bodyTypes in contract/roundtrip_test.go.
func roundTripCoverage(t *testing.T) map[string]bool {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), "../../contract/roundtrip_test.go", nil, parser.SkipObjectResolution)
	require.NoError(t, err)
	out := map[string]bool{}
	ast.Inspect(f, func(n ast.Node) bool {
		spec, ok := n.(*ast.ValueSpec)
		if !ok || len(spec.Names) != 1 || spec.Names[0].Name != "bodyTypes" || len(spec.Values) != 1 {
			return true
		}
		lit, ok := spec.Values[0].(*ast.CompositeLit)
		require.True(t, ok, "bodyTypes is a map literal")
		for _, elt := range lit.Elts {
			kv, ok := elt.(*ast.KeyValueExpr)
			if !ok {
				continue
			}
			if key, ok := kv.Key.(*ast.BasicLit); ok && key.Kind == token.STRING {
				id, err := strconv.Unquote(key.Value)
				require.NoError(t, err)
				out[id] = true
			}
		}
		return false
	})
	require.NotEmpty(t, out, "bodyTypes not found in contract/roundtrip_test.go")
	return out
}

var typeScriptOperation = regexp.MustCompile(`\{\s*method:\s*"([a-z]+)",\s*path:\s*"([^"]+)"\s*\}`)

// typeScriptCoverage reads the operations list of reference/typescript/lib/operations.mjs.
func typeScriptCoverage(t *testing.T, ops []specOperation) map[string]bool {
	t.Helper()
	data, err := os.ReadFile("../../reference/typescript/lib/operations.mjs")
	require.NoError(t, err)
	listed := map[string]bool{}
	for _, m := range typeScriptOperation.FindAllStringSubmatch(string(data), -1) {
		listed[m[1]+" "+m[2]] = true
	}
	require.NotEmpty(t, listed, "no operations found in operations.mjs")
	out := map[string]bool{}
	for _, op := range ops {
		out[op.id] = listed[op.method+" "+op.path]
	}
	return out
}
