package contract

import (
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const docsTestdata = "testdata/docs"

// docExchangeDirs lists every folder under testdata/docs holding a request.http.
func docExchangeDirs(t *testing.T) []string {
	t.Helper()
	var dirs []string
	err := filepath.WalkDir(docsTestdata, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Name() == "request.http" {
			dirs = append(dirs, filepath.Dir(path))
		}
		return nil
	})
	require.NoError(t, err)
	require.NotEmpty(t, dirs)
	return dirs
}

func readBody(t *testing.T, body io.Reader) []byte {
	t.Helper()
	data, err := io.ReadAll(body)
	require.NoError(t, err)
	return data
}

func TestParseEveryDocumentedExchange(t *testing.T) {
	for _, dir := range docExchangeDirs(t) {
		t.Run(dir, func(t *testing.T) {
			req, resp, err := ReadExchange(filepath.Join(dir, "request.http"), filepath.Join(dir, "response.http"))
			require.NoError(t, err)

			assert.Equal(t, "graph.microsoft.com", req.URL.Host)
			assert.Equal(t, "graph.microsoft.com", req.Host)
			assert.Equal(t, "HTTP/1.1", req.Proto)
			reqBody := readBody(t, req.Body)
			assert.Equal(t, req.ContentLength, int64(len(reqBody)))

			require.NotNil(t, resp)
			assert.Same(t, req, resp.Request)
			assert.GreaterOrEqual(t, resp.StatusCode, 200)
			assert.Less(t, resp.StatusCode, 300)
			respBody := readBody(t, resp.Body)
			assert.Equal(t, resp.ContentLength, int64(len(respBody)))
			if len(respBody) == 0 {
				assert.Equal(t, http.NoBody, resp.Body)
			}
		})
	}
}

func TestParseDocumentedExchangeDetails(t *testing.T) {
	tests := []struct {
		dir   string
		check func(t *testing.T, req *http.Request, resp *http.Response)
	}{
		{"beta/create/1", func(t *testing.T, req *http.Request, resp *http.Response) {
			assert.Equal(t, http.MethodPost, req.Method)
			assert.Equal(t, "/beta/identity/apiConnectors", req.URL.Path)
			assert.Equal(t, "application/json", req.Header.Get("Content-Type"))
			assert.Equal(t, http.StatusCreated, resp.StatusCode)
			assert.Equal(t, "201 Created", resp.Status)
		}},
		{"beta/delete/1", func(t *testing.T, req *http.Request, resp *http.Response) {
			assert.Equal(t, http.MethodDelete, req.Method)
			assert.Equal(t, "/beta/identity/apiConnectors/{id}", req.URL.Path)
			assert.Equal(t, http.NoBody, req.Body)
			assert.Equal(t, http.StatusNoContent, resp.StatusCode)
			assert.Equal(t, http.NoBody, resp.Body)
			assert.Zero(t, resp.ContentLength)
		}},
		{"beta/b2cuserflow-get-apiconnectorconfiguration/1", func(t *testing.T, req *http.Request, _ *http.Response) {
			assert.Equal(t, "postFederationSignup,postAttributeCollection", req.URL.Query().Get("$expand"))
		}},
		{"beta/b2xuserflow-put-apiconnectorconfiguration/1", func(t *testing.T, req *http.Request, _ *http.Response) {
			assert.True(t, strings.HasSuffix(req.URL.Path, "/postFederationSignup/$ref"), req.URL.Path)
			// The documented body has trailing spaces inside it; they are content.
			assert.Contains(t, string(readBody(t, req.Body)), "{id}\"   \n}")
		}},
		{"beta/uploadclientcertificate/1", func(t *testing.T, req *http.Request, _ *http.Response) {
			// Written "Content-type" in the file.
			assert.Equal(t, "application/json", req.Header.Get("Content-Type"))
		}},
		{"v1.0/b2xuserflow-create-with-apiconnectors/1", func(t *testing.T, req *http.Request, resp *http.Response) {
			// The documented Content-Length is wrong; it is kept for a validator to flag.
			assert.Equal(t, "154", req.Header.Get("Content-Length"))
			assert.NotEqual(t, int64(154), req.ContentLength)
			assert.Equal(t, "https://graph.microsoft.com/v1.0/identity/b2xUserFlows/B2X_1_Partner", resp.Header.Get("Location"))
		}},
	}
	for _, tt := range tests {
		t.Run(tt.dir, func(t *testing.T) {
			dir := filepath.Join(docsTestdata, filepath.FromSlash(tt.dir))
			req, resp, err := ReadExchange(filepath.Join(dir, "request.http"), filepath.Join(dir, "response.http"))
			require.NoError(t, err)
			tt.check(t, req, resp)
		})
	}
}

