package main

import (
	"fmt"

	"github.com/partnerkit/partnerkit/schemas"
)

const schemaUsage = `Usage:
  partnerkit schema          list the JSON Schemas
  partnerkit schema NAME     print one, such as mou

The schemas are JSON Schema draft 2020-12. Other languages can validate
partnerkit documents with them.`

func (c *cli) schema(args []string) int {
	fs := c.flags("partnerkit schema", schemaUsage)
	if code := c.parse(fs, args); code >= 0 {
		return code
	}
	switch fs.NArg() {
	case 0:
		for _, s := range schemas.All() {
			fmt.Fprintf(c.stdout, "%-12s %s\n", s.Name, s.Title)
		}
		return exitOK
	case 1:
		s, err := schemas.Lookup(fs.Arg(0))
		if err != nil {
			return c.fail("schema: no schema is called %q; run 'partnerkit schema' to list them", fs.Arg(0))
		}
		c.stdout.Write(s.Bytes())
		return exitOK
	}
	fmt.Fprintln(c.stderr, schemaUsage)
	return exitUsage
}
