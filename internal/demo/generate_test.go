package demo

import (
	"bytes"
	"reflect"
	"strconv"
	"sync"
	"testing"
	"time"
	_ "time/tzdata" // the checks load zones; don't depend on the machine's tzdata

	"github.com/kindredhq/kindred/internal/person"
)

var testAsOf = time.Date(2026, time.March, 18, 0, 0, 0, 0, time.UTC)

// orgs caches the organizations the tests share, by size and seed.
var orgs sync.Map

func org(tb testing.TB, n int, seed uint64) Org {
	tb.Helper()
	type key struct {
		n    int
		seed uint64
	}
	if o, ok := orgs.Load(key{n, seed}); ok {
		return o.(Org)
	}
	o := Generate(Options{People: n, Seed: seed, AsOf: testAsOf})
	orgs.Store(key{n, seed}, o)
	return o
}

// rules are the plausibility checks every generated organization passes.
var rules = []struct {
	name  string
	check func(t testing.TB, o Org)
}{
	{"valid", checkValid},
	{"tree", checkTree},
	{"levels", checkLevels},
	{"functions", checkFunctions},
	{"locations", checkLocations},
	{"hours", checkHours},
	{"tenure", checkTenure},
	{"skills", checkSkills},
	{"interests and languages", checkInterestsAndLanguages},
	{"mentoring", checkMentoring},
	{"profile text", checkProfileText},
	{"names and emails", checkNames},
	{"demographics", checkDemographics},
	{"accounts", checkAccounts},
}

func TestPlausible(t *testing.T) {
	for _, n := range []int{300, 5000} {
		for _, seed := range []uint64{1, 2} {
			o := org(t, n, seed)
			if len(o.People) != n {
				t.Fatalf("People: %d: got %d people", n, len(o.People))
			}
			for _, r := range rules {
				t.Run(r.name+"/"+itoa(n)+"/seed"+itoa(int(seed)), func(t *testing.T) { r.check(t, o) })
			}
		}
	}
}

// TestSizes checks the defaults and limits, and that small organizations
// still follow the structural rules.
func TestSizes(t *testing.T) {
	for _, tc := range []struct{ asked, want int }{
		{0, DefaultPeople}, {1, MinPeople}, {MinPeople, MinPeople}, {MinPeople + 1, MinPeople + 1}, {1234, 1234},
	} {
		t.Run(itoa(tc.asked), func(t *testing.T) {
			o := Generate(Options{People: tc.asked, Seed: 7, AsOf: testAsOf})
			if len(o.People) != tc.want {
				t.Fatalf("asked %d: got %d people, want %d", tc.asked, len(o.People), tc.want)
			}
			for _, check := range []func(testing.TB, Org){checkValid, checkTree, checkAccounts} {
				check(t, o)
			}
		})
	}
}

func TestDefaultAsOf(t *testing.T) {
	o := Generate(Options{People: 100, Seed: 3})
	for _, p := range o.People {
		if p.HireDate >= defaultAsOf.Format(person.DateLayout) || p.HireDate < "2011-01-01" {
			t.Fatalf("%s: hire date %s is outside the 15 years before %s", p.ID, p.HireDate, defaultAsOf.Format(person.DateLayout))
		}
	}
}

func TestDeterministic(t *testing.T) {
	csvOf := func(o Org) []byte {
		var b bytes.Buffer
		if err := WriteCSV(&b, o); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	for _, n := range []int{300, 5000} {
		t.Run(itoa(n), func(t *testing.T) {
			a := Generate(Options{People: n, Seed: 42, AsOf: testAsOf})
			b := Generate(Options{People: n, Seed: 42, AsOf: testAsOf})
			if !reflect.DeepEqual(a, b) {
				t.Fatal("the same options gave different organizations")
			}
			if !bytes.Equal(csvOf(a), csvOf(b)) {
				t.Fatal("the same options gave different CSV")
			}
			c := Generate(Options{People: n, Seed: 43, AsOf: testAsOf})
			if bytes.Equal(csvOf(a), csvOf(c)) {
				t.Fatal("seeds 42 and 43 gave the same CSV")
			}
			same := 0
			for i := range a.People {
				if a.People[i].Name == c.People[i].Name {
					same++
				}
			}
			if same > n/10 {
				t.Errorf("seeds 42 and 43 share %d of %d names in place; want different people", same, n)
			}
		})
	}
}

func BenchmarkGenerate100k(b *testing.B) {
	var o Org
	b.ReportAllocs()
	for b.Loop() {
		o = Generate(Options{People: 100_000, Seed: 1, AsOf: testAsOf})
	}
	b.StopTimer()
	checkTree(b, o)
}

func BenchmarkWriteCSV100k(b *testing.B) {
	o := Generate(Options{People: 100_000, Seed: 1, AsOf: testAsOf})
	var buf bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		if err := WriteCSV(&buf, o); err != nil {
			b.Fatal(err)
		}
	}
	b.SetBytes(int64(buf.Len()))
}

func itoa(n int) string { return strconv.Itoa(n) }
