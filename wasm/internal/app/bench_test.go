package app

import (
	"os"
	"strings"
	"testing"
)

// BenchmarkKeystroke is one keystroke in the contract MOU's mission
// statement: the edit, the check, the patches and what is saved.
func BenchmarkKeystroke(b *testing.B) {
	p, err := New()
	if err != nil {
		b.Fatal(err)
	}
	data, err := os.ReadFile(contractMOU)
	if err != nil {
		b.Fatal(err)
	}
	p.Open(newMemStore())
	p.Import(ViewMOU, "", data)
	base := "Together we widen access to specialist science teaching and laboratories for pupils across Riverside."
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		p.Handle(ViewMOU, Event{Pointer: "/missionStatement", Widget: "textarea", Value: base + strings.Repeat(" x", i%40)})
		_ = p.Save()
	}
}

// BenchmarkStart is what the page does before it is interactive.
func BenchmarkStart(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		p, err := New()
		if err != nil {
			b.Fatal(err)
		}
		p.Show(ViewMOU)
		_ = p.HTML()
	}
}

// The health check, the page's first view, starts without compiling the
// MOU's form: that waits for Finish, after the first paint.
func TestStartDefersTheMOU(t *testing.T) {
	p, err := New()
	if err != nil {
		t.Fatal(err)
	}
	p.Open(newMemStore())
	html := p.HTML()
	if p.mou != nil {
		t.Fatal("the MOU builder was made before the first paint")
	}
	if !strings.Contains(html, `id="mou-body"`) {
		t.Fatal("the MOU view's shell is on the page")
	}
	p.Finish()
	if p.mou == nil || !p.rendered[ViewMOU] {
		t.Fatal("Finish renders the MOU builder")
	}
}
