package main

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
)

// writeCirclesFiles writes every file to a temporary file beside it and
// renames them into place only when all were written, so a failure leaves
// no half-written output.
func writeCirclesFiles(files map[string][]byte) (err error) {
	tmps := map[string]string{}
	defer func() {
		for _, tmp := range tmps {
			os.Remove(tmp)
		}
	}()
	for _, path := range slices.Sorted(maps.Keys(files)) {
		f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
		if err != nil {
			return fmt.Errorf("write %s: %w", path, err)
		}
		tmps[path] = f.Name()
		if _, err := f.Write(files[path]); err != nil {
			f.Close()
			return fmt.Errorf("write %s: %w", path, err)
		}
		if err := f.Close(); err != nil {
			return fmt.Errorf("write %s: %w", path, err)
		}
		if err := os.Chmod(f.Name(), 0o644); err != nil {
			return fmt.Errorf("write %s: %w", path, err)
		}
	}
	for _, path := range slices.Sorted(maps.Keys(files)) {
		if err := os.Rename(tmps[path], path); err != nil {
			return fmt.Errorf("write %s: %w", path, err)
		}
		delete(tmps, path)
	}
	return nil
}
