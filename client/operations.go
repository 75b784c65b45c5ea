package client

import (
	"context"
	"errors"
	"net/http"
)

// operation is one kind of call the client makes, with the rules that follow from what it
// does at Graph. Retries and redirects are decided from these, never from the HTTP method:
// a POST may be a harmless read one day, and a PUT of a $ref is as safe to repeat as a GET.
type operation struct {
	name string
	// idempotent: doing it twice leaves Graph as doing it once does, so an attempt whose
	// outcome is unknown (the body went out, no answer came) may be tried again.
	idempotent bool
	// read: it changes nothing, so a redirect may be followed. A change answered with a
	// redirect is never followed, since net/http would repeat it as a GET without its body
	// and report the other server's answer as the change's.
	read bool
}

// The client's operations, the one place their rules are declared.
var (
	opCreate                = operation{name: "create"}
	opUpload                = operation{name: "upload client certificate"}
	opUpdate                = operation{name: "update", idempotent: true}
	opDelete                = operation{name: "delete", idempotent: true}
	opAttach                = operation{name: "attach", idempotent: true}
	opDetach                = operation{name: "detach", idempotent: true}
	opGet                   = operation{name: "get", idempotent: true, read: true}
	opList                  = operation{name: "list", idempotent: true, read: true}
	opUserFlowConfiguration = operation{name: "user flow configuration", idempotent: true, read: true}

	// The operations of Graph's metadata (steps.go).
	opCount               = operation{name: "count", idempotent: true, read: true}
	opStepConnector       = operation{name: "step connector", idempotent: true, read: true}
	opReference           = operation{name: "reference", idempotent: true, read: true}
	opUpdateStepConnector = operation{name: "update step connector", idempotent: true}
	opRemoveReference     = operation{name: "remove reference", idempotent: true}
	opUploadStep          = operation{name: "upload step client certificate"}
)

// unknownOperation is what a request outside a call counts as: the strictest rules.
var unknownOperation = operation{name: "request"}

type operationKey struct{}

func withOperation(ctx context.Context, op *operation) context.Context {
	return context.WithValue(ctx, operationKey{}, op)
}

// operationOf is the operation the request's context belongs to.
func operationOf(ctx context.Context) *operation {
	if op, ok := ctx.Value(operationKey{}).(*operation); ok {
		return op
	}
	return &unknownOperation
}

// maxRedirects is how many redirects a read follows, as net/http's default does.
const maxRedirects = 10

// checkRedirect stops every redirect of a change, handing its 3xx to the call, and lets a
// read follow redirects as next (or net/http's default) allows.
func checkRedirect(next func(*http.Request, []*http.Request) error) func(*http.Request, []*http.Request) error {
	return func(req *http.Request, via []*http.Request) error {
		if !operationOf(req.Context()).read {
			return http.ErrUseLastResponse
		}
		if next != nil {
			return next(req, via)
		}
		if len(via) >= maxRedirects {
			return errors.New("stopped after 10 redirects")
		}
		return nil
	}
}

// mayHaveActed is a redirect after which a change may have taken effect: 303 answers a
// request that was processed, and 301 and 302 do not say. 307 and 308 ask for the same
// request elsewhere, so the server did not act on it.
func mayHaveActed(status int) bool {
	switch status {
	case http.StatusMovedPermanently, http.StatusFound, http.StatusSeeOther:
		return true
	}
	return false
}
