// Package notice holds the citizen SMS templates: one kind per event of a
// request (registered, referred, answered…), a Persian default for each,
// rendering with text/template, validation of the bodies admins edit, and
// the part counter the template editor shows (DOMAIN §5).
//
// Every default fits one UCS-2 part (70 units) with the longest realistic
// values (SampleVars); the tests hold them to that.
//
// Digits: the one-time code and the tracking code stay in Latin digits,
// because citizens type or paste them into forms and phones offer to copy
// or autofill Latin digit runs; fa.Digits folds Persian digits back anyway.
// Dates are read, not typed, so callers pass them as FormatDate gives them
// («۴ آذر ۱۴۰۵»): the month name leaves no doubt about day and month order.
// Small counts in running Persian text (minutes) use Persian digits through
// the fa template function.
//
// Messages carry nothing personal: only the tracking code, the service
// title, the stage, a unit name, a date and a link.
package notice
