package main

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"strings"

	"github.com/graph-apiconnector/apiconnector/contract"
	"github.com/graph-apiconnector/apiconnector/har"
)

// exchangeInput is one exchange read from the paths given to validate.
type exchangeInput struct {
	source        string // the request file, or FILE.har#N
	request       *http.Request
	response      *http.Response // nil when none was given
	requireAuth   bool
	fromHTTPFiles bool
}

// readExchanges reads every path in order: .http files (a request, optionally followed by its
// response), directories of request.http/response.http folders, and HAR files. The first
// unreadable input stops it, with an error naming the file and the line or entry.
//
//bodyclose:handled
func readExchanges(paths []string, requireAuth bool) ([]exchangeInput, error) {
	var out []exchangeInput
	for i := 0; i < len(paths); i++ {
		path := paths[i]
		info, err := os.Stat(path) //nolint:gosec // G703: the user names the paths to validate
		if err != nil {
			return nil, err
		}
		switch {
		case info.IsDir():
			found, err := readExchangeDir(path, requireAuth)
			if err != nil {
				return nil, err
			}
			out = append(out, found...)
		case isHAR(path):
			entries, err := har.ReadFile(path)
			if err != nil {
				return nil, err
			}
			for _, e := range entries {
				out = append(out, exchangeInput{source: entrySource(path, e.Entry), request: e.Request, response: e.Response, requireAuth: true})
			}
		default:
			responsePath := ""
			if i+1 < len(paths) && isResponseFile(paths[i+1]) {
				responsePath = paths[i+1]
				i++
			} else if isResponseFile(path) {
				return nil, fmt.Errorf("%s: a response file must follow its request file", path)
			}
			in, err := readHTTPExchange(path, responsePath, requireAuth)
			if err != nil {
				return nil, err
			}
			out = append(out, in)
		}
	}
	return out, nil
}

// readExchangeDir finds every folder under root holding request.http, in lexical order.
func readExchangeDir(root string, requireAuth bool) ([]exchangeInput, error) {
	var out []exchangeInput
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error { //nolint:gosec // G703: the user names the directory
		if err != nil {
			return err
		}
		if d.IsDir() || d.Name() != "request.http" {
			return nil
		}
		responsePath := filepath.Join(filepath.Dir(path), "response.http")
		if _, err := os.Stat(responsePath); errors.Is(err, fs.ErrNotExist) {
			responsePath = ""
		}
		in, err := readHTTPExchange(path, responsePath, requireAuth)
		if err != nil {
			return err
		}
		out = append(out, in)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: no folder under it holds a request.http", root)
	}
	return out, nil
}

//bodyclose:handled
func readHTTPExchange(requestPath, responsePath string, requireAuth bool) (exchangeInput, error) {
	req, resp, err := contract.ReadExchange(requestPath, responsePath)
	if err != nil {
		return exchangeInput{}, err
	}
	return exchangeInput{source: requestPath, request: req, response: resp, requireAuth: requireAuth, fromHTTPFiles: true}, nil
}

func isHAR(path string) bool { return strings.EqualFold(filepath.Ext(path), ".har") }

// isResponseFile reports whether path is an .http file whose first line is a status line.
// Anything unreadable is not, and fails later as a request with its own error.
func isResponseFile(path string) bool {
	if isHAR(path) {
		return false
	}
	info, err := os.Stat(path) //nolint:gosec // G703: the user names the paths to validate
	if err != nil || info.IsDir() {
		return false
	}
	data, err := os.ReadFile(path) //nolint:gosec // G304: the user names the files to validate
	if err != nil {
		return false
	}
	return bytes.HasPrefix(bytes.TrimLeft(data, " \t\r\n"), []byte("HTTP/"))
}
