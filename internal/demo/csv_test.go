package demo

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"maps"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/kindredhq/kindred/internal/people"
	"github.com/kindredhq/kindred/internal/person"
)

var wantHeader = "id,name,email,level,function,location,timezone,department,work_hours,hire_date," +
	"manager_id,languages,skills_offered,skills_wanted,interests,role,capacity,facilitator," +
	"learning_style,communication_style,demo_gender,demo_age_band,demo_caregiver,demo_disability"

func TestWriteCSV(t *testing.T) {
	for _, n := range []int{300, 5000} {
		t.Run(itoa(n), func(t *testing.T) {
			o := org(t, n, 1)
			var b bytes.Buffer
			if err := WriteCSV(&b, o); err != nil {
				t.Fatal(err)
			}
			data := b.Bytes()

			t.Run("encoding/csv", func(t *testing.T) {
				recs, err := csv.NewReader(bytes.NewReader(data)).ReadAll() // also checks every row has the header's width
				if err != nil {
					t.Fatal(err)
				}
				if len(recs) != n+1 {
					t.Fatalf("%d records; want a header and %d people", len(recs), n)
				}
				if got := strings.Join(recs[0], ","); got != wantHeader {
					t.Errorf("header\n got %s\nwant %s", got, wantHeader)
				}
				for i, p := range o.People {
					rec := recs[i+1]
					if rec[0] != p.ID || rec[2] != p.Email || rec[8] != p.WorkHours() || rec[17] != yesNo(p.Facilitator) {
						t.Fatalf("line %d: %q does not match %+v", i+2, rec, p)
					}
				}
			})

			t.Run("people.ParseCSV", func(t *testing.T) {
				f, err := people.ParseCSV("demo.csv", bytes.NewReader(data))
				if err != nil {
					t.Fatal(err)
				}
				if len(f.Warnings) > 0 || len(f.Rows) != n {
					t.Fatalf("%d rows, warnings %q; want %d rows and no warnings", len(f.Rows), f.Warnings, n)
				}
				for i, row := range f.Rows {
					if got, want := row.Person, exported(o.People[i]); !reflect.DeepEqual(got, want) {
						t.Fatalf("line %d reads back as\n%+v\nwant\n%+v", row.Line, got, want)
					}
					if got, want := row.Demographics, o.Demographics[o.People[i].ID]; !maps.Equal(got, want) {
						t.Fatalf("line %d: demographics %v, want %v", row.Line, got, want)
					}
				}
			})
		})
	}
}

// exported returns p as the CSV carries it: without access role, bio,
// accessibility needs and the active flag, which are not in the format.
func exported(p person.Person) person.Person {
	p.AccessRole, p.Bio, p.AccessibilityNeeds, p.Active = person.RoleMember, "", "", false
	return p
}

func TestWriteCSVExtraDemographics(t *testing.T) {
	o := org(t, 300, 1)
	o.Demographics = maps.Clone(o.Demographics)
	first := o.People[0].ID
	o.Demographics[first] = map[string]string{"gender": "woman", "zodiac": "leo", "region": "north"}
	var b bytes.Buffer
	if err := WriteCSV(&b, o); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	header := recs[0]
	wantCols := []string{"demo_gender", "demo_age_band", "demo_caregiver", "demo_disability", "demo_region", "demo_zodiac"}
	if got := header[len(header)-len(wantCols):]; !slices.Equal(got, wantCols) {
		t.Fatalf("demographic columns %q, want %q", got, wantCols)
	}
	if got := recs[1][len(header)-len(wantCols):]; !slices.Equal(got, []string{"woman", "", "", "", "north", "leo"}) {
		t.Errorf("the CEO's demographics are %q", got)
	}
}

type failWriter struct{ after int }

var errFull = errors.New("disk full")

func (w *failWriter) Write(p []byte) (int, error) {
	if w.after -= len(p); w.after < 0 {
		return 0, errFull
	}
	return len(p), nil
}

func TestWriteCSVError(t *testing.T) {
	o := org(t, 300, 1)
	for _, after := range []int{0, 10_000} {
		if err := WriteCSV(&failWriter{after: after}, o); !errors.Is(err, errFull) {
			t.Errorf("writer failing after %d bytes: got %v, want %v", after, err, errFull)
		}
	}
	if err := WriteCSV(io.Discard, o); err != nil {
		t.Errorf("io.Discard: %v", err)
	}
}
