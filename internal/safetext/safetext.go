// Package safetext finds what text from outside must not hold: NUL bytes,
// which PostgreSQL refuses to store (SQLite stores them, so the two would
// differ), and bytes that are not UTF-8. Every way text comes in (JSON
// bodies, forms and query strings, the people CSV, the CLI's input files)
// refuses such text with a message saying where.
package safetext

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Problem says what is wrong with s, as the end of a sentence whose subject
// is the field ("holds a NUL byte at character 3"), or returns "" when s
// is fine. Characters are counted from 1.
func Problem(s string) string {
	if i, ok := firstBad(s); ok {
		if s[i] == 0 {
			return fmt.Sprintf("holds a NUL byte (character %d); remove it", utf8.RuneCountInString(s[:i])+1)
		}
		return fmt.Sprintf("is not valid UTF-8 text (byte %d, after character %d); save it as UTF-8", i+1, utf8.RuneCountInString(s[:i]))
	}
	return ""
}

// Fine reports whether s holds no NUL byte and is valid UTF-8.
func Fine(s string) bool {
	_, bad := firstBad(s)
	return !bad
}

// FineBytes is Fine for bytes.
func FineBytes(b []byte) bool {
	return utf8.Valid(b) && !containsNUL(b)
}

func containsNUL(b []byte) bool {
	for _, c := range b {
		if c == 0 {
			return true
		}
	}
	return false
}

// firstBad returns the byte offset of the first NUL or invalid UTF-8 byte.
func firstBad(s string) (int, bool) {
	if utf8.ValidString(s) {
		if i := strings.IndexByte(s, 0); i >= 0 {
			return i, true
		}
		return 0, false
	}
	for i, r := range s {
		if r == 0 {
			return i, true
		}
		if r == utf8.RuneError {
			if _, size := utf8.DecodeRuneInString(s[i:]); size == 1 {
				return i, true
			}
		}
	}
	return 0, false
}
