// Package chart draws the register's report charts as inline SVG, in
// pure Go: grouped horizontal bars on a 0 to 100 scale, one row per
// dimension and one bar per series (a partner, self or peer review, a
// round). Nothing is fetched and no script runs: the page inserts the
// SVG as it inserts any HTML, and it prints.
//
// Each chart is an image with an accessible name and description (its
// title and desc elements, named by aria-labelledby and
// aria-describedby), a legend in text, and every bar's value written
// beside it, so that no reading depends on colour alone; each bar also
// has a title with its series, category and value. The tables beside
// the charts on the report page hold the same numbers.
//
//	svg := chart.Bars{
//		Title:      "Dimension scores by partner",
//		Desc:       "Mean score out of 100 of each dimension, for each partner shown.",
//		Categories: []string{"Shared vision", "Governance"},
//		Series:     []chart.Series{{Name: "Riverside High", Values: []*float64{&a, &b}}},
//	}.SVG("chart-partners")
package chart
