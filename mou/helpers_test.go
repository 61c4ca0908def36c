package mou

import (
	"fmt"

	"github.com/partnerkit/partnerkit/partnership"
)

const (
	contractMOU = "../examples/data/mou-riverside.json"
	// planMOU is the contract MOU with a full evaluation plan.
	planMOU = "../examples/data/mou-evaluation-plan.json"
	// tocMOU adds a Theory of Change to planMOU.
	tocMOU = "../examples/data/mou-theory-of-change.json"
)

func partnerFor(id string, i int) partnership.Partner {
	return partnership.Partner{ID: id, Name: fmt.Sprintf("School %d", i), Type: partnership.TypeSchool, URN: fmt.Sprintf("%06d", 100000+i)}
}

func leadFor(id string, i int) partnership.Lead {
	return partnership.Lead{Partner: id, Name: fmt.Sprintf("Lead %d", i), Email: fmt.Sprintf("lead%d@school.example", i)}
}
