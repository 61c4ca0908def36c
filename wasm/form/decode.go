package form

import (
	"encoding/json"
	"errors"
	"strconv"

	"github.com/partnerkit/partnerkit/internal/jsontree"
)

// object is a JSON object that remembers the order of its members, as a
// form must show a schema's properties in the schema's own order.
type object struct {
	keys []string
	m    map[string]any
}

func (o *object) get(key string) (any, bool) {
	if o == nil {
		return nil, false
	}
	v, ok := o.m[key]
	return v, ok
}

func (o *object) has(key string) bool {
	_, ok := o.get(key)
	return ok
}

func (o *object) str(key string) string {
	v, _ := o.get(key)
	s, _ := v.(string)
	return s
}

func (o *object) obj(key string) *object {
	v, _ := o.get(key)
	x, _ := v.(*object)
	return x
}

func (o *object) set(key string, v any) {
	if _, ok := o.m[key]; !ok {
		o.keys = append(o.keys, key)
	}
	o.m[key] = v
}

// del takes key out of the object, if it is there.
func (o *object) del(key string) {
	if _, ok := o.m[key]; ok {
		delete(o.m, key)
		o.keys = without(o.keys, key)
	}
}

func (o *object) clone() *object {
	c := &object{keys: append([]string(nil), o.keys...), m: make(map[string]any, len(o.m))}
	for k, v := range o.m {
		c.m[k] = v
	}
	return c
}

func newObject() *object { return &object{m: map[string]any{}} }

// maxDepth bounds how deeply a schema may nest.
const maxDepth = 200

var errDepth = errors.New("the schema nests too deeply")

// decodeOrdered decodes JSON text: objects as *object, arrays as []any,
// numbers as json.Number. It reads the text with jsontree, not
// encoding/json's Decoder: the health check compiles its form before the
// page's first paint, and in WebAssembly every function run for the first
// time is compiled then, so the fewer the better.
func decodeOrdered(data []byte) (any, error) {
	t, err := jsontree.ParseTree(data)
	if err != nil {
		var je *jsontree.Error
		if errors.As(err, &je) {
			line, col := jsontree.Position(data, je.Offset)
			return nil, errors.New("line " + strconv.Itoa(line) + ", column " + strconv.Itoa(col) + ": " + je.Msg)
		}
		return nil, err
	}
	return ordered(t.Root(), 0)
}

func ordered(v jsontree.Value, depth int) (any, error) {
	if depth > maxDepth {
		return nil, errDepth
	}
	switch v.Kind() {
	case jsontree.KindObject:
		o := newObject()
		for k, m := range v.Members() {
			x, err := ordered(m, depth+1)
			if err != nil {
				return nil, err
			}
			o.set(k, x)
		}
		return o, nil
	case jsontree.KindArray:
		a := make([]any, 0, v.Len())
		for e := range v.Items() {
			x, err := ordered(e, depth+1)
			if err != nil {
				return nil, err
			}
			a = append(a, x)
		}
		return a, nil
	case jsontree.KindString:
		s, _ := v.Str()
		return s, nil
	case jsontree.KindNumber:
		return json.Number(v.Text()), nil
	case jsontree.KindTrue:
		return true, nil
	case jsontree.KindFalse:
		return false, nil
	}
	return nil, nil
}

// plain turns an ordered value into the plain form documents use:
// objects as map[string]any.
func plain(v any) any {
	switch x := v.(type) {
	case *object:
		m := make(map[string]any, len(x.m))
		for k, e := range x.m {
			m[k] = plain(e)
		}
		return m
	case []any:
		a := make([]any, len(x))
		for i, e := range x {
			a[i] = plain(e)
		}
		return a
	}
	return v
}
