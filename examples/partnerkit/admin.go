package main

import (
	"context"
	"fmt"
	"os"
	"strings"

	"github.com/google/uuid"
	"github.com/partnerkit/partnerkit/api"
	"github.com/partnerkit/partnerkit/register"
	"github.com/partnerkit/partnerkit/register/sqlite"
)

const adminUsage = `Usage:
  partnerkit admin link [--db partnerkit.db] [--coordinator PARTNERSHIP-ID] [--url http://127.0.0.1:8080] [--label TEXT]

Makes a new administrator link to the register in --db, or with
--coordinator a link for a coordinator of that partnership, and prints it.
The token is in the link's fragment (after #): keep the link secret.`

func (c *cli) admin(args []string) int {
	return c.dispatch("admin", adminUsage, args, map[string]func(*cli, []string) int{
		"link": (*cli).adminLink,
	})
}

func (c *cli) adminLink(args []string) int {
	fs := c.flags("partnerkit admin link", adminUsage)
	dbPath := fs.String("db", "partnerkit.db", "the register's SQLite `file`")
	coord := fs.String("coordinator", "", "make a coordinator link for this partnership `id`")
	base := fs.String("url", "http://127.0.0.1:8080", "the server's `address`, for the link")
	label := fs.String("label", "", "a `label` for the link, to recognise it by when revoking")
	if code := c.parse(fs, args); code >= 0 {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(c.stderr, "partnerkit admin link: takes no arguments (got %q)\n", fs.Arg(0))
		return exitUsage
	}
	ctx := context.Background()
	reg, closeReg, code := c.openRegister(ctx, "admin link", *dbPath, true)
	if code >= 0 {
		return code
	}
	defer closeReg()
	var is register.Issued
	var err error
	if *coord != "" {
		id, perr := uuid.Parse(*coord)
		if perr != nil {
			fmt.Fprintf(c.stderr, "partnerkit admin link: --coordinator %q is not a partnership id (a UUID)\n", *coord)
			return exitUsage
		}
		is, err = reg.IssueCoordinatorToken(ctx, register.Operator(), id, *label)
	} else {
		is, err = reg.IssueAdminToken(ctx, register.Operator(), *label)
	}
	if err != nil {
		return c.fail("admin link: %v", err)
	}
	fmt.Fprintln(c.stdout, registerLink(*base, is))
	return exitOK
}

// registerLink is the link that carries a token in its fragment.
func registerLink(base string, is register.Issued) string {
	frag := api.LinkAdmin
	if is.Role == register.RoleCoordinator {
		frag = api.LinkCoordinate
	}
	return strings.TrimSuffix(base, "/") + "/" + frag + is.Secret
}

// openRegister opens the register in the SQLite file at path; mustExist
// refuses a file that is not there rather than create one.
func (c *cli) openRegister(ctx context.Context, cmd, path string, mustExist bool) (*register.Register, func(), int) {
	if mustExist {
		if _, err := os.Stat(path); err != nil {
			fmt.Fprintf(c.stderr, "partnerkit %s: no register at %s: %v\n", cmd, path, err)
			return nil, nil, exitUsage
		}
	}
	reg, db, err := sqlite.Open(ctx, path, c.register)
	if err != nil {
		return nil, nil, c.fail("%s: %v", cmd, err)
	}
	return reg, func() { db.Close() }, -1
}

// openServeRegister opens the register that serve mounts, and on its
// first start prints an administrator link once. An empty path means no
// register.
func (c *cli) openServeRegister(ctx context.Context, path, base string) (*register.Register, func(), int) {
	if path == "" {
		fmt.Fprintln(c.stderr, "partnerkit: serving without a register (--db '')")
		return nil, func() {}, -1
	}
	reg, closeReg, code := c.openRegister(ctx, "serve", path, false)
	if code >= 0 {
		return nil, nil, code
	}
	is, created, err := reg.Bootstrap(ctx)
	if err != nil {
		closeReg()
		return nil, nil, c.fail("serve: %v", err)
	}
	fmt.Fprintf(c.stderr, "partnerkit: the register is in %s\n", path)
	if created {
		fmt.Fprintf(c.stderr, "partnerkit: the administrator's link, shown this once (keep it secret):\n  %s\n", registerLink(base, is))
	}
	return reg, closeReg, -1
}
