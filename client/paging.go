package client

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/graph-apiconnector/apiconnector/gen"
)

// maxTop is the largest $top Graph takes.
const maxTop = 999

// ListOptions narrows a list. Zero values are left out of the request.
type ListOptions struct {
	Top    int      // connectors per page, 1 to 999; 0 lets Graph choose
	Filter string   // an OData $filter, such as "displayName eq 'Test API'"
	Select []string // properties to return, such as "displayName"; id always comes back
}

// Page is one page of a list. NextLink is "" on the last page.
type Page struct {
	Connectors []Connector
	NextLink   string
}

// List returns every connector, following @odata.nextLink from page to page. An error
// ends the sequence after being yielded once; breaking out of the loop stops fetching.
func (c *Client) List(ctx context.Context, opts ListOptions) iter.Seq2[Connector, error] {
	return func(yield func(Connector, error) bool) {
		page, err := c.ListPage(ctx, opts)
		// Every link followed, so that a nextLink leading back to any page already read, not
		// only the one just read, ends the list instead of looping forever.
		followed := map[string]bool{}
		for {
			if err != nil {
				yield(Connector{}, err)
				return
			}
			for _, conn := range page.Connectors {
				if !yield(conn, nil) {
					return
				}
			}
			if page.NextLink == "" {
				return
			}
			link := page.NextLink
			if followed[link] {
				yield(Connector{}, errors.New("apiconnector: list: Graph's nextLink leads back to a page already read"))
				return
			}
			followed[link] = true
			page, err = c.NextPage(ctx, link)
		}
	}
}

// ListPage reads the first page of connectors with $top, $filter and $select.
func (c *Client) ListPage(ctx context.Context, opts ListOptions) (Page, error) {
	var problems []FieldError
	if opts.Top < 0 || opts.Top > maxTop {
		problems = append(problems, FieldError{Field: "top", Problem: fmt.Sprintf("must be between 1 and %d, or 0 for Graph's default", maxTop)})
	}
	if slices.ContainsFunc(opts.Select, func(s string) bool { return strings.TrimSpace(s) == "" }) {
		problems = append(problems, FieldError{Field: "select", Problem: "has an empty property name"})
	}
	if err := validationError(problems); err != nil {
		return Page{}, err
	}
	params := &gen.ListAPIConnectorsParams{}
	if opts.Top > 0 && opts.Top <= maxTop { // checked above; restated so the conversion is visibly in range
		top := int32(opts.Top)
		params.Top = &top
	}
	if opts.Filter != "" {
		params.Filter = &opts.Filter
	}
	if len(opts.Select) > 0 {
		sel := slices.Clone(opts.Select)
		params.Select = &sel
	}
	return c.page(ctx, func(ctx context.Context) (*http.Request, error) {
		return generated(ctx)(gen.NewListAPIConnectorsRequest(c.server, params))
	})
}

// NextPage reads the page an @odata.nextLink points to, as Graph wrote it. The link must
// be on the configured Graph scheme and host: it comes from a response body, and following
// it elsewhere would hand the bearer token to that host. Such a link is refused with a
// *ValidationError before anything is sent.
func (c *Client) NextPage(ctx context.Context, nextLink string) (Page, error) {
	u, err := c.checkNextLink(nextLink)
	if err != nil {
		return Page{}, err
	}
	return c.page(ctx, func(ctx context.Context) (*http.Request, error) {
		// The generated client builds URLs from parameters; a nextLink is followed verbatim,
		// through the same http.Client and transport.
		return http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	})
}

// page reads one page of connectors with the request build makes.
func (c *Client) page(ctx context.Context, build func(context.Context) (*http.Request, error)) (Page, error) {
	var page Page
	sc := c.scrubber(sentSecrets{})
	err := c.call(ctx, &opList, sc, build, func(data []byte) (err error) {
		page, err = decodePage(data)
		return err
	})
	if err != nil {
		return Page{}, err
	}
	var dropped []string
	for i := range page.Connectors {
		for _, p := range sc.scrubConnector(&page.Connectors[i]) {
			dropped = append(dropped, "/value/"+itoa(i)+p)
		}
	}
	if len(dropped) > 0 {
		return page, &SecretInResponseError{Operation: opList.name, Pointers: dropped}
	}
	return page, nil
}

func (c *Client) checkNextLink(link string) (*url.URL, error) {
	if link == "" {
		return nil, &ValidationError{Fields: []FieldError{{Field: "nextLink", Problem: "is required"}}}
	}
	u, err := url.Parse(link)
	if err != nil || !u.IsAbs() || u.Host == "" {
		return nil, &ValidationError{Fields: []FieldError{{Field: "nextLink", Problem: "must be an absolute URL"}}}
	}
	if !sameOrigin(u, c.root) {
		return nil, &ValidationError{Fields: []FieldError{{Field: "nextLink", Problem: "points away from the configured Graph host; not following it with the token"}}}
	}
	return u, nil
}
