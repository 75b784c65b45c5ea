// Package client is a small, safe client for Microsoft Graph's API connectors
// (identityApiConnector): create, read, update, delete and list them, upload their client
// certificates, and attach them to the steps of user flows.
//
// # Usage
//
//	cred, _ := azidentity.NewDefaultAzureCredential(nil)
//	c, err := client.New(client.WithCredential(cred))
//	if err != nil { ... }
//	conn, err := c.Create(ctx, client.Connector{
//		DisplayName: "Check sign-up",
//		TargetURL:   "https://api.example.com/signup",
//		Auth:        client.BasicAuth{Username: "graph", Password: secret},
//	})
//	for conn, err := range c.List(ctx, client.ListOptions{Top: 50}) { ... }
//	err = c.Attach(ctx, client.B2X, "B2X_1_partner", client.PostAttributeCollection, conn.ID)
//
// # Defaults
//
// New talks to https://graph.microsoft.com/v1.0 (WithCloud, WithAPIVersion, WithBaseURL
// change that) and asks the credential for the cloud's "https://<host>/.default" scope.
// Exactly one of WithCredential and WithStaticToken is required. The token is only ever
// sent to the configured Graph scheme and host: an @odata.nextLink elsewhere is refused,
// and a redirect elsewhere goes without it. Every call carries a client-request-id (a
// UUID, the same on each retry of that call) and a User-Agent. WithLogger receives Debug
// records of each attempt: method, path, status, attempt, duration and ids, never bodies
// or the Authorization header.
//
// # Input checks
//
// Inputs are checked before anything is sent; a bad one is a *ValidationError naming each
// field ("displayName", "targetUrl", "auth.password", ...). A .pfx, on create, update or
// upload, is first opened locally with its password, so a wrong one never leaves.
//
// # Errors
//
// Every non-2xx answer is an *Error with Graph's code, message, request-id,
// client-request-id, date and Retry-After; branch on StatusCode or Code, or with
// errors.Is on ErrNotFound, ErrUnauthorized, ErrForbidden, ErrThrottled and ErrConflict.
// Message wording is Graph's and not contractual. A create or upload whose body was sent
// and whose answer never came wraps ErrOutcomeUnknown: it may have taken effect.
//
// # Retries
//
// DefaultRetryPolicy makes up to 4 attempts within 60s of waiting in all. 429, 503 and 504
// are retried after Retry-After (seconds, fractional allowed, or an HTTP date) or else an
// exponential backoff with full jitter from 500ms to 30s. When the next wait would pass
// the budget, the client does not sleep: it returns the *Error with RetryAfter set. POSTs
// (create, upload) are retried only when Graph provably did not act: 429, or 503 with
// Retry-After, or a connection that failed before any of the body was read. Waiting ends
// as soon as the context does.
//
// # Secrets
//
// BasicAuth, PKCS12, Connector, ConnectorUpdate and Client print and log their secrets as
// "******" with every fmt verb and through slog; UnknownAuth shows only its type.
package client
