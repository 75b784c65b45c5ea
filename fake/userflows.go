package fake

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/graph-apiconnector/apiconnector/contract"
	"github.com/graph-apiconnector/apiconnector/gen"
)

// UserFlowKind says which collection a user flow belongs to.
type UserFlowKind string

const (
	// B2X is an External Identities self-service sign-up flow (identity/b2xUserFlows).
	B2X UserFlowKind = "b2x"
	// B2C is an Azure AD B2C flow (identity/b2cUserFlows), which only beta serves.
	B2C UserFlowKind = "b2c"
)

func (k UserFlowKind) valid() bool { return k == B2X || k == B2C }

// collection is the path segment of the kind's user flows.
func (k UserFlowKind) collection() string { return string(k) + "UserFlows" }

// b2xIDPrefix is what Graph puts before the name of a new External Identities user flow.
const b2xIDPrefix = "B2X_1_"

// steps are the user-flow steps in the order the fake reports them. preTokenIssuance is
// beta's; the validator refuses it under v1.0 before a handler sees it.
var steps = []gen.UserFlowAPIConnectorStep{gen.PostFederationSignup, gen.PostAttributeCollection, gen.UserFlowAPIConnectorStep(gen.StepPreTokenIssuance)}

// SeedUserFlow creates a user flow with no connectors bound, unless it exists. The id is
// used as given, without a prefix. It panics on a kind other than B2X and B2C.
func (s *Server) SeedUserFlow(kind UserFlowKind, id string) {
	if !kind.valid() {
		panic(fmt.Sprintf("fake: SeedUserFlow: unknown user flow kind %q", kind))
	}
	s.store.ensureUserFlow(userFlowKey{kind: kind, id: id})
}

// CreateB2XUserFlow creates an External Identities user flow, prefixing its id with
// B2X_1_ and binding the connectors its apiConnectorConfiguration names.
func (s strictServer) CreateB2XUserFlow(ctx context.Context, req gen.CreateB2XUserFlowRequestObject) (gen.CreateB2XUserFlowResponseObject, error) {
	ex := s.exchangeFrom(ctx)
	if req.Body == nil {
		return nil, errNoBody
	}
	body := *req.Body
	id := body.ID
	if !strings.HasPrefix(id, b2xIDPrefix) {
		id = b2xIDPrefix + id
	}
	bindings := map[gen.UserFlowAPIConnectorStep]string{}
	if refs := body.APIConnectorConfiguration; refs != nil {
		for step, ref := range map[gen.UserFlowAPIConnectorStep]*gen.APIConnectorReference{
			gen.PostFederationSignup:    refs.PostFederationSignup,
			gen.PostAttributeCollection: refs.PostAttributeCollection,
		} {
			if ref == nil || ref.OdataID == nil {
				continue
			}
			connectorID, err := connectorReference(ex, *ref.OdataID)
			if err != nil {
				return nil, invalidRequest(referencePointer(step), err.Error())
			}
			bindings[step] = connectorID
		}
	}

	err := s.store.createUserFlow(userFlowKey{kind: B2X, id: id}, bindings)
	var missing *missingBindingError
	switch {
	case errors.Is(err, errUserFlowExists):
		return nil, &graphError{status: http.StatusConflict, code: codeNameAlreadyExists, message: err.Error()}
	case errors.As(err, &missing):
		// The operation documents no 404: a dangling reference is a bad request here.
		return nil, invalidRequest(referencePointer(missing.step), errConnectorNotFound.Error())
	case err != nil:
		return nil, err
	}
	return gen.CreateB2XUserFlow201JSONResponse{
		Body: gen.B2XIdentityUserFlow{
			OdataContext:        new(ex.metadataURL("identity/b2xUserFlows/$entity")),
			ID:                  id,
			UserFlowType:        new(gen.UserFlowType(body.UserFlowType)),
			UserFlowTypeVersion: new(body.UserFlowTypeVersion),
			// Graph always answers {} here; the binding is read with apiConnectorConfiguration.
			APIConnectorConfiguration: &gen.UserFlowAPIConnectorConfigurationValue{},
		},
		Headers: gen.CreateB2XUserFlow201ResponseHeaders{
			Location: new(ex.baseURL + "/identity/b2xUserFlows/" + url.PathEscape(id)),
		},
	}, nil
}

func referencePointer(step gen.UserFlowAPIConnectorStep) string {
	return "/apiConnectorConfiguration/" + string(step) + "/@odata.id"
}

// GetB2XUserFlowAPIConnectorConfiguration answers which connectors the flow's steps call.
func (s strictServer) GetB2XUserFlowAPIConnectorConfiguration(ctx context.Context, req gen.GetB2XUserFlowAPIConnectorConfigurationRequestObject) (gen.GetB2XUserFlowAPIConnectorConfigurationResponseObject, error) {
	config, err := s.apiConnectorConfiguration(ctx, userFlowKey{kind: B2X, id: req.B2XIdentityUserFlowID}, req.Params.Expand, req.Params.Select)
	if err != nil {
		return nil, err
	}
	return gen.GetB2XUserFlowAPIConnectorConfiguration200JSONResponse{APIConnectorConfigurationJSONResponse: config}, nil
}

// GetB2CUserFlowAPIConnectorConfiguration answers which connectors the flow's steps call.
func (s strictServer) GetB2CUserFlowAPIConnectorConfiguration(ctx context.Context, req gen.GetB2CUserFlowAPIConnectorConfigurationRequestObject) (gen.GetB2CUserFlowAPIConnectorConfigurationResponseObject, error) {
	config, err := s.apiConnectorConfiguration(ctx, userFlowKey{kind: B2C, id: req.B2CIdentityUserFlowID}, req.Params.Expand, req.Params.Select)
	if err != nil {
		return nil, err
	}
	return gen.GetB2CUserFlowAPIConnectorConfiguration200JSONResponse{APIConnectorConfigurationJSONResponse: config}, nil
}

