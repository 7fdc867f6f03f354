package main

import (
	"context"
	"os"
	"runtime"
	"runtime/pprof"

	"github.com/customslint/customslint/validate"
)

func main() {
	runtime.MemProfileRate = 1
	data, _ := os.ReadFile(os.Args[1])
	eng, err := validate.New(validate.Options{})
	if err != nil {
		panic(err)
	}
	eng.Check(context.Background(), "x", data)
	f, _ := os.Create("/tmp/heap.prof")
	pprof.Lookup("allocs").WriteTo(f, 0)
	f.Close()
}
