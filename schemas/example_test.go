package schemas_test

import (
	"fmt"

	"github.com/partnerkit/partnerkit/schemas"
)

func ExampleSchema_Validate() {
	doc, err := schemas.Decode([]byte(`{
	  "name": "Riverside STEM Partnership",
	  "model": "hub-and-spoke",
	  "partners": [
	    {"id": "st-aidans", "name": "St Aidan's School", "type": "school", "urn": "10001"},
	    {"id": "uni riverside", "name": "University of Riverside", "type": "university"}
	  ]
	}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, v := range schemas.MustLookup(schemas.Partnership).Validate(doc) {
		fmt.Println(v)
	}
	// Output:
	// partners[0].urn: a URN is six digits, like 100001
	// partners[1].id: an id is a short name of letters, digits and hyphens with no spaces, like st-aidans
}

func ExampleDecode() {
	_, err := schemas.Decode([]byte("{\n  \"name\": 'Riverside'\n}"))
	fmt.Println(err)
	// Output:
	// line 2, column 11: unexpected "'" (JSON strings use double quotes); expected a value (an object, array, string, number, true, false or null)
}

func ExampleAll() {
	for _, s := range schemas.All() {
		fmt.Printf("%s: %s\n", s.Name, s.Title)
	}
	// Output:
	// partnership: Partnership
	// mou: Memorandum of Understanding
	// framework: Self-assessment framework
	// assessment: Assessment
	// indicators: Indicators
	// effect: Effect size
	// score-request: Score request
	// defs: Shared definitions
	// listing: Directory listing
}
