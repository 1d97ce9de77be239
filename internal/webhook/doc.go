// Package webhook holds the pieces of Mizban's outbound webhooks that need no
// database: the Standard Webhooks signature (sign.go, verify.go), the HTTP
// client that refuses internal addresses (guard.go), the retry schedule
// (schedule.go) and the versioned event payload (payload.go).
//
// A delivery is a POST of an Event's JSON with three headers: webhook-id (the
// event's id, the same on every retry, so receivers can drop repeats),
// webhook-timestamp (Unix seconds of this attempt) and webhook-signature
// (one "v1,<base64 HMAC-SHA256>" per active secret, space-separated, so a
// secret can be rotated without a moment in which deliveries fail).
//
// Endpoints are typed in by administrators, so the client is the place where
// server-side request forgery is stopped: it checks every address it is about
// to connect to, after DNS resolution, and follows no redirects.
//
// The store tables, the delivery worker and the admin pages build on this
// package; docs/integration.md is what a receiving vendor reads.
package webhook
