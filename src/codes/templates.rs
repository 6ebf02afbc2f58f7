//! AL4xx: templates and accounts codes. The checks are in
//! [`crate::rules::templates`].

declare_rules! {
    /// ## What it does
    /// Reports a template that MiniJinja cannot parse: an unclosed block, a
    /// misspelt tag, a stray `}}`. The finding points at the place the
    /// parser stopped. Also reports, without rendering, what cannot exist
    /// when the template renders: a top-level name outside the template
    /// context (`{{ acount.name }}`), a field no map entry of that kind has
    /// (`{{ message.bodyy }}` inside `{% for message in messages %}`), an
    /// unknown filter (`|uper`), and broken template front matter.
    ///
    /// ## Why is this bad?
    /// `align render` cannot produce a draft from the template at all, and
    /// the salesperson finds out in the middle of a deal instead of in the
    /// pull request that broke it.
    ///
    /// ## Example
    /// Fails:
    /// ```jinja
    /// {% for message in messages %}
    /// ### {{ message.headline }}
    /// ```
    /// Passes:
    /// ```jinja
    /// {% for message in messages %}
    /// ### {{ message.headline }}
    /// {% endfor %}
    /// ```
    AL401 ("template-syntax-error", Error);

    /// ## What it does
    /// Reports a map id that the map does not define, named by an account
    /// (`segments`, `requirements`, `competitors`, a contact's
    /// `cares_about`) or by a template as a literal argument of
    /// `message("…")`, `proof("…")`, `feature("…")`, `requirement("…")`,
    /// `competitor("…")` or `segment("…")`.
    ///
    /// ## Why is this bad?
    /// `align render` stops on the unknown id, so the account cannot get a
    /// draft, usually because of a typo or an entry renamed in the map.
    ///
    /// ## Example
    /// Fails:
    /// ```toml
    /// [[account]]
    /// id = "acme-bank"
    /// name = "Acme Bank"
    /// requirements = ["audit-trial"]
    /// ```
    /// Passes:
    /// ```toml
    /// [[account]]
    /// id = "acme-bank"
    /// name = "Acme Bank"
    /// requirements = ["audit-trail"]
    /// ```
    AL402 ("template-or-account-unknown-id", Error);
}
