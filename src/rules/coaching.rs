//! `coaching/results.csv` (`[paths] coaching`): every recorded attempt of
//! `align quiz --take` is read as `align report` reads it, so a cell edited
//! by hand into something unreadable is AL502 (located), as in feedback.

use std::sync::Arc;

use crate::coaching::results;
use crate::diagnostic::Diagnostic;
use crate::workspace::Workspace;

/// Checks the results file if there is one; the number of files checked.
pub fn check(workspace: &Workspace, diagnostics: &mut Vec<Diagnostic>) -> usize {
    let path = workspace
        .folder(&workspace.settings.paths.coaching)
        .join(results::FILE_NAME);
    // Only a regular file is opened: a FIFO would block lint forever.
    if !path.is_file() {
        return 0;
    }
    let (_, found) = results::read(&Arc::from(path.as_path()), &workspace.settings.timezone);
    diagnostics.extend(found);
    1
}
