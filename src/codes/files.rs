//! AL0xx: problems with the files themselves (parse errors, unknown keys,
//! duplicate ids, invalid values). The checks run while loading.

declare_rules! {
    /// ## What it does
    /// Reports a file that cannot be read as what it should be: TOML or YAML
    /// syntax errors, duplicate keys, invalid UTF-8, unterminated front
    /// matter, an empty or binary file, an unreadable file or a symlink loop.
    ///
    /// ## Why is this bad?
    /// A file align cannot read is a part of the agreement that nobody checks.
    ///
    /// ## Example
    /// Fails:
    /// ```toml
    /// [[message]
    /// id = "audit-in-minutes"
    /// ```
    /// Passes:
    /// ```toml
    /// [[message]]
    /// id = "audit-in-minutes"
    /// ```
    AL001 ("parse-error", Error);

    /// ## What it does
    /// Reports a key that align does not know, with a "did you mean"
    /// suggestion when a known key is close.
    ///
    /// ## Why is this bad?
    /// A misspelt key that is silently ignored is how agreements drift: the
    /// author believes a message is restricted to a segment, but nothing reads
    /// `segmetns`.
    ///
    /// ## Example
    /// Fails:
    /// ```toml
    /// [[message]]
    /// id = "audit-in-minutes"
    /// segmetns = ["mid-market-fintech"]
    /// ```
    /// Passes:
    /// ```toml
    /// [[message]]
    /// id = "audit-in-minutes"
    /// segments = ["mid-market-fintech"]
    /// ```
    AL002 ("unknown-key", Error);

    /// ## What it does
    /// Reports an id defined twice: two map entries of the same kind (across
    /// all map files), two collateral documents, two accounts. The finding
    /// points at the second definition and names the first.
    ///
    /// ## Why is this bad?
    /// References are by id; with two definitions nobody knows which one a
    /// reference means.
    ///
    /// ## Example
    /// Fails:
    /// ```toml
    /// [[proof]]
    /// id = "acme-bank-audit"
    /// [[proof]]
    /// id = "acme-bank-audit"
    /// ```
    /// Passes:
    /// ```toml
    /// [[proof]]
    /// id = "acme-bank-audit"
    /// [[proof]]
    /// id = "acme-bank-onboarding"
    /// ```
    AL003 ("duplicate-id", Error);

    /// ## What it does
    /// Reports a value of the wrong type or outside its allowed set: an enum
    /// value (`status`, `kind`), a date, an id that is not lowercase
    /// `[a-z0-9][a-z0-9-]*`, a time range, a time zone, an undeclared
    /// collateral kind, a missing required key.
    ///
    /// ## Why is this bad?
    /// An invalid value cannot mean what its author intended; align refuses
    /// to guess.
    ///
    /// ## Example
    /// Fails:
    /// ```toml
    /// [[feature]]
    /// id = "Immutable Ledger"
    /// status = "generally-available"
    /// ```
    /// Passes:
    /// ```toml
    /// [[feature]]
    /// id = "immutable-ledger"
    /// status = "ga"
    /// ```
    AL004 ("invalid-value", Error);
}
