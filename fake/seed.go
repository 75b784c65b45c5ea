package fake

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"slices"
	"strconv"

	"github.com/graph-apiconnector/apiconnector/gen"
	"github.com/graph-apiconnector/apiconnector/internal/jsonwalk"
	"github.com/graph-apiconnector/apiconnector/internal/secret"
)

// A seed file describes a starting tenant:
//
//	{
//	  "connectors": [{"id": "optional", "displayName": "…", "targetUrl": "https://…",
//	                  "authenticationConfiguration": {"@odata.type": "#microsoft.graph.basicAuthentication", "username": "u"}}],
//	  "userFlows":  [{"kind": "b2x", "id": "B2X_1_x",
//	                  "apiConnectorConfiguration": {"postAttributeCollection": "<connector id>"}}]
//	}
//
// A connector takes basic authentication (a password may be given and is dropped) or a
// pkcs12Certificate, whose file is parsed and dropped as on create. A user flow's steps may
// be bound to connectors of the seed, or of the store, by id: postFederationSignup,
// postAttributeCollection, and beta's preTokenIssuance, which no request can bind (it has no
// $ref) and which only beta shows.

type seedFile struct {
	Connectors []seedConnector `json:"connectors"`
	UserFlows  []seedUserFlow  `json:"userFlows"`
}

type seedConnector struct {
	ID                          string              `json:"id"`
	DisplayName                 string              `json:"displayName"`
	TargetURL                   string              `json:"targetUrl"`
	AuthenticationConfiguration *seedAuthentication `json:"authenticationConfiguration"`
}

type seedAuthentication struct {
	ODataType   string  `json:"@odata.type"`
	Username    *string `json:"username"`
	Password    *string `json:"password"`
	Pkcs12Value []byte  `json:"pkcs12Value"`
}

type seedUserFlow struct {
	Kind     UserFlowKind                            `json:"kind"`
	ID       string                                  `json:"id"`
	Bindings map[gen.UserFlowAPIConnectorStep]string `json:"apiConnectorConfiguration"`
}

// seededFlow is a user flow of the seed with its steps' connector ids.
type seededFlow struct {
	key      userFlowKey
	bindings map[gen.UserFlowAPIConnectorStep]string
}

// seedError names the field of the seed file that is wrong, as connectors[2].targetUrl.
type seedError struct {
	field  string
	reason string
}

func (e *seedError) Error() string { return "fake: seed: " + e.field + ": " + e.reason }

func seedField(list string, index int, field string) string {
	return list + "[" + strconv.Itoa(index) + "]." + field
}

// LoadSeed adds the connectors and user flows of a JSON seed file. On any error, which
// names the offending field, nothing is loaded. Connectors without an id get one from the
// id generator.
func (s *Server) LoadSeed(r io.Reader) error {
	data, err := io.ReadAll(io.LimitReader(r, maxSeedBytes+1))
	switch {
	case err != nil:
		return fmt.Errorf("fake: seed: %w", err)
	case len(data) > maxSeedBytes:
		return fmt.Errorf("fake: seed: larger than %d bytes", maxSeedBytes)
	}
	if err := checkSeedSpelling(data); err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var file seedFile
	if err := dec.Decode(&file); err != nil {
		return fmt.Errorf("fake: seed: %w", err)
	}
	if dec.More() {
		return errors.New("fake: seed: the file holds more than one JSON value")
	}

	connectors := make([]connectorRecord, 0, len(file.Connectors))
	ids := map[string]int{}
	for i, c := range file.Connectors {
		record, err := s.seededConnector(i, c)
		if err != nil {
			return err
		}
		if first, ok := ids[record.id]; ok {
			return &seedError{field: seedField("connectors", i, "id"), reason: "repeats the id of connectors[" + strconv.Itoa(first) + "]"}
		}
		ids[record.id] = i
		connectors = append(connectors, record)
	}

	flows := make([]seededFlow, 0, len(file.UserFlows))
	seen := map[userFlowKey]int{}
	for i, f := range file.UserFlows {
		switch {
		case !f.Kind.valid():
			return &seedError{field: seedField("userFlows", i, "kind"), reason: `must be "b2x" or "b2c"`}
		case f.ID == "":
			return &seedError{field: seedField("userFlows", i, "id"), reason: "is required"}
		}
		key := userFlowKey{kind: f.Kind, id: f.ID}
		if first, ok := seen[key]; ok {
			return &seedError{field: seedField("userFlows", i, "id"), reason: "repeats userFlows[" + strconv.Itoa(first) + "]"}
		}
		seen[key] = i
		for step := range f.Bindings {
			if !slices.Contains(steps, step) {
				return &seedError{field: seedField("userFlows", i, "apiConnectorConfiguration."+string(step)), reason: "is not a step: postFederationSignup, postAttributeCollection or preTokenIssuance"}
			}
		}
		flows = append(flows, seededFlow{key: key, bindings: f.Bindings})
	}
	return s.store.load(connectors, flows)
}

