package store

import (
	"context"
	"database/sql"

	"mizban/internal/desk"
)

// StaffEntry is one account as the administrator's staff list shows it:
// who, what they may do and where, and how far their sign-in is set up.
type StaffEntry struct {
	StaffRecord
	Roles        []desk.Role       // in desk.Roles order
	Units        []desk.Membership // the main one first
	HasPassword  bool
	TOTPEnrolled bool
}

// StaffDirectory lists every account, active or not, by name. Three
// queries whatever the number of staff: an agency has hundreds at most.
func (s *Store) StaffDirectory(ctx context.Context) ([]StaffEntry, error) {
	rows, err := s.read.QueryContext(ctx,
		`SELECT s.id, s.name, s.title, s.unit_code, s.username, s.role, s.active, c.totp_enrolled
		 FROM staff s LEFT JOIN staff_credentials c ON c.staff_id = s.id
		 WHERE NOT EXISTS (SELECT 1 FROM api_clients a WHERE a.staff_id = s.id)
		 ORDER BY s.name, s.id`)
	if err != nil {
		return nil, fail("staff directory", err, "")
	}
	var out []StaffEntry
	at := map[int64]int{}
	for rows.Next() {
		var (
			e        StaffEntry
			enrolled sql.NullBool
		)
		if err := rows.Scan(&e.ID, &e.Name, &e.Title, &e.UnitCode, &e.Username, &e.Role, &e.Active, &enrolled); err != nil {
			rows.Close()
			return nil, fail("staff directory", err, "")
		}
		e.HasPassword, e.TOTPEnrolled = enrolled.Valid, enrolled.Valid && enrolled.Bool
		at[e.ID] = len(out)
		out = append(out, e)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fail("staff directory", err, "")
	}

	roles := map[int64]map[desk.Role]bool{}
	rows, err = s.read.QueryContext(ctx, `SELECT staff_id, role FROM staff_roles`)
	if err != nil {
		return nil, fail("staff directory roles", err, "")
	}
	for rows.Next() {
		var (
			id int64
			r  string
		)
		if err := rows.Scan(&id, &r); err != nil {
			rows.Close()
			return nil, fail("staff directory roles", err, "")
		}
		if roles[id] == nil {
			roles[id] = map[desk.Role]bool{}
		}
		roles[id][desk.Role(r)] = true
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fail("staff directory roles", err, "")
	}
	for i := range out {
		for _, r := range desk.Roles {
			if roles[out[i].ID][r] {
				out[i].Roles = append(out[i].Roles, r)
			}
		}
	}

	rows, err = s.read.QueryContext(ctx,
		`SELECT staff_id, unit_code, title FROM staff_units ORDER BY staff_id, position, unit_code`)
	if err != nil {
		return nil, fail("staff directory units", err, "")
	}
	defer rows.Close()
	for rows.Next() {
		var (
			id int64
			m  desk.Membership
		)
		if err := rows.Scan(&id, &m.UnitCode, &m.Title); err != nil {
			return nil, fail("staff directory units", err, "")
		}
		if i, ok := at[id]; ok {
			out[i].Units = append(out[i].Units, m)
		}
	}
	return out, fail("staff directory units", rows.Err(), "")
}
