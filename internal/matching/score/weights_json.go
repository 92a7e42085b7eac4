package score

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
)

// The JSON form of Weights is a struct type built once from the table
// factors: a field per factor, keyed by its name, then the exported
// settings of Weights with their own tags. encoding/json decodes it as it
// would a declared struct, so errors name keys, lines and columns alike
// for every factor without a Weights field per factor.
var (
	weightsJSON     = weightsJSONType()
	weightsSettings = settingFields()
)

// settingFields returns the indices of the exported fields of Weights.
func settingFields() []int {
	var out []int
	t := reflect.TypeFor[Weights]()
	for k := range t.NumField() {
		if t.Field(k).IsExported() {
			out = append(out, k)
		}
	}
	return out
}

func weightsJSONType() reflect.Type {
	var fields []reflect.StructField
	for f, x := range factors {
		fields = append(fields, reflect.StructField{Name: fmt.Sprintf("Factor%d", f), Type: reflect.TypeFor[int](),
			Tag: reflect.StructTag(fmt.Sprintf("json:%q", x.name))})
	}
	t := reflect.TypeFor[Weights]()
	for _, k := range settingFields() {
		sf := t.Field(k)
		fields = append(fields, reflect.StructField{Name: sf.Name, Type: sf.Type, Tag: sf.Tag})
	}
	return reflect.StructOf(fields)
}

// jsonForm returns w in its JSON form, addressable.
func (w Weights) jsonForm() reflect.Value {
	v := reflect.New(weightsJSON).Elem()
	for f := range factors {
		v.Field(f).SetInt(int64(w.factor[f]))
	}
	wv := reflect.ValueOf(w)
	for k, idx := range weightsSettings {
		v.Field(numFactors + k).Set(wv.Field(idx))
	}
	return v
}

// setJSONForm sets w from its JSON form v.
func (w *Weights) setJSONForm(v reflect.Value) {
	for f := range factors {
		w.factor[f] = int(v.Field(f).Int())
	}
	wv := reflect.ValueOf(w).Elem()
	for k, idx := range weightsSettings {
		wv.Field(idx).Set(v.Field(numFactors + k))
	}
}

// weightKeys returns the JSON keys of Weights in order: the factors, then
// the settings.
func weightKeys() []string {
	keys := make([]string, weightsJSON.NumField())
	for k := range keys {
		keys[k] = weightsJSON.Field(k).Tag.Get("json")
	}
	return keys
}

// MarshalJSON writes the JSON form of w that DecodeWeights reads.
func (w Weights) MarshalJSON() ([]byte, error) {
	return json.Marshal(w.jsonForm().Interface())
}

// UnmarshalJSON reads the JSON form of Weights over w: keys that are
// absent keep their values, an unknown key is an error. Unlike
// DecodeWeights it neither starts from the defaults nor validates.
func (w *Weights) UnmarshalJSON(data []byte) error {
	form := w.jsonForm()
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(form.Addr().Interface()); err != nil {
		return fmt.Errorf("score: weights: %w", err)
	}
	w.setJSONForm(form)
	return nil
}
