package schedule

import (
	"strings"
	"testing"

	"github.com/kindredhq/kindred/internal/errs"
)

func TestParseHours(t *testing.T) {
	good := []struct {
		in   string
		want Hours
	}{
		{"09:00-17:00", Hours{540, 1020}},
		{"9:00-17:30", Hours{540, 1050}},
		{" 08:15 - 16:45 ", Hours{495, 1005}},
		{"08:00–16:00", Hours{480, 960}}, // en dash
		{"00:00-24:00", Hours{0, 1440}},
		{"22:00-24:00", Hours{1320, 1440}},
		{"09:07-09:08", Hours{547, 548}},
	}
	for _, tt := range good {
		got, err := ParseHours(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("ParseHours(%q) = %+v, %v; want %+v", tt.in, got, err, tt.want)
		}
	}
	bad := []struct{ in, msg string }{
		{"", "empty"},
		{"9-17", `start "9" is not a time like 09:00`},
		{"09:00", "want one start and one end"},
		{"09:00-17:00-18:00", "want one start and one end"},
		{"09:60-17:00", "minutes above 59"},
		{"24:00-24:00", `start "24:00" is past 23:59`},
		{"09:00-25:00", `end "25:00" is past 24:00`},
		{"09:00-24:30", `end "24:30" is past 24:00`},
		{"17:00-09:00", "end 09:00 is not after start 17:00"},
		{"09:00-09:00", "end 09:00 is not after start 09:00"},
		{"9am-5pm", "is not a time like 09:00"},
		{"+9:00-17:00", "is not a time like 09:00"},
		{"009:00-17:00", "is not a time like 09:00"},
	}
	for _, tt := range bad {
		_, err := ParseHours(tt.in)
		if err == nil || !strings.Contains(err.Error(), tt.msg) || !strings.Contains(err.Error(), "working hours") {
			t.Errorf("ParseHours(%q) error = %v, want one mentioning %q", tt.in, err, tt.msg)
		}
		if !errs.Is(err, errs.Invalid) {
			t.Errorf("ParseHours(%q) error kind = %v, want invalid", tt.in, errs.KindOf(err))
		}
	}
}

func TestHoursRoundTrip(t *testing.T) {
	for start := 0; start < MinutesPerDay; start += 7 {
		for _, end := range []int{start + 1, start + 61, MinutesPerDay} {
			if end > MinutesPerDay {
				continue
			}
			h := Hours{start, end}
			got, err := ParseHours(h.String())
			if err != nil || got != h {
				t.Fatalf("ParseHours(%q) = %+v, %v; want %+v", h.String(), got, err, h)
			}
		}
	}
}
