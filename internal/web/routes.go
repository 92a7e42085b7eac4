package web

import "net/http"

// routes lists every route: the sitemap and the security review's
// checklist. public() lets anybody in; page() and api() demand a signed-in
// viewer; admin() inside them lets only program managers through, and
// noSponsors() refuses sponsors; each handler then checks the viewer's
// relation to the object it serves.
func (s *Server) routes(mux *http.ServeMux) {
	mux.Handle("GET /static/", staticHandler())
	mux.HandleFunc("GET /healthz", s.public(s.healthz))

	// Signing in and out, invitations.
	mux.HandleFunc("GET /signin", s.public(s.signinForm))
	mux.HandleFunc("POST /signin", s.public(s.signin))
	mux.HandleFunc("POST /signout", s.public(s.signout))
	mux.HandleFunc("GET /invite/{token}", s.public(s.inviteForm))
	mux.HandleFunc("POST /invite/{token}", s.public(s.acceptInvite))

	// Pages.
	mux.HandleFunc("GET /{$}", s.page(s.home))
	mux.HandleFunc("GET /people", s.page(s.directory))
	mux.HandleFunc("GET /people/new", s.page(s.admin("add people", s.newPersonForm)))
	mux.HandleFunc("POST /people", s.page(s.admin("add people", s.createPerson)))
	mux.HandleFunc("GET /people/pick", s.page(s.admin("pick people for forms", s.pickPersonPage)))
	mux.HandleFunc("GET /people/{id}", s.page(s.showPerson))
	mux.HandleFunc("GET /people/{id}/edit", s.page(s.editProfileForm))
	mux.HandleFunc("POST /people/{id}/edit", s.page(s.updateProfile))
	mux.HandleFunc("POST /people/{id}/role", s.page(s.admin("set roles", s.setRole)))
	mux.HandleFunc("POST /people/{id}/invite", s.page(s.admin("invite people", s.invitePerson)))
	mux.HandleFunc("GET /import", s.page(s.admin("import people", s.importForm)))
	mux.HandleFunc("POST /import", s.page(s.admin("import people", s.importPeople)))
	mux.HandleFunc("GET /settings/tokens", s.page(s.tokensPage))
	mux.HandleFunc("POST /settings/tokens", s.page(s.createToken))
	mux.HandleFunc("POST /settings/tokens/{id}/revoke", s.page(s.revokeToken))
	// Programs, their cycles, and enrollments in them.
	mux.HandleFunc("GET /programs", s.page(s.listPrograms))
	mux.HandleFunc("GET /programs/new", s.page(s.admin("create programs", s.newProgramForm)))
	mux.HandleFunc("POST /programs", s.page(s.admin("create programs", s.createProgram)))
	mux.HandleFunc("GET /programs/{id}", s.page(s.showProgram))
	mux.HandleFunc("GET /programs/{id}/edit", s.page(s.admin("change programs", s.editProgramForm)))
	mux.HandleFunc("POST /programs/{id}/edit", s.page(s.admin("change programs", s.updateProgram)))
	mux.HandleFunc("POST /programs/{id}/cycles", s.page(s.admin("open cycles", s.createCycle)))
	mux.HandleFunc("GET /programs/{id}/cycles/{cid}", s.page(s.inCycle(s.showCycle)))
	mux.HandleFunc("POST /programs/{id}/cycles/{cid}/apply", s.page(s.noSponsors("sponsors follow programs through their figures and do not apply", s.inCycle(s.applyToCycle))))
	mux.HandleFunc("POST /programs/{id}/cycles/{cid}/enroll", s.page(s.admin("enroll people", s.inCycle(s.enrollPerson))))
	// Matching of a cycle: program managers run, review, change and publish
	// drafts; participants see their own published pairs; sponsors totals.
	mux.HandleFunc("GET /programs/{id}/cycles/{cid}/matching", s.page(s.inCycle(s.showPart("matching", s.matchingPage))))
	mux.HandleFunc("GET /programs/{id}/cycles/{cid}/matching/pick", s.page(s.admin("pick people for forms", s.inCycle(s.pickMenteePage))))
	mux.HandleFunc("POST /programs/{id}/cycles/{cid}/matching/run", s.page(s.admin("run matching", s.inCycle(s.runMatching))))
	mux.HandleFunc("POST /programs/{id}/cycles/{cid}/matching/publish", s.page(s.admin("publish matches", s.inCycle(s.publishMatching))))
	mux.HandleFunc("POST /programs/{id}/cycles/{cid}/matching/locks", s.page(s.admin("lock pairs", s.inCycle(s.changePairForm(lockPair)))))
	mux.HandleFunc("POST /programs/{id}/cycles/{cid}/matching/locks/delete", s.page(s.admin("unlock pairs", s.inCycle(s.changePairForm(unlockPair)))))
	mux.HandleFunc("POST /programs/{id}/cycles/{cid}/matching/exclusions", s.page(s.admin("exclude pairs", s.inCycle(s.changePairForm(excludePair)))))
	mux.HandleFunc("POST /programs/{id}/cycles/{cid}/matching/exclusions/delete", s.page(s.admin("remove exclusions", s.inCycle(s.changePairForm(unexcludePair)))))
	mux.HandleFunc("POST /programs/{id}/cycles/{cid}/matching/swap", s.page(s.admin("swap mentees", s.inCycle(s.swapMentees))))
	mux.HandleFunc("POST /programs/{id}/cycles/{cid}/matching/availability", s.page(s.noSponsors("only the mentors of this cycle set their availability", s.inCycle(s.setAvailability))))
	mux.HandleFunc("POST /programs/{id}/cycles/{cid}/matching/rematch-requests", s.page(s.noSponsors("only the mentors and mentees of this cycle ask for a re-match", s.inCycle(s.requestRematch))))
	mux.HandleFunc("POST /programs/{id}/cycles/{cid}/matching/rematch-requests/{rid}/resolve", s.page(s.admin("answer re-match requests", s.inCycle(s.resolveRematch))))
	// Circles of a cycle: program managers form, review, move people and
	// publish; a member sees their own published circle; sponsors totals.
	mux.HandleFunc("GET /programs/{id}/cycles/{cid}/circles", s.page(s.inCircles(s.showPart("circles", s.circlesPage))))
	mux.HandleFunc("POST /programs/{id}/cycles/{cid}/circles/form", s.page(s.admin("form circles", s.inCircles(s.formCircles))))
	mux.HandleFunc("POST /programs/{id}/cycles/{cid}/circles/move", s.page(s.admin("move people between circles", s.inCircles(s.moveInCircles))))
	mux.HandleFunc("POST /programs/{id}/cycles/{cid}/circles/publish", s.page(s.admin("publish circles", s.inCircles(s.publishCircles))))
	mux.HandleFunc("POST /enrollments/{eid}/decide", s.page(s.admin("decide applications", s.decideEnrollment)))
	mux.HandleFunc("POST /enrollments/{eid}/withdraw", s.page(s.withdrawEnrollment))
	mux.HandleFunc("POST /enrollments/{eid}/accept-conduct", s.page(s.acceptConduct))

	// JSON API.
	mux.HandleFunc("GET /api/v1/me", s.api(s.apiMe))
	mux.HandleFunc("GET /api/v1/people", s.api(s.apiListPeople))
	mux.HandleFunc("GET /api/v1/people/pick", s.api(s.admin("pick people for forms", s.apiPickPerson)))
	mux.HandleFunc("POST /api/v1/people", s.api(s.admin("add people", s.apiCreatePerson)))
	mux.HandleFunc("GET /api/v1/people/{id}", s.api(s.apiGetPerson))
	mux.HandleFunc("PATCH /api/v1/people/{id}", s.api(s.apiUpdateProfile))
	mux.HandleFunc("PUT /api/v1/people/{id}/role", s.api(s.admin("set roles", s.apiSetRole)))
	mux.HandleFunc("POST /api/v1/imports/people", s.api(s.admin("import people", s.apiImportPeople)))
	// Programs, cycles and enrollments: sponsors get counts, never enrollments.
	mux.HandleFunc("GET /api/v1/programs", s.api(s.apiListPrograms))
	mux.HandleFunc("POST /api/v1/programs", s.api(s.admin("create programs", s.apiCreateProgram)))
	mux.HandleFunc("GET /api/v1/programs/{id}", s.api(s.apiGetProgram))
	mux.HandleFunc("PATCH /api/v1/programs/{id}", s.api(s.admin("change programs", s.apiUpdateProgram)))
	mux.HandleFunc("GET /api/v1/programs/{id}/counts", s.api(s.apiProgramCounts))
	mux.HandleFunc("GET /api/v1/programs/{id}/cycles", s.api(s.apiListCycles))
	mux.HandleFunc("POST /api/v1/programs/{id}/cycles", s.api(s.admin("open cycles", s.apiCreateCycle)))
	mux.HandleFunc("GET /api/v1/programs/{id}/cycles/{cid}", s.api(s.apiGetCycle))
	mux.HandleFunc("GET /api/v1/programs/{id}/cycles/{cid}/enrollments", s.api(s.noSponsors("sponsors see figures, not enrollments: use /api/v1/programs/{id}/counts", s.apiCycleEnrollments)))
	mux.HandleFunc("POST /api/v1/programs/{id}/cycles/{cid}/enrollments", s.api(s.apiCreateEnrollment))
	// Matching: drafts for program managers only; one's own published pairs.
	mux.HandleFunc("GET /api/v1/programs/{id}/cycles/{cid}/matches", s.api(s.apiMatches))
	mux.HandleFunc("GET /api/v1/programs/{id}/cycles/{cid}/matches/pick", s.api(s.admin("pick people for forms", s.inCycle(s.apiPickMentee))))
	mux.HandleFunc("POST /api/v1/programs/{id}/cycles/{cid}/matches/runs", s.api(s.admin("run matching", s.apiRunMatching)))
	mux.HandleFunc("POST /api/v1/programs/{id}/cycles/{cid}/matches/publish", s.api(s.admin("publish matches", s.apiPublishMatches)))
	mux.HandleFunc("POST /api/v1/programs/{id}/cycles/{cid}/matches/locks", s.api(s.admin("lock pairs", s.changePairAPI(lockPair))))
	mux.HandleFunc("DELETE /api/v1/programs/{id}/cycles/{cid}/matches/locks", s.api(s.admin("unlock pairs", s.changePairAPI(unlockPair))))
	mux.HandleFunc("POST /api/v1/programs/{id}/cycles/{cid}/matches/exclusions", s.api(s.admin("exclude pairs", s.changePairAPI(excludePair))))
	mux.HandleFunc("DELETE /api/v1/programs/{id}/cycles/{cid}/matches/exclusions", s.api(s.admin("remove exclusions", s.changePairAPI(unexcludePair))))
	mux.HandleFunc("POST /api/v1/programs/{id}/cycles/{cid}/matches/swap", s.api(s.admin("swap mentees", s.apiSwap)))
	mux.HandleFunc("PUT /api/v1/programs/{id}/cycles/{cid}/matches/availability", s.api(s.noSponsors("only the mentors of this cycle set their availability", s.apiSetAvailability)))
	mux.HandleFunc("POST /api/v1/programs/{id}/cycles/{cid}/matches/rematch-requests", s.api(s.noSponsors("only the mentors and mentees of this cycle ask for a re-match", s.apiRequestRematch)))
	mux.HandleFunc("POST /api/v1/programs/{id}/cycles/{cid}/matches/rematch-requests/{rid}/resolve", s.api(s.admin("answer re-match requests", s.apiResolveRematch)))
	// Circles: drafts for program managers only; one's own published circle.
	mux.HandleFunc("GET /api/v1/programs/{id}/cycles/{cid}/circles", s.api(s.apiCircles))
	mux.HandleFunc("POST /api/v1/programs/{id}/cycles/{cid}/circles/formations", s.api(s.admin("form circles", s.apiFormCircles)))
	mux.HandleFunc("POST /api/v1/programs/{id}/cycles/{cid}/circles/publish", s.api(s.admin("publish circles", s.apiPublishCircles)))
	mux.HandleFunc("POST /api/v1/programs/{id}/cycles/{cid}/circles/moves", s.api(s.admin("move people between circles", s.apiMoveInCircles)))
	mux.HandleFunc("GET /api/v1/enrollments", s.api(s.apiMyEnrollments))
	mux.HandleFunc("GET /api/v1/enrollments/{eid}", s.api(s.apiGetEnrollment))
	mux.HandleFunc("POST /api/v1/enrollments/{eid}/decision", s.api(s.admin("decide applications", s.apiDecideEnrollment)))
	mux.HandleFunc("POST /api/v1/enrollments/{eid}/withdraw", s.api(s.apiWithdrawEnrollment))
	mux.HandleFunc("POST /api/v1/enrollments/{eid}/accept-conduct", s.api(s.apiAcceptConduct))
	mux.HandleFunc("/api/", s.api(s.apiNotFound))
	mux.HandleFunc("/", s.public(s.notFound))
}
