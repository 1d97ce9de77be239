// Package jalali converts between the Jalali (Solar Hijri, official Iranian)
// calendar and the Gregorian calendar, parses dates typed by people, and
// formats them for display in Persian and English.
//
// Leap years follow the jalaali (Borkowski) algorithm, which matches the
// astronomical calendar for the years this software will meet. Dates are
// plain values without a time of day; FromTime and Time convert at the
// Asia/Tehran wall clock, whose rules are embedded (time/tzdata) so that a
// server with stale zone data does not shift to the abolished summer time.
package jalali
