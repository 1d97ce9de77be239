package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"

	"mizban/internal/app"
	"mizban/internal/catalog"
	"mizban/internal/config"
	"mizban/internal/desk"
)

const catalogUsage = `usage:
  mizban catalog export [--format json|csv] [--out FILE]
  mizban catalog import FILE

export writes every published service card: JSON holds whole cards, CSV the
service list (one row per service). Without --out it writes to standard output.
import reads a JSON or CSV file (told apart by its extension, else by its first
character), checks every card and, only when all are valid, publishes each new
or changed one as a new version in one transaction; subscribers of a materially
changed service are sent an SMS by the running server. Otherwise it lists every
problem and changes nothing. Both also take --data and --db as mizban serve does;
give import the server's --base-url (or MIZBAN_BASE_URL) so SMS links are right.
`

// cliEditor is who a command-line import is done by: the cards' "updated
// by" and the audit log name it.
var cliEditor = desk.Actor{Name: "ورود گروهی از خط فرمان", Roles: []desk.Role{desk.RoleAdmin}}

// catalogCmd exports or imports the service catalog from the server's shell.
func catalogCmd(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprint(stdout, catalogUsage)
		if len(args) == 0 {
			return errors.New("no catalog command given")
		}
		return nil
	}
	sub := args[0]
	if sub != "export" && sub != "import" {
		fmt.Fprint(stderr, catalogUsage)
		return fmt.Errorf("unknown catalog command %q", sub)
	}
	fs := flag.NewFlagSet("catalog "+sub, flag.ContinueOnError)
	fs.SetOutput(stderr)
	var format, out, data, db, base string
	fs.StringVar(&data, "data", "", "data directory (MIZBAN_DATA)")
	fs.StringVar(&db, "db", "", "database URL (MIZBAN_DB)")
	fs.StringVar(&base, "base-url", "", "the desk's public URL, for the links in change SMS (MIZBAN_BASE_URL)")
	if sub == "export" {
		fs.StringVar(&format, "format", "json", "json (whole cards) or csv (the service list)")
		fs.StringVar(&out, "out", "", "file to write (default: standard output)")
	}
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	if sub == "export" && format != "json" && format != "csv" {
		return fmt.Errorf("--format must be json or csv, not %q", format)
	}
	if sub == "import" && fs.NArg() != 1 {
		return errors.New("give the file to import: mizban catalog import FILE")
	}
	a, err := openApp(ctx, data, db, base, getenv, stderr)
	if err != nil {
		return err
	}
	defer a.Close()
	if sub == "export" {
		return catalogExport(ctx, a, format, out, stdout)
	}
	return catalogImport(ctx, a, fs.Arg(0), stdout, stderr)
}

func catalogExport(ctx context.Context, a *app.App, format, out string, stdout io.Writer) error {
	cards, err := a.Flow.ExportCatalog(ctx)
	if err != nil {
		return userErr(err)
	}
	write := catalog.WriteJSON
	if format == "csv" {
		write = catalog.WriteCSV
	}
	var buf bytes.Buffer
	if err := write(&buf, cards); err != nil {
		return err
	}
	if out == "" {
		_, err = stdout.Write(buf.Bytes())
		return err
	}
	if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%d services written to %s\n", len(cards), out)
	return nil
}

func catalogImport(ctx context.Context, a *app.App, file string, stdout, stderr io.Writer) error {
	data, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	var cards []desk.Service
	var problems []catalog.Problem
	if isJSONFile(file, data) {
		cards, problems = catalog.ReadJSON(bytes.NewReader(data))
	} else {
		current, err := a.Flow.ExportCatalog(ctx)
		if err != nil {
			return userErr(err)
		}
		byCode := make(map[string]desk.Service, len(current))
		for _, c := range current {
			byCode[c.Code] = c
		}
		cards, problems = catalog.ReadCSV(bytes.NewReader(data), byCode)
	}
	if len(problems) == 0 {
		if len(cards) == 0 {
			return errors.New("the file has no services in it")
		}
		res, ps, err := a.Flow.ImportCatalog(ctx, cliEditor, cards, "cli")
		if err != nil {
			return userErr(err)
		}
		if problems = ps; len(problems) == 0 {
			fmt.Fprintf(stdout, "catalog imported: %d new, %d changed (new versions), %d unchanged\n", res.Created, res.Updated, res.Unchanged)
			return nil
		}
	}
	for _, p := range problems {
		fmt.Fprintf(stderr, "row %d\t%s\t%s\t%s\n", p.Row, p.Code, p.Field, p.Message)
	}
	return fmt.Errorf("import refused, nothing was changed: %d problems (row, service code, field, message above)", len(problems))
}

// isJSONFile tells a JSON catalog from a CSV list as the import page does.
func isJSONFile(name string, data []byte) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".json":
		return true
	case ".csv", ".txt":
		return false
	}
	head := bytes.TrimLeft(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")), " \t\r\n")
	return len(head) > 0 && (head[0] == '[' || head[0] == '{')
}

// openApp opens the desk as mizban serve would (same database, SMS
// templates and base URL for links) without serving; messages an import
// enqueues are sent by the running server's dispatcher.
func openApp(ctx context.Context, data, db, base string, getenv func(string) string, stderr io.Writer) (*app.App, error) {
	var cargs []string
	if data != "" {
		cargs = append(cargs, "--data", data)
	}
	if db != "" {
		cargs = append(cargs, "--db", db)
	}
	if base != "" {
		cargs = append(cargs, "--base-url", base)
	}
	cfg, err := config.Load("catalog", cargs, getenv)
	if err != nil {
		return nil, err
	}
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	return app.New(ctx, cfg, log, nil)
}
