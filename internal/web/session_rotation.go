package web

import "net/http"

// endCookieSession ends the session the request's cookie holds, if any: on
// signing out, and on signing in again, so that a browser's new session
// replaces the old one rather than keeping a token someone may have planted
// or seen (session fixation). Sessions on other devices stay.
func (s *Server) endCookieSession(r *http.Request) error {
	c, err := r.Cookie(sessionCookie)
	if err != nil || c.Value == "" {
		return nil
	}
	return s.auth.EndSession(r.Context(), c.Value)
}
