package fake

import (
	"context"
	"net/http"
	"slices"

	"github.com/graph-apiconnector/apiconnector/gen"
)

// The identityApiConnector operations of gen.StrictServerInterface. Failures are returned
// as errors and written as Graph errors by the strict handler's hook (see errors.go), so
// every operation answers them the same way.

var _ gen.StrictServerInterface = strictServer{}

// entityContext is the @odata.context fragment of one connector.
const entityContext = "identity/apiConnectors/$entity"

var errNoBody = invalidRequest("", "a request body is required")

// ListAPIConnectors answers one page of connectors in creation order.
func (s strictServer) ListAPIConnectors(ctx context.Context, req gen.ListAPIConnectorsRequestObject) (gen.ListAPIConnectorsResponseObject, error) {
	ex := s.exchangeFrom(ctx)
	params := req.Params
	match, err := parseFilter(params.Filter)
	if err != nil {
		return nil, invalidRequest("/query/$filter", err.Error())
	}
	after, err := s.decodeSkiptoken(params.Skiptoken, params.Filter)
	if err != nil {
		return nil, invalidRequest("/query/$skiptoken", err.Error())
	}
	page, more := s.store.page(after, s.pageSize(params.Top), func(c connectorRecord) bool { return match(c.displayName) })

	sel := newSelection(params.Select)
	out := gen.ListAPIConnectors200JSONResponse{
		OdataContext: new(ex.metadataURL(selectContext(params.Select))),
		Value:        make([]gen.IdentityAPIConnector, 0, len(page)),
	}
	for _, c := range page {
		out.Value = append(out.Value, renderConnector(c, ex.now, sel))
	}
	if more {
		out.OdataNextLink = new(s.nextLink(ex, params, page[len(page)-1].seq))
	}
	return out, nil
}

// CreateAPIConnector stores a connector; of its authentication only the username or the
// certificate's public information is kept.
func (s strictServer) CreateAPIConnector(ctx context.Context, req gen.CreateAPIConnectorRequestObject) (gen.CreateAPIConnectorResponseObject, error) {
	ex := s.exchangeFrom(ctx)
	if req.Body == nil {
		return nil, errNoBody
	}
	auth, err := requestedAuth(req.Body.AuthenticationConfiguration, "/authenticationConfiguration")
	if err != nil {
		return nil, err
	}
	id := s.newID()
	if id == "" {
		return nil, internalError("the id generator returned an empty id")
	}
	created, err := s.store.addConnector(connectorRecord{
		id:          id,
		displayName: req.Body.DisplayName,
		targetURL:   req.Body.TargetURL,
		auth:        auth,
	})
	if err != nil {
		return nil, &graphError{status: http.StatusConflict, code: codeNameAlreadyExists, message: "a connector with the generated id exists"}
	}
	body := renderConnector(created, ex.now, nil)
	body.OdataContext = new(ex.metadataURL(entityContext))
	return gen.CreateAPIConnector201JSONResponse{
		Body:    body,
		Headers: gen.CreateAPIConnector201ResponseHeaders{Location: new(ex.connectorURL(id))},
	}, nil
}

// GetAPIConnector answers one connector, with only the $select-ed properties besides id.
func (s strictServer) GetAPIConnector(ctx context.Context, req gen.GetAPIConnectorRequestObject) (gen.GetAPIConnectorResponseObject, error) {
	ex := s.exchangeFrom(ctx)
	c, ok := s.store.connector(req.IdentityAPIConnectorID)
	if !ok {
		return nil, connectorNotFound()
	}
	body := renderConnector(c, ex.now, newSelection(req.Params.Select))
	body.OdataContext = new(ex.metadataURL(selectContext(req.Params.Select) + "/$entity"))
	return gen.GetAPIConnector200JSONResponse(body), nil
}

// UpdateAPIConnector changes the given properties. A pkcs12Certificate replaces the whole
// authentication configuration with that one certificate, as Graph documents.
func (s strictServer) UpdateAPIConnector(ctx context.Context, req gen.UpdateAPIConnectorRequestObject) (gen.UpdateAPIConnectorResponseObject, error) {
	if req.Body == nil {
		return nil, errNoBody
	}
	body := *req.Body
	var auth *authRecord
	if body.AuthenticationConfiguration != nil {
		a, err := requestedAuth(*body.AuthenticationConfiguration, "/authenticationConfiguration")
		if err != nil {
			return nil, err
		}
		auth = &a
	}
	_, ok := s.store.updateConnector(req.IdentityAPIConnectorID, func(c *connectorRecord) {
		if body.DisplayName != nil {
			c.displayName = *body.DisplayName
		}
		if body.TargetURL != nil {
			c.targetURL = *body.TargetURL
		}
		if auth != nil {
			c.auth = *auth
		}
	})
	if !ok {
		return nil, connectorNotFound()
	}
	return gen.UpdateAPIConnector204Response{}, nil
}

// DeleteAPIConnector removes a connector and unbinds it from every user flow.
func (s strictServer) DeleteAPIConnector(_ context.Context, req gen.DeleteAPIConnectorRequestObject) (gen.DeleteAPIConnectorResponseObject, error) {
	if !s.store.deleteConnector(req.IdentityAPIConnectorID) {
		return nil, connectorNotFound()
	}
	return gen.DeleteAPIConnector204Response{}, nil
}

// UploadClientCertificate appends a certificate to the connector's list; a connector with
// basic authentication switches to client certificates with this one.
func (s strictServer) UploadClientCertificate(ctx context.Context, req gen.UploadClientCertificateRequestObject) (gen.UploadClientCertificateResponseObject, error) {
	ex := s.exchangeFrom(ctx)
	if req.Body == nil {
		return nil, errNoBody
	}
	cert, err := parsePFX(req.Body.Pkcs12Value, req.Body.Password)
	if err != nil {
		return nil, invalidRequest("/pkcs12Value", err.Error())
	}
	c, ok := s.store.updateConnector(req.IdentityAPIConnectorID, func(c *connectorRecord) {
		if c.auth.kind != authCertificates {
			c.auth = authRecord{kind: authCertificates}
		}
		// A fresh slice, so that copies handed out earlier never share the new element.
		c.auth.certificates = append(slices.Clip(c.auth.certificates), cert)
	})
	if !ok {
		return nil, connectorNotFound()
	}
	body := renderConnector(c, ex.now, nil)
	body.OdataContext = new(ex.metadataURL(entityContext))
	return gen.UploadClientCertificate200JSONResponse(body), nil
}

func connectorNotFound() *graphError { return notFound(errConnectorNotFound.Error()) }

// requestedAuth turns the authentication of a create or update into what is stored,
// parsing a PFX and dropping every secret. pointer locates the configuration in the body.
func requestedAuth(config gen.APIAuthenticationConfigurationRequest, pointer string) (authRecord, error) {
	value, err := config.ValueByDiscriminator()
	if err != nil {
		return authRecord{}, invalidRequest(pointer+"/@odata.type", "the authentication type is not supported")
	}
	switch v := value.(type) {
	case gen.BasicAuthentication:
		return authRecord{kind: authBasic, username: v.Username}, nil
	case gen.Pkcs12Certificate:
		cert, err := parsePFX(v.Pkcs12Value, v.Password)
		if err != nil {
			return authRecord{}, invalidRequest(pointer+"/pkcs12Value", err.Error())
		}
		return authRecord{kind: authCertificates, certificates: []certificate{cert}}, nil
	}
	return authRecord{}, invalidRequest(pointer, "the authentication configuration could not be read")
}
