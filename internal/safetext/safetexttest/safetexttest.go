// Package safetexttest helps tests, fuzz targets above all, check that a
// parser let no text through that safetext refuses: it finds such a string
// anywhere in a value.
package safetexttest

import (
	"fmt"
	"reflect"

	"github.com/kindredhq/kindred/internal/safetext"
)

// BadString returns the path ("Person.Name", "[2]", "[key]") and the
// value of the first string in v, a map key included, that holds a NUL or
// is not UTF-8; ok is false when there is none.
func BadString(v any) (path, value string, ok bool) {
	return walk(reflect.ValueOf(v), "")
}

func walk(v reflect.Value, path string) (string, string, bool) {
	switch v.Kind() {
	case reflect.String:
		if s := v.String(); !safetext.Fine(s) {
			return path, s, true
		}
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			return walk(v.Elem(), path)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if !v.Type().Field(i).IsExported() {
				continue
			}
			if p, s, ok := walk(v.Field(i), path+"."+v.Type().Field(i).Name); ok {
				return p, s, true
			}
		}
	case reflect.Slice, reflect.Array:
		if v.Type().Elem().Kind() == reflect.Uint8 {
			return "", "", false // bytes, not text
		}
		for i := range v.Len() {
			if p, s, ok := walk(v.Index(i), fmt.Sprintf("%s[%d]", path, i)); ok {
				return p, s, true
			}
		}
	case reflect.Map:
		for it := v.MapRange(); it.Next(); {
			at := fmt.Sprintf("%s[%v]", path, it.Key())
			if p, s, ok := walk(it.Key(), at); ok {
				return p, s, true
			}
			if p, s, ok := walk(it.Value(), at); ok {
				return p, s, true
			}
		}
	}
	return "", "", false
}
