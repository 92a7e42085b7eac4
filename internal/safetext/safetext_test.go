package safetext

import "testing"

func TestProblem(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"", ""},
		{"Ada Lovelace", ""},
		{"Zoë 😀", ""},
		{"\uFFFD is a real character", ""},
		{"a\x00@x", "holds a NUL byte (character 2); remove it"},
		{"é\x00", "holds a NUL byte (character 2); remove it"},
		{"ab\xffc", "is not valid UTF-8 text (byte 3, after character 2); save it as UTF-8"},
		{"é\xc3", "is not valid UTF-8 text (byte 3, after character 1); save it as UTF-8"},
	} {
		if got := Problem(c.in); got != c.want {
			t.Errorf("Problem(%q) = %q, want %q", c.in, got, c.want)
		}
		if Fine(c.in) != (c.want == "") || FineBytes([]byte(c.in)) != (c.want == "") {
			t.Errorf("Fine(%q) disagrees with Problem", c.in)
		}
	}
}
