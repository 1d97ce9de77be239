// Package fa holds Persian text rules: digit folding (Persian, Arabic-Indic
// and Latin digits all accepted), ی/ک normalisation, search folding, and the
// checks of Iranian identifiers (national ID, legal-entity ID, mobile, postal
// code). Pure functions of the standard library, fuzzed.
package fa
