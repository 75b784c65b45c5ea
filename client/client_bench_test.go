package client_test

// Benchmarks of the client against a hand-written net/http + encoding/json baseline ("raw"),
// both through the same canned RoundTripper, so that only the client-side work differs:
// building and encoding the request, the transport's headers and retry wrapper, and decoding
// the answer. bench/ratios compares each client/raw pair against the performance targets.

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/google/uuid"

	"github.com/graph-apiconnector/apiconnector/client"
	"github.com/graph-apiconnector/apiconnector/contract"
)

// benchToken is the static bearer token of both sides.
const benchToken = "bench-token"

// benchRoot is where both sides send: Graph's beta root, as in the seed exchange.
const benchRoot = "https://graph.microsoft.com/beta"

// seedDocs is the documented exchanges the benchmarks replay.
const seedDocs = "../contract/testdata/docs/beta"

// benchConnector is the seed exchange's connector (beta/create/1).
var benchConnector = client.Connector{
	DisplayName: "Test API",
	TargetURL:   "https://someapi.com/api",
	Auth:        client.BasicAuth{Username: "<USERNAME>", Password: "<PASSWORD>"},
}

// docBody returns the body of a documented response, such as "create/1/response.http".
func docBody(b *testing.B, example string) []byte {
	b.Helper()
	dir := filepath.Join(seedDocs, filepath.Dir(example))
	_, resp, err := contract.ReadExchange(filepath.Join(dir, "request.http"), filepath.Join(dir, "response.http"))
	if err != nil {
		b.Fatal(err)
	}
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		b.Fatal(err)
	}
	return body
}

// cannedGraph is a RoundTripper that answers every request with prepared bytes, as a
// server would: it reads and closes the request body and returns a fresh response.
type cannedGraph struct {
	status int
	// answer picks the body for a request; nil answers body.
	answer func(*http.Request) []byte
	body   []byte
	// last, when check is set, keeps the last request's headers and body for a sanity check.
	check    bool
	lastHead http.Header
	lastBody []byte
}

func (g *cannedGraph) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Body != nil {
		var buf bytes.Buffer
		sink := io.Discard
		if g.check {
			sink = &buf
		}
		if _, err := io.Copy(sink, req.Body); err != nil {
			return nil, err
		}
		_ = req.Body.Close()
		g.lastBody = buf.Bytes()
	}
	if g.check {
		g.lastHead = req.Header.Clone()
	}
	body := g.body
	if g.answer != nil {
		body = g.answer(req)
	}
	return &http.Response{
		Status:        strconv.Itoa(g.status) + " " + http.StatusText(g.status),
		StatusCode:    g.status,
		Proto:         "HTTP/1.1",
		ProtoMajor:    1,
		ProtoMinor:    1,
		Header:        http.Header{"Content-Type": {"application/json"}},
		Body:          io.NopCloser(bytes.NewReader(body)),
		ContentLength: int64(len(body)),
		Request:       req,
	}, nil
}

// sanity sends one request with check on and verifies what both sides must send.
func (g *cannedGraph) sanity(b *testing.B, send func() error, wantBody bool) {
	b.Helper()
	g.check = true
	defer func() { g.check = false }()
	if err := send(); err != nil {
		b.Fatal(err)
	}
	if got := g.lastHead.Get("Authorization"); got != "Bearer "+benchToken {
		b.Fatalf("Authorization = %q", got)
	}
	if g.lastHead.Get("client-request-id") == "" {
		b.Fatal("no client-request-id")
	}
	if wantBody {
		if got := g.lastHead.Get("Content-Type"); got != "application/json" {
			b.Fatalf("Content-Type = %q", got)
		}
		var got, want any
		if err := json.Unmarshal(g.lastBody, &got); err != nil {
			b.Fatal(err)
		}
		if err := json.Unmarshal(seedRequestBody, &want); err != nil {
			b.Fatal(err)
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			b.Fatalf("request body %s, want the seed's %s", g.lastBody, seedRequestBody)
		}
	}
}

// seedRequestBody is the documented create request's body (beta/create/1), compacted.
var seedRequestBody = []byte(`{"displayName":"Test API","targetUrl":"https://someapi.com/api","authenticationConfiguration":{"@odata.type":"#microsoft.graph.basicAuthentication","username":"<USERNAME>","password":"<PASSWORD>"}}`)

func newBenchClient(b *testing.B, rt http.RoundTripper, opts ...client.Option) *client.Client {
	b.Helper()
	opts = append([]client.Option{
		client.WithAPIVersion(client.VersionBeta),
		client.WithStaticToken(benchToken),
		client.WithHTTPClient(&http.Client{Transport: rt}),
	}, opts...)
	c, err := client.New(opts...)
	if err != nil {
		b.Fatal(err)
	}
	return c
}

