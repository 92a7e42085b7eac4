package person_test

import (
	"testing"

	"github.com/kindredhq/kindred/internal/person"
)

func TestParseDateSaysWhatIsWrong(t *testing.T) {
	cases := []struct{ in, want string }{
		{"2020-02-29", ""},
		{"2020-02-30", "2020-02-30: February 2020 has 29 days"},
		{"2021-02-29", "2021-02-29: February 2021 has 28 days"},
		{"2024-04-31", "2024-04-31: April 2024 has 30 days"},
		{"2024-13-01", "2024-13-01: there is no month 13 (months go from 01 to 12)"},
		{"2024-00-10", "2024-00-10: there is no month 0 (months go from 01 to 12)"},
		{"2024-05-00", "2024-05-00: May 2024 has 31 days"},
		{"2024/05/01", `"2024/05/01" is not a date in the form YYYY-MM-DD`},
		{"1.5.2024", `"1.5.2024" is not a date in the form YYYY-MM-DD`},
		{"2024-5-1", `"2024-5-1" is not a date in the form YYYY-MM-DD`},
		{"", `"" is not a date in the form YYYY-MM-DD`},
	}
	for _, c := range cases {
		_, err := person.ParseDate(c.in)
		got := ""
		if err != nil {
			got = err.Error()
		}
		if got != c.want {
			t.Errorf("ParseDate(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestValidateRefusesAbsurdHireDates(t *testing.T) {
	for in, want := range map[string]string{
		"0000-01-01": "0000-01-01 is out of range: it must be from 1900-01-01 to 2100-12-31",
		"9999-12-31": "9999-12-31 is out of range: it must be from 1900-01-01 to 2100-12-31",
		"2020-02-30": "2020-02-30: February 2020 has 29 days",
		"2019-06-03": "",
	} {
		p := person.Person{ID: "E1", Name: "A B", Email: "a@example.com", Level: 3, Function: "Eng",
			Location: "Paris", Timezone: "Europe/Paris", HireDate: in}
		if got := person.Validate(&p)["hire_date"]; got != want {
			t.Errorf("hire_date %s: %q, want %q", in, got, want)
		}
	}
}
