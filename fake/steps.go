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
	c, ok := bound[gen.UserFlowAPIConnectorStep(step)]
	if !ok {
		return "", notFound(errStepUnbound)
	}
	return c.id, nil
}

// stepContext is the @odata.context fragment of a step of the user flow.
func stepContext(key userFlowKey, step string) string {
	return "identity/" + key.kind.collection() + "('" + url.PathEscape(strings.ReplaceAll(key.id, "'", "''")) + "')/apiConnectorConfiguration/" + step
}

// stepConnector answers the connector bound to step, as GetAPIConnector answers it.
func (s strictServer) stepConnector(ctx context.Context, key userFlowKey, step string, sel *gen.Select) (gen.IdentityAPIConnector, error) {
	ex := s.exchangeFrom(ctx)
	id, err := s.stepConnectorID(key, step)
	if err != nil {
		return gen.IdentityAPIConnector{}, err
	}
	c, ok := s.store.connector(id)
	if !ok {
		return gen.IdentityAPIConnector{}, connectorNotFound()
	}
	body := renderConnector(c, ex.now, newSelection(sel))
	body.OdataContext = new(ex.metadataURL(stepContext(key, step) + "/$entity"))
	return body, nil
}

// stepReference answers the step's binding as an OData entity reference.
func (s *Server) stepReference(ctx context.Context, key userFlowKey, step string) (gen.APIConnectorReferenceResponse, error) {
	ex := s.exchangeFrom(ctx)
	id, err := s.stepConnectorID(key, step)
	if err != nil {
		return gen.APIConnectorReferenceResponse{}, err
	}
	return gen.APIConnectorReferenceResponse{
		OdataContext: new(ex.metadataURL("$ref")),
		OdataID:      ex.connectorURL(id),
	}, nil
}

// deleteStepReference unbinds the step; an unbound step stays as it is.
func (s *Server) deleteStepReference(key userFlowKey, step gen.UserFlowAPIConnectorStep) error {
	if err := s.store.bind(key, step, ""); err != nil {
		return notFound(err.Error())
	}
	return nil
}

// CountAPIConnectors answers how many connectors $filter matches, as plain text.
func (s strictServer) CountAPIConnectors(_ context.Context, req gen.CountAPIConnectorsRequestObject) (gen.CountAPIConnectorsResponseObject, error) {
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
	return gen.CountAPIConnectors200TextResponse(n), nil
}

// GetB2XUserFlowStepAPIConnector answers the connector a step of the flow calls.
func (s strictServer) GetB2XUserFlowStepAPIConnector(ctx context.Context, req gen.GetB2XUserFlowStepAPIConnectorRequestObject) (gen.GetB2XUserFlowStepAPIConnectorResponseObject, error) {
	body, err := s.stepConnector(ctx, userFlowKey{kind: B2X, id: req.B2XIdentityUserFlowID}, string(req.Step), req.Params.Select)
	if err != nil {
		return nil, err
	}
	return gen.GetB2XUserFlowStepAPIConnector200JSONResponse(body), nil
}

// GetB2CUserFlowStepAPIConnector answers the connector a step of the flow calls.
func (s strictServer) GetB2CUserFlowStepAPIConnector(ctx context.Context, req gen.GetB2CUserFlowStepAPIConnectorRequestObject) (gen.GetB2CUserFlowStepAPIConnectorResponseObject, error) {
	body, err := s.stepConnector(ctx, userFlowKey{kind: B2C, id: req.B2CIdentityUserFlowID}, string(req.Step), req.Params.Select)
	if err != nil {
		return nil, err
	}
	return gen.GetB2CUserFlowStepAPIConnector200JSONResponse(body), nil
}

// UpdateB2XUserFlowStepAPIConnector updates the connector a step of the flow calls.
func (s strictServer) UpdateB2XUserFlowStepAPIConnector(ctx context.Context, req gen.UpdateB2XUserFlowStepAPIConnectorRequestObject) (gen.UpdateB2XUserFlowStepAPIConnectorResponseObject, error) {
	if err := s.updateStepConnector(ctx, userFlowKey{kind: B2X, id: req.B2XIdentityUserFlowID}, string(req.Step), req.Body); err != nil {
		return nil, err
	}
	return gen.UpdateB2XUserFlowStepAPIConnector204Response{}, nil
}

// UpdateB2CUserFlowStepAPIConnector updates the connector a step of the flow calls.
func (s strictServer) UpdateB2CUserFlowStepAPIConnector(ctx context.Context, req gen.UpdateB2CUserFlowStepAPIConnectorRequestObject) (gen.UpdateB2CUserFlowStepAPIConnectorResponseObject, error) {
	if err := s.updateStepConnector(ctx, userFlowKey{kind: B2C, id: req.B2CIdentityUserFlowID}, string(req.Step), req.Body); err != nil {
		return nil, err
	}
	return gen.UpdateB2CUserFlowStepAPIConnector204Response{}, nil
}

