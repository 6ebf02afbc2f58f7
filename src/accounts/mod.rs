//! Key accounts (`accounts/*.toml`): a selling situation with names
//! attached. `align render --account ID` renders for an account's segments,
//! requirements and competitors, and templates see its contacts.

use std::ops::Range;
use std::sync::Arc;

use crate::codes::files::{AL001, AL003};
use crate::diagnostic::Diagnostic;
use crate::map::{Catalog, Origin, Situation};
use crate::source::SourceFile;
use crate::syntax::{Fields, Spanned, Value};
use crate::workspace::Workspace;

/// A target account: who it is and the situation it is in.
#[derive(Debug, Clone)]
pub struct Account {
    pub id: Spanned<String>,
    pub name: String,
    pub segments: Vec<Spanned<String>>,
    pub requirements: Vec<Spanned<String>>,
    pub competitors: Vec<Spanned<String>>,
    pub contacts: Vec<Contact>,
    pub origin: Origin,
}

/// A person at the account and the requirements they care about.
#[derive(Debug, Clone)]
pub struct Contact {
    pub name: String,
    /// Empty when not given.
    pub role: String,
    pub cares_about: Vec<Spanned<String>>,
    /// The `[[account.contact]]` header.
    pub header: Range<usize>,
}

impl Account {
    /// The selling situation the account is in.
    pub fn situation(&self) -> Situation {
        Situation::declared(&self.segments, &self.requirements, &self.competitors)
    }
}

/// Every account of the workspace and the files they came from.
#[derive(Debug, Default)]
pub struct Accounts {
    pub accounts: Catalog<Account>,
    pub files: Vec<Arc<SourceFile>>,
}

impl Accounts {
    /// Reads `accounts/*.toml`: syntax errors (AL001), unknown keys (AL002),
    /// duplicate ids (AL003, at the second definition) and invalid values
    /// (AL004) go to the returned findings. References to the map are
    /// checked separately (AL402).
    pub fn load(workspace: &Workspace) -> (Accounts, Vec<Diagnostic>) {
        let (files, mut diagnostics) =
            workspace.read_sources(&workspace.settings.paths.accounts, "toml");
        let mut accounts = Catalog::default();
        for source in &files {
            match crate::syntax::toml::parse(&source.text) {
                Ok(root) => read_file(&mut accounts, source, &root, &mut diagnostics),
                Err(error) => {
                    diagnostics.push(source.diagnostic(&AL001, error.span, error.message));
                }
            }
        }
        (Accounts { accounts, files }, diagnostics)
    }

    pub fn get(&self, id: &str) -> Option<&Account> {
        self.accounts.get(id)
    }
}

fn read_file(
    accounts: &mut Catalog<Account>,
    source: &Arc<SourceFile>,
    root: &Value,
    diagnostics: &mut Vec<Diagnostic>,
) {
    // Each reader collects into its own list: `Fields` borrows the list
    // for as long as the values it hands out.
    let mut file_problems = Vec::new();
    let Some(mut file) = Fields::of(root, "an accounts file", source, &mut file_problems) else {
        diagnostics.append(&mut file_problems);
        return;
    };
    let tables = file.tables("account");
    file.finish();
    let mut read = Vec::new();
    for value in tables {
        let mut problems = Vec::new();
        if let Some(account) = read_account(value, source, &mut problems) {
            read.push(account);
        }
        diagnostics.append(&mut problems);
    }
    diagnostics.append(&mut file_problems);
    for account in read {
        let (id, span) = (account.id.value.clone(), account.id.span.clone());
        if let Err(first) = accounts.insert(&id, account) {
            let first = first.origin.describe();
            diagnostics.push(
                source
                    .diagnostic(
                        &AL003,
                        span,
                        format!("duplicate account id `{id}`, first defined at {first}"),
                    )
                    .with_help("rename one of the two accounts or merge them"),
            );
        }
    }
}

