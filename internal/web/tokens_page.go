package web

import (
	"net/http"

	"github.com/kindredhq/kindred/internal/errs"
)

func (s *Server) tokensPage(w http.ResponseWriter, r *http.Request) {
	s.renderTokens(w, r, http.StatusOK, nil)
}

func (s *Server) renderTokens(w http.ResponseWriter, r *http.Request, code int, extra map[string]any) {
	toks, err := s.auth.Tokens(r.Context(), viewer(r).PersonID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	data := map[string]any{"Title": "API tokens", "Section": "settings", "Tokens": toks}
	for k, v := range extra {
		data[k] = v
	}
	s.render(w, r, code, "tokens", data)
}

func (s *Server) createToken(w http.ResponseWriter, r *http.Request) {
	secret, _, err := s.auth.CreateToken(r.Context(), viewer(r).PersonID, r.PostFormValue("name"))
	if e := errs.As(err); e != nil && e.Kind == errs.Invalid {
		s.renderTokens(w, r, http.StatusUnprocessableEntity, map[string]any{"Errors": map[string]string{e.Field: e.Message}, "Name": r.PostFormValue("name")})
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	// The secret is shown in this response only.
	s.renderTokens(w, r, http.StatusOK, map[string]any{"Secret": secret})
}

func (s *Server) revokeToken(w http.ResponseWriter, r *http.Request) {
	if err := s.auth.RevokeToken(r.Context(), viewer(r).PersonID, r.PathValue("id")); err != nil {
		s.fail(w, r, err)
		return
	}
	s.redirect(w, r, "/settings/tokens", "Token revoked.")
}
