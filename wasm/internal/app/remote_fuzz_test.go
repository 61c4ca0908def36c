package app

import (
	"strings"
	"testing"
)

// FuzzParseLink holds ParseLink to never panicking, and to a token that
// can only be one path segment of the fragment.
func FuzzParseLink(f *testing.F) {
	for _, s := range []string{"#respond/pkt_abc", "coordinate/x", "#mou", "", "#respond/%2F", "respond/a%zz"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		l := ParseLink(s)
		if l.Token != "" && (l.Kind == "" || strings.ContainsAny(l.Token, "/?# \t\r\n")) {
			t.Fatalf("ParseLink(%q) = %+v", s, l)
		}
		if l.Kind != "" && l.View != "" {
			t.Fatalf("ParseLink(%q) = %+v: a link and a view", s, l)
		}
	})
}

// FuzzReceived holds the register pages to never panicking on any
// answer the server (or anything in between) sends, at any step.
func FuzzReceived(f *testing.F) {
	f.Add(200, []byte(`{"round":{"id":"r"},"framework":{"id":"f","title":"F","scale":{"min":1,"max":3},"dimensions":[{"id":"d","title":"D","questions":[{"id":"q","text":"Q"}]}],"bands":[{"min":0,"label":"B"}]}}`))
	f.Add(200, []byte(`[{"id":"p","name":"P"}]`))
	f.Add(200, []byte(`{"round":{"id":"r"},"combined":{"dimensions":[{"id":"d","mean":null}],"flags":[{"code":"partners.imbalance","partners":["a"]}]}}`))
	f.Add(409, []byte(`{"type":"round-closed"}`))
	f.Add(0, []byte(nil))
	f.Fuzz(func(t *testing.T, status int, body []byte) {
		c := &queue{}
		r := NewRespondent("pkt_x", c)
		r.Open(newMemStore())
		r.HTML()
		for i := 0; i < 4 && len(c.reqs) > 0; i++ {
			q := c.reqs[0]
			c.reqs = c.reqs[1:]
			r.Received(Response{ID: q.ID, Status: status, Body: body})
			r.Handle(Event{Pointer: "/answers/q", Value: "1"})
			r.Submit()
		}
		k := &queue{}
		co := NewCoordinator("pkt_x", k)
		co.HTML()
		for i := 0; i < 4 && len(k.reqs) > 0; i++ {
			q := k.reqs[0]
			k.reqs = k.reqs[1:]
			co.Received(Response{ID: q.ID, Status: status, Body: body})
		}
		g := &queue{}
		pr := NewProgramme("pkt_x", g)
		pr.HTML()
		pr.Download("csv")
		for i := 0; i < 4 && len(g.reqs) > 0; i++ {
			q := g.reqs[0]
			g.reqs = g.reqs[1:]
			pr.Received(Response{ID: q.ID, Status: status, Body: body})
			pr.Handle(Event{Pointer: "/sort", Action: "column", Value: "score"})
		}
	})
}

// queue is a Client that keeps the requests, answered by the test.
type queue struct{ reqs []Request }

func (q *queue) Send(r Request) { q.reqs = append(q.reqs, r) }
