package api

import (
	"encoding/json"
	"fmt"
	"math"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"
)

// spec is the parsed openapi.json with a small JSON Schema checker: enough
// of 2020-12 (type, enum, properties, required, additionalProperties, items,
// oneOf, lengths, pattern, bounds) to hold examples and live answers to the
// document without a validation dependency.
type spec struct {
	doc map[string]any
}

func loadSpec(t testing.TB) *spec {
	t.Helper()
	var doc map[string]any
	if err := json.Unmarshal(openAPIDoc, &doc); err != nil {
		t.Fatalf("openapi.json is not JSON: %v", err)
	}
	return &spec{doc: doc}
}

// resolve follows a local JSON pointer such as #/components/schemas/Unit.
func (s *spec) resolve(ref string) (any, error) {
	if !strings.HasPrefix(ref, "#/") {
		return nil, fmt.Errorf("ref %q is not local", ref)
	}
	var cur any = s.doc
	for _, part := range strings.Split(ref[2:], "/") {
		part = strings.ReplaceAll(strings.ReplaceAll(part, "~1", "/"), "~0", "~")
		m, ok := cur.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("ref %q: %q is not inside an object", ref, part)
		}
		if cur, ok = m[part]; !ok {
			return nil, fmt.Errorf("ref %q: no %q", ref, part)
		}
	}
	return cur, nil
}

// deref returns the object behind a {"$ref": …}, or m itself.
func (s *spec) deref(m map[string]any) (map[string]any, error) {
	for range 10 {
		ref, ok := m["$ref"].(string)
		if !ok {
			return m, nil
		}
		v, err := s.resolve(ref)
		if err != nil {
			return nil, err
		}
		if m, ok = v.(map[string]any); !ok {
			return nil, fmt.Errorf("ref %q is not an object", ref)
		}
	}
	return nil, fmt.Errorf("ref chain too long")
}

// validate checks v against schema and returns every problem with its
// JSON path. strict treats properties a schema does not list as errors
// even without additionalProperties: false, so answers cannot grow fields
// the document does not describe.
func (s *spec) validate(schema any, v any, path string, strict bool) []string {
	sm, ok := schema.(map[string]any)
	if !ok {
		return []string{path + ": schema is not an object"}
	}
	sm, err := s.deref(sm)
	if err != nil {
		return []string{path + ": " + err.Error()}
	}
	var errs []string
	bad := func(format string, args ...any) { errs = append(errs, path+": "+fmt.Sprintf(format, args...)) }

	if types := schemaTypes(sm["type"]); len(types) > 0 && !slices.Contains(types, jsonType(v)) &&
		!(jsonType(v) == "integer" && slices.Contains(types, "number")) {
		bad("type %s, want %v", jsonType(v), types)
		return errs
	}
	if enum, ok := sm["enum"].([]any); ok && !slices.ContainsFunc(enum, func(e any) bool { return jsonEqual(e, v) }) {
		bad("%v is not one of %v", v, enum)
	}
	if c, ok := sm["const"]; ok && !jsonEqual(c, v) {
		bad("%v is not %v", v, c)
	}
	if one, ok := sm["oneOf"].([]any); ok {
		n := 0
		for _, alt := range one {
			if len(s.validate(alt, v, path, strict)) == 0 {
				n++
			}
		}
		if n != 1 {
			bad("matches %d of the oneOf alternatives, want exactly 1", n)
		}
	}
	switch x := v.(type) {
	case string:
		n := utf8.RuneCountInString(x)
		if m, ok := num(sm["minLength"]); ok && float64(n) < m {
			bad("length %d < minLength %v", n, m)
		}
		if m, ok := num(sm["maxLength"]); ok && float64(n) > m {
			bad("length %d > maxLength %v", n, m)
		}
		if p, ok := sm["pattern"].(string); ok {
			re, err := regexp.Compile(p)
			if err != nil {
				bad("bad pattern %q: %v", p, err)
			} else if !re.MatchString(x) {
				bad("%q does not match %q", x, p)
			}
		}
	case float64:
		if m, ok := num(sm["minimum"]); ok && x < m {
			bad("%v < minimum %v", x, m)
		}
		if m, ok := num(sm["maximum"]); ok && x > m {
			bad("%v > maximum %v", x, m)
		}
	case []any:
		if m, ok := num(sm["minItems"]); ok && float64(len(x)) < m {
			bad("%d items < minItems %v", len(x), m)
		}
		if m, ok := num(sm["maxItems"]); ok && float64(len(x)) > m {
			bad("%d items > maxItems %v", len(x), m)
		}
		if items, ok := sm["items"]; ok {
			for i, e := range x {
				errs = append(errs, s.validate(items, e, fmt.Sprintf("%s[%d]", path, i), strict)...)
			}
		}
	case map[string]any:
		props, _ := sm["properties"].(map[string]any)
		if req, ok := sm["required"].([]any); ok {
			for _, r := range req {
				if _, ok := x[r.(string)]; !ok {
					bad("missing required %q", r)
				}
			}
		}
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if ps, ok := props[k]; ok {
				errs = append(errs, s.validate(ps, x[k], path+"."+k, strict)...)
				continue
			}
			switch ap := sm["additionalProperties"].(type) {
			case bool:
				if !ap {
					bad("property %q is not allowed", k)
				}
			case map[string]any:
				errs = append(errs, s.validate(ap, x[k], path+"."+k, strict)...)
			case nil:
				if strict && props != nil {
					bad("property %q is not documented", k)
				}
			}
		}
	}
	return errs
}

