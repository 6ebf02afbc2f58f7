//! AL3xx: lead criteria and leads codes. The checks are in
//! [`crate::codes::leads`] and [`crate::criteria`].

declare_rules! {
    /// ## What it does
    /// Reports a criteria rule, or a `handoff.required` entry, that names a
    /// column that is not a canonical lead column, not mapped in
    /// `[leads.columns]`, and not in the header of any leads file.
    ///
    /// ## Why is this bad?
    /// A rule on a column that does not exist never matches: every lead
    /// silently loses its points, and nobody notices the scores are wrong.
    ///
    /// ## Example
    /// Fails:
    /// ```toml
    /// [[fit]]
    /// field = "industy"
    /// in = ["fintech"]
    /// points = 20
    /// ```
    /// Passes:
    /// ```toml
    /// [[fit]]
    /// field = "industry"
    /// in = ["fintech"]
    /// points = 20
    /// ```
    AL301 ("unknown-lead-column", Error);

    /// ## What it does
    /// Reports SLA, tier, stage and objective settings that cannot work: an
    /// SLA duration that cannot be read (`2d` on a business clock, whose day
    /// has no single length), a business clock without business hours or
    /// with no hours on any weekday, a tier band without a first-touch SLA,
    /// scores that fall below every band, two bands with one minimum, an
    /// `sql` stage below `mql`, an unknown objective metric or a target that
    /// is not a comparison and a number, and a table defined in two criteria
    /// files.
    ///
    /// ## Why is this bad?
    /// The SLA is what sales and marketing measure each other by; one that
    /// cannot be computed for some leads makes every report on it wrong. A
    /// tier whose duration cannot be read stays a known tier, but its leads
    /// are not held to an SLA until it is fixed.
    ///
    /// ## Example
    /// Fails:
    /// ```toml
    /// [sla]
    /// clock = "business"
    /// first_touch = { A = "1h", B = "4h", C = "2d" }
    /// ```
    /// Passes:
    /// ```toml
    /// [sla]
    /// clock = "business"
    /// first_touch = { A = "1h", B = "4h", C = "16h" }
    /// ```
    AL302 ("invalid-sla-or-tiers", Error);

    /// ## What it does
    /// Reports a lead cell that cannot be read: a timestamp (`created_at`,
    /// `assigned_at`, `first_touch_at`, `closed_at`) that is not RFC 3339 or
    /// a local `YYYY-MM-DD HH:MM[:SS]`, a canonical number (`employees`,
    /// `amount`) that is not a number, or a `tier` the SLA does not name.
    ///
    /// ## Why is this bad?
    /// A lead whose assignment time cannot be read has no deadline, so it
    /// can never show up as overdue.
    ///
    /// ## Example
    /// Fails:
    /// ```csv
    /// id,assigned_at
    /// NW-1,11/23/2026 9:00 EST
    /// ```
    /// Passes:
    /// ```csv
    /// id,assigned_at
    /// NW-1,2026-11-23T09:00:00-05:00
    /// ```
    AL303 ("unreadable-lead-cell", Error);

    /// ## What it does
    /// Reports a lead id used twice, across all leads files, at the second
    /// row, naming the first. Ids compare exactly after trimming (CRM ids
    /// are case-sensitive).
    ///
    /// ## Why is this bad?
    /// Two rows for one lead count it twice in every SLA figure, and
    /// `--explain` cannot tell which one is meant.
    ///
    /// ## Example
    /// Fails:
    /// ```csv
    /// id,company
    /// NW-1,Acme Bank
    /// NW-1,Globex
    /// ```
    /// Passes:
    /// ```csv
    /// id,company
    /// NW-1,Acme Bank
    /// NW-2,Globex
    /// ```
    AL304 ("duplicate-lead-id", Error);

    /// ## What it does
    /// Reports timestamps out of order: a first touch before the
    /// assignment, or an assignment before the lead was created. The finding
    /// points at the later column's cell.
    ///
    /// ## Why is this bad?
    /// A touch before assignment gives a response time of zero and flatters
    /// the SLA; usually a time zone is wrong in the export.
    ///
    /// ## Example
    /// Fails:
    /// ```csv
    /// id,assigned_at,first_touch_at
    /// NW-1,2026-11-23T09:00:00-06:00,2026-11-23T08:30:00-06:00
    /// ```
    /// Passes:
    /// ```csv
    /// id,assigned_at,first_touch_at
    /// NW-1,2026-11-23T09:00:00-06:00,2026-11-23T09:30:00-06:00
    /// ```
    AL305 ("lead-timestamps-out-of-order", Error);

    /// ## What it does
    /// Reports a handed-off lead (one with `assigned_at`) whose cell for a
    /// column listed in `handoff.required` is empty; one finding per cell.
    ///
    /// ## Why is this bad?
    /// Sales agreed to take leads with this information; a lead without it
    /// costs a call to find out what marketing should have known.
    ///
    /// ## Example
    /// Fails:
    /// ```csv
    /// id,title,assigned_at
    /// NW-1,,2026-11-23T09:00:00-06:00
    /// ```
    /// Passes:
    /// ```csv
    /// id,title,assigned_at
    /// NW-1,Controller,2026-11-23T09:00:00-06:00
    /// ```
    AL306 ("handoff-missing-field", Warning);

    /// ## What it does
    /// Reports a handed-off lead (one with `assigned_at`) that scores below
    /// `handoff.min_score`, or that a `[[disqualify]]` rule rules out. The
    /// finding points at the `assigned_at` cell.
    ///
    /// ## Why is this bad?
    /// Unqualified hand-offs are the "their leads are bad" half of the
    /// sales and marketing quarrel; the agreement says which leads sales
    /// takes.
    ///
    /// ## Example
    /// Fails:
    /// ```csv
    /// id,contact_email,assigned_at
    /// NW-1,pat@gmail.com,2026-11-23T09:00:00-06:00
    /// ```
    /// Passes:
    /// ```csv
    /// id,contact_email,assigned_at
    /// NW-1,pat@acmebank.example,2026-11-23T09:00:00-06:00
    /// ```
    AL307 ("unqualified-handoff", Warning);

    /// ## What it does
    /// Reports a lead with `assigned_at` set but no `owner`.
    ///
    /// ## Why is this bad?
    /// A lead assigned to nobody is the one nobody calls; its SLA clock
    /// runs all the same.
    ///
    /// ## Example
    /// Fails:
    /// ```csv
    /// id,owner,assigned_at
    /// NW-1,,2026-11-23T09:00:00-06:00
    /// ```
    /// Passes:
    /// ```csv
    /// id,owner,assigned_at
    /// NW-1,dana@northwind.example,2026-11-23T09:00:00-06:00
    /// ```
    AL308 ("assigned-without-owner", Warning);

    /// ## What it does
    /// Reports non-empty cells that a numeric criteria rule (`at_least`,
    /// `at_most`, or `equals` with a number) cannot read as a number, in a
    /// column that is not a canonical numeric one (those are AL303). The
    /// rule does not match them. One finding per column of each file, at
    /// the first such cell, with the count; `[leads.values.COLUMN]` can map
    /// such cells (a CRM's size bands) to numbers.
    ///
    /// ## Why is this bad?
    /// `5+` or `about 40` silently scores as no match; the lead loses points
    /// it may deserve.
    ///
    /// ## Example
    /// Fails:
    /// ```csv
    /// id,pages_viewed
    /// NW-1,5+
    /// ```
    /// Passes:
    /// ```csv
    /// id,pages_viewed
    /// NW-1,5
    /// ```
    AL309 ("numeric-rule-on-text", Warning);
}
