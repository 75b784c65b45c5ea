package fake

import (
	"context"
	"net/url"
	"strconv"
	"strings"

	"github.com/graph-apiconnector/apiconnector/gen"
)

// The operations the Graph metadata defines on a single user-flow step (x-graph-source:
// metadata): the step's connector read, updated and given a certificate through the step,
// and the step's reference read and deleted. Each resolves the step to its connector and
// then answers as the connector's own operation does, so the two never drift apart.

const errStepUnbound = "no API connector is bound to this step of the user flow"

// stepConnectorID returns the id of the connector bound to step, or a 404 naming what is
// missing: the user flow or the binding.
func (s *Server) stepConnectorID(key userFlowKey, step string) (string, error) {
	bound, err := s.store.boundConnectors(key)
	if err != nil {
		return "", notFound(err.Error())
	}
	c, ok := bound[gen.UserFlowApiConnectorStep(step)]
	if !ok {
		return "", notFound(errStepUnbound)
	}
	return c.id, nil
}

// stepContext is the @odata.context fragment of a step of the user flow.
func stepContext(key userFlowKey, step string) string {
	return "identity/" + key.kind.collection() + "('" + url.PathEscape(strings.ReplaceAll(key.id, "'", "''")) + "')/apiConnectorConfiguration/" + step
}

// stepConnector answers the connector bound to step, as GetApiConnector answers it.
func (s strictServer) stepConnector(ctx context.Context, key userFlowKey, step string, sel *gen.Select) (gen.IdentityApiConnector, error) {
	ex := s.exchangeFrom(ctx)
	id, err := s.stepConnectorID(key, step)
	if err != nil {
		return gen.IdentityApiConnector{}, err
	}
	c, ok := s.store.connector(id)
	if !ok {
		return gen.IdentityApiConnector{}, connectorNotFound()
	}
	body := renderConnector(c, ex.now, newSelection(sel))
	body.OdataContext = new(ex.metadataURL(stepContext(key, step) + "/$entity"))
	return body, nil
}

// stepReference answers the step's binding as an OData entity reference.
func (s *Server) stepReference(ctx context.Context, key userFlowKey, step string) (gen.ApiConnectorReferenceResponse, error) {
	ex := s.exchangeFrom(ctx)
	id, err := s.stepConnectorID(key, step)
	if err != nil {
		return gen.ApiConnectorReferenceResponse{}, err
	}
	return gen.ApiConnectorReferenceResponse{
		OdataContext: new(ex.metadataURL("$ref")),
		OdataId:      ex.connectorURL(id),
	}, nil
}

// deleteStepReference unbinds the step; an unbound step stays as it is.
func (s *Server) deleteStepReference(key userFlowKey, step gen.UserFlowApiConnectorStep) error {
	if err := s.store.bind(key, step, ""); err != nil {
		return notFound(err.Error())
	}
	return nil
}

// CountApiConnectors answers how many connectors $filter matches, as plain text.
func (s strictServer) CountApiConnectors(_ context.Context, req gen.CountApiConnectorsRequestObject) (gen.CountApiConnectorsResponseObject, error) {
	match, err := parseFilter(req.Params.Filter)
	if err != nil {
		return nil, invalidRequest("/query/$filter", err.Error())
	}
	n := 0
	for _, c := range s.store.allConnectors() {
		if match(c.displayName) {
			n++
		}
	}
	if n > int(^uint32(0)>>1) {
		return nil, internalError("the count " + strconv.Itoa(n) + " does not fit the spec's int32")
	}
	return gen.CountApiConnectors200TextResponse(n), nil
}

// GetB2xUserFlowStepApiConnector answers the connector a step of the flow calls.
func (s strictServer) GetB2xUserFlowStepApiConnector(ctx context.Context, req gen.GetB2xUserFlowStepApiConnectorRequestObject) (gen.GetB2xUserFlowStepApiConnectorResponseObject, error) {
	body, err := s.stepConnector(ctx, userFlowKey{kind: B2X, id: req.B2xIdentityUserFlowId}, string(req.Step), req.Params.Select)
	if err != nil {
		return nil, err
	}
	return gen.GetB2xUserFlowStepApiConnector200JSONResponse(body), nil
}

// GetB2cUserFlowStepApiConnector answers the connector a step of the flow calls.
func (s strictServer) GetB2cUserFlowStepApiConnector(ctx context.Context, req gen.GetB2cUserFlowStepApiConnectorRequestObject) (gen.GetB2cUserFlowStepApiConnectorResponseObject, error) {
	body, err := s.stepConnector(ctx, userFlowKey{kind: B2C, id: req.B2cIdentityUserFlowId}, string(req.Step), req.Params.Select)
	if err != nil {
		return nil, err
	}
	return gen.GetB2cUserFlowStepApiConnector200JSONResponse(body), nil
}

// UpdateB2xUserFlowStepApiConnector updates the connector a step of the flow calls.
func (s strictServer) UpdateB2xUserFlowStepApiConnector(ctx context.Context, req gen.UpdateB2xUserFlowStepApiConnectorRequestObject) (gen.UpdateB2xUserFlowStepApiConnectorResponseObject, error) {
	if err := s.updateStepConnector(ctx, userFlowKey{kind: B2X, id: req.B2xIdentityUserFlowId}, string(req.Step), req.Body); err != nil {
		return nil, err
	}
	return gen.UpdateB2xUserFlowStepApiConnector204Response{}, nil
}

