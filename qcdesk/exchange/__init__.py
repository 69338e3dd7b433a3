"""Signed exchange between inspectors, counties and the city (headless, no Qt).

`minisign` holds keys and signatures (compatible with the minisign tool), `passphrase` the
one way to ask for a passphrase and unlock a secret key, `package` the signed .qcpkg.zip
format (its refusal rules and reasons in `package_rules`) and `trust` the list of keys whose
packages are accepted. The spreadsheet inside and the merge are `workbook`, `export`,
`importer` and `merge`. Format: docs/exchange-format.md.
"""
