// Package desk holds Mizban's domain: services (the official service card),
// requests and their stages, units and staff, tracking codes, and the one
// error type every layer speaks. It imports only the standard library so
// every other package can depend on it.
package desk