func TestParseRequestBodyBytes(t *testing.T) {
	tests := []struct {
		name  string
		input string
		want  string
	}{
		{"single final newline is not body", "POST /x\n\n{}\n", "{}"},
		{"no final newline", "POST /x\n\n{}", "{}"},
		{"whitespace-only lines at end of file are dropped", "POST /x\n\n{}\n\n  \n", "{}"},
		{"inner blank lines and trailing spaces kept", "POST /x\n\n{\n\n  \"a\": 1   \n}\n", "{\n\n  \"a\": 1   \n}"},
		{"leading spaces on first body line kept", "POST /x\n\n  {}\n", "  {}"},
		{"blank line then nothing", "POST /x\n\n", ""},
		{"no blank line", "GET /x\n", ""},
		{"no headers, no final newline", "GET /x", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, err := ParseRequest(strings.NewReader(tt.input), "t.http")
			require.NoError(t, err)
			assert.Equal(t, tt.want, string(readBody(t, req.Body)))
			assert.Equal(t, int64(len(tt.want)), req.ContentLength)
			if tt.want == "" {
				assert.Equal(t, http.NoBody, req.Body)
			}
		})
	}
}

func TestParseRequestLine(t *testing.T) {
	tests := []struct {
		name      string
		line      string
		wantPath  string
		wantQuery string
		wantHost  string
		wantProto string
	}{
		{"absolute URL", "GET https://graph.microsoft.com/beta/identity/apiConnectors", "/beta/identity/apiConnectors", "", "graph.microsoft.com", "HTTP/1.1"},
		{"path only", "DELETE /identity/apiConnectors/{id}", "/identity/apiConnectors/{id}", "", "", "HTTP/1.1"},
		{"explicit version", "GET /identity/apiConnectors HTTP/1.0", "/identity/apiConnectors", "", "", "HTTP/1.0"},
		{"query with spaces", "GET /identity/apiConnectors?$filter=displayName eq 'x' HTTP/1.1", "/identity/apiConnectors", "$filter=displayName eq 'x'", "", "HTTP/1.1"},
		{"ref and expand", "PUT /a/$ref?$expand=a,b", "/a/$ref", "$expand=a,b", "", "HTTP/1.1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, err := ParseRequest(strings.NewReader(tt.line+"\n"), "t.http")
			require.NoError(t, err)
			assert.Equal(t, tt.wantPath, req.URL.Path)
			assert.Equal(t, tt.wantQuery, req.URL.RawQuery)
			assert.Equal(t, tt.wantHost, req.URL.Host)
			assert.Equal(t, tt.wantProto, req.Proto)
		})
	}
}

func TestParseRequestHostHeaderNamesServer(t *testing.T) {
	req, err := ParseRequest(strings.NewReader("GET /identity/apiConnectors\nHost: graph.microsoft.com\n"), "t.http")
	require.NoError(t, err)
	assert.Equal(t, "graph.microsoft.com", req.Host)
}

func TestParseResponseStatusLine(t *testing.T) {
	tests := []struct {
		line       string
		wantCode   int
		wantStatus string
		wantProto  string
	}{
		{"HTTP/1.1 201 Created", 201, "201 Created", "HTTP/1.1"},
		{"HTTP/1.1 204 No Content", 204, "204 No Content", "HTTP/1.1"},
		{"HTTP/1.1 200", 200, "200 OK", "HTTP/1.1"},
		{"HTTP/2.0 429 Too Many Requests", 429, "429 Too Many Requests", "HTTP/2.0"},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			resp, err := ParseResponse(strings.NewReader(tt.line+"\n"), "t.http", nil)
			require.NoError(t, err)
			assert.Equal(t, tt.wantCode, resp.StatusCode)
			assert.Equal(t, tt.wantStatus, resp.Status)
			assert.Equal(t, tt.wantProto, resp.Proto)
			assert.Nil(t, resp.Request)
		})
	}
}

