package main

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/partnerkit/partnerkit/evaluation"
	"github.com/partnerkit/partnerkit/finding"
	"github.com/partnerkit/partnerkit/mou"
	"github.com/partnerkit/partnerkit/partnership"
	"github.com/partnerkit/partnerkit/schemas"
)

const checkUsage = `Usage:
  partnerkit check [--schema NAME] [--json] [--max-bytes BYTES] [OPTIONS] FILE...

Checks each document against its schema and its rules: an MOU, a
partnership, a self-assessment framework, an assessment, indicators or an
effect-size study. The schema is the one the document's $schema names,
else the one schema it fits, else the one whose members it has most of;
--schema NAME (see 'partnerkit schema') says it instead. The report is
mou check's: --json prints [{"file", "valid", "schema", "findings"}].
FILE may be - for standard input. The options are mou check's: they apply
to MOUs and to partnership documents (--hub-schools, and --off and
--severity for the partnership's rules).

Exit status: 0 when every document is valid, 1 when any has an error,
2 for a usage mistake or a file that cannot be read.`

// documentSchemas are the schemas check can check a document against.
var documentSchemas = []string{schemas.MOU, schemas.Partnership, schemas.Framework, schemas.Assessment, schemas.Indicators, schemas.Effect}

func (c *cli) check(args []string) int {
	fs := c.flags("partnerkit check", checkUsage)
	c.maxBytesFlag(fs)
	asJSON := fs.Bool("json", false, "print a JSON array with one report per file")
	schemaName := fs.String("schema", "", "check every FILE against the schema `NAME`")
	options := mouOptionFlags(fs)
	if code := c.parse(fs, args); code >= 0 {
		return code
	}
	opts, err := options()
	if err != nil {
		fmt.Fprintf(c.stderr, "partnerkit check: %v\n", err)
		return exitUsage
	}
	if *schemaName != "" {
		s, err := schemas.Lookup(*schemaName)
		if err != nil || !isDocumentSchema(s.Name) {
			fmt.Fprintf(c.stderr, "partnerkit check: --schema is one of %s\n", strings.Join(documentSchemas, ", "))
			return exitUsage
		}
		*schemaName = s.Name
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(c.stderr, "partnerkit check: name at least one FILE (or - for standard input)")
		return exitUsage
	}
	return c.checkFiles("check", fs.Args(), *asJSON, opts, func(data []byte) (fileReport, error) {
		kind, findings := checkDocument(data, *schemaName, opts)
		fr := fileReport{Valid: finding.Valid(findings), Schema: kind, Findings: findings}
		if (kind == schemas.MOU || kind == schemas.Partnership) && !opts.IsZero() {
			in := opts.Resolved()
			fr.Options = &in
		}
		return fr, nil
	})
}

func isDocumentSchema(name string) bool {
	for _, n := range documentSchemas {
		if n == name {
			return true
		}
	}
	return false
}

// checkDocument checks a document against the named schema, or the one
// schemas.Detect finds, and that kind's rules, with valid options for MOUs
// and partnerships. It returns the schema's name ("" when none was found)
// and the findings, never nil.
func checkDocument(data []byte, kind string, opts mou.Options) (string, []finding.Finding) {
	doc, err := schemas.Decode(data)
	if err != nil {
		return kind, []finding.Finding{schemas.SyntaxFinding(err)}
	}
	if kind == "" {
		kind = schemas.Detect(doc)
	}
	var fs []finding.Finding
	switch kind {
	case "":
		return "", []finding.Finding{{Code: schemas.CodeSchema, Severity: finding.Error, Message: "This is none of partnerkit's documents: name its schema with --schema NAME ('partnerkit schema' lists them)."}}
	case schemas.MOU:
		r, _ := opts.CheckValue(doc) // valid: see mouOptionFlags
		fs = r.Findings
	case schemas.Partnership:
		for _, v := range schemas.MustLookup(schemas.Partnership).Validate(doc) {
			fs = append(fs, v.Finding())
		}
		p := partnership.FromValue(doc)
		pfs, _ := partnership.Options{HubSchools: opts.HubSchools}.Check(&p) // valid: see mouOptionFlags
		for _, f := range pfs {
			if !slices.Contains(opts.Off, f.Code) {
				if sev, ok := opts.Severity[f.Code]; ok {
					f.Severity = sev
				}
				fs = append(fs, f)
			}
		}
	case schemas.Framework:
		fs = evaluation.CheckFramework(data)
	case schemas.Assessment:
		_, err = evaluation.ParseAssessmentValue(doc)
	case schemas.Indicators:
		var d *evaluation.Indicators
		if d, err = evaluation.ParseIndicatorsValue(doc); err == nil {
			_, err = d.Progress()
		}
	case schemas.Effect:
		var s *evaluation.Study
		if s, err = evaluation.ParseStudyValue(doc); err == nil {
			_, err = s.Effect()
		}
	}
	var inv *evaluation.InvalidError
	if errors.As(err, &inv) {
		fs = inv.Findings
	} else if err != nil {
		fs = append(fs, finding.Finding{Code: schemas.CodeSchema, Severity: finding.Error, Message: err.Error()})
	}
	if fs == nil {
		fs = []finding.Finding{}
	}
	return kind, fs
}
