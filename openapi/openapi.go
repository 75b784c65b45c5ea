// Package openapi holds the hand-written OpenAPI description of Microsoft Graph's
// API-connector endpoints. It only embeds the bytes, so importing it pulls in no parser.
package openapi

import _ "embed"

// Spec is openapi.yaml as written.
//
//go:embed openapi.yaml
var Spec []byte
