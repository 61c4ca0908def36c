package api

import (
	"fmt"
	"net/http"

	"github.com/partnerkit/partnerkit/schemas"
)

// Health is the answer to GET /healthz.
type Health struct {
	Status string `json:"status"` // "ok"
}

func (h *handler) health(w http.ResponseWriter, r *http.Request, _ string) {
	h.writeJSON(w, r, http.StatusOK, "application/json", Health{Status: "ok"})
}

// mouCheck checks an MOU, with the options in the query (see
// mouOptions). A document that breaks the schema or the guidance is still
// a 200: the findings are the answer.
func (h *handler) mouCheck(w http.ResponseWriter, r *http.Request, _ string) {
	opts, doc, _, ok := readRequest(h, w, r, mouOptions)
	if !ok {
		return
	}
	// The answer is a mou.Report: the command line's `mou check --json`
	// report for one file, without the file's name.
	rep, err := opts.CheckValue(doc)
	if err != nil { // mouOptions validated them
		h.problem(w, r, newProblem(ProblemInternal, "The MOU could not be checked."))
		return
	}
	h.writeJSON(w, r, http.StatusOK, "application/json", rep)
}

// SchemaInfo describes one schema in the answer to GET /v1/schemas.
type SchemaInfo struct {
	Name        string `json:"name"`        // such as "mou"
	ID          string `json:"id"`          // the schema's $id
	Title       string `json:"title"`       // its title
	Description string `json:"description"` // its description
	URL         string `json:"url"`         // where this API serves it: /v1/schemas/mou
}

func (h *handler) schemaList(w http.ResponseWriter, r *http.Request, _ string) {
	list := []SchemaInfo{}
	for _, s := range schemas.All() {
		list = append(list, SchemaInfo{Name: s.Name, ID: s.ID, Title: s.Title, Description: s.Description, URL: "/v1/schemas/" + s.Name})
	}
	h.writeJSON(w, r, http.StatusOK, "application/json", list)
}

// schema serves one schema's text exactly as published.
func (h *handler) schema(w http.ResponseWriter, r *http.Request, name string) {
	s, err := schemas.Lookup(name)
	if err != nil {
		h.problem(w, r, newProblem(ProblemNotFound, fmt.Sprintf("No schema is called %q. GET /v1/schemas lists them.", name)))
		return
	}
	h.write(w, r, http.StatusOK, "application/schema+json", s.Bytes())
}
