package schedule

import (
	"strings"
	"testing"
	"time"

	"github.com/kindredhq/kindred/internal/errs"
)

func TestSlotString(t *testing.T) {
	tests := []struct {
		slot Slot
		want string
	}{
		{Slot{Start: 0}, "MON 00:00"},
		{Slot{Start: StepsPerDay + 14*4, Steps: 4}, "TUE 14:00"},
		{Slot{Start: 4*StepsPerDay + 9*4 + 3}, "FRI 09:45"},
		{Slot{Start: StepsPerWeek - 1}, "SUN 23:45"},
		{Slot{Start: StepsPerWeek}, "MON 00:00"},
		{Slot{Start: -1}, "SUN 23:45"},
	}
	for _, tt := range tests {
		if got := tt.slot.String(); got != tt.want {
			t.Errorf("%+v.String() = %q, want %q", tt.slot, got, tt.want)
		}
	}
	if got := (Slot{Steps: 4}).Minutes(); got != 60 {
		t.Errorf("Minutes = %d, want 60", got)
	}
}

func TestParseSlot(t *testing.T) {
	for s := range StepsPerWeek {
		text := Slot{Start: s}.String()
		got, err := ParseSlot(text)
		if err != nil || got != (Slot{Start: s}) {
			t.Fatalf("ParseSlot(%q) = %+v, %v; want start %d", text, got, err, s)
		}
	}
	good := map[string]int{"tue 14:00": StepsPerDay + 56, "  Wed   9:30 ": 2*StepsPerDay + 38}
	for in, want := range good {
		if got, err := ParseSlot(in); err != nil || got.Start != want {
			t.Errorf("ParseSlot(%q) = %+v, %v; want start %d", in, got, err, want)
		}
	}
	bad := []struct{ in, msg string }{
		{"", "want a weekday and a UTC time"},
		{"TUE", "want a weekday and a UTC time"},
		{"TUESDAY 14:00", `"TUESDAY" is not a weekday`},
		{"TUE 14:10", "minutes must be 00, 15, 30 or 45"},
		{"TUE 24:00", "past 23:59"},
		{"TUE 2pm", "not a time like 09:00"},
	}
	for _, tt := range bad {
		_, err := ParseSlot(tt.in)
		if err == nil || !strings.Contains(err.Error(), tt.msg) || !errs.Is(err, errs.Invalid) {
			t.Errorf("ParseSlot(%q) error = %v, want an invalid error mentioning %q", tt.in, err, tt.msg)
		}
	}
}

func TestLocal(t *testing.T) {
	tue14 := Slot{Start: StepsPerDay + 14*4, Steps: 4}
	tests := []struct {
		slot Slot
		zone string
		on   string // RFC 3339
		want string // Monday 2006-01-02 15:04 MST
	}{
		{tue14, "Asia/Kolkata", "2026-03-02T00:00:00Z", "Tuesday 2026-03-03 19:30 IST"},
		{tue14, "Asia/Kathmandu", "2026-03-02T00:00:00Z", "Tuesday 2026-03-03 19:45 +0545"},
		{tue14, "America/New_York", "2026-03-03T14:00:00Z", "Tuesday 2026-03-03 09:00 EST"},                           // exactly at the start
		{tue14, "America/New_York", "2026-03-03T14:00:01Z", "Tuesday 2026-03-10 10:00 EDT"},                           // just after: next week, after DST
		{tue14, "Pacific/Auckland", "2026-03-01T00:00:00Z", "Wednesday 2026-03-04 03:00 NZDT"},                        // Sunday: same UTC week
		{Slot{Start: StepsPerWeek - 2}, "Australia/Lord_Howe", "2026-03-02T00:00:00Z", "Monday 2026-03-09 10:30 +11"}, // SUN 23:30
	}
	for _, tt := range tests {
		on, err := time.Parse(time.RFC3339, tt.on)
		if err != nil {
			t.Fatal(err)
		}
		got := Local(tt.slot, zone(t, tt.zone), on)
		if s := got.Format("Monday 2006-01-02 15:04 MST"); s != tt.want {
			t.Errorf("Local(%v, %s, %s) = %s, want %s", tt.slot, tt.zone, tt.on, s, tt.want)
		}
		if got.Before(on) || got.Sub(on) >= 7*24*time.Hour {
			t.Errorf("Local(%v, %s, %s) = %v is not within the week from on", tt.slot, tt.zone, tt.on, got)
		}
	}
	if got := Local(tue14, nil, time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)); got.Location() != time.UTC {
		t.Errorf("nil zone gives %v, want UTC", got.Location())
	}
}
