package web

import (
	"net/http"

	"github.com/kindredhq/kindred/internal/errs"
)

func (s *Server) tokensPage(w http.ResponseWriter, r *http.Request) error {
	return s.renderTokens(w, r, http.StatusOK, nil)
}

func (s *Server) renderTokens(w http.ResponseWriter, r *http.Request, code int, extra map[string]any) error {
	toks, err := s.auth.Tokens(r.Context(), viewer(r).PersonID)
	if err != nil {
		return err
	}
	data := map[string]any{"Title": "API tokens", "Section": "settings", "Tokens": toks}
	for k, v := range extra {
		data[k] = v
	}
	return s.render(w, r, code, "tokens", data)
}

func (s *Server) createToken(w http.ResponseWriter, r *http.Request) error {
	secret, _, err := s.auth.CreateToken(r.Context(), viewer(r).PersonID, r.PostFormValue("name"))
	if e := errs.As(err); e != nil && e.Kind == errs.Invalid {
		return s.renderTokens(w, r, http.StatusUnprocessableEntity, map[string]any{"Errors": map[string]string{e.Field: e.Message}, "Name": r.PostFormValue("name")})
	}
	if err != nil {
		return err
	}
	// The secret is shown in this response only.
	return s.renderTokens(w, r, http.StatusOK, map[string]any{"Secret": secret})
}

func (s *Server) revokeToken(w http.ResponseWriter, r *http.Request) error {
	if err := s.auth.RevokeToken(r.Context(), viewer(r).PersonID, r.PathValue("id")); err != nil {
		return err
	}
	return s.redirect(w, r, "/settings/tokens", "Token revoked.")
}
