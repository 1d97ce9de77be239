package store

import "context"

// SubscriptionRow reads a subscription's stored mobile column and blind
// index as they are in the database.
func SubscriptionRow(ctx context.Context, s *Store, id string) (mobile, idx string, err error) {
	err = s.read.QueryRowContext(ctx, `SELECT mobile, mobile_idx FROM subscriptions WHERE id = $1`, id).Scan(&mobile, &idx)
	return mobile, idx, err
}
