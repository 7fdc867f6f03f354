package model_test

import (
	"os"
	"testing"

	"github.com/customslint/customslint/model"
	"github.com/customslint/customslint/model/internal/cm"
)

// BenchmarkDecode times what a set's first Lookup costs the binary:
// decoding its tables.
func BenchmarkDecode(b *testing.B) {
	for _, name := range model.Names() {
		data, err := os.ReadFile("tables/" + name + ".tab")
		if err != nil {
			b.Fatal(err)
		}
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for i := 0; i < b.N; i++ {
				if _, err := model.Decode(string(data)); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkParseSources times what the first use of a set cost before the
// tables: parsing and resolving its sources (now done by go generate).
func BenchmarkParseSources(b *testing.B) {
	src := os.DirFS("src")
	for _, name := range model.Names() {
		b.Run(name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if _, err := cm.LoadSet(src, name); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
