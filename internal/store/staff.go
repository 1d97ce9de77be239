package store

import (
	"context"

	"mizban/internal/desk"
)

// StaffRecord is a staff member with what only the desk needs.
type StaffRecord struct {
	desk.Staff
	Username string
	Role     string
	Active   bool
}

// PutUnit inserts or updates a unit by code.
func (tx *Tx) PutUnit(ctx context.Context, u desk.Unit) error {
	_, err := tx.tx.ExecContext(ctx,
		`INSERT INTO units (code, name, parent) VALUES ($1, $2, $3)
		 ON CONFLICT (code) DO UPDATE SET name = excluded.name, parent = excluded.parent`,
		u.Code, u.Name, u.Parent)
	return fail("put unit", err, "")
}

// Units lists every unit by code.
func (s *Store) Units(ctx context.Context) ([]desk.Unit, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT code, name, parent FROM units ORDER BY code`)
	if err != nil {
		return nil, fail("units", err, "")
	}
	defer rows.Close()
	var out []desk.Unit
	for rows.Next() {
		var u desk.Unit
		if err := rows.Scan(&u.Code, &u.Name, &u.Parent); err != nil {
			return nil, fail("units", err, "")
		}
		out = append(out, u)
	}
	return out, fail("units", rows.Err(), "")
}

// PutStaff inserts or updates a staff member by username and returns the id.
// r.ID is ignored.
func (tx *Tx) PutStaff(ctx context.Context, r StaffRecord) (int64, error) {
	var id int64
	err := tx.tx.QueryRowContext(ctx,
		`INSERT INTO staff (username, name, title, unit_code, role, active)
		 VALUES ($1, $2, $3, $4, $5, $6)
		 ON CONFLICT (username) DO UPDATE SET name = excluded.name, title = excluded.title,
		   unit_code = excluded.unit_code, role = excluded.role, active = excluded.active
		 RETURNING id`,
		r.Username, r.Name, r.Title, r.UnitCode, r.Role, r.Active).Scan(&id)
	if err != nil {
		return 0, fail("put staff", err, "")
	}
	return id, nil
}

const staffColumns = `id, name, title, unit_code, username, role, active`

func scanStaff(sc scanner) (StaffRecord, error) {
	var r StaffRecord
	err := sc.Scan(&r.ID, &r.Name, &r.Title, &r.UnitCode, &r.Username, &r.Role, &r.Active)
	return r, err
}

// Staff returns one staff member as the citizen sees them.
func (s *Store) Staff(ctx context.Context, id int64) (desk.Staff, error) {
	r, err := scanStaff(s.read.QueryRowContext(ctx,
		`SELECT `+staffColumns+` FROM staff WHERE id = $1`, id))
	if err != nil {
		return desk.Staff{}, fail("staff", err, msgNoStaff)
	}
	return r.Staff, nil
}

// notAPIClient leaves out the staff rows API clients act as: they are no
// person's account, so no page or command may enable them or give them a
// password (they are managed at /staff/admin/api-clients).
const notAPIClient = `NOT EXISTS (SELECT 1 FROM api_clients a WHERE a.staff_id = staff.id)`

// StaffByUsername returns the full record of a staff member, active or not;
// an API client's row is not found.
func (s *Store) StaffByUsername(ctx context.Context, username string) (StaffRecord, error) {
	r, err := scanStaff(s.read.QueryRowContext(ctx,
		`SELECT `+staffColumns+` FROM staff WHERE username = $1 AND `+notAPIClient, username))
	if err != nil {
		return StaffRecord{}, fail("staff", err, msgNoStaff)
	}
	return r, nil
}

// StaffByUnit lists the active staff of a unit by name.
func (s *Store) StaffByUnit(ctx context.Context, unit string) ([]desk.Staff, error) {
	rows, err := s.read.QueryContext(ctx,
		`SELECT `+staffColumns+` FROM staff WHERE unit_code = $1 AND active = $2 ORDER BY name, id`,
		unit, true)
	if err != nil {
		return nil, fail("staff by unit", err, "")
	}
	defer rows.Close()
	var out []desk.Staff
	for rows.Next() {
		r, err := scanStaff(rows)
		if err != nil {
			return nil, fail("staff by unit", err, "")
		}
		out = append(out, r.Staff)
	}
	return out, fail("staff by unit", rows.Err(), "")
}