func TestParseMalformedInput(t *testing.T) {
	tests := []struct {
		name     string
		response bool
		input    string
		wantLine int
	}{
		{"empty request file", false, "", 1},
		{"blank request file", false, "\n\n", 1},
		{"empty response file", true, "", 1},
		{"request line without URL", false, "GET\n", 1},
		{"request line with only a version", false, "GET HTTP/1.1\n", 1},
		{"unknown method", false, "FETCH /x\n", 1},
		{"lower-case method", false, "get /x\n", 1},
		{"bad version", false, "GET /x HTTP/one\n", 1},
		{"URL Go rejects", false, "GET http://[::1/x\n", 1},
		{"URL with a port separator but no host", false, "PUT //::\n", 1},
		{"URL with a port but no host", false, "GET http://:80/x\n", 1},
		{"URL with an empty port, no host and a path", false, "PUT //://x\n", 1},
		{"URL whose host is invalid once its empty port is dropped", false, "PUT //:A:\n", 1},
		{"URL whose host has two empty ports", false, "PUT //0::\n", 1},
		{"start line after blank lines", false, "\n\nGET\n", 3},
		{"header without colon", false, "GET /x\nAccept: */*\nContent-Type application/json\n", 3},
		{"header with space in name", false, "GET /x\nContent Type: a\n", 2},
		{"header with empty name", false, "GET /x\n: a\n", 2},
		{"header without colon in CRLF file", false, "GET /x\r\nbad\r\n", 2},
		{"status line not HTTP", true, "HTTPS 200 OK\n", 1},
		{"status line without code", true, "HTTP/1.1\n", 1},
		{"status code two digits", true, "HTTP/1.1 20 OK\n", 1},
		{"status code four digits", true, "HTTP/1.1 2000 OK\n", 1},
		{"status code not numeric", true, "HTTP/1.1 2x1 Created\n", 1},
		{"request line in response file", true, "GET /x\n", 1},
		{"response header without colon", true, "HTTP/1.1 200 OK\nContent-Type: a\n{\n", 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var err error
			if tt.response {
				_, err = ParseResponse(strings.NewReader(tt.input), "bad.http", nil)
			} else {
				_, err = ParseRequest(strings.NewReader(tt.input), "bad.http")
			}
			var parseErr *ParseError
			require.ErrorAs(t, err, &parseErr)
			assert.Equal(t, "bad.http", parseErr.File)
			assert.Equal(t, tt.wantLine, parseErr.Line)
			assert.NotEmpty(t, parseErr.Msg)
		})
	}
}

func TestParseErrorNamesFileAndLine(t *testing.T) {
	err := &ParseError{File: "a/request.http", Line: 3, Msg: "m"}
	assert.Equal(t, "a/request.http:3: m", err.Error())
}

func TestParseCRLFMatchesLF(t *testing.T) {
	for _, dir := range docExchangeDirs(t) {
		for _, name := range []string{"request.http", "response.http"} {
			path := filepath.Join(dir, name)
			lf, err := os.ReadFile(path)
			require.NoError(t, err)
			crlf := strings.ReplaceAll(string(lf), "\n", "\r\n")
			t.Run(path, func(t *testing.T) {
				if name == "request.http" {
					want, err := ParseRequest(strings.NewReader(string(lf)), path)
					require.NoError(t, err)
					got, err := ParseRequest(strings.NewReader(crlf), path)
					require.NoError(t, err)
					assert.Equal(t, want.Method, got.Method)
					assert.Equal(t, want.URL, got.URL)
					assert.Equal(t, want.Header, got.Header)
					assert.Equal(t, want.ContentLength, got.ContentLength)
					assert.Equal(t, readBody(t, want.Body), readBody(t, got.Body))
					return
				}
				want, err := ParseResponse(strings.NewReader(string(lf)), path, nil)
				require.NoError(t, err)
				got, err := ParseResponse(strings.NewReader(crlf), path, nil)
				require.NoError(t, err)
				assert.Equal(t, want.StatusCode, got.StatusCode)
				assert.Equal(t, want.Status, got.Status)
				assert.Equal(t, want.Header, got.Header)
				assert.Equal(t, want.ContentLength, got.ContentLength)
				assert.Equal(t, readBody(t, want.Body), readBody(t, got.Body))
			})
		}
	}
}

func TestReadExchange(t *testing.T) {
	dir := filepath.Join(docsTestdata, "beta", "get", "1")

	t.Run("request only", func(t *testing.T) {
		req, resp, err := ReadExchange(filepath.Join(dir, "request.http"), "")
		require.NoError(t, err)
		assert.Equal(t, http.MethodGet, req.Method)
		assert.Nil(t, resp)
	})

	t.Run("missing request file", func(t *testing.T) {
		_, _, err := ReadExchange(filepath.Join(t.TempDir(), "request.http"), "")
		assert.ErrorIs(t, err, fs.ErrNotExist)
	})

	t.Run("malformed response names the response file", func(t *testing.T) {
		bad := filepath.Join(t.TempDir(), "response.http")
		require.NoError(t, os.WriteFile(bad, []byte("HTTP/1.1 OK\n"), 0o644))
		_, _, err := ReadExchange(filepath.Join(dir, "request.http"), bad)
		var parseErr *ParseError
		require.ErrorAs(t, err, &parseErr)
		assert.Equal(t, bad, parseErr.File)
		assert.Equal(t, 1, parseErr.Line)
	})
}
