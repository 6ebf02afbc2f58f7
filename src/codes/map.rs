//! AL1xx: the message map's codes. The checks are in [`crate::rules::map`].

declare_rules! {
    /// ## What it does
    /// Reports a reference to an id that no map entry defines: a message's
    /// `requirements`, `segments`, `against`, `proof` or `features`, a
    /// requirement's `segments`, or an objection's `competitors`,
    /// `requirements` or `answers`.
    ///
    /// ## Why is this bad?
    /// A dangling reference is a message tied to nothing; usually a typo or an
    /// entry that was renamed.
    ///
    /// ## Example
    /// Fails:
    /// ```toml
    /// [[message]]
    /// id = "audit-in-minutes"
    /// requirements = ["audit-trial"]
    /// ```
    /// Passes:
    /// ```toml
    /// [[message]]
    /// id = "audit-in-minutes"
    /// requirements = ["audit-trail"]
    /// ```
    AL101 ("unknown-reference", Error);

    /// ## What it does
    /// Reports a requirement that no approved message addresses.
    ///
    /// ## Why is this bad?
    /// Sales will meet that requirement in a deal with nothing approved to
    /// say, and will write their own answer.
    ///
    /// ## Example
    /// Fails:
    /// ```toml
    /// [[requirement]]
    /// id = "sso"
    /// statement = "Sign in with the corporate identity provider"
    /// ```
    /// Passes:
    /// ```toml
    /// [[requirement]]
    /// id = "sso"
    /// statement = "Sign in with the corporate identity provider"
    ///
    /// [[message]]
    /// id = "one-login"
    /// headline = "One login, governed by IT"
    /// requirements = ["sso"]
    /// proof = ["globex-sso"]
    /// status = "approved"
    /// ```
    AL102 ("requirement-without-message", Warning);

    /// ## What it does
    /// Reports an approved message that cites no proof.
    ///
    /// ## Why is this bad?
    /// A value proposition without a customer story behind it is a claim, and
    /// buyers discount claims.
    ///
    /// ## Example
    /// Fails:
    /// ```toml
    /// [[message]]
    /// id = "audit-in-minutes"
    /// requirements = ["audit-trail"]
    /// status = "approved"
    /// ```
    /// Passes:
    /// ```toml
    /// [[message]]
    /// id = "audit-in-minutes"
    /// requirements = ["audit-trail"]
    /// proof = ["acme-bank-audit"]
    /// status = "approved"
    /// ```
    AL103 ("message-without-proof", Warning);

    /// ## What it does
    /// Reports an approved message that cites proof whose `expires` date is
    /// past (compared with the `--as-of` date in the workspace zone). The
    /// finding points at the message.
    ///
    /// ## Why is this bad?
    /// Expired proof (a customer who left, a reference that lapsed) must not
    /// reach a buyer through an approved message.
    ///
    /// ## Example
    /// Fails:
    /// ```toml
    /// [[proof]]
    /// id = "acme-bank-audit"
    /// expires = 2020-06-30
    ///
    /// [[message]]
    /// id = "audit-in-minutes"
    /// proof = ["acme-bank-audit"]
    /// status = "approved"
    /// ```
    /// Passes:
    /// ```toml
    /// [[proof]]
    /// id = "acme-bank-audit"
    /// expires = 2030-06-30
    /// ```
    AL104 ("expired-proof-cited", Error);

    /// ## What it does
    /// Reports a competitor that no approved message names in `against`. An
    /// empty `against` fits every situation but differentiates against no one.
    ///
    /// ## Why is this bad?
    /// Sales will be asked "why you and not them?" with no approved answer.
    ///
    /// ## Example
    /// Fails:
    /// ```toml
    /// [[competitor]]
    /// id = "legacyco"
    /// name = "LegacyCo"
    /// ```
    /// Passes:
    /// ```toml
    /// [[competitor]]
    /// id = "legacyco"
    /// name = "LegacyCo"
    ///
    /// [[message]]
    /// id = "audit-in-minutes"
    /// against = ["legacyco"]
    /// status = "approved"
    /// ```
    AL105 ("competitor-without-message", Warning);

    /// ## What it does
    /// Reports an approved message that relies on a feature whose status is
    /// `roadmap`.
    ///
    /// ## Why is this bad?
    /// Selling what does not ship yet sets up the customer, and the account
    /// team, for disappointment.
    ///
    /// ## Example
    /// Fails:
    /// ```toml
    /// [[feature]]
    /// id = "ai-reconciliation"
    /// status = "roadmap"
    ///
    /// [[message]]
    /// id = "close-in-a-day"
    /// features = ["ai-reconciliation"]
    /// status = "approved"
    /// ```
    /// Passes:
    /// ```toml
    /// [[feature]]
    /// id = "ai-reconciliation"
    /// status = "ga"
    /// ```
    AL106 ("message-relies-on-roadmap", Warning);

    /// ## What it does
    /// Reports an approved objection that no approved message answers: its
    /// `answers` list is empty, or names only draft or retired messages.
    ///
    /// ## Why is this bad?
    /// An approved objection says "the field will hear this"; without an
    /// approved answer, every salesperson improvises their own reply.
    ///
    /// ## Example
    /// Fails:
    /// ```toml
    /// [[objection]]
    /// id = "legacyco-is-cheaper"
    /// text = "LegacyCo is cheaper per seat"
    /// answers = []
    /// status = "approved"
    /// ```
    /// Passes:
    /// ```toml
    /// [[objection]]
    /// id = "legacyco-is-cheaper"
    /// text = "LegacyCo is cheaper per seat"
    /// answers = ["audit-in-minutes"]
    /// status = "approved"
    /// ```
    AL107 ("objection-without-answer", Warning);
}