// maxSeedBytes bounds a seed file: thousands of connectors, with room to spare.
const maxSeedBytes = 64 << 20

// seedNames are the property names of a seed file, by their folded spelling.
var seedNames = func() map[string]string {
	out := map[string]string{}
	for _, n := range []string{"connectors", "userFlows", "id", "displayName", "targetUrl", "authenticationConfiguration",
		"@odata.type", "username", "password", "pkcs12Value", "kind", "apiConnectorConfiguration"} {
		out[secret.Fold(n)] = n
	}
	return out
}()

// checkSeedSpelling refuses repeated names and names spelled otherwise than documented,
// which encoding/json would otherwise merge or match regardless of case, as the fake
// refuses them in requests (see decoding.go).
func checkSeedSpelling(data []byte) error {
	var problem *seedError
	_ = jsonwalk.Walk(data, func(m *jsonwalk.Member) {
		if problem != nil || m.InArray {
			return
		}
		switch documented, ok := seedNames[secret.Fold(m.Key)]; {
		case m.Duplicate:
			problem = &seedError{field: m.Pointer(), reason: "repeats a name of its object"}
		case ok && documented != m.Key:
			problem = &seedError{field: m.Pointer(), reason: "must be spelled " + strconv.Quote(documented)}
		}
	})
	if problem != nil {
		return problem
	}
	return nil
}

func (s *Server) seededConnector(i int, c seedConnector) (connectorRecord, error) {
	field := func(name string) string { return seedField("connectors", i, name) }
	switch {
	case c.DisplayName == "":
		return connectorRecord{}, &seedError{field: field("displayName"), reason: "is required"}
	case !isAbsoluteURL(c.TargetURL):
		return connectorRecord{}, &seedError{field: field("targetUrl"), reason: "must be an absolute URL"}
	case c.AuthenticationConfiguration == nil:
		return connectorRecord{}, &seedError{field: field("authenticationConfiguration"), reason: "is required"}
	}
	auth, err := seededAuth(*c.AuthenticationConfiguration)
	if err != nil {
		var se *seedError
		if errors.As(err, &se) {
			se.field = field("authenticationConfiguration." + se.field)
		}
		return connectorRecord{}, err
	}
	id := c.ID
	if id == "" {
		id = s.newID()
	}
	return connectorRecord{id: id, displayName: c.DisplayName, targetURL: c.TargetURL, auth: auth}, nil
}

// seededAuth keeps what create keeps; errors name the field relative to the configuration.
func seededAuth(a seedAuthentication) (authRecord, error) {
	if gen.BasicAuthenticationOdataType(a.ODataType) == gen.BasicAuthenticationODataTypeValue {
		if a.Username == nil {
			return authRecord{}, &seedError{field: "username", reason: "is required"}
		}
		return authRecord{kind: authBasic, username: *a.Username}, nil
	}
	if gen.Pkcs12CertificateOdataType(a.ODataType) == gen.Pkcs12CertificateODataTypeValue {
		password := ""
		if a.Password != nil {
			password = *a.Password
		}
		cert, err := parsePFX(a.Pkcs12Value, password)
		if err != nil {
			return authRecord{}, &seedError{field: "pkcs12Value", reason: err.Error()}
		}
		return authRecord{kind: authCertificates, certificates: []certificate{cert}}, nil
	}
	return authRecord{}, &seedError{field: "@odata.type", reason: "must be " +
		strconv.Quote(string(gen.BasicAuthenticationODataTypeValue)) + " or " + strconv.Quote(string(gen.Pkcs12CertificateODataTypeValue))}
}

func isAbsoluteURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && u.Scheme != "" && u.Host != ""
}
