package safetexttest

import "testing"

func TestBadString(t *testing.T) {
	type inner struct{ Names []string }
	type outer struct {
		In   *inner
		Tags map[string]string
		Raw  []byte
	}
	fine := outer{In: &inner{Names: []string{"Ada", "Zoë"}}, Tags: map[string]string{"k": "v"}, Raw: []byte{0, 0xff}}
	if p, s, ok := BadString(fine); ok {
		t.Errorf("fine value: found %q at %s", s, p)
	}
	for _, c := range []struct {
		v    any
		path string
	}{
		{outer{In: &inner{Names: []string{"Ada", "B\x00"}}}, ".In.Names[1]"},
		{outer{Tags: map[string]string{"k": "\xff"}}, ".Tags[k]"},
		{map[string]any{"a\x00": 1}, "[a\x00]"},
		{"\x00", ""},
	} {
		if p, _, ok := BadString(c.v); !ok || p != c.path {
			t.Errorf("BadString(%#v) = %q, %v; want %q", c.v, p, ok, c.path)
		}
	}
}
