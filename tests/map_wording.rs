//! Wording in the map that can match nothing is a located AL004.

mod common;

use common::{AS_OF, Workspace};

#[test]
fn empty_avoid_entries_and_phrase_texts_are_located() {
    let workspace = Workspace::base().file(
        "map/wording.toml",
        "[[term]]\nuse = \"approval flows\"\navoid = [\"approval workflows\", \"\", \"  \"]\n\n[[phrase]]\ntext = \"\"\nreason = \"typo\"\n",
    );
    let run = workspace.align(&["lint", "--format", "concise", "--as-of", AS_OF]);
    assert_eq!(
        run.stdout,
        "map/wording.toml:3:32: AL004 an empty `avoid` entry matches nothing\n\
         map/wording.toml:3:36: AL004 an empty `avoid` entry matches nothing\n\
         map/wording.toml:6:8: AL004 an empty phrase `text` matches nothing\n\
         Found 3 errors (5 files checked).\n"
    );
    assert_eq!(run.code, 1);
}
