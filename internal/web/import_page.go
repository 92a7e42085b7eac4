package web

import (
	"errors"
	"net/http"
	"path/filepath"

	"github.com/kindredhq/kindred/internal/errs"
	"github.com/kindredhq/kindred/internal/people"
)

func (s *Server) importForm(w http.ResponseWriter, r *http.Request) error {
	return s.render(w, r, http.StatusOK, "import", map[string]any{"Title": "Import people", "Section": "import",
		"Required": people.RequiredColumns, "Optional": people.OptionalColumns})
}

// importUpload imports the file of the multipart form field "file",
// within the configured size, and returns its name with the result; every
// problem of the file comes back at once as a *people.ImportError.
func (s *Server) importUpload(w http.ResponseWriter, r *http.Request) (string, people.ImportResult, error) {
	r.Body = http.MaxBytesReader(w, r.Body, s.cfg.MaxUploadBytes)
	file, hdr, err := r.FormFile("file")
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return "", people.ImportResult{}, errs.Field("file", "the file is larger than %d MiB", s.cfg.MaxUploadBytes>>20)
		}
		return "", people.ImportResult{}, errs.Field("file", "choose a CSV file to upload")
	}
	defer file.Close()
	name := filepath.Base(hdr.Filename)
	var opt people.ImportOptions
	switch v := r.FormValue("demographics_authoritative"); v {
	case "", "false", "0":
	case "on", "true", "1":
		opt.DemographicsAuthoritative = true
	default:
		return name, people.ImportResult{}, errs.Field("demographics_authoritative", "%q must be true or false", v)
	}
	res, err := s.people.ImportCSVWith(r.Context(), name, file, opt)
	return name, res, err
}

func (s *Server) importPeople(w http.ResponseWriter, r *http.Request) error {
	data := map[string]any{"Title": "Import people", "Section": "import", "Required": people.RequiredColumns, "Optional": people.OptionalColumns}
	name, res, err := s.importUpload(w, r)
	var ie *people.ImportError
	switch {
	case errors.As(err, &ie):
		data["ImportError"] = ie
		return s.render(w, r, http.StatusUnprocessableEntity, "import", data)
	case errs.KindOf(err) == errs.Invalid:
		e := errs.As(err)
		field := e.Field
		if field == "" {
			field = "file"
		}
		data["Errors"] = map[string]string{field: e.Message}
		return s.render(w, r, http.StatusUnprocessableEntity, "import", data)
	case err != nil:
		return err
	}
	data["Result"] = res
	data["FileName"] = name
	s.log.Info("people imported", "file", name, "created", res.Created, "updated", res.Updated, "unchanged", res.Unchanged)
	return s.render(w, r, http.StatusOK, "import", data)
}
