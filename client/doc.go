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
// Exactly one of WithCredential and WithStaticToken is required. A credential's token (a
// Microsoft identity token for Graph) goes only to the cloud's Graph host and to loopback:
// WithBaseURL on another host is refused by New with an *UntrustedHostError, before any
// token is asked for, unless WithTrustedHost names that host. A static token goes wherever
// it is pointed. The token is only ever sent to the configured Graph scheme and host: an @odata.nextLink elsewhere is refused,
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
// the budget, the client does not sleep: it returns the *Error with RetryAfter set. Whether
// an operation may be repeated is declared per operation, not read from its HTTP method:
// create and upload are retried only when Graph provably did not act (429, or 503 with
// Retry-After, or a connection that failed before any of the body was read); update,
// delete, attach and detach are idempotent. Waiting ends as soon as the context does.
//
// # Redirects
//
// Reads follow redirects (the token only to the Graph origin). A change (create, update,
// upload, delete, attach, detach) never does: net/http would repeat it as a GET and report
// the other server's answer as the change's. A change answered with 301, 302 or 303 is an
// *Error that also wraps ErrOutcomeUnknown, since Graph may have acted; 307 and 308 are an
// *Error alone.
//
// # Secrets
//
// BasicAuth, PKCS12, Connector, ConnectorUpdate and Client print and log their secrets as
// "******" with every fmt verb and through slog; UnknownAuth shows only its type.
//
// Nothing a call sent as a secret (the password, the .pfx and its password, the bearer
// token) comes back from it in any spelling (raw, JSON-escaped, URL-encoded, base64): an
// *Error quoting one has it masked in every field, and any other error whose text held
// one is replaced by a masked one that still answers errors.Is. A secret shorter than 4
// characters is not looked for. An answer that carries a secret (a basic-auth password
// that is not a mask, however its name is spelled, a secret-named property of an
// UnknownAuth, or an echo of what was sent) has it dropped or masked, and the call returns
// what is left together with a *SecretInResponseError naming each place by JSON pointer.
// The operation did take effect: a create that returns one has created the connector.
package client
