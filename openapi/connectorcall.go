package openapi

import _ "embed"

// ConnectorCall is connector-call.yaml as written: the call a user flow makes to an API
// connector's targetUrl, and the endpoint's answers.
//
//go:embed connector-call.yaml
var ConnectorCall []byte
