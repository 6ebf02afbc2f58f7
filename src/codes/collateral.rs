//! AL2xx: collateral's codes. The checks are in [`crate::rules::collateral`].

declare_rules! {
    /// ## What it does
    /// Reports front matter that names a map id that does not exist
    /// (`segments`, `requirements`, `competitors`, `messages`, `proof`).
    ///
    /// ## Why is this bad?
    /// Collateral tied to a message that does not exist is not subordinated
    /// to the map at all.
    ///
    /// ## Example
    /// Fails:
    /// ```yaml
    /// messages: [audit-in-minute]
    /// ```
    /// Passes:
    /// ```yaml
    /// messages: [audit-in-minutes]
    /// ```
    AL201 ("unknown-map-id", Error);

    /// ## What it does
    /// Reports a field that the document's kind lists in `required_fields`
    /// (in `align.toml`) but that is missing or empty.
    ///
    /// ## Why is this bad?
    /// A case study without proof, or a battlecard without competitors,
    /// cannot be found or checked for the situation it serves.
    ///
    /// ## Example
    /// Fails:
    /// ```yaml
    /// kind: case-study
    /// proof: []
    /// ```
    /// Passes:
    /// ```yaml
    /// kind: case-study
    /// proof: [acme-bank-audit]
    /// ```
    AL202 ("missing-required-field", Error);

    /// ## What it does
    /// Reports a section that the document's kind lists in
    /// `required_sections` but that no heading (at any level, compared
    /// case-insensitively after trimming) provides.
    ///
    /// ## Why is this bad?
    /// Sales rely on finding "Objection handling" in every battlecard.
    ///
    /// ## Example
    /// Fails:
    /// ```markdown
    /// ## Why we win
    /// ## Landmines
    /// ```
    /// Passes:
    /// ```markdown
    /// ## Why we win
    /// ## Landmines
    /// ## Objection handling
    /// ```
    AL203 ("missing-required-section", Warning);

    /// ## What it does
    /// Reports a banned or risky phrase (`[[phrase]]` in the map) in prose,
    /// case-insensitively, as a whole word, across line breaks.
    ///
    /// ## Why is this bad?
    /// The phrase was banned for a reason (given in the finding), usually an
    /// unsubstantiated or legally risky claim.
    ///
    /// ## Example
    /// Fails:
    /// ```markdown
    /// The best-in-class ledger for fintech.
    /// ```
    /// Passes:
    /// ```markdown
    /// The ledger that cut Acme Bank's audit preparation to 2 days.
    /// ```
    AL204 ("banned-phrase", Error);

    /// ## What it does
    /// Reports a spelling of a brand term that its `[[term]]` entry lists in
    /// `avoid`, and suggests the `use` form. Text spelled exactly as the
    /// `use` form is never a misuse.
    ///
    /// ## Why is this bad?
    /// Inconsistent product names confuse buyers and weaken the brand.
    ///
    /// ## Example
    /// Fails:
    /// ```markdown
    /// North Ledger keeps every change.
    /// ```
    /// Passes:
    /// ```markdown
    /// NorthLedger keeps every change.
    /// ```
    AL205 ("term-misuse", Error);

    /// ## What it does
    /// Reports a competitor (by name or alias) mentioned in prose but not
    /// listed in the document's `competitors`. One finding per competitor per
    /// file, at its first mention.
    ///
    /// ## Why is this bad?
    /// A document that argues against a competitor must be found, and kept
    /// current, when that competitor's positioning changes.
    ///
    /// ## Example
    /// Fails:
    /// ```markdown
    /// ---
    /// competitors: []
    /// ---
    /// Unlike LegacyCo, we export in minutes.
    /// ```
    /// Passes:
    /// ```markdown
    /// ---
    /// competitors: [legacyco]
    /// ---
    /// Unlike LegacyCo, we export in minutes.
    /// ```
    AL206 ("undeclared-competitor", Warning);

    /// ## What it does
    /// Reports external collateral (its kind has `external = true`) that
    /// cites proof not approved for external use (`public = false`).
    ///
    /// ## Why is this bad?
    /// A customer who agreed to an internal reference only did not agree to
    /// appear in a brochure.
    ///
    /// ## Example
    /// Fails:
    /// ```yaml
    /// kind: case-study      # external
    /// proof: [globex-internal-pilot]   # public = false
    /// ```
    /// Passes:
    /// ```yaml
    /// kind: case-study
    /// proof: [acme-bank-audit]         # public = true
    /// ```
    AL207 ("non-public-proof-in-external", Error);

    /// ## What it does
    /// Reports approved collateral whose `review_by` date is past (compared
    /// with the `--as-of` date in the workspace zone).
    ///
    /// ## Why is this bad?
    /// Material nobody reviewed drifts from the map as the map changes.
    ///
    /// ## Example
    /// Fails:
    /// ```yaml
    /// status: approved
    /// review_by: 2020-01-31
    /// ```
    /// Passes:
    /// ```yaml
    /// status: approved
    /// review_by: 2030-01-31
    /// ```
    AL208 ("review-overdue", Warning);

    /// ## What it does
    /// Reports external collateral that carries no message (`messages` is
    /// empty or missing).
    ///
    /// ## Why is this bad?
    /// Everything a buyer sees should say one of the approved things.
    ///
    /// ## Example
    /// Fails:
    /// ```yaml
    /// kind: case-study
    /// messages: []
    /// ```
    /// Passes:
    /// ```yaml
    /// kind: case-study
    /// messages: [audit-in-minutes]
    /// ```
    AL209 ("external-without-message", Error);

    /// ## What it does
    /// Reports a declared message that does not fit the document's declared
    /// situation: for each of requirements, segments and competitors the
    /// document declares, the message's list must intersect it (an empty
    /// `segments` or `against` fits everything; requirements must intersect).
    ///
    /// ## Why is this bad?
    /// A message written for one situation, used in another, is off-message.
    ///
    /// ## Example
    /// Fails:
    /// ```yaml
    /// requirements: [sso]
    /// messages: [audit-in-minutes]   # addresses audit-trail only
    /// ```
    /// Passes:
    /// ```yaml
    /// requirements: [audit-trail]
    /// messages: [audit-in-minutes]
    /// ```
    AL210 ("message-does-not-fit", Warning);

    /// ## What it does
    /// Reports collateral that cites a retired message or expired proof.
    ///
    /// ## Why is this bad?
    /// Retired wording and lapsed references must leave circulation.
    ///
    /// ## Example
    /// Fails:
    /// ```yaml
    /// messages: [old-tagline]   # status = "retired"
    /// ```
    /// Passes:
    /// ```yaml
    /// messages: [audit-in-minutes]   # status = "approved"
    /// ```
    AL211 ("cites-retired-or-expired", Error);

    /// ## What it does
    /// Reports a relative link or image whose target file does not exist
    /// (relative to the document; `#anchors` and `?queries` are ignored, URLs
    /// with a scheme are not checked).
    ///
    /// ## Why is this bad?
    /// A broken link in a proposal is the first thing a buyer clicks.
    ///
    /// ## Example
    /// Fails:
    /// ```markdown
    /// See the [pricing sheet](../pricing-2019.md).
    /// ```
    /// Passes:
    /// ```markdown
    /// See the [pricing sheet](../pricing.md).
    /// ```
    AL212 ("broken-relative-link", Error);

    /// ## What it does
    /// Reports a number claimed in prose (`70%`, `3x`, `2.5×`) that no cited
    /// proof's `claim` contains with the same number and unit.
    ///
    /// ## Why is this bad?
    /// Numbers are the claims buyers check; each one needs a customer story
    /// behind it.
    ///
    /// ## Example
    /// Fails:
    /// ```markdown
    /// ---
    /// proof: [acme-bank-audit]   # "Cut audit preparation by 95%"
    /// ---
    /// Customers close their books 3x faster.
    /// ```
    /// Passes:
    /// ```markdown
    /// ---
    /// proof: [acme-bank-audit]
    /// ---
    /// Acme Bank cut audit preparation by 95%.
    /// ```
    AL213 ("unbacked-number-claim", Warning);

    /// ## What it does
    /// Reports an `align-disable` or `align-disable-next-line` comment that
    /// suppresses no finding: the rules it names found nothing where it
    /// applies. `align lint --fix` removes the comment. A rule set to `off`
    /// in `[lint] severity` stays off whatever a comment says; a comment
    /// that only names rules which are off is still unused.
    ///
    /// ## Why is this bad?
    /// A suppression left behind after the text it excused was fixed would
    /// silently hide the next real finding on that line or in that region.
    ///
    /// ## Example
    /// Fails:
    /// ```markdown
    /// <!-- align-disable-next-line AL204 -->
    /// Audit-ready in minutes.
    /// ```
    /// Passes:
    /// ```markdown
    /// <!-- align-disable-next-line AL204 -->
    /// Analysts call it best-in-class.
    /// ```
    AL214 ("unused-suppression", Warning);
}