func (s strictServer) updateStepConnector(ctx context.Context, key userFlowKey, step string, body *gen.IdentityAPIConnectorUpdate) error {
	id, err := s.stepConnectorID(key, step)
	if err != nil {
		return err
	}
	_, err = s.UpdateAPIConnector(ctx, gen.UpdateAPIConnectorRequestObject{IdentityAPIConnectorID: id, Body: body})
	return err
}

// UploadB2XUserFlowStepClientCertificate uploads a certificate to the connector a step of
// the flow calls.
func (s strictServer) UploadB2XUserFlowStepClientCertificate(ctx context.Context, req gen.UploadB2XUserFlowStepClientCertificateRequestObject) (gen.UploadB2XUserFlowStepClientCertificateResponseObject, error) {
	body, err := s.uploadStepCertificate(ctx, userFlowKey{kind: B2X, id: req.B2XIdentityUserFlowID}, string(req.Step), req.Body)
	if err != nil {
		return nil, err
	}
	return gen.UploadB2XUserFlowStepClientCertificate200JSONResponse(body), nil
}

// UploadB2CUserFlowStepClientCertificate uploads a certificate to the connector a step of
// the flow calls.
func (s strictServer) UploadB2CUserFlowStepClientCertificate(ctx context.Context, req gen.UploadB2CUserFlowStepClientCertificateRequestObject) (gen.UploadB2CUserFlowStepClientCertificateResponseObject, error) {
	body, err := s.uploadStepCertificate(ctx, userFlowKey{kind: B2C, id: req.B2CIdentityUserFlowID}, string(req.Step), req.Body)
	if err != nil {
		return nil, err
	}
	return gen.UploadB2CUserFlowStepClientCertificate200JSONResponse(body), nil
}

func (s strictServer) uploadStepCertificate(ctx context.Context, key userFlowKey, step string, body *gen.UploadClientCertificateRequest) (gen.IdentityAPIConnector, error) {
	id, err := s.stepConnectorID(key, step)
	if err != nil {
		return gen.IdentityAPIConnector{}, err
	}
	resp, err := s.UploadClientCertificate(ctx, gen.UploadClientCertificateRequestObject{IdentityAPIConnectorID: id, Body: body})
	if err != nil {
		return gen.IdentityAPIConnector{}, err
	}
	out, ok := resp.(gen.UploadClientCertificate200JSONResponse)
	if !ok {
		return gen.IdentityAPIConnector{}, internalError("uploadClientCertificate answered an unexpected response")
	}
	return gen.IdentityAPIConnector(out), nil
}

// GetB2XUserFlowAPIConnectorReference answers the reference a step of the flow holds.
func (s strictServer) GetB2XUserFlowAPIConnectorReference(ctx context.Context, req gen.GetB2XUserFlowAPIConnectorReferenceRequestObject) (gen.GetB2XUserFlowAPIConnectorReferenceResponseObject, error) {
	ref, err := s.stepReference(ctx, userFlowKey{kind: B2X, id: req.B2XIdentityUserFlowID}, string(req.Step))
	if err != nil {
		return nil, err
	}
	return gen.GetB2XUserFlowAPIConnectorReference200JSONResponse(ref), nil
}

// GetB2CUserFlowAPIConnectorReference answers the reference a step of the flow holds.
func (s strictServer) GetB2CUserFlowAPIConnectorReference(ctx context.Context, req gen.GetB2CUserFlowAPIConnectorReferenceRequestObject) (gen.GetB2CUserFlowAPIConnectorReferenceResponseObject, error) {
	ref, err := s.stepReference(ctx, userFlowKey{kind: B2C, id: req.B2CIdentityUserFlowID}, string(req.Step))
	if err != nil {
		return nil, err
	}
	return gen.GetB2CUserFlowAPIConnectorReference200JSONResponse(ref), nil
}

// DeleteB2XUserFlowAPIConnectorReference unbinds a step of the flow.
func (s strictServer) DeleteB2XUserFlowAPIConnectorReference(_ context.Context, req gen.DeleteB2XUserFlowAPIConnectorReferenceRequestObject) (gen.DeleteB2XUserFlowAPIConnectorReferenceResponseObject, error) {
	if err := s.deleteStepReference(userFlowKey{kind: B2X, id: req.B2XIdentityUserFlowID}, req.Step); err != nil {
		return nil, err
	}
	return gen.DeleteB2XUserFlowAPIConnectorReference204Response{}, nil
}

// DeleteB2CUserFlowAPIConnectorReference unbinds a step of the flow.
func (s strictServer) DeleteB2CUserFlowAPIConnectorReference(_ context.Context, req gen.DeleteB2CUserFlowAPIConnectorReferenceRequestObject) (gen.DeleteB2CUserFlowAPIConnectorReferenceResponseObject, error) {
	if err := s.deleteStepReference(userFlowKey{kind: B2C, id: req.B2CIdentityUserFlowID}, req.Step); err != nil {
		return nil, err
	}
	return gen.DeleteB2CUserFlowAPIConnectorReference204Response{}, nil
}
