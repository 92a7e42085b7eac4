// Package archtest holds tests of the shape of the code base itself: which
// packages may depend on which.
package archtest

import (
	"os/exec"
	"strings"
	"testing"
)

// pure lists the packages that must stay free of storage and HTTP: they
// take plain values and return plain values (docs/architecture.md).
var pure = []string{
	"matching",
	"matching/score",
	"circles",
	"schedule",
	"rotation",
	"access",
	"person",
	"errs",
	"csvsafe",
	"safetext",
}

// forbidden reports whether an import path is storage or HTTP.
func forbidden(path string) bool {
	switch {
	case path == "database/sql", path == "database/sql/driver", path == "net/http":
		return true
	case strings.HasPrefix(path, "github.com/jackc/pgx"), strings.HasPrefix(path, "modernc.org/sqlite"):
		return true
	case path == "github.com/kindredhq/kindred/internal/db", strings.HasPrefix(path, "github.com/kindredhq/kindred/internal/db/"):
		return true
	case path == "github.com/kindredhq/kindred/internal/web":
		return true
	}
	return false
}

func TestPurePackagesLinkNoStorageOrHTTP(t *testing.T) {
	for _, p := range pure {
		t.Run(p, func(t *testing.T) {
			t.Parallel()
			pkg := "github.com/kindredhq/kindred/internal/" + p
			out, err := exec.Command("go", "list", "-deps", pkg).CombinedOutput()
			if err != nil {
				t.Fatalf("go list -deps %s: %v\n%s", pkg, err, out)
			}
			deps := strings.Fields(string(out))
			if len(deps) == 0 || deps[len(deps)-1] != pkg {
				t.Fatalf("go list -deps %s listed no package itself: %q", pkg, out)
			}
			for _, d := range deps {
				if forbidden(d) {
					t.Errorf("%s depends on %s; pure packages take plain values and must not reach storage or HTTP", p, d)
				}
			}
		})
	}
}

// TestForbiddenCatchesStorage makes sure the rule above can fail: the web
// package reaches every forbidden kind of dependency.
func TestForbiddenCatchesStorage(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "github.com/kindredhq/kindred/internal/web").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	found := map[string]bool{}
	for _, d := range strings.Fields(string(out)) {
		if forbidden(d) {
			found[d] = true
		}
	}
	for _, want := range []string{"database/sql", "net/http", "github.com/kindredhq/kindred/internal/db"} {
		if !found[want] {
			t.Errorf("web's dependencies should include %s, and forbidden should flag it", want)
		}
	}
}
