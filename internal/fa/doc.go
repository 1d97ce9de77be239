// Package fa holds Persian text rules: digit folding (Persian, Arabic-Indic
// and Latin digits all accepted), ی/ک normalisation, search folding, the
// checks of Iranian identifiers (national ID, legal-entity ID, mobile, postal
// code) and Persian number formatting and parsing. Validators return
// canonical ASCII forms and plain errors whose Persian text can be shown to
// citizens as is. Pure functions of the standard library, fuzzed.
package fa
