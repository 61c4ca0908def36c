// Package partnership is partnerkit's domain model: school partnerships,
// their partners and leads, and the one finding type every partnerkit
// checker returns.
//
// # Partnerships
//
// Schools partner with other schools, colleges, universities, charities,
// local authorities and businesses. A [Partnership] is organised on one of
// three models: hub and spoke (a small group, generally no more than four
// or five schools, one of which leads), broad area (equal partners, no
// lead) or formal structure (a lead sponsor with partner schools). Each
// institution names one lead.
//
//	p := partnership.New("Riverside STEM Partnership", partnership.ModelHubAndSpoke,
//		partnership.Partner{ID: "st-aidans", Name: "St Aidan's School", Type: partnership.TypeSchool, Role: partnership.RoleLead},
//		partnership.Partner{ID: "uni-riverside", Name: "University of Riverside", Type: partnership.TypeUniversity},
//	)
//	for _, f := range p.Check() {
//		fmt.Println(f) // error partners[0]: Name a partnership lead for St Aidan's School: … (lead.missing)
//	}
//
// [Partnership.Check] applies the model's rules; [Rules] lists them with
// their codes. The JSON of every type here is the contract's: camelCase
// keys, YYYY-MM-DD dates ([Date]), UUID document ids.
//
// # Findings
//
// Check returns [finding.Finding] values: a stable code, a severity, a
// JSON Pointer path and a plain-English message. Packages mou and
// evaluation return the same type, so that a form, a command line or an
// HTTP API can show any of them the same way.
package partnership
