package callcontract

import (
	"bytes"
	"encoding/json"
	"mime"
	"net/http"
	"slices"
	"sort"

	"github.com/getkin/kin-openapi/openapi3"
)

// Reply is the verdict on one answer, and what the user flow would make of it.
type Reply struct {
	Action      Action         `json:"action,omitempty"` // "" when the answer names none the contract knows
	UserMessage string         `json:"userMessage,omitempty"`
	Claims      map[string]any `json:"claims,omitempty"` // the claims a Continue overwrites
	Violations  []Violation    `json:"violations"`
}

// Valid reports whether the answer breaks no rule.
func (r Reply) Valid() bool { return len(r.Violations) == 0 }

// CheckRequest checks a call as the platform would send it at step: its content type, strict
// JSON, the claims schema, the claim names, and the claims of the step and the platform.
func (c *Contract) CheckRequest(p Platform, s Step, header http.Header, body []byte) []Violation {
	rule, ok := c.Rule(p, s)
	if !ok {
		return []Violation{{Pointer: "", Kind: KindPlatform, Message: "platform " + string(p) + " has no step " + string(s)}}
	}
	vs := contentTypeViolations(header)
	obj, more := decodeObject(body)
	vs = append(vs, more...)
	if obj == nil {
		return vs
	}
	vs = append(vs, schemaViolations(c.claims.VisitJSON(obj, validationOptions()...), "")...)
	for _, name := range sortedKeys(obj) {
		_, builtIn := c.claims.Properties[name]
		switch {
		case !builtIn && !c.IsCustomAttribute(name):
			vs = append(vs, Violation{Pointer: Pointer(name), Kind: KindClaim, Message: "not a claim the user flow sends"})
		case p != B2C && slices.Contains(c.b2cOnly, name):
			vs = append(vs, Violation{Pointer: Pointer(name), Kind: KindPlatform, Message: "only Azure AD B2C sends this claim"})
		}
	}
	if stepClaim, ok := obj["step"].(string); ok && p == B2C && c.stepClaimKnown(stepClaim) && stepClaim != rule.StepClaim {
		vs = append(vs, Violation{Pointer: "/step", Kind: KindStep, Message: "the step claim names another step than " + rule.StepClaim})
	}
	for _, name := range rule.AlwaysSent {
		if _, ok := obj[name]; !ok {
			vs = append(vs, Violation{Pointer: Pointer(name), Kind: "required", Message: "this step always sends " + name})
		}
	}
	return vs
}

func (c *Contract) stepClaimKnown(v string) bool {
	for _, r := range c.Steps {
		if r.StepClaim == v {
			return true
		}
	}
	return false
}

// CheckReply checks the endpoint's answer to a call at step: the status against the action,
// the action against the step, `version` and the required fields, strict JSON and its
// content type, and the names of the claims a Continue returns.
func (c *Contract) CheckReply(p Platform, s Step, status int, header http.Header, body []byte) Reply {
	rule, ok := c.Rule(p, s)
	if !ok {
		return Reply{Violations: []Violation{{Pointer: "", Kind: KindPlatform, Message: "platform " + string(p) + " has no step " + string(s)}}}
	}
	var out Reply
	if status != http.StatusOK && status != http.StatusBadRequest {
		out.Violations = append(out.Violations, Violation{Pointer: "/status", Kind: KindStatus,
			Message: "the user flow takes only 200 and 400; it shows an error for " + http.StatusText(status)})
	}
	out.Violations = append(out.Violations, contentTypeViolations(header)...)
	obj, vs := decodeObject(body)
	out.Violations = append(out.Violations, vs...)
	if obj == nil {
		return out
	}
	rawAction, present := obj["action"]
	action, _ := rawAction.(string)
	var schema *openapi3.Schema
	switch Action(action) {
	case Continue:
		schema = c.continueReply
	case ShowBlockPage:
		schema = c.blockReply
	case ValidationError:
		schema = c.validationReply
	default:
		kind, msg := Kind("enum"), "action must be Continue, ShowBlockPage or ValidationError"
		if !present {
			kind, msg = "required", "the answer has no action"
		}
		out.Violations = append(out.Violations, Violation{Pointer: "/action", Kind: kind, Message: msg})
		if _, ok := obj["version"]; !ok {
			out.Violations = append(out.Violations, Violation{Pointer: "/version", Kind: "required", Message: "the answer has no version"})
		}
		return out
	}
	out.Action = Action(action)
	if want := StatusOf(out.Action); status != want && (status == http.StatusOK || status == http.StatusBadRequest) {
		out.Violations = append(out.Violations, Violation{Pointer: "/status", Kind: KindStatus,
			Message: action + " must be sent with HTTP " + http.StatusText(want)})
	}
	if !rule.Allows(out.Action) {
		out.Violations = append(out.Violations, Violation{Pointer: "/action", Kind: KindAction,
			Message: string(s) + " does not allow " + action})
	}
	out.Violations = append(out.Violations, schemaViolations(schema.VisitJSON(obj, validationOptions()...), "")...)
	if msg, ok := obj["userMessage"].(string); ok && out.Action != Continue {
		out.UserMessage = msg
	}
	if out.Action == Continue {
		out.Claims = map[string]any{}
		for _, name := range sortedKeys(obj) {
			if name == "version" || name == "action" {
				continue
			}
			switch {
			case !c.IsReplyClaim(name):
				out.Violations = append(out.Violations, Violation{Pointer: Pointer(name), Kind: KindClaim,
					Message: "not a built-in or custom attribute: the user flow ignores it"})
			case slices.Contains(rule.ReadOnlyClaims, name):
				out.Violations = append(out.Violations, Violation{Pointer: Pointer(name), Kind: KindReadOnlyClaim,
					Message: string(s) + " cannot overwrite " + name})
			default:
				out.Claims[name] = obj[name]
			}
		}
	}
	return out
}

func validationOptions() []openapi3.SchemaValidationOption {
	return []openapi3.SchemaValidationOption{openapi3.MultiErrors(), openapi3.DisableSchemaErrorDetails()}
}

func contentTypeViolations(h http.Header) []Violation {
	mediaType, _, err := mime.ParseMediaType(h.Get("Content-Type"))
	if err != nil || mediaType != "application/json" {
		return []Violation{{Pointer: "/header/Content-Type", Kind: KindContentType, Message: "the Content-Type must be application/json"}}
	}
	return nil
}

// decodeObject parses a strict JSON object: no comments, no trailing commas, nothing after it.
// Only JSON's own whitespace may surround it (RFC 8259 §2): bytes.TrimSpace would also drop a
// form feed or U+00A0, which a strict parser on the other side refuses.
func decodeObject(body []byte) (map[string]any, []Violation) {
	trimmed := bytes.Trim(body, jsonWhitespace)
	if len(trimmed) == 0 {
		return nil, []Violation{{Pointer: "", Kind: KindBody, Message: "the body is empty"}}
	}
	if !json.Valid(trimmed) {
		return nil, []Violation{{Pointer: "", Kind: KindBody, Message: "the body is not strict JSON"}}
	}
	var obj map[string]any
	if err := json.Unmarshal(trimmed, &obj); err != nil || obj == nil {
		return nil, []Violation{{Pointer: "", Kind: "type", Message: "the body must be a JSON object"}}
	}
	return obj, nil
}

const jsonWhitespace = " \t\r\n"

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