func schemaTypes(t any) []string {
	switch x := t.(type) {
	case string:
		return []string{x}
	case []any:
		out := make([]string, 0, len(x))
		for _, e := range x {
			out = append(out, e.(string))
		}
		return out
	}
	return nil
}

func jsonType(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case string:
		return "string"
	case float64:
		if x == math.Trunc(x) {
			return "integer"
		}
		return "number"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	}
	return fmt.Sprintf("%T", v)
}

func num(v any) (float64, bool) {
	f, ok := v.(float64)
	return f, ok
}

func jsonEqual(a, b any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return string(x) == string(y)
}

// responseSchema returns the documented schema of an answer, following
// response $refs.
func (s *spec) responseSchema(path, method string, status int) (any, error) {
	op, err := s.operation(path, method)
	if err != nil {
		return nil, err
	}
	responses, _ := op["responses"].(map[string]any)
	resp, ok := responses[fmt.Sprint(status)].(map[string]any)
	if !ok {
		return nil, fmt.Errorf("%s %s: status %d is not documented", method, path, status)
	}
	if resp, err = s.deref(resp); err != nil {
		return nil, err
	}
	media, ok := resp["content"].(map[string]any)["application/json"].(map[string]any)
	if !ok {
		return nil, fmt.Errorf("%s %s %d: no application/json content", method, path, status)
	}
	return media["schema"], nil
}

func (s *spec) operation(path, method string) (map[string]any, error) {
	p, ok := s.doc["paths"].(map[string]any)[path].(map[string]any)
	if !ok {
		return nil, fmt.Errorf("path %s is not documented", path)
	}
	op, ok := p[strings.ToLower(method)].(map[string]any)
	if !ok {
		return nil, fmt.Errorf("%s %s is not documented", method, path)
	}
	return op, nil
}

func TestSchemaChecker(t *testing.T) {
	s := &spec{doc: map[string]any{"components": map[string]any{"schemas": map[string]any{
		"P": map[string]any{"type": "object", "required": []any{"a"}, "additionalProperties": false,
			"properties": map[string]any{
				"a": map[string]any{"type": "string", "pattern": "^[0-9]+$", "maxLength": 3.0},
				"b": map[string]any{"type": []any{"integer", "null"}, "minimum": 1.0},
				"c": map[string]any{"type": "array", "items": map[string]any{"enum": []any{"x", "y"}}},
				"d": map[string]any{"oneOf": []any{map[string]any{"type": "null"}, map[string]any{"type": "string"}}},
			}},
	}}}}
	ref := map[string]any{"$ref": "#/components/schemas/P"}
	tests := []struct {
		name string
		json string
		errs int
	}{
		{"valid", `{"a":"12","b":null,"c":["x"],"d":"s"}`, 0},
		{"missing required", `{}`, 1},
		{"pattern", `{"a":"1x"}`, 1},
		{"too long", `{"a":"1234"}`, 1},
		{"wrong type", `{"a":1}`, 1},
		{"not integer", `{"a":"1","b":1.5}`, 1},
		{"below minimum", `{"a":"1","b":0}`, 1},
		{"enum", `{"a":"1","c":["z"]}`, 1},
		{"extra property", `{"a":"1","e":1}`, 1},
		{"oneOf none", `{"a":"1","d":3}`, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var v any
			if err := json.Unmarshal([]byte(tt.json), &v); err != nil {
				t.Fatal(err)
			}
			if errs := s.validate(ref, v, "$", false); len(errs) != tt.errs {
				t.Errorf("got %d problems %v, want %d", len(errs), errs, tt.errs)
			}
		})
	}
	if errs := s.validate(map[string]any{"$ref": "#/components/schemas/Nope"}, "x", "$", false); len(errs) != 1 {
		t.Errorf("a dangling $ref passed: %v", errs)
	}
}
