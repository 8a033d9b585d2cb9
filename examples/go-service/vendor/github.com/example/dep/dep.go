// Package dep stands in for a vendored module: in the incident, vendor/ held 7,994 files (105.8 MiB).
package dep

// Version is the vendored version.
const Version = "v1.0.0"