// The raw side: what a careful hand-written caller does with net/http and encoding/json
// and plain structs, sending the same headers.

type rawCert struct {
	Thumbprint string `json:"thumbprint"`
	NotBefore  int64  `json:"notBefore"`
	NotAfter   int64  `json:"notAfter"`
	IsActive   bool   `json:"isActive"`
}

type rawAuth struct {
	ODataType       string    `json:"@odata.type"`
	Username        string    `json:"username,omitempty"`
	Password        string    `json:"password,omitempty"`
	CertificateList []rawCert `json:"certificateList,omitempty"`
}

type rawConnector struct {
	ID          string   `json:"id,omitempty"`
	DisplayName string   `json:"displayName"`
	TargetURL   string   `json:"targetUrl"`
	Auth        *rawAuth `json:"authenticationConfiguration,omitempty"`
}

type rawPage struct {
	Value    []rawConnector `json:"value"`
	NextLink string         `json:"@odata.nextLink"`
}

type rawClient struct {
	hc            *http.Client
	root          string
	authorization string
}

func newRawClient(rt http.RoundTripper, root string) *rawClient {
	return &rawClient{hc: &http.Client{Transport: rt}, root: root, authorization: "Bearer " + benchToken}
}

func (c *rawClient) do(ctx context.Context, method, url string, in, out any) error {
	var body io.Reader
	if in != nil {
		data, err := json.Marshal(in)
		if err != nil {
			return err
		}
		body = bytes.NewReader(data)
	}
	req, err := http.NewRequestWithContext(ctx, method, url, body)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", c.authorization)
	if in != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	req.Header.Set("client-request-id", uuid.NewString())
	resp, err := c.hc.Do(req)
	if err != nil {
		return err
	}
	defer func() { _ = resp.Body.Close() }()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return fmt.Errorf("graph answered %s", resp.Status)
	}
	return json.NewDecoder(resp.Body).Decode(out)
}

func (c *rawClient) create(ctx context.Context, in rawConnector) (rawConnector, error) {
	var out rawConnector
	err := c.do(ctx, http.MethodPost, c.root+"/identity/apiConnectors", in, &out)
	return out, err
}

func (c *rawClient) get(ctx context.Context, id string) (rawConnector, error) {
	var out rawConnector
	err := c.do(ctx, http.MethodGet, c.root+"/identity/apiConnectors/"+id, nil, &out)
	return out, err
}

// list calls each for every connector, following @odata.nextLink.
func (c *rawClient) list(ctx context.Context, each func(rawConnector)) error {
	next := c.root + "/identity/apiConnectors"
	for next != "" {
		var page rawPage
		if err := c.do(ctx, http.MethodGet, next, nil, &page); err != nil {
			return err
		}
		for _, conn := range page.Value {
			each(conn)
		}
		next = page.NextLink
	}
	return nil
}

var rawSeedConnector = rawConnector{
	DisplayName: "Test API",
	TargetURL:   "https://someapi.com/api",
	Auth:        &rawAuth{ODataType: "#microsoft.graph.basicAuthentication", Username: "<USERNAME>", Password: "<PASSWORD>"},
}

