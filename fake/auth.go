package fake

import (
	"net/http"
	"strings"
)

// authenticate accepts a request with a bearer token, which the WithTokenCheck function,
// if any, must also accept. Errors never quote the token.
func (s *Server) authenticate(r *http.Request) error {
	scheme, token, _ := strings.Cut(r.Header.Get("Authorization"), " ")
	token = strings.TrimSpace(token)
	if !strings.EqualFold(scheme, "Bearer") || token == "" {
		return unauthenticated("the request carries no bearer token")
	}
	if s.tokenCheck != nil {
		if err := s.tokenCheck(token); err != nil {
			return unauthenticated("the bearer token was rejected")
		}
	}
	return nil
}
