//! AL5xx: feedback from the field (feedback/*.csv) and coaching results.
//! The checks are in [`crate::rules::feedback`].

declare_rules! {
    /// ## What it does
    /// Reports a feedback row that names an id the workspace does not
    /// define: an `objection`, `competitor`, `requirement`, `segment`,
    /// `message` or `proof` of the map, a `collateral` id (its front-matter
    /// id), an `account`, or a `lead` of the leads files. The finding points
    /// at the cell.
    ///
    /// ## Why is this bad?
    /// A row that names nothing real is counted nowhere: the objection it
    /// reports never reaches the gap check, and the collateral it praises
    /// gets no credit.
    ///
    /// ## Example
    /// Fails:
    /// ```csv
    /// date,kind,competitor,text
    /// 2026-11-02,objection,legacy-co,They said LegacyCo is cheaper
    /// ```
    /// Passes:
    /// ```csv
    /// date,kind,competitor,text
    /// 2026-11-02,objection,legacyco,They said LegacyCo is cheaper
    /// ```
    AL501 ("feedback-unknown-id", Error);

    /// ## What it does
    /// Reports a feedback or coaching cell that cannot be read: a date that
    /// is neither `YYYY-MM-DD` nor a timestamp a leads file accepts, a
    /// `kind` that is not one of `objection`, `question`, `win`, `loss`,
    /// `content-request`, `missing-proof` or `praise` (with the closest
    /// one suggested), or a count that is not a whole number. A file
    /// without a `date` column is one finding at its header.
    ///
    /// ## Why is this bad?
    /// An undated row falls out of every window and period, and a row of an
    /// unknown kind is neither an objection nor a win: the field said
    /// something and nobody will hear it.
    ///
    /// ## Example
    /// Fails:
    /// ```csv
    /// date,kind,text
    /// 11/02/2026,objecton,They said LegacyCo is cheaper
    /// ```
    /// Passes:
    /// ```csv
    /// date,kind,text
    /// 2026-11-02,objection,They said LegacyCo is cheaper
    /// ```
    AL502 ("unreadable-feedback-cell", Error);

    /// ## What it does
    /// Reports an objection, competitor or requirement that feedback rows
    /// raised at least `[feedback] gap_threshold` times (default 3) within
    /// `[feedback] window` (default `90d`, whole calendar days ending with
    /// the `--as-of` date) that the map cannot answer: an objection that is
    /// not approved or has no approved answering message; a competitor no
    /// approved, answered objection names; a requirement no approved
    /// message addresses. Wins and praise raise nothing. A row that names
    /// an objection raises that objection only. The finding points at the
    /// first row of the group.
    ///
    /// ## Why is this bad?
    /// The field keeps hearing it and has nothing agreed to say: that is the
    /// next entry the map needs.
    ///
    /// ## Example
    /// Fails:
    /// ```csv
    /// date,kind,competitor,text
    /// 2026-10-02,objection,legacyco,Cheaper per seat
    /// 2026-10-20,loss,legacyco,Lost on price
    /// 2026-11-12,objection,legacyco,Cheaper per seat again
    /// ```
    /// Passes:
    /// ```csv
    /// date,kind,competitor,text
    /// 2026-10-02,objection,legacyco,Cheaper per seat
    /// ```
    /// with the map answering LegacyCo:
    /// ```toml
    /// [[objection]]
    /// id = "legacyco-is-cheaper"
    /// text = "LegacyCo is cheaper per seat"
    /// competitors = ["legacyco"]
    /// answers = ["audit-in-minutes"]
    /// status = "approved"
    /// ```
    AL503 ("unanswered-field-gap", Warning);
}
