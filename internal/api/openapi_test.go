package api

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"mizban/internal/desk"
)

var httpMethods = []string{"get", "put", "post", "delete", "patch", "head", "options"}

func TestOpenAPIVersionAndInfo(t *testing.T) {
	s := loadSpec(t)
	if v, _ := s.doc["openapi"].(string); !strings.HasPrefix(v, "3.1.") {
		t.Errorf("openapi = %q, want 3.1.x", v)
	}
	info, _ := s.doc["info"].(map[string]any)
	if info["title"] == nil || info["version"] == nil {
		t.Errorf("info needs title and version: %v", info)
	}
	servers, _ := s.doc["servers"].([]any)
	if len(servers) == 0 || servers[0].(map[string]any)["url"] != Prefix {
		t.Errorf("servers = %v, want the first at %s", servers, Prefix)
	}
}

// TestOpenAPIMatchesRoutes holds the document and the route table
// together: every route is documented and every documented operation is
// served.
func TestOpenAPIMatchesRoutes(t *testing.T) {
	s := loadSpec(t)
	var served, documented []string
	for _, rt := range (&API{}).routes() {
		served = append(served, rt.Method+" "+rt.Path)
	}
	for path, item := range s.doc["paths"].(map[string]any) {
		for _, m := range httpMethods {
			if _, ok := item.(map[string]any)[m]; ok {
				documented = append(documented, strings.ToUpper(m)+" "+path)
			}
		}
	}
	sort.Strings(served)
	sort.Strings(documented)
	if !slices.Equal(served, documented) {
		t.Errorf("routes and openapi.json differ\nserved:     %v\ndocumented: %v", served, documented)
	}
}

// TestOpenAPIRefsResolve walks the whole document.
func TestOpenAPIRefsResolve(t *testing.T) {
	s := loadSpec(t)
	n := 0
	walk(s.doc, "$", func(path string, m map[string]any) {
		if ref, ok := m["$ref"].(string); ok {
			n++
			if _, err := s.resolve(ref); err != nil {
				t.Errorf("%s: %v", path, err)
			}
		}
	})
	if n < 20 {
		t.Errorf("only %d $refs found; the walk is broken", n)
	}
}

// TestOpenAPISchemasWellFormed checks that required names are properties
// and that each component is used.
func TestOpenAPISchemasWellFormed(t *testing.T) {
	s := loadSpec(t)
	walk(s.doc, "$", func(path string, m map[string]any) {
		req, ok := m["required"].([]any)
		if !ok {
			return
		}
		props, _ := m["properties"].(map[string]any)
		for _, r := range req {
			if _, ok := props[r.(string)]; !ok {
				t.Errorf("%s: required %q is not a property", path, r)
			}
		}
	})
	text := string(openAPIDoc)
	for _, kind := range []string{"schemas", "responses", "parameters"} {
		for name := range s.doc["components"].(map[string]any)[kind].(map[string]any) {
			if !strings.Contains(text, `"#/components/`+kind+`/`+name+`"`) {
				t.Errorf("components/%s/%s is never used", kind, name)
			}
		}
	}
}

// TestOpenAPIOperations checks each operation: path parameters declared,
// an id, success and error answers described with schemas.
func TestOpenAPIOperations(t *testing.T) {
	s := loadSpec(t)
	ids := map[string]bool{}
	param := regexp.MustCompile(`\{([a-z_]+)\}`)
	for path, item := range s.doc["paths"].(map[string]any) {
		for _, m := range httpMethods {
			op, ok := item.(map[string]any)[m].(map[string]any)
			if !ok {
				continue
			}
			where := strings.ToUpper(m) + " " + path
			id, _ := op["operationId"].(string)
			if id == "" || ids[id] {
				t.Errorf("%s: operationId %q missing or repeated", where, id)
			}
			ids[id] = true
			declared := map[string]bool{}
			params, _ := op["parameters"].([]any)
			for _, p := range params {
				pm, err := s.deref(p.(map[string]any))
				if err != nil {
					t.Errorf("%s: %v", where, err)
					continue
				}
				if pm["in"] == "path" {
					declared[pm["name"].(string)] = true
				}
			}
			for _, want := range param.FindAllStringSubmatch(path, -1) {
				if !declared[want[1]] {
					t.Errorf("%s: path parameter %q is not declared", where, want[1])
				}
				delete(declared, want[1])
			}
			if len(declared) > 0 {
				t.Errorf("%s: declares path parameters not in the path: %v", where, declared)
			}
			responses, _ := op["responses"].(map[string]any)
			hasSuccess := false
			for code := range responses {
				if strings.HasPrefix(code, "2") {
					hasSuccess = true
				}
				var status int
				fmt.Sscan(code, &status)
				if _, err := s.responseSchema(path, m, status); err != nil {
					t.Errorf("%s %s: %v", where, code, err)
				}
			}
			if !hasSuccess || responses["405"] == nil {
				t.Errorf("%s: needs a 2xx and a 405 answer", where)
			}
			if m == "post" && path != "/applications/{id}/otp" && op["requestBody"] == nil {
				t.Errorf("%s: no requestBody", where)
			}
		}
	}
}

// TestOpenAPIExamplesValidate validates every example in the document
// against the schema beside it.
func TestOpenAPIExamplesValidate(t *testing.T) {
	s := loadSpec(t)
	n := 0
	walk(s.doc, "$", func(path string, m map[string]any) {
		schema, ok := m["schema"]
		if !ok {
			return
		}
		if ex, ok := m["example"]; ok {
			n++
			for _, e := range s.validate(schema, ex, path+".example", true) {
				t.Error(e)
			}
		}
		if exs, ok := m["examples"].(map[string]any); ok {
			for name, e := range exs {
				n++
				v := e.(map[string]any)["value"]
				for _, e := range s.validate(schema, v, path+".examples."+name, true) {
					t.Error(e)
				}
			}
		}
	})
	if n < 15 {
		t.Errorf("only %d examples found; the walk is broken", n)
	}
}

// TestOpenAPIErrorCodes keeps the documented codes and the code in step.
func TestOpenAPIErrorCodes(t *testing.T) {
	s := loadSpec(t)
	v, err := s.resolve("#/components/schemas/Problem/properties/error/properties/code/enum")
	if err != nil {
		t.Fatal(err)
	}
	var documented []string
	for _, c := range v.([]any) {
		documented = append(documented, c.(string))
	}
	ours := []string{desk.EINVALID, desk.ENOTFOUND, desk.ECONFLICT, desk.EFORBIDDEN, desk.EUNAUTHORIZED,
		desk.ERATELIMIT, desk.EINTERNAL, codeBadJSON, codeIdempotencyMismatch, codeTooLarge, codeMediaType,
		codeMethodNotAllowed}
	sort.Strings(documented)
	sort.Strings(ours)
	if !slices.Equal(documented, ours) {
		t.Errorf("documented codes %v, code has %v", documented, ours)
	}
}

// walk calls fn on every object in v, depth first.
func walk(v any, path string, fn func(path string, m map[string]any)) {
	switch x := v.(type) {
	case map[string]any:
		fn(path, x)
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			walk(x[k], path+"."+k, fn)
		}
	case []any:
		for i, e := range x {
			walk(e, fmt.Sprintf("%s[%d]", path, i), fn)
		}
	}
}
