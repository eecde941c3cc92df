"""Frozen releases: versioned site, signed PDFs, manifest, verification."""