// PutB2XUserFlowAPIConnectorReference binds or, with {}, unbinds a step's connector.
func (s strictServer) PutB2XUserFlowAPIConnectorReference(ctx context.Context, req gen.PutB2XUserFlowAPIConnectorReferenceRequestObject) (gen.PutB2XUserFlowAPIConnectorReferenceResponseObject, error) {
	if err := s.putReference(s.exchangeFrom(ctx), userFlowKey{kind: B2X, id: req.B2XIdentityUserFlowID}, req.Step, req.Body); err != nil {
		return nil, err
	}
	return gen.PutB2XUserFlowAPIConnectorReference204Response{}, nil
}

// PutB2CUserFlowAPIConnectorReference binds or, with {}, unbinds a step's connector.
func (s strictServer) PutB2CUserFlowAPIConnectorReference(ctx context.Context, req gen.PutB2CUserFlowAPIConnectorReferenceRequestObject) (gen.PutB2CUserFlowAPIConnectorReferenceResponseObject, error) {
	if err := s.putReference(s.exchangeFrom(ctx), userFlowKey{kind: B2C, id: req.B2CIdentityUserFlowID}, req.Step, req.Body); err != nil {
		return nil, err
	}
	return gen.PutB2CUserFlowAPIConnectorReference204Response{}, nil
}

// apiConnectorConfiguration is {} plus @odata.context, with each bound step named in
// $expand (`*` names them all) as its full, masked connector, less those a $select leaves
// out. Without $expand Graph shows no binding, and the spec has no property that could.
func (s *Server) apiConnectorConfiguration(ctx context.Context, key userFlowKey, expand *gen.ExpandSteps, sel *gen.SelectSteps) (gen.APIConnectorConfigurationJSONResponse, error) {
	ex := s.exchangeFrom(ctx)
	bound, err := s.store.boundConnectors(key)
	if err != nil {
		return gen.APIConnectorConfigurationJSONResponse{}, notFound(err.Error())
	}
	expanded := map[gen.UserFlowAPIConnectorStep]bool{}
	var listed []string
	if expand != nil {
		for _, step := range steps {
			if !stepInVersion(step, ex.baseURL) {
				continue // `*` names only the version's steps; a named one was refused already
			}
			for _, e := range *expand {
				named := string(e) == string(step) || e == gen.ExpandAllSteps
				if named && selectsStep(sel, step) && !expanded[step] {
					expanded[step] = true
					listed = append(listed, string(step)+"()")
				}
			}
		}
	}
	fragment := "identity/" + key.kind.collection() + "('" + url.PathEscape(strings.ReplaceAll(key.id, "'", "''")) + "')/apiConnectorConfiguration"
	if len(listed) > 0 {
		fragment += "(" + strings.Join(listed, ",") + ")"
	}
	out := gen.APIConnectorConfigurationJSONResponse{OdataContext: new(ex.metadataURL(fragment))}
	for step := range expanded {
		c, ok := bound[step]
		if !ok {
			continue
		}
		rendered := renderConnector(c, ex.now, nil)
		switch step {
		case gen.PostFederationSignup:
			out.PostFederationSignup = &rendered
		case gen.PostAttributeCollection:
			out.PostAttributeCollection = &rendered
		case gen.UserFlowAPIConnectorStep(gen.StepPreTokenIssuance):
			out.PreTokenIssuance = &rendered
		}
	}
	return out, nil
}

// stepInVersion reports whether the version baseURL ends in has step: preTokenIssuance is
// beta's.
func stepInVersion(step gen.UserFlowAPIConnectorStep, baseURL string) bool {
	return step != gen.UserFlowAPIConnectorStep(gen.StepPreTokenIssuance) || strings.HasSuffix(baseURL, "/beta")
}

// selectsStep reports whether a $select, if any, keeps step.
func selectsStep(sel *gen.SelectSteps, step gen.UserFlowAPIConnectorStep) bool {
	if sel == nil {
		return true
	}
	for _, s := range *sel {
		if string(s) == string(step) {
			return true
		}
	}
	return false
}

// putReference binds the connector named by @odata.id to the step, or unbinds the step
// when the body is {}. A missing user flow is a 404; a reference to a connector that does
// not exist is a bad request at /@odata.id.
func (s *Server) putReference(ex *exchange, key userFlowKey, step gen.UserFlowAPIConnectorStep, ref *gen.APIConnectorReference) error {
	if ref == nil {
		return errNoBody
	}
	connectorID := ""
	if ref.OdataID != nil {
		id, err := connectorReference(ex, *ref.OdataID)
		if err != nil {
			return invalidRequest("/@odata.id", "the reference "+err.Error())
		}
		connectorID = id
	}
	err := s.store.bind(key, step, connectorID)
	switch {
	case errors.Is(err, errConnectorNotFound):
		return invalidRequest("/@odata.id", err.Error())
	case err != nil:
		return notFound(err.Error())
	}
	return nil
}

// connectorReference returns the id of the connector a $ref's @odata.id names, which must
// be the connector's URL on the service root and version of the exchange (see
// contract.ConnectorReference); the validator has checked that already, this reads the id.
func connectorReference(ex *exchange, raw string) (string, error) {
	return contract.ConnectorReference(raw, ex.origin(), ex.version())
}
