package people_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/kindredhq/kindred/internal/people"
	"github.com/kindredhq/kindred/internal/safetext/safetexttest"
)

// TestParseRefusesNULAndInvalidUTF8 finds a NUL byte and bytes that are
// not UTF-8 as problems at their line and column, in the one pass that
// reports the file's other problems.
func TestParseRefusesNULAndInvalidUTF8(t *testing.T) {
	body := "id,name,email,level,function,location,timezone,demo_gender\n" +
		"E1,Ada\x00,ada@example.com,5,Engineering,London,Europe/London,\n" +
		"E2,Bo,bo@example.com,eleven,Engineering,London,Europe/London,\n" +
		"E3,Cy,cy@example.com,5,Engineering,London,Europe/London,wom\xe9n\n"
	_, err := people.ParseCSV("people.csv", strings.NewReader(body))
	var ie *people.ImportError
	if !errors.As(err, &ie) {
		t.Fatalf("err = %v, want an *ImportError", err)
	}
	want := []string{
		"line 2, column 2 (name): the cell holds a NUL byte (character 4); remove it",
		"line 3, column 4 (level): level \"eleven\" must be a whole number from 1 to 10",
		"line 4, column 8 (demo_gender): the cell is not valid UTF-8 text (byte 4, after character 3); save it as UTF-8",
	}
	if len(ie.Problems) != len(want) {
		t.Fatalf("problems:\n%v\nwant %d", ie.Error(), len(want))
	}
	for i, p := range ie.Problems {
		if p.String() != want[i] {
			t.Errorf("problem %d = %q, want %q", i, p.String(), want[i])
		}
	}

	_, err = people.ParseCSV("people.csv", strings.NewReader("id,name,email,level,function,location,timezone,x\xff\n"))
	if !errors.As(err, &ie) || len(ie.Problems) != 1 || ie.Problems[0].Line != 1 || ie.Problems[0].Column != 8 {
		t.Errorf("a header cell not UTF-8: %v, want one problem at line 1, column 8", err)
	}
}

// FuzzParseCSV reads any bytes as an HR export: it never panics, refuses
// with an *ImportError, and every string of a file it accepts is UTF-8
// without NUL. Seeds: testdata/fuzz/FuzzParseCSV.
func FuzzParseCSV(f *testing.F) {
	f.Add([]byte("id,name,email,level,function,location,timezone\nE1,Ada,ada@example.com,5,Eng,London,Europe/London\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		file, err := people.ParseCSV("people.csv", bytes.NewReader(data))
		if err != nil {
			if ie := (*people.ImportError)(nil); !errors.As(err, &ie) {
				t.Fatalf("%q: error %v is not an *ImportError", data, err)
			}
			return
		}
		if path, s, bad := safetexttest.BadString(file.Rows); bad {
			t.Fatalf("%q accepted with %q at Rows%s", data, s, path)
		}
	})
}
