package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"mizban/internal/auth"
	"mizban/internal/config"
	"mizban/internal/desk"
	"mizban/internal/store"
	"mizban/internal/vault"
)

const userUsage = `usage:
  mizban user add --username u --name "…" --unit CODE [--unit-name "…"] --title "…" --role officer [--role manager] [--password-file f]
  mizban user passwd --username u [--password-file f]
  mizban user disable --username u
  mizban user enable --username u
  mizban user reset-totp --username u      (lost phone: enroll again at the next sign-in)

The password is read from --password-file (first line) or MIZBAN_USER_PASSWORD;
there is no prompt. Every command also takes --data and --db as mizban serve does.
--unit-name creates the unit when there is none with that code (a first
administrator on an empty database). Roles: desk_operator, officer, manager, editor, auditor, admin.
`

// roleList collects repeated --role flags.
type roleList []desk.Role

func (r *roleList) String() string { return fmt.Sprint(*r) }
func (r *roleList) Set(v string) error {
	for _, x := range strings.Split(v, ",") {
		if x = strings.TrimSpace(x); x != "" {
			*r = append(*r, desk.Role(x))
		}
	}
	return nil
}

// userCmd manages staff accounts from the server's shell. Every change is
// audited as done by "system:cli".
func userCmd(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprint(stdout, userUsage)
		if len(args) == 0 {
			return errors.New("no user command given")
		}
		return nil
	}
	sub := args[0]
	fs := flag.NewFlagSet("user "+sub, flag.ContinueOnError)
	fs.SetOutput(stderr)
	var (
		username, name, unit, unitName, title, pwFile, data, db string
		roles                                                   roleList
	)
	fs.StringVar(&username, "username", "", "sign-in name")
	fs.StringVar(&data, "data", "", "data directory (MIZBAN_DATA)")
	fs.StringVar(&db, "db", "", "database URL (MIZBAN_DB)")
	if sub == "add" || sub == "passwd" {
		fs.StringVar(&pwFile, "password-file", "", "file whose first line is the password (else MIZBAN_USER_PASSWORD)")
	}
	if sub == "add" {
		fs.StringVar(&name, "name", "", "full name")
		fs.StringVar(&unit, "unit", "", "unit code")
		fs.StringVar(&unitName, "unit-name", "", "name of the unit, to create it when missing")
		fs.StringVar(&title, "title", "", "title (سمت) in the unit")
		fs.Var(&roles, "role", "role; repeat for several")
	}
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	if username == "" {
		return errors.New("--username is required")
	}
	svc, closeStore, err := openAuth(ctx, data, db, getenv)
	if err != nil {
		return err
	}
	defer closeStore()
	op := auth.CommandLine()
	switch sub {
	case "add":
		pw, err := readPassword(pwFile, getenv)
		if err != nil {
			return err
		}
		if err := auth.CheckPassword(pw, auth.NormalizeUsername(username)); err != nil {
			return userErr(err) // before anything is written
		}
		if unitName != "" {
			if err := svc.EnsureUnit(ctx, op, desk.Unit{Code: unit, Name: unitName}); err != nil {
				return userErr(err)
			}
		}
		id, err := svc.AddUser(ctx, op, auth.NewUser{Username: username, Name: name, Roles: roles,
			Units: []desk.Membership{{UnitCode: unit, Title: title}}, Password: pw})
		if err != nil {
			return userErr(err)
		}
		fmt.Fprintf(stdout, "user %s added (staff:%d); they set up two-step sign-in at their first sign-in\n", auth.NormalizeUsername(username), id)
	case "passwd":
		pw, err := readPassword(pwFile, getenv)
		if err != nil {
			return err
		}
		if err := svc.SetPassword(ctx, op, username, pw); err != nil {
			return userErr(err)
		}
		fmt.Fprintf(stdout, "password of %s changed; their sessions were ended\n", auth.NormalizeUsername(username))
	case "disable", "enable":
		if err := svc.SetActive(ctx, op, username, sub == "enable"); err != nil {
			return userErr(err)
		}
		fmt.Fprintf(stdout, "user %s %sd\n", auth.NormalizeUsername(username), sub)
	case "reset-totp":
		if err := svc.ResetTOTP(ctx, op, username); err != nil {
			return userErr(err)
		}
		fmt.Fprintf(stdout, "two-step sign-in of %s reset; they enroll again at their next sign-in\n", auth.NormalizeUsername(username))
	default:
		fmt.Fprint(stderr, userUsage)
		return fmt.Errorf("unknown user command %q", sub)
	}
	return nil
}

// userErr shows a desk error by its Persian message (what to do), and
// others as they are.
func userErr(err error) error {
	var de *desk.Error
	if errors.As(err, &de) && de.Code != desk.EINTERNAL {
		return errors.New(de.Message)
	}
	return err
}

// readPassword takes the password from the file's first line, or the
// environment: commands run without a terminal, and a password on the
// command line would be visible to every user of the machine.
func readPassword(file string, getenv func(string) string) (string, error) {
	if file != "" {
		b, err := os.ReadFile(file)
		if err != nil {
			return "", err
		}
		line, _, _ := strings.Cut(string(b), "\n")
		return strings.TrimRight(line, "\r"), nil
	}
	if pw := getenv("MIZBAN_USER_PASSWORD"); pw != "" {
		return pw, nil
	}
	return "", errors.New("no password given: use --password-file or set MIZBAN_USER_PASSWORD")
}

func openAuth(ctx context.Context, data, db string, getenv func(string) string) (*auth.Service, func(), error) {
	var cargs []string
	if data != "" {
		cargs = append(cargs, "--data", data)
	}
	if db != "" {
		cargs = append(cargs, "--db", db)
	}
	cfg, err := config.Load("user", cargs, getenv)
	if err != nil {
		return nil, nil, err
	}
	if err := os.MkdirAll(cfg.DataDir, 0o700); err != nil {
		return nil, nil, err
	}
	v, err := vault.Load(cfg.DataDir, cfg.VaultKey)
	if err != nil {
		return nil, nil, err
	}
	st, err := store.Open(ctx, cfg.DSN(), v)
	if err != nil {
		return nil, nil, err
	}
	if err := st.Migrate(ctx); err != nil {
		st.Close()
		return nil, nil, err
	}
	return auth.New(st, ""), func() { st.Close() }, nil
}
