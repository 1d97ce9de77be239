// Package catalog is the pure logic around service cards that the editor,
// the public change history and bulk import share: validation before
// publishing, the plain-Persian summary of what changed between two published
// versions, and the JSON and CSV exchange formats (docs/catalog-import.md).
// It has no SQL and no HTTP; the workflow calls it.
package catalog
