package store

import (
	"context"
	"strconv"
	"time"
)

// Announcement is one entry of the announcements page: written by hand
// (Version 0) or made by the publish of a version with changes.
type Announcement struct {
	ID           int64
	ServiceCode  string // "" agency-wide
	ServiceTitle string
	Version      int
	Title, Body  string
	At           time.Time
	PostedBy     string // staff label, or "system" for a scheduled publish
}

// AddAnnouncement stores a and sets a.ID.
func (tx *Tx) AddAnnouncement(ctx context.Context, a *Announcement) error {
	a.At = ts(a.At)
	err := tx.tx.QueryRowContext(ctx,
		`INSERT INTO announcements (service_code, service_title, version, title, body, at, posted_by)
		 VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
		a.ServiceCode, a.ServiceTitle, a.Version, a.Title, a.Body, a.At, a.PostedBy).Scan(&a.ID)
	return fail("add announcement", err, "")
}

// Announcements lists announcements newest first: of one service, or all
// when service is ""; limit <= 0 means no limit.
func (s *Store) Announcements(ctx context.Context, service string, limit int) ([]Announcement, error) {
	q := `SELECT id, service_code, service_title, version, title, body, at, posted_by FROM announcements`
	var args []any
	if service != "" {
		args = append(args, cleanText(service))
		q += ` WHERE service_code = $1`
	}
	q += ` ORDER BY at DESC, id DESC`
	if limit > 0 {
		args = append(args, limit)
		q += ` LIMIT $` + strconv.Itoa(len(args))
	}
	rows, err := s.read.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fail("announcements", err, "")
	}
	defer rows.Close()
	var out []Announcement
	for rows.Next() {
		var a Announcement
		if err := rows.Scan(&a.ID, &a.ServiceCode, &a.ServiceTitle, &a.Version, &a.Title, &a.Body, &a.At, &a.PostedBy); err != nil {
			return nil, fail("announcements", err, "")
		}
		a.At = a.At.UTC()
		out = append(out, a)
	}
	return out, fail("announcements", rows.Err(), "")
}
