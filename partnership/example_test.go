package partnership_test

import (
	"fmt"

	"github.com/partnerkit/partnerkit/partnership"
)

func ExamplePartnership_Check() {
	p := partnership.New("Riverside STEM Partnership", partnership.ModelHubAndSpoke,
		partnership.Partner{ID: "st-aidans", Name: "St Aidan's School", Type: partnership.TypeSchool, Role: partnership.RoleLead},
		partnership.Partner{ID: "uni-riverside", Name: "University of Riverside", Type: partnership.TypeUniversity},
	)
	p.Leads = []partnership.Lead{{Partner: "st-aidans", Name: "Amara Okafor"}}
	for _, f := range p.Check() {
		fmt.Println(f)
	}
	// Output:
	// error partners[1]: Name a partnership lead for University of Riverside: each institution needs one person who leads its part of the work. (lead.missing)
}

func ExampleParseDate() {
	d, err := partnership.ParseDate("2027-07-16")
	fmt.Println(d, err)
	_, err = partnership.ParseDate("16/07/2027")
	fmt.Println(err)
	// Output:
	// 2027-07-16 <nil>
	// partnership: "16/07/2027" is not a date written as YYYY-MM-DD, like 2027-07-16
}
