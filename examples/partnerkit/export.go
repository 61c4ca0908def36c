package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"os"

	"github.com/partnerkit/partnerkit/register"
)

// registerCommands are the register's commands: admin, export and import.
func registerCommands() []command {
	return []command{
		{"admin", "make administrator and coordinator links to the register", (*cli).admin},
		{"export", "write everything in the register as one JSON file", (*cli).export},
		{"import", "restore a register's export into an empty register", (*cli).importArchive},
	}
}

const exportUsage = `Usage:
  partnerkit export [--db partnerkit.db] > backup.json

Writes everything in the register in --db (partnerships, documents,
rounds, invitations, answers, links' hashes, indicators) to standard
output as one JSON file, which 'partnerkit import' restores exactly.
Take it while the server is stopped for a consistent snapshot.`

func (c *cli) export(args []string) int {
	fs := c.flags("partnerkit export", exportUsage)
	dbPath := fs.String("db", "partnerkit.db", "the register's SQLite `file`")
	if code := c.parse(fs, args); code >= 0 {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(c.stderr, "partnerkit export: takes no arguments (got %q); it writes to standard output\n", fs.Arg(0))
		return exitUsage
	}
	ctx := context.Background()
	reg, closeReg, code := c.openRegister(ctx, "export", *dbPath, true)
	if code >= 0 {
		return code
	}
	defer closeReg()
	w := bufio.NewWriter(c.stdout)
	if err := reg.Export(ctx, register.Operator(), w); err != nil {
		return c.fail("export: %v", err)
	}
	if err := w.Flush(); err != nil {
		return c.fail("export: %v", err)
	}
	return exitOK
}

const importUsage = `Usage:
  partnerkit import [--db partnerkit.db] FILE

Restores an export (FILE, or - for standard input) into the register in
--db, which must be empty or new: the links issued before the export keep
working.`

func (c *cli) importArchive(args []string) int {
	fs := c.flags("partnerkit import", importUsage)
	dbPath := fs.String("db", "partnerkit.db", "the register's SQLite `file`, created if need be")
	if code := c.parse(fs, args); code >= 0 {
		return code
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(c.stderr, "partnerkit import: give one file to import (or - for standard input)")
		return exitUsage
	}
	var data []byte
	var err error
	if name := fs.Arg(0); name == "-" {
		data, err = io.ReadAll(c.stdin)
	} else {
		data, err = os.ReadFile(name)
	}
	if err != nil {
		return c.fail("import: %v", err)
	}
	ctx := context.Background()
	reg, closeReg, code := c.openRegister(ctx, "import", *dbPath, false)
	if code >= 0 {
		return code
	}
	defer closeReg()
	if err := reg.Import(ctx, register.Operator(), bytes.NewReader(data)); err != nil {
		return c.fail("import: %v", err)
	}
	fmt.Fprintf(c.stderr, "partnerkit: imported %s into %s\n", fs.Arg(0), *dbPath)
	return exitOK
}
