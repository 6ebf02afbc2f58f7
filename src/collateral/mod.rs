//! Collateral: Markdown documents with front matter, checked against the
//! map.

pub mod document;
pub mod find;
pub mod front_matter;
pub mod phrases;
pub mod prose;
pub mod suppression;
pub mod terms;

pub use document::Document;

use std::sync::Arc;

use rayon::prelude::*;

use crate::diagnostic::Diagnostic;
use crate::workspace::{Workspace, read_source};

/// Reads the front matter of every collateral document, in parallel, in
/// path order: for commands that browse collateral rather than lint it.
pub fn load_documents(workspace: &Workspace) -> (Vec<Document>, Vec<Diagnostic>) {
    let (paths, mut problems) = workspace.files_below(&workspace.settings.paths.collateral, "md");
    let read: Vec<(Option<Document>, Vec<Diagnostic>)> = paths
        .par_iter()
        .map(|path| match read_source(path, workspace.relative(path)) {
            Ok(source) => {
                let mut found = Vec::new();
                let document = Document::read(&Arc::new(source), &workspace.settings, &mut found);
                (Some(document), found)
            }
            Err(problem) => (None, vec![*problem]),
        })
        .collect();
    let mut documents = Vec::with_capacity(read.len());
    for (document, found) in read {
        documents.extend(document);
        problems.extend(found);
    }
    (documents, problems)
}
