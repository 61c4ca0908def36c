package app

import (
	"errors"
	"strconv"
	"strings"

	"github.com/partnerkit/partnerkit/wasm/form"
)

// edit applies an event to a form. It returns the pointer of the field
// whose structure changed, to render again ("" when only a value
// changed), and where the keyboard focus should go then.
func edit(f *form.Form, e Event) (structure string, focus []Patch, err error) {
	ptr := e.Pointer
	switch e.Action {
	case "add":
		item, err := f.Add(ptr)
		if err != nil {
			return "", nil, err
		}
		if key := f.KeyID(item); key != "" {
			return ptr, []Patch{{Op: OpFocus, ID: key}}, nil // a member to name
		}
		return ptr, []Patch{{Op: OpFocus, ID: f.ID(item) + "-item"}}, nil
	case "remove":
		list := parentPointer(ptr)
		if err := f.Remove(ptr); err != nil {
			return "", nil, err
		}
		return list, []Patch{{Op: OpFocus, ID: f.ID(list) + "-add"}}, nil
	case "up", "down":
		delta := -1
		if e.Action == "down" {
			delta = 1
		}
		moved, err := f.Move(ptr, delta)
		if err != nil {
			return "", nil, err
		}
		list := parentPointer(ptr)
		// Keep the focus on the button pressed, now on the item's new
		// place; at the top or bottom, that button is disabled, so take
		// the other.
		return list, []Patch{
			{Op: OpFocus, ID: f.ID(moved) + "-" + opposite(e.Action)},
			{Op: OpFocus, ID: f.ID(moved) + "-" + e.Action},
		}, nil
	case "choose":
		i, err := strconv.Atoi(e.Value)
		if err != nil {
			return "", nil, err
		}
		if err := f.Choose(ptr, i); err != nil {
			return "", nil, err
		}
		return ptr, []Patch{{Op: OpFocus, ID: f.ID(ptr) + "-choice-" + e.Value}}, nil
	case "rename":
		// A member the user names: its value is rendered again under the
		// new name, and its name box, which keeps the focus, points there.
		key := f.KeyID(ptr)
		renamed, err := f.Rename(ptr, e.Value)
		if err != nil || renamed == ptr {
			return "", nil, err
		}
		return renamed, []Patch{{Op: OpAttr, ID: key, Name: "data-pointer", Value: renamed}}, nil
	case "visit":
		// The user left the field: its problems show from now on.
		f.Visit(ptr)
		return "", nil, nil
	case "check":
		f.CheckAll()
		return "", nil, nil
	case "file":
		// A data-url field: the browser read the chosen file to a data:
		// URL, the value. One too large is refused, and the field says so.
		if err := f.Input(ptr, e.Value); err != nil && !errors.Is(err, form.ErrFileTooLarge) {
			return "", nil, err
		}
		return ptr, nil, nil
	case "file-too-large":
		// A data-url field: the chosen file, of e.Value bytes, is larger
		// than the field takes (its data-max-size), and was not read.
		n, _ := strconv.ParseInt(e.Value, 10, 64)
		_ = f.RefuseFile(ptr, n) // the field says so; its file is kept
		return ptr, nil, nil
	}
	switch e.Widget {
	case string(form.WidgetFile):
		return "", nil, nil // the file's name, not its content: see "file"
	case string(form.WidgetCheckboxes):
		return "", nil, f.Toggle(ptr, e.Value, e.Checked)
	case string(form.WidgetCheckbox):
		return "", nil, f.Input(ptr, strconv.FormatBool(e.Checked))
	}
	return "", nil, f.Input(ptr, e.Value)
}

func opposite(action string) string {
	if action == "up" {
		return "down"
	}
	return "up"
}

func parentPointer(ptr string) string {
	if i := strings.LastIndexByte(ptr, '/'); i >= 0 {
		return ptr[:i]
	}
	return ""
}

// slotPatches brings the messages elements from old to now, after
// rendering again the members a condition has shown or hidden.
func slotPatches(f *form.Form, old, now map[string]string) []Patch {
	var out []Patch
	for _, ptr := range f.Reshaped() {
		if id, html, err := f.Fragment(ptr, nil); err == nil {
			out = append(out, Patch{Op: OpOuter, ID: id, HTML: html})
			for p := range old {
				if p == ptr || strings.HasPrefix(p, ptr+"/") {
					delete(old, p) // the new field's messages start empty
				}
			}
		}
	}
	for _, t := range f.Retitled() {
		out = append(out, Patch{Op: OpText, ID: t.ID, Value: t.Text})
	}
	for ptr, html := range now {
		if old[ptr] != html {
			out = append(out, Patch{Op: OpInner, ID: f.MessagesID(ptr), HTML: html})
		}
	}
	for ptr := range old {
		if _, ok := now[ptr]; !ok {
			out = append(out, Patch{Op: OpInner, ID: f.MessagesID(ptr)})
		}
	}
	return out
}
