package web

import (
	"net/http"

	"github.com/kindredhq/kindred/internal/access"
	"github.com/kindredhq/kindred/internal/errs"
	"github.com/kindredhq/kindred/internal/programs"
)

// handler is the shape of every route's handler: it writes the answer and
// returns nil, or writes nothing and returns an error, which the adapter
// answers through s.fail, the one error function.
type handler func(w http.ResponseWriter, r *http.Request) error

// public adapts a handler that anybody may call, signed in or not. It
// refuses a query string or form holding text that cannot be stored
// (formTextProblem) before h runs.
func (s *Server) public(h handler) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		err := formTextProblem(r)
		if err == nil {
			err = h(w, r)
		}
		if err != nil {
			s.fail(w, r, err)
		}
	}
}

// page adapts an HTML handler that needs a signed-in viewer: anonymous
// visitors are sent to the sign-in page and brought back afterwards.
func (s *Server) page(h handler) http.HandlerFunc {
	return s.public(func(w http.ResponseWriter, r *http.Request) error {
		if !viewer(r).SignedIn() {
			http.Redirect(w, r, "/signin?next="+urlQueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
			return nil
		}
		return h(w, r)
	})
}

// api adapts a JSON handler that needs a signed-in viewer; anybody else
// gets 401.
func (s *Server) api(h handler) http.HandlerFunc {
	return s.public(func(w http.ResponseWriter, r *http.Request) error {
		if !viewer(r).SignedIn() {
			return errs.E(errs.Unauthorized, "sign in, or send a personal API token as \"Authorization: Bearer <token>\"")
		}
		return h(w, r)
	})
}

// admin lets only program managers (admins: access.CanManagePeople and
// access.CanManagePrograms) through to h; anybody else gets 403 with
// "only program managers " + doing. It goes inside page or api, which
// have already insisted on a signed-in viewer.
func (s *Server) admin(doing string, h handler) handler {
	return only(access.Viewer.IsAdmin, "only program managers "+doing, h)
}

// noSponsors refuses sponsors with 403 and deny as the message: they follow
// programs through figures, and take no part in them. It goes inside page
// or api.
func (s *Server) noSponsors(deny string, h handler) handler {
	return only(func(v access.Viewer) bool { return !v.IsSponsor() }, deny, h)
}

// only lets the viewers allowed says yes to through to h; anybody else
// gets 403 with deny as the message.
func only(allowed func(access.Viewer) bool, deny string, h handler) handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		if !allowed(viewer(r)) {
			return errs.E(errs.Forbidden, "%s", deny)
		}
		return h(w, r)
	}
}

// cycleHandler is a handler of one cycle's page or form: p and c are the
// program and the cycle of the path.
type cycleHandler func(w http.ResponseWriter, r *http.Request, p programs.Program, c programs.Cycle) error

// inCycle reads the program and cycle of the path ({id} and {cid}; a cycle
// of another program is NotFound) and hands them to h.
func (s *Server) inCycle(h cycleHandler) handler {
	return s.within(s.programAndCycle, h)
}

// inCircles is inCycle for the circles pages: a program that forms no
// circles has none, and answers NotFound.
func (s *Server) inCircles(h cycleHandler) handler {
	return s.within(s.circlesProgramAndCycle, h)
}

// within reads the program and cycle of the request with find and hands
// them to h; an error of find is h's error.
func (s *Server) within(find func(*http.Request) (programs.Program, programs.Cycle, error), h cycleHandler) handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		p, c, err := find(r)
		if err != nil {
			return err
		}
		return h(w, r, p, c)
	}
}