// BenchmarkCreate creates the seed's connector (beta/create/1) against its documented 201.
func BenchmarkCreate(b *testing.B) {
	created := docBody(b, "create/1/response.http")
	ctx := context.Background()
	b.Run("client", func(b *testing.B) {
		g := &cannedGraph{status: http.StatusCreated, body: created}
		c := newBenchClient(b, g)
		create := func() error {
			conn, err := c.Create(ctx, benchConnector)
			if err == nil && (conn.ID != "guid" || conn.Auth == nil) {
				err = fmt.Errorf("created %+v", conn)
			}
			return err
		}
		g.sanity(b, create, true)
		b.ReportAllocs()
		for b.Loop() {
			if err := create(); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("raw", func(b *testing.B) {
		g := &cannedGraph{status: http.StatusCreated, body: created}
		c := newRawClient(g, benchRoot)
		create := func() error {
			conn, err := c.create(ctx, rawSeedConnector)
			if err == nil && (conn.ID != "guid" || conn.Auth == nil) {
				err = fmt.Errorf("created %+v", conn)
			}
			return err
		}
		g.sanity(b, create, true)
		b.ReportAllocs()
		for b.Loop() {
			if err := create(); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkGet reads one connector, answered with the documented get response (beta/get/1).
func BenchmarkGet(b *testing.B) {
	got := docBody(b, "get/1/response.http")
	ctx := context.Background()
	b.Run("client", func(b *testing.B) {
		g := &cannedGraph{status: http.StatusOK, body: got}
		c := newBenchClient(b, g)
		get := func() error {
			conn, err := c.Get(ctx, "guid")
			if err == nil && conn.ID != "guid" {
				err = fmt.Errorf("got %+v", conn)
			}
			return err
		}
		g.sanity(b, get, false)
		b.ReportAllocs()
		for b.Loop() {
			if err := get(); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("raw", func(b *testing.B) {
		g := &cannedGraph{status: http.StatusOK, body: got}
		c := newRawClient(g, benchRoot)
		get := func() error {
			conn, err := c.get(ctx, "guid")
			if err == nil && conn.ID != "guid" {
				err = fmt.Errorf("got %+v", conn)
			}
			return err
		}
		g.sanity(b, get, false)
		b.ReportAllocs()
		for b.Loop() {
			if err := get(); err != nil {
				b.Fatal(err)
			}
		}
	})
}

const (
	listTotal    = 1000
	listPageSize = 100
)

// listPages builds listTotal connectors in pages of listPageSize, each connector one of the
// documented list response's items (beta/list/1: basic and client-certificate
// authentication) with an id of its own, every page but the last with an @odata.nextLink.
func listPages(b *testing.B) [][]byte {
	b.Helper()
	var doc struct {
		Value []map[string]any `json:"value"`
	}
	if err := json.Unmarshal(docBody(b, "list/1/response.http"), &doc); err != nil {
		b.Fatal(err)
	}
	pages := make([][]byte, 0, listTotal/listPageSize)
	for p := range listTotal / listPageSize {
		page := map[string]any{"@odata.context": benchRoot + "/$metadata#identity/apiConnectors"}
		items := make([]map[string]any, 0, listPageSize)
		for i := range listPageSize {
			item := map[string]any{}
			for k, v := range doc.Value[i%len(doc.Value)] {
				item[k] = v
			}
			item["id"] = fmt.Sprintf("00000000-0000-4000-8000-%012d", p*listPageSize+i)
			items = append(items, item)
		}
		page["value"] = items
		if p < listTotal/listPageSize-1 {
			page["@odata.nextLink"] = benchRoot + "/identity/apiConnectors?$skiptoken=" + strconv.Itoa(p+1)
		}
		data, err := json.Marshal(page)
		if err != nil {
			b.Fatal(err)
		}
		pages = append(pages, data)
	}
	return pages
}

// pageFor answers the first page for no $skiptoken and page n for $skiptoken=n.
func pageFor(pages [][]byte) func(*http.Request) []byte {
	return func(r *http.Request) []byte {
		_, token, ok := strings.Cut(r.URL.RawQuery, "$skiptoken=")
		if !ok {
			return pages[0]
		}
		n, err := strconv.Atoi(token)
		if err != nil || n < 0 || n >= len(pages) {
			return []byte(`{"value":[]}`)
		}
		return pages[n]
	}
}

// BenchmarkList1000 lists 1,000 connectors in pages of 100, following @odata.nextLink.
func BenchmarkList1000(b *testing.B) {
	pages := listPages(b)
	ctx := context.Background()
	b.Run("client", func(b *testing.B) {
		g := &cannedGraph{status: http.StatusOK, answer: pageFor(pages)}
		c := newBenchClient(b, g)
		list := func() error {
			n := 0
			for conn, err := range c.List(ctx, client.ListOptions{}) {
				if err != nil {
					return err
				}
				if conn.Auth != nil {
					n++
				}
			}
			if n != listTotal {
				return fmt.Errorf("listed %d connectors, want %d", n, listTotal)
			}
			return nil
		}
		g.sanity(b, list, false)
		b.ReportAllocs()
		for b.Loop() {
			if err := list(); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("raw", func(b *testing.B) {
		g := &cannedGraph{status: http.StatusOK, answer: pageFor(pages)}
		c := newRawClient(g, benchRoot)
		list := func() error {
			n := 0
			err := c.list(ctx, func(conn rawConnector) {
				if conn.Auth != nil {
					n++
				}
			})
			if err == nil && n != listTotal {
				err = fmt.Errorf("listed %d connectors, want %d", n, listTotal)
			}
			return err
		}
		g.sanity(b, list, false)
		b.ReportAllocs()
		for b.Loop() {
			if err := list(); err != nil {
				b.Fatal(err)
			}
		}
	})
}
