//! AL401 catches, without rendering, names a template uses that cannot
//! exist when it renders, and stays quiet on everything that can.

mod common;

use std::path::Path;

use common::{AS_OF, Workspace};

fn example() -> Workspace {
    Workspace::empty().overlay(&Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/northwind"))
}

#[test]
fn unknown_names_fields_and_filters_are_located_with_a_suggestion() {
    let workspace = example().file(
        "templates/typos.md",
        "# {{ acount.name }} for {{ workspace.nmae }}\n\
         {% for message in messages %}\n\
         {{ message.bodyy }} {{ message.headline|uper }}\n\
         {% for p in message.proof %}{{ p.claimm }}{% endfor %}\n\
         {% endfor %}\n\
         {% for c in account.contacts %}{{ c.rolee }}{% endfor %}\n\
         {{ proof('acme-bank-audit').claimm }}\n",
    );
    let run = workspace.align(&[
        "lint", "--select", "AL4", "--format", "json", "--as-of", AS_OF,
    ]);
    let findings: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let found: Vec<String> = findings
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            format!(
                "{}:{} {} ({})",
                f["line"],
                f["column"],
                f["message"].as_str().unwrap(),
                f["help"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            "1:6 unknown name `acount` (did you mean `account`? the context has workspace, today, account, segments, requirements, competitors, messages, proof, features, terms, objections)",
            "1:28 `workspace` has no field `nmae` (did you mean `workspace.name`?)",
            "3:4 `message` has no field `bodyy` (did you mean `message.body`?)",
            "3:41 unknown filter `uper` (did you mean `upper`?)",
            "4:32 `p` has no field `claimm` (did you mean `p.claim`?)",
            "6:35 `c` has no field `rolee` (did you mean `c.role`?)",
            "7:4 `proof('acme-bank-audit')` has no field `claimm` (did you mean `proof('acme-bank-audit').claim`?)",
        ]
    );
}

#[test]
fn what_exists_at_render_time_is_never_reported() {
    let workspace = example()
        .file(
            "templates/fine.md",
            "{% set ns = namespace(count=0) %}{% from \"partials/macros.md\" import card %}\n\
             {% for i in range(2) %}{{ loop.index }}{% endfor %}{{ today }} {{ terms|length }}\n\
             {% for message in messages %}{{ card(message) }} {{ message.id }} {{ message.features|length }}\n\
             {{ message.headline|upper|replace(\"|\", \"/\") }} {{ \"message.bodyy|uper\" }}\n\
             {% endfor %}{{ message(\"audit-in-minutes\").headline }}\n\
             {% include \"partials/snippet.md\" %}\n",
        )
        .file(
            "templates/partials/macros.md",
            "{% macro card(item) %}{{ item.headline }}{% endmacro %}",
        )
        // Included: it renders with its includer's variables.
        .file("templates/partials/snippet.md", "{{ ns.count }}\n");
    let run = workspace.align(&[
        "lint", "--select", "AL4", "--format", "concise", "--as-of", AS_OF,
    ]);
    assert!(
        run.stdout.starts_with("All checks passed"),
        "{}",
        run.stdout
    );
}
