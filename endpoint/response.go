package endpoint

import (
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"slices"

	"github.com/graph-apiconnector/apiconnector/gen/call"
)

// Response is what a handler tells the user flow. Build it with Continue, Block or
// ValidationError: each is sent with the status and body the contract requires.
type Response struct {
	action  string
	claims  map[string]any
	message string
}

// Continue lets the user flow go on, overwriting the given claims (nil for none). A claim is
// a built-in attribute ("postalCode") or a custom attribute, with or without its app-id part
// ("extension_LoyaltyNumber"). Built-in attributes are strings. A claim whose value is nil
// is left out, as the service leaves out a claim without a value.
func Continue(claims map[string]any) Response {
	kept := make(map[string]any, len(claims))
	for name, v := range claims {
		if v != nil {
			kept[name] = v
		}
	}
	return Response{action: string(call.Continue), claims: kept}
}

// Block stops the sign-up and shows the user a page with message.
func Block(message string) Response {
	return Response{action: string(call.ShowBlockPage), message: message}
}

// ValidationError keeps the user on the attribute page and shows message; only before the
// user is created.
func ValidationError(message string) Response {
	return Response{action: string(call.ValidationError), message: message}
}

// replyClaim is a claim name a Continue may carry besides the built-in attributes: a custom
// attribute with or without its app-id part. It is the continueReply schema's
// x-custom-attribute-pattern in connector-call.yaml; a test keeps them equal.
var replyClaim = regexp.MustCompile(`^extension_([0-9a-fA-F]{32}_)?[A-Za-z0-9_]+$`)

// builtInReplyClaims are the typed properties of continueReply.
var builtInReplyClaims = []string{
	"email", "displayName", "givenName", "surname", "jobTitle", "streetAddress", "city",
	"postalCode", "state", "country",
}

// allowedActions is what each step accepts, as x-connector-steps states.
var allowedActions = map[Step][]string{
	PostFederationSignup:    {string(call.Continue), string(call.ShowBlockPage)},
	PostAttributeCollection: {string(call.Continue), string(call.ShowBlockPage), string(call.ValidationError)},
	PreTokenIssuance:        {string(call.Continue)},
}

// readOnlyClaims are the claims a step cannot overwrite.
var readOnlyClaims = map[Step][]string{PreTokenIssuance: {"email"}}

// errResponse is why a handler's response cannot be sent; the endpoint then answers with
// its fallback and logs this.
var errResponse = errors.New("endpoint: the handler's response breaks the contract")

// wire turns the response into the generated answer for step.
func (r Response) wire(step Step) (call.CallConnectorResponseObject, error) {
	if step != StepUnknown && !slices.Contains(allowedActions[step], r.action) {
		return nil, fmt.Errorf("%w: %s does not allow %s", errResponse, step, r.action)
	}
	switch r.action {
	case string(call.Continue):
		return r.continueReply(step)
	case string(call.ShowBlockPage):
		if r.message == "" {
			return nil, fmt.Errorf("%w: Block needs a message", errResponse)
		}
		var ok call.OkReply
		if err := ok.FromBlockReply(call.BlockReply{Version: call.CurrentVersion, UserMessage: r.message}); err != nil {
			return nil, err
		}
		return call.CallConnector200JSONResponse(ok), nil
	case string(call.ValidationError):
		if r.message == "" {
			return nil, fmt.Errorf("%w: ValidationError needs a message", errResponse)
		}
		reply := call.ValidationErrorReply{Version: call.CurrentVersion, Action: call.ValidationError, UserMessage: r.message}
		if err := reply.Status.FromValidationStatus0(call.StatusNumber400); err != nil {
			return nil, err
		}
		return call.CallConnector400JSONResponse(reply), nil
	default:
		return nil, fmt.Errorf("%w: build it with Continue, Block or ValidationError", errResponse)
	}
}

func (r Response) continueReply(step Step) (call.CallConnectorResponseObject, error) {
	for name := range r.claims {
		switch {
		case name == "version" || name == "action":
			return nil, fmt.Errorf("%w: %q is not a claim", errResponse, name)
		case slices.Contains(readOnlyClaims[step], name):
			return nil, fmt.Errorf("%w: %s cannot overwrite %s", errResponse, step, name)
		case !slices.Contains(builtInReplyClaims, name) && !replyClaim.MatchString(name):
			return nil, fmt.Errorf("%w: %q is neither a built-in nor a custom attribute, so the user flow would ignore it", errResponse, name)
		}
	}
	// Through JSON, so built-in claims land in their typed fields and a value of the wrong
	// type is refused here rather than by the user flow.
	data, err := json.Marshal(r.claims)
	if err != nil {
		return nil, fmt.Errorf("%w: claims: %w", errResponse, err)
	}
	var reply call.ContinueReply
	if len(r.claims) > 0 {
		if err := json.Unmarshal(data, &reply); err != nil {
			return nil, fmt.Errorf("%w: a built-in claim is not a string", errResponse)
		}
	}
	reply.Version = call.CurrentVersion
	var ok call.OkReply
	if err := ok.FromContinueReply(reply); err != nil {
		return nil, err
	}
	return call.CallConnector200JSONResponse(ok), nil
}
