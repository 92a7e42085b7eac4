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

// readUpload parses an uploaded import file from a multipart form field
// "file", within the configured size.
func (s *Server) readUpload(w http.ResponseWriter, r *http.Request) (*people.File, error) {
	r.Body = http.MaxBytesReader(w, r.Body, s.cfg.MaxUploadBytes)
	file, hdr, err := r.FormFile("file")
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return nil, errs.Field("file", "the file is larger than %d MiB", s.cfg.MaxUploadBytes>>20)
		}
		return nil, errs.Field("file", "choose a CSV file to upload")
	}
	defer file.Close()
	return people.ParseCSV(filepath.Base(hdr.Filename), file)
}

func (s *Server) importPeople(w http.ResponseWriter, r *http.Request) error {
	data := map[string]any{"Title": "Import people", "Section": "import", "Required": people.RequiredColumns, "Optional": people.OptionalColumns}
	f, err := s.readUpload(w, r)
	var res people.ImportResult
	if err == nil {
		res, err = s.people.Import(r.Context(), f)
	}
	var ie *people.ImportError
	switch {
	case errors.As(err, &ie):
		data["ImportError"] = ie
		return s.render(w, r, http.StatusUnprocessableEntity, "import", data)
	case errs.KindOf(err) == errs.Invalid:
		data["Errors"] = map[string]string{"file": errs.As(err).Message}
		return s.render(w, r, http.StatusUnprocessableEntity, "import", data)
	case err != nil:
		return err
	}
	data["Result"] = res
	data["FileName"] = f.Name
	s.log.Info("people imported", "file", f.Name, "created", res.Created, "updated", res.Updated, "unchanged", res.Unchanged)
	return s.render(w, r, http.StatusOK, "import", data)
}
