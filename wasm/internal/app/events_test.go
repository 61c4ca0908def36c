package app

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/partnerkit/partnerkit/wasm/form"
)

// TestEditNamedMembersAndFiles: events name a member, read a file and
// check everything, as the browser sends them.
func TestEditNamedMembersAndFiles(t *testing.T) {
	root, err := form.Compile([]byte(`{"type": "object", "properties": {
	  "tags": {"type": "object", "additionalProperties": {"type": "string"}},
	  "logo": {"type": "string", "format": "data-url"}}}`), nil)
	require.NoError(t, err)
	f := form.New(root, "x")
	_, focus, err := edit(f, Event{Action: "add", Pointer: "/tags"})
	require.NoError(t, err)
	assert.Equal(t, []Patch{{Op: OpFocus, ID: "x__tags-key-0"}}, focus, "the focus goes to the new member's name")
	structure, patches, err := edit(f, Event{Action: "rename", Pointer: "/tags/", Value: "colour"})
	require.NoError(t, err)
	assert.Equal(t, "/tags/colour", structure)
	assert.Equal(t, []Patch{{Op: OpAttr, ID: "x__tags-key-0", Name: "data-pointer", Value: "/tags/colour"}}, patches)
	_, _, err = edit(f, Event{Widget: "file", Pointer: "/logo", Value: `C:\fakepath\logo.png`})
	require.NoError(t, err)
	structure, _, err = edit(f, Event{Action: "file", Widget: "file", Pointer: "/logo", Value: "data:image/png;base64,iVBORw0KGgo="})
	require.NoError(t, err)
	assert.Equal(t, "/logo", structure)
	assert.JSONEq(t, `{"tags": {"colour": ""}, "logo": "data:image/png;base64,iVBORw0KGgo="}`, string(f.JSON()))
	// A file larger than the field takes, which the browser did not read.
	structure, _, err = edit(f, Event{Action: "file-too-large", Widget: "file", Pointer: "/logo", Value: "3000000"})
	require.NoError(t, err)
	assert.Equal(t, "/logo", structure, "the field is shown again, its file input cleared")
	assert.Contains(t, f.Slots(nil)["/logo"], "This file is 2.9 MB, larger than the 1 MB this form takes")
	assert.JSONEq(t, `{"tags": {"colour": ""}, "logo": "data:image/png;base64,iVBORw0KGgo="}`, string(f.JSON()), "nothing is lost")
	// One the browser read all the same: refused as well.
	structure, _, err = edit(f, Event{Action: "file", Widget: "file", Pointer: "/logo", Value: "data:image/png;base64," + strings.Repeat("AAAA", 400000)})
	require.NoError(t, err)
	assert.Equal(t, "/logo", structure)
	assert.Contains(t, f.Slots(nil)["/logo"], "This file is 1.1 MB, larger than the 1 MB this form takes")
	assert.JSONEq(t, `{"tags": {"colour": ""}, "logo": "data:image/png;base64,iVBORw0KGgo="}`, string(f.JSON()), "nothing is lost")
	msgs := form.Messages{"/tags/colour": nil}
	assert.Equal(t, msgs, f.Visible(msgs), "a renamed member is visited")
	assert.Empty(t, f.Visible(form.Messages{"/other": nil}))
	_, _, err = edit(f, Event{Action: "check"})
	require.NoError(t, err)
	assert.Len(t, f.Visible(form.Messages{"/other": nil}), 1, "everything is shown once checked")
}

// TestConditionPatches: ticking a box that a condition reads renders
// again the members it shows, with their messages.
func TestConditionPatches(t *testing.T) {
	root, err := form.ForSchema("mou")
	require.NoError(t, err)
	f := form.New(root, "mou")
	_, _, err = edit(f, Event{Widget: "checkbox", Pointer: "/monitoring/dataProtection/personalData", Checked: true})
	require.NoError(t, err)
	patches := slotPatches(f, map[string]string{}, map[string]string{})
	var ids []string
	for _, p := range patches {
		if p.Op == OpOuter {
			ids = append(ids, p.ID)
		}
	}
	assert.Equal(t, []string{"mou__monitoring__dataProtection__lawfulBasis-cond", "mou__monitoring__dataProtection__consent-cond",
		"mou__monitoring__dataProtection__sharing-cond", "mou__monitoring__dataProtection__retention-cond",
		"mou__monitoring__dataProtection__security-cond"}, ids)
}
