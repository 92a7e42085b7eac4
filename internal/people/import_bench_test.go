package people_test

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/kindredhq/kindred/internal/db"
	"github.com/kindredhq/kindred/internal/demo"
	"github.com/kindredhq/kindred/internal/people"
)

// BenchmarkImport measures a first import of a generated HR export into a
// fresh SQLite database: parsing, checking and storing, all or nothing.
// Run: go test -run '^$' -bench Import -benchmem ./internal/people/
func BenchmarkImport(b *testing.B) {
	for _, n := range []int{1000, 10000, 100000} {
		b.Run(fmt.Sprintf("people=%d", n), func(b *testing.B) {
			var buf bytes.Buffer
			if err := demo.WriteCSV(&buf, demo.Generate(demo.Options{People: n, Seed: 1})); err != nil {
				b.Fatal(err)
			}
			ctx := context.Background()
			b.SetBytes(int64(buf.Len()))
			for b.Loop() {
				b.StopTimer()
				d, err := db.Open(ctx, filepath.Join(b.TempDir(), "bench.db"))
				if err != nil {
					b.Fatal(err)
				}
				if _, err := d.Migrate(ctx); err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				f, err := people.ParseCSV("people.csv", bytes.NewReader(buf.Bytes()))
				if err != nil {
					b.Fatal(err)
				}
				res, err := people.NewStore(d, nil).Import(ctx, f)
				if err != nil || res.Created != n {
					b.Fatalf("import: %v, %+v", err, res)
				}
				b.StopTimer()
				d.Close()
				b.StartTimer()
			}
			b.ReportMetric(float64(n), "people")
		})
	}
}
