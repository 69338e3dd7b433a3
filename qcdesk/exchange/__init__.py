"""Signed exchange between inspectors, counties and the city (headless, no Qt).

`minisign` holds keys and signatures (compatible with the minisign tool), `passphrase` the
one way to ask for a passphrase, `package` the signed .qcpkg.zip format and `trust` the
list of keys whose packages are accepted. Format: docs/exchange-format.md.
"""
