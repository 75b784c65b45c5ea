package fake

import (
	"time"

	"github.com/graph-apiconnector/apiconnector/gen"
	"github.com/graph-apiconnector/apiconnector/internal/secret"
)

// selection is the properties a $select asked for; nil selects them all.
type selection map[string]bool

func newSelection(selected *[]string) selection {
	if selected == nil {
		return nil
	}
	sel := selection{}
	for _, p := range *selected {
		sel[p] = true
	}
	return sel
}

func (sel selection) has(property string) bool { return sel == nil || sel[property] }

// renderConnector is the connector as Graph returns it: secrets masked, isActive computed
// at now, and only the selected properties besides id.
func renderConnector(c connectorRecord, now time.Time, sel selection) gen.IdentityAPIConnector {
	out := gen.IdentityAPIConnector{ID: c.id}
	if sel.has("displayName") {
		out.DisplayName = new(c.displayName)
	}
	if sel.has("targetUrl") {
		out.TargetURL = new(c.targetURL)
	}
	if sel.has("authenticationConfiguration") {
		out.AuthenticationConfiguration = renderAuth(c.auth, now)
	}
	return out
}

func renderAuth(a authRecord, now time.Time) *gen.APIAuthenticationConfigurationResponse {
	var out gen.APIAuthenticationConfigurationResponse
	var err error
	switch a.kind {
	case authBasic:
		err = out.FromBasicAuthenticationMasked(gen.BasicAuthenticationMasked{
			OdataType: gen.BasicAuthenticationMaskedODataTypeValue,
			Username:  new(a.username),
			Password:  new(secret.Mask), // the fake never has the password: the mask is all it can write
		})
	case authCertificates:
		err = out.FromClientCertificateAuthentication(gen.ClientCertificateAuthentication{
			OdataType:       gen.ClientCertificateAuthenticationODataTypeValue,
			CertificateList: new(certificateList(a.certificates, now)),
		})
	default:
		return nil
	}
	if err != nil {
		// Both types hold only strings, numbers and booleans; encoding them cannot fail.
		panic("fake: encode authentication configuration: " + err.Error())
	}
	return &out
}
