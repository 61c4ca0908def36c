package mou_test

import (
	"encoding/json"
	"fmt"
	"os"

	"github.com/partnerkit/partnerkit/mou"
)

func ExampleCheck() {
	data := []byte(`{
	  "missionStatement": "Together we widen access to specialist science teaching.",
	  "partnership": {
	    "name": "Riverside STEM Partnership",
	    "model": "broad-area",
	    "partners": [
	      {"id": "st-aidans", "name": "St Aidan's School", "type": "school", "urn": "10001"},
	      {"id": "riverside-primary", "name": "Riverside Primary School", "type": "school"}
	    ],
	    "leads": [{"partner": "st-aidans", "name": "Amara Okafor"}]
	  },
	  "term": {"start": "2026-09-01", "end": "2027-08-31"},
	  "finance": {"none": true},
	  "legallyBinding": false
	}`)
	report := mou.Check(data)
	fmt.Println("valid:", report.Valid)
	for _, f := range report.Findings[:4] {
		fmt.Println(f)
	}
	// Output:
	// valid: false
	// error partnership.partners[0].urn: A URN is six digits, like 100001. (schema)
	// error partnership.partners[1]: Name a partnership lead for Riverside Primary School: each institution needs one person who leads its part of the work. (lead.missing)
	// error objectives: Add at least one objective: what the partnership will achieve, how it will be measured and by when. (objectives.missing)
	// error activities: Add the planned activities: what the partners will do, and who leads each one. (activities.missing)
}

func ExampleParse() {
	data, err := os.ReadFile("../examples/data/mou-evaluation-plan.json")
	if err != nil {
		fmt.Println(err)
		return
	}
	m, err := mou.Parse(data)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(m.Partnership.Name, "from", m.Term.Start, "to", m.Term.End)
	m.MissionStatement = ""
	edited, err := json.Marshal(m)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, f := range mou.Check(edited).Findings {
		fmt.Println(f.Code, f.Path)
	}
	// Output:
	// Riverside STEM Partnership from 2026-09-01 to 2027-08-31
	// mission.missing /missionStatement
}

func ExampleParse_syntaxError() {
	_, err := mou.Parse([]byte("{\n  \"title\": \"Riverside\",\n}"))
	fmt.Println(err)
	// Output:
	// line 2, column 23: a trailing ',' before '}'; remove the trailing comma
}

func ExampleWords() {
	fmt.Println(mou.Words("A well-rounded curriculum — for every pupil"))
	// Output: 6
}