// UpdateB2cUserFlowStepApiConnector updates the connector a step of the flow calls.
func (s strictServer) UpdateB2cUserFlowStepApiConnector(ctx context.Context, req gen.UpdateB2cUserFlowStepApiConnectorRequestObject) (gen.UpdateB2cUserFlowStepApiConnectorResponseObject, error) {
	if err := s.updateStepConnector(ctx, userFlowKey{kind: B2C, id: req.B2cIdentityUserFlowId}, string(req.Step), req.Body); err != nil {
		return nil, err
	}
	return gen.UpdateB2cUserFlowStepApiConnector204Response{}, nil
}

func (s strictServer) updateStepConnector(ctx context.Context, key userFlowKey, step string, body *gen.IdentityApiConnectorUpdate) error {
	id, err := s.stepConnectorID(key, step)
	if err != nil {
		return err
	}
	_, err = s.UpdateApiConnector(ctx, gen.UpdateApiConnectorRequestObject{IdentityApiConnectorId: id, Body: body})
	return err
}

// UploadB2xUserFlowStepClientCertificate uploads a certificate to the connector a step of
// the flow calls.
func (s strictServer) UploadB2xUserFlowStepClientCertificate(ctx context.Context, req gen.UploadB2xUserFlowStepClientCertificateRequestObject) (gen.UploadB2xUserFlowStepClientCertificateResponseObject, error) {
	body, err := s.uploadStepCertificate(ctx, userFlowKey{kind: B2X, id: req.B2xIdentityUserFlowId}, string(req.Step), req.Body)
	if err != nil {
		return nil, err
	}
	return gen.UploadB2xUserFlowStepClientCertificate200JSONResponse(body), nil
}

// UploadB2cUserFlowStepClientCertificate uploads a certificate to the connector a step of
// the flow calls.
func (s strictServer) UploadB2cUserFlowStepClientCertificate(ctx context.Context, req gen.UploadB2cUserFlowStepClientCertificateRequestObject) (gen.UploadB2cUserFlowStepClientCertificateResponseObject, error) {
	body, err := s.uploadStepCertificate(ctx, userFlowKey{kind: B2C, id: req.B2cIdentityUserFlowId}, string(req.Step), req.Body)
	if err != nil {
		return nil, err
	}
	return gen.UploadB2cUserFlowStepClientCertificate200JSONResponse(body), nil
}

func (s strictServer) uploadStepCertificate(ctx context.Context, key userFlowKey, step string, body *gen.UploadClientCertificateRequest) (gen.IdentityApiConnector, error) {
	id, err := s.stepConnectorID(key, step)
	if err != nil {
		return gen.IdentityApiConnector{}, err
	}
	resp, err := s.UploadClientCertificate(ctx, gen.UploadClientCertificateRequestObject{IdentityApiConnectorId: id, Body: body})
	if err != nil {
		return gen.IdentityApiConnector{}, err
	}
	out, ok := resp.(gen.UploadClientCertificate200JSONResponse)
	if !ok {
		return gen.IdentityApiConnector{}, internalError("uploadClientCertificate answered an unexpected response")
	}
	return gen.IdentityApiConnector(out), nil
}

// GetB2xUserFlowApiConnectorReference answers the reference a step of the flow holds.
func (s strictServer) GetB2xUserFlowApiConnectorReference(ctx context.Context, req gen.GetB2xUserFlowApiConnectorReferenceRequestObject) (gen.GetB2xUserFlowApiConnectorReferenceResponseObject, error) {
	ref, err := s.stepReference(ctx, userFlowKey{kind: B2X, id: req.B2xIdentityUserFlowId}, string(req.Step))
	if err != nil {
		return nil, err
	}
	return gen.GetB2xUserFlowApiConnectorReference200JSONResponse(ref), nil
}

// GetB2cUserFlowApiConnectorReference answers the reference a step of the flow holds.
func (s strictServer) GetB2cUserFlowApiConnectorReference(ctx context.Context, req gen.GetB2cUserFlowApiConnectorReferenceRequestObject) (gen.GetB2cUserFlowApiConnectorReferenceResponseObject, error) {
	ref, err := s.stepReference(ctx, userFlowKey{kind: B2C, id: req.B2cIdentityUserFlowId}, string(req.Step))
	if err != nil {
		return nil, err
	}
	return gen.GetB2cUserFlowApiConnectorReference200JSONResponse(ref), nil
}

// DeleteB2xUserFlowApiConnectorReference unbinds a step of the flow.
func (s strictServer) DeleteB2xUserFlowApiConnectorReference(_ context.Context, req gen.DeleteB2xUserFlowApiConnectorReferenceRequestObject) (gen.DeleteB2xUserFlowApiConnectorReferenceResponseObject, error) {
	if err := s.deleteStepReference(userFlowKey{kind: B2X, id: req.B2xIdentityUserFlowId}, req.Step); err != nil {
		return nil, err
	}
	return gen.DeleteB2xUserFlowApiConnectorReference204Response{}, nil
}

// DeleteB2cUserFlowApiConnectorReference unbinds a step of the flow.
func (s strictServer) DeleteB2cUserFlowApiConnectorReference(_ context.Context, req gen.DeleteB2cUserFlowApiConnectorReferenceRequestObject) (gen.DeleteB2cUserFlowApiConnectorReferenceResponseObject, error) {
	if err := s.deleteStepReference(userFlowKey{kind: B2C, id: req.B2cIdentityUserFlowId}, req.Step); err != nil {
		return nil, err
	}
	return gen.DeleteB2cUserFlowApiConnectorReference204Response{}, nil
}