fn read_account(
    value: &Value,
    source: &Arc<SourceFile>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Account> {
    let (mut own, mut contact_problems) = (Vec::new(), Vec::new());
    let account = read_account_fields(value, source, &mut own, &mut contact_problems);
    diagnostics.append(&mut own);
    diagnostics.append(&mut contact_problems);
    account
}

fn read_account_fields<'a>(
    value: &'a Value,
    source: &'a Arc<SourceFile>,
    diagnostics: &'a mut Vec<Diagnostic>,
    contact_problems: &mut Vec<Diagnostic>,
) -> Option<Account> {
    let mut fields = Fields::of(value, "an `[[account]]` entry", source, diagnostics)?;
    let id = fields.id("id");
    let name = fields
        .required_string("name")
        .map(|name| name.value)
        .unwrap_or_default();
    let segments = fields.ids("segments");
    let requirements = fields.ids("requirements");
    let competitors = fields.ids("competitors");
    let contact_tables = fields.tables("contact");
    fields.finish();
    let mut contacts = Vec::with_capacity(contact_tables.len());
    for table in contact_tables {
        let mut problems = Vec::new();
        let contact = Fields::of(
            table,
            "an `[[account.contact]]` entry",
            source,
            &mut problems,
        )
        .map(|mut fields| {
            let name = fields.required_string("name").map(|name| name.value);
            let role = fields
                .string("role")
                .map(|role| role.value)
                .unwrap_or_default();
            let cares_about = fields.ids("cares_about");
            fields.finish();
            (name, role, cares_about)
        });
        contact_problems.append(&mut problems);
        if let Some((Some(name), role, cares_about)) = contact {
            contacts.push(Contact {
                name,
                role,
                cares_about,
                header: table.span.clone(),
            });
        }
    }
    Some(Account {
        id: id?,
        name,
        segments,
        requirements,
        competitors,
        contacts,
        origin: Origin {
            source: source.clone(),
            header: value.span.clone(),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn load(text: &str) -> (Catalog<Account>, Vec<Diagnostic>) {
        let source = Arc::new(SourceFile::new(
            Arc::from(Path::new("accounts/a.toml")),
            "accounts/a.toml".into(),
            text.into(),
        ));
        let root = crate::syntax::toml::parse(text).unwrap();
        let mut accounts = Catalog::default();
        let mut diagnostics = Vec::new();
        read_file(&mut accounts, &source, &root, &mut diagnostics);
        (accounts, diagnostics)
    }

    #[test]
    fn reads_accounts_and_contacts() {
        let (accounts, diagnostics) = load(
            "[[account]]\nid = \"acme\"\nname = \"Acme\"\nsegments = [\"fintech\"]\n\
             requirements = [\"audit-trail\"]\n\n[[account.contact]]\nname = \"Pat\"\n\
             role = \"CFO\"\ncares_about = [\"audit-trail\"]\n",
        );
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let acme = accounts.get("acme").unwrap();
        assert_eq!(acme.name, "Acme");
        assert_eq!(acme.situation().requirements, ["audit-trail"]);
        assert_eq!(acme.contacts[0].role, "CFO");
        assert_eq!(acme.contacts[0].cares_about[0].value, "audit-trail");
    }

    #[test]
    fn unknown_keys_missing_names_and_duplicates_are_located() {
        let (_, diagnostics) = load(
            "[[account]]\nid = \"acme\"\nname = \"Acme\"\nsegmetns = []\n\n\
             [[account.contact]]\nrole = \"CFO\"\n\n[[account]]\nid = \"acme\"\nname = \"Again\"\n",
        );
        let found: Vec<_> = diagnostics
            .iter()
            .map(|d| (d.rule.code, d.start.line, d.start.column))
            .collect();
        assert_eq!(found, [("AL002", 4, 1), ("AL004", 6, 1), ("AL003", 10, 6)]);
        assert_eq!(
            diagnostics[2].message,
            "duplicate account id `acme`, first defined at accounts/a.toml:1"
        );
    }
}
