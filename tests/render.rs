//! `align render`: golden drafts for the example's accounts, drafts that
//! pass lint, and every kind of bad input (each a clear error, exit 2, and
//! no file left half-written).

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::{Run, Workspace, assert_matches_file};

const AS_OF: &str = "2026-11-23";

fn example() -> Workspace {
    Workspace::empty().overlay(&Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/northwind"))
}

fn golden(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name)
}

fn render(workspace: &Workspace, args: &[&str]) -> Run {
    let mut all = vec!["render"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--as-of", AS_OF]);
    workspace.align(&all)
}

fn assert_fails(run: &Run, stderr_contains: &str) {
    assert_eq!(
        run.code, 2,
        "stdout:\n{}\nstderr:\n{}",
        run.stdout, run.stderr
    );
    assert_eq!(run.stdout, "", "nothing is written on an error");
    assert!(
        run.stderr.contains(stderr_contains),
        "stderr lacks {stderr_contains:?}:\n{}",
        run.stderr
    );
}

/// The files of a directory, for "nothing was left behind".
fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn drafts_for_the_example_accounts_match_the_golden_files() {
    let workspace = example();
    for account in ["globex-insurance", "contoso-health"] {
        for template in ["proposal", "follow-up-email"] {
            let run = render(&workspace, &[template, "--account", account]);
            assert_eq!(run.code, 0, "{account} {template}: {}", run.stderr);
            assert_eq!(run.stderr, "", "{account} {template}");
            assert_matches_file(&run.stdout, &golden(&format!("{account}-{template}.md")));
        }
    }
}

#[test]
fn a_draft_for_a_situation_without_an_account_matches_its_golden_file() {
    let run = render(
        &example(),
        &[
            "follow-up-email",
            "--segment",
            "healthcare-providers",
            "--requirement",
            "data-privacy",
            "--competitor",
            "ledgerlyai",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_matches_file(
        &run.stdout,
        &golden("healthcare-data-privacy-ledgerlyai-follow-up-email.md"),
    );
}

#[test]
fn an_html_draft_matches_its_golden_file() {
    let run = render(
        &example(),
        &[
            "proposal",
            "--account",
            "globex-insurance",
            "--format",
            "html",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_matches_file(&run.stdout, &golden("globex-insurance-proposal.html"));
}

#[test]
fn rendered_drafts_pass_lint() {
    let workspace = example();
    fs::create_dir_all(workspace.path().join("collateral/drafts")).unwrap();
    for account in ["globex-insurance", "contoso-health"] {
        for template in ["proposal", "follow-up-email"] {
            let output = format!("collateral/drafts/{account}-{template}-draft.md");
            let run = render(&workspace, &[template, "--account", account, "-o", &output]);
            assert_eq!(run.code, 0, "{}", run.stderr);
        }
    }
    let run = render(
        &workspace,
        &[
            "proposal",
            "--segment",
            "mid-market-fintech",
            "--requirement",
            "sox-controls",
            "--requirement",
            "faster-close",
            "--competitor",
            "legacyco",
            "-o",
            "collateral/drafts/fintech.md",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        listing(&workspace.path().join("collateral/drafts")).len(),
        5
    );
    // AL503 is the example's one warning on purpose (its feedback), not
    // about drafts.
    let lint = workspace.align(&[
        "lint", "--format", "concise", "--as-of", AS_OF, "-q", "--ignore", "AL503",
    ]);
    assert_eq!(lint.stdout, "", "rendered drafts must lint clean");
    assert_eq!(lint.code, 0, "{}", lint.stderr);
}

#[test]
fn the_front_matter_lists_only_what_the_draft_shows() {
    // The follow-up email shows the first three of four fitting messages.
    let run = render(
        &example(),
        &["follow-up-email", "--account", "globex-insurance"],
    );
    assert!(run.stdout.contains(
        "messages: [statutory-from-one-ledger, audit-in-minutes, breaks-before-review]\n"
    ));
    assert!(!run.stdout.contains("keep-your-erp"));
    // Private proof (tidewater-recon) never appears, though a message cites it.
    assert!(!run.stdout.contains("tidewater-recon"));
}

#[test]
fn a_syntax_error_is_located() {
    let workspace = example().file(
        "templates/broken.md",
        "# Draft\n\n{% for message in messages %}\n{{ message.headline }\n{% endfor %}\n",
    );
    let run = render(&workspace, &["broken", "--account", "globex-insurance"]);
    assert_fails(
        &run,
        "error: templates/broken.md:4:21: syntax error: unexpected `}`",
    );
}

#[test]
fn a_syntax_error_in_an_included_template_names_that_template() {
    let workspace = example()
        .file("templates/partials/intro.md", "Hello {{ account.name }\n")
        .file(
            "templates/outer.md",
            "# Draft\n{% include \"partials/intro.md\" %}\n",
        );
    let run = render(&workspace, &["outer", "--account", "globex-insurance"]);
    assert_fails(&run, "templates/partials/intro.md:1:");
}

#[test]
fn includes_resolve_inside_templates_only() {
    let workspace = example()
        .file("templates/partials/sign-off.md", "Best regards\n")
        .file(
            "templates/ok.md",
            "# Draft\n{{ messages[0].headline }}\n{% include \"partials/sign-off.md\" %}\n",
        )
        .file(
            "templates/climb.md",
            "# Draft\n{% include \"../align.toml\" %}\n",
        )
        .file(
            "templates/absolute.md",
            "# Draft\n{% include \"/etc/hostname\" %}\n",
        )
        .file(
            "templates/import.md",
            "# Draft\n{% import \"../map/brand.toml\" as brand %}\n",
        );
    let ok = render(&workspace, &["ok", "--account", "globex-insurance"]);
    assert_eq!(ok.code, 0, "{}", ok.stderr);
    assert!(ok.stdout.ends_with("Best regards\n"));
    for (template, name) in [
        ("climb", "../align.toml"),
        ("absolute", "/etc/hostname"),
        ("import", "../map/brand.toml"),
    ] {
        let run = render(&workspace, &[template, "--account", "globex-insurance"]);
        assert_fails(
            &run,
            &format!("templates/{template}.md:2:4: `{name}` is outside templates/"),
        );
    }
}

#[cfg(unix)]
#[test]
fn a_link_out_of_templates_is_refused() {
    let workspace = example().file(
        "templates/linked.md",
        "# Draft\n{% include \"secrets.md\" %}\n",
    );
    fs::write(workspace.path().join("secret-notes.md"), "internal only\n").unwrap();
    std::os::unix::fs::symlink(
        workspace.path().join("secret-notes.md"),
        workspace.path().join("templates/secrets.md"),
    )
    .unwrap();
    let run = render(&workspace, &["linked", "--account", "globex-insurance"]);
    assert_fails(&run, "`secrets.md` is outside templates/");
    // Naming the link itself on the command line is refused the same way.
    let run = render(&workspace, &["secrets", "--account", "globex-insurance"]);
    assert_fails(&run, "`secrets` is outside templates/");
}

#[test]
fn a_template_outside_templates_is_refused_on_the_command_line() {
    let workspace = example();
    let run = render(
        &workspace,
        &["../align.toml", "--account", "globex-insurance"],
    );
    assert_fails(&run, "is outside templates/");
    let run = render(&workspace, &["README.md", "--account", "globex-insurance"]);
    assert_fails(&run, "`README.md` is outside templates/");
}

#[test]
fn a_template_may_be_named_by_its_path() {
    let workspace = example();
    let by_stem = render(&workspace, &["proposal", "--account", "globex-insurance"]);
    for name in ["proposal.md", "templates/proposal.md"] {
        let run = render(&workspace, &[name, "--account", "globex-insurance"]);
        assert_eq!(run.code, 0, "{name}: {}", run.stderr);
        assert_eq!(run.stdout, by_stem.stdout, "{name}");
    }
}

#[test]
fn a_loop_that_never_ends_runs_out_of_fuel() {
    let workspace = example().file(
        "templates/forever.md",
        "# Draft\n{% for a in range(100000) %}{% for b in range(100000) %}.{% endfor %}{% endfor %}\n",
    );
    let run = render(&workspace, &["forever", "--account", "globex-insurance"]);
    assert_fails(&run, "templates/forever.md:2: the template ran out of fuel");
}

#[test]
fn undefined_names_are_errors_not_blank_text() {
    let workspace = example().file("templates/typo.md", "# Draft\n\n{{ account.nmae }}\n");
    let run = render(&workspace, &["typo", "--account", "globex-insurance"]);
    assert_fails(
        &run,
        "templates/typo.md:3:4: undefined value: `account.nmae` is undefined",
    );
}

#[test]
fn lookup_functions_refuse_unknown_and_unshowable_entries() {
    let workspace = example()
        .file("templates/unknown.md", "# D\n{{ message(\"audit-in-minute\").headline }}\n")
        .file("templates/draft.md", "# D\n{{ message(\"flux-commentary\").headline }}\n")
        .file("templates/private.md", "# D\n{{ proof(\"tidewater-recon\").claim }}\n")
        .file(
            "templates/roadmap.md",
            "# D\n{{ feature(\"regulator-report-builder\").name }}\n",
        )
        .file(
            "templates/lookups.md",
            "# D\n\n{{ message(\"audit-in-minutes\").headline }}: {{ proof(\"orchard-lane-rollout\").claim }}; {{ segment(\"insurance\").name }}; {{ competitor(\"legacyco\").name }}; {{ requirement(\"audit-trail\").statement }}; {{ feature(\"phi-redaction\").status }}\n",
        );
    let account = ["--account", "globex-insurance"];
    let cases = [
        (
            "unknown",
            "unknown message `audit-in-minute`: did you mean `audit-in-minutes`?",
        ),
        ("draft", "message `flux-commentary` is not approved"),
        ("private", "proof `tidewater-recon` is not public"),
        (
            "roadmap",
            "feature `regulator-report-builder` is on the roadmap",
        ),
    ];
    for (template, message) in cases {
        let mut args = vec![template];
        args.extend_from_slice(&account);
        assert_fails(&render(&workspace, &args), message);
    }
    let run = render(&workspace, &["lookups", "--account", "globex-insurance"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains(
        "Audit-ready in minutes, not weeks: Went live on 31 portfolio entities in 10 weeks; Insurance carriers and MGAs; LegacyCo; Prove every change to financial data to auditors; beta\n"
    ));
    // What the functions returned is listed too.
    assert!(run.stdout.contains("messages: [audit-in-minutes]\n"));
    assert!(
        run.stdout
            .contains("proof: [acme-bank-audit, acme-bank-pbc, orchard-lane-rollout]\n")
    );
}

#[test]
fn unknown_ids_on_the_command_line_list_the_valid_ones() {
    let workspace = example();
    let run = render(&workspace, &["proposal", "--requirement", "audit-trial"]);
    assert_fails(
        &run,
        "unknown requirement `audit-trial`: did you mean `audit-trail`? known requirement ids: audit-trail, faster-close,",
    );
    let run = render(&workspace, &["proposal", "--competitor", "oracle"]);
    assert_fails(
        &run,
        "unknown competitor `oracle`: known competitor ids: legacyco, spreadsheetops, ledgerlyai",
    );
    let run = render(&workspace, &["proposal", "--account", "globex"]);
    assert_fails(
        &run,
        "unknown account `globex`: did you mean `globex-insurance`? known accounts: contoso-health, globex-insurance",
    );
    let run = render(&workspace, &["proposl", "--account", "globex-insurance"]);
    assert_fails(
        &run,
        "no template `proposl` in templates/; available: follow-up-email, proposal",
    );
}

#[test]
fn an_account_naming_unknown_ids_is_located() {
    let workspace = example().file(
        "accounts/initech.toml",
        "[[account]]\nid = \"initech\"\nname = \"Initech\"\nsegments = [\"insurnce\"]\nrequirements = [\"audit-trail\"]\n\n[[account.contact]]\nname = \"Bill\"\ncares_about = [\"faster-clsoe\"]\n",
    );
    let run = render(&workspace, &["proposal", "--account", "initech"]);
    assert_fails(&run, "account `initech` names ids the map does not define:");
    assert!(run.stderr.contains(
        "accounts/initech.toml:4:13: account `initech` names unknown segment `insurnce` (did you mean `insurance`?)"
    ));
    assert!(run.stderr.contains("accounts/initech.toml:9:16: contact Bill of account `initech` names unknown requirement `faster-clsoe`"));
    // Lint reports the same ids as AL402.
    let lint = workspace.align(&["lint", "--format", "concise", "--as-of", AS_OF, "-q"]);
    assert!(
        lint.stdout.contains("accounts/initech.toml:4:13: AL402 "),
        "{}",
        lint.stdout
    );
}

#[test]
fn a_broken_accounts_file_stops_an_account_render() {
    let workspace = example().file("accounts/broken.toml", "[[account]\nid = \"x\"\n");
    let run = render(&workspace, &["proposal", "--account", "globex-insurance"]);
    assert_fails(&run, "accounts/broken.toml:1:");
    // A situation render does not read accounts at all.
    let run = render(
        &workspace,
        &[
            "proposal",
            "--requirement",
            "audit-trail",
            "--segment",
            "insurance",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
}

const PARTLY_SERVED: [&str; 9] = [
    "proposal",
    "--segment",
    "insurance",
    "--requirement",
    "audit-trail",
    "--requirement",
    "statutory-reporting",
    "--competitor",
    "ledgerlyai",
];

#[test]
fn a_gap_is_listed_and_the_draft_renders_what_fits() {
    let workspace = example();
    let run = render(&workspace, &PARTLY_SERVED);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "gap: no approved message addresses requirement `statutory-reporting` in this situation (segments: insurance; competitors: ledgerlyai); the draft leaves it out\n  \
         (`align map coverage` shows the gaps; the draft lists them under `gaps`; `--strict` refuses such a draft)\n"
    );
    assert!(
        run.stdout.contains(
            "messages: [automation-you-can-audit, proven-in-audits]\nproof: [acme-bank-audit, tidewater-statutory]\ngaps: [statutory-reporting]\nstatus: draft\n"
        ),
        "{}",
        run.stdout
    );
    // The draft with its gaps is still collateral that lints clean.
    let mut args = PARTLY_SERVED.to_vec();
    args.extend(["-o", "collateral/proposals/gappy.md"]);
    assert_eq!(render(&workspace, &args).code, 0);
    let lint = workspace.align(&["lint", "--format", "concise", "--as-of", AS_OF]);
    assert_eq!(lint.code, 0, "{}", lint.stdout);
}

#[test]
fn strict_refuses_a_draft_with_gaps() {
    let mut args = PARTLY_SERVED.to_vec();
    args.push("--strict");
    let run = render(&example(), &args);
    assert_fails(
        &run,
        "no approved message addresses requirement `statutory-reporting` in this situation (segments: insurance; competitors: ledgerlyai)",
    );
    assert!(run.stderr.contains("align map coverage"));
}

#[test]
fn nothing_fitting_at_all_is_still_refused() {
    let run = render(
        &example(),
        &[
            "proposal",
            "--segment",
            "insurance",
            "--requirement",
            "statutory-reporting",
            "--competitor",
            "ledgerlyai",
        ],
    );
    assert_fails(
        &run,
        "no approved message addresses requirement `statutory-reporting` in this situation",
    );
}

#[test]
fn an_html_file_name_means_html_and_the_page_carries_nothing_internal() {
    let id = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";
    let workspace = example()
        .file(".git/HEAD", "ref: refs/heads/main\n")
        .file(".git/refs/heads/main", format!("{id}\n"));
    let run = render(
        &workspace,
        &["proposal", "--account", "globex-insurance", "-o", "p.html"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = fs::read_to_string(workspace.path().join("p.html")).unwrap();
    assert_matches_file(&page, &golden("globex-insurance-proposal.html"));
    for internal in [
        id,
        "name=\"align:",
        "generator",
        "legacyco",
        "globex-insurance",
        "audit-in-minutes",
    ] {
        assert!(!page.contains(internal), "the page shows {internal}");
    }
    // `--format` wins over the extension.
    let run = render(
        &workspace,
        &[
            "proposal",
            "--account",
            "globex-insurance",
            "-o",
            "q.html",
            "--format",
            "md",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let draft = fs::read_to_string(workspace.path().join("q.html")).unwrap();
    assert!(draft.starts_with("---\ntitle:"), "{draft}");
    assert!(draft.contains(&format!("revision: {id}\n")));
}

#[test]
fn a_situation_is_required() {
    let run = render(&example(), &["proposal"]);
    assert_fails(&run, "no selling situation");
    let run = render(
        &example(),
        &[
            "proposal",
            "--account",
            "globex-insurance",
            "--segment",
            "insurance",
        ],
    );
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("cannot be used with"), "{}", run.stderr);
}

#[test]
fn a_map_with_errors_stops_the_render() {
    let workspace = example().file(
        "map/extra.toml",
        "[[message]]\nid = \"x\"\nheadline = \"X\"\nrequirements = [\"audit-trail\"]\nstauts = \"approved\"\n",
    );
    let run = render(&workspace, &["proposal", "--account", "globex-insurance"]);
    assert_fails(&run, "map/extra.toml:5:1: AL002 unknown key `stauts`");
}

#[test]
fn collateral_and_leads_are_never_read() {
    // Broken collateral and leads do not matter to a render.
    let workspace = example()
        .file("collateral/broken.md", "---\nkind: [unclosed\n")
        .file("leads/leads.csv", "\u{0}\u{0}binary");
    let run = render(&workspace, &["proposal", "--account", "globex-insurance"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn output_goes_to_a_file_atomically() {
    let workspace = example();
    let proposals = workspace.path().join("collateral/proposals");
    let before = listing(&proposals);
    let args = [
        "proposal",
        "--account",
        "contoso-health",
        "-o",
        "collateral/proposals/contoso.md",
    ];
    let run = render(&workspace, &args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, "");
    assert!(
        run.stderr
            .contains("Wrote collateral/proposals/contoso.md (6 messages, 6 proof)")
    );
    let written = fs::read_to_string(proposals.join("contoso.md")).unwrap();
    assert_matches_file(&written, &golden("contoso-health-proposal.md"));
    let mut expected = before.clone();
    expected.push("contoso.md".into());
    expected.sort();
    assert_eq!(listing(&proposals), expected, "no temporary file is left");

    // It refuses to overwrite, leaving the file as it was ...
    fs::write(proposals.join("contoso.md"), "edited by hand\n").unwrap();
    let run = render(&workspace, &args);
    assert_fails(
        &run,
        "collateral/proposals/contoso.md already exists; pass --force",
    );
    assert_eq!(
        fs::read_to_string(proposals.join("contoso.md")).unwrap(),
        "edited by hand\n"
    );
    // ... unless forced.
    let mut forced = args.to_vec();
    forced.push("--force");
    let run = render(&workspace, &forced);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        fs::read_to_string(proposals.join("contoso.md")).unwrap(),
        written
    );
    assert_eq!(listing(&proposals), expected);
}

#[test]
fn an_output_in_a_missing_directory_is_an_error() {
    let workspace = example();
    let run = render(
        &workspace,
        &[
            "proposal",
            "--account",
            "globex-insurance",
            "-o",
            "drafts/globex.md",
        ],
    );
    assert_fails(
        &run,
        "cannot write drafts/globex.md: the directory drafts does not exist",
    );
    assert!(!workspace.path().join("drafts").exists());
}

#[test]
fn a_failed_render_leaves_no_file() {
    let workspace = example().file("templates/typo.md", "# Draft\n{{ nope }}\n");
    let run = render(
        &workspace,
        &["typo", "--account", "globex-insurance", "-o", "draft.md"],
    );
    assert_fails(&run, "undefined value");
    assert!(!workspace.path().join("draft.md").exists());
    assert!(
        listing(workspace.path())
            .iter()
            .all(|name| !name.ends_with(".tmp"))
    );
}

#[test]
fn html_escapes_markup_from_the_map() {
    let workspace = example().file(
        "map/extra.toml",
        "[[message]]\nid = \"sneaky\"\nheadline = \"<script>alert('x')</script> Audit <b>now</b>\"\nbody = \"Click [here](javascript:alert(1)) & <img src=x onerror=alert(1)>\"\nrequirements = [\"audit-trail\"]\nagainst = [\"legacyco\"]\nproof = [\"acme-bank-audit\"]\nstatus = \"approved\"\n",
    );
    let run = render(
        &workspace,
        &[
            "proposal",
            "--account",
            "globex-insurance",
            "--format",
            "html",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = &run.stdout;
    assert!(html.starts_with("<!DOCTYPE html>\n"));
    assert!(!html.contains("<script"), "{html}");
    assert!(!html.contains("<img"), "{html}");
    assert!(!html.contains("<b>"), "{html}");
    assert!(!html.contains("javascript:"), "{html}");
    assert!(
        html.contains("&lt;script&gt;alert('x')&lt;/script&gt; Audit &lt;b&gt;now&lt;/b&gt;"),
        "{html}"
    );
    assert!(
        html.contains("&amp; &lt;img src=x onerror=alert(1)&gt;"),
        "{html}"
    );
    // The Markdown draft keeps the map's text as written.
    let run = render(&workspace, &["proposal", "--account", "globex-insurance"]);
    assert!(
        run.stdout
            .contains("### <script>alert('x')</script> Audit <b>now</b>\n")
    );
}

#[test]
fn the_git_revision_is_recorded_when_the_workspace_is_a_repository() {
    let id = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";
    let workspace = example()
        .file(".git/HEAD", "ref: refs/heads/main\n")
        .file(".git/refs/heads/main", format!("{id}\n"));
    let run = render(&workspace, &["proposal", "--account", "globex-insurance"]);
    assert!(
        run.stdout
            .contains(&format!("status: draft\nrevision: {id}\n---\n")),
        "{}",
        run.stdout
    );
}

#[test]
fn a_workspace_without_the_proposal_kind_is_warned() {
    let workspace = example();
    let settings = fs::read_to_string(workspace.path().join("align.toml")).unwrap();
    let settings = settings.replace(
        "[collateral.kinds.proposal]",
        "[collateral.kinds.proposal-old]",
    );
    let workspace = workspace.file("align.toml", settings);
    let run = render(&workspace, &["proposal", "--account", "globex-insurance"]);
    assert_eq!(run.code, 0);
    assert!(
        run.stderr
            .contains("warning: align.toml declares no collateral kind `proposal`")
    );
}

#[test]
fn a_template_declares_the_kind_of_its_drafts() {
    let workspace = example()
        .file(
            "templates/note.md",
            "---\nkind: follow-up-email\n---\n# Note\n{% for m in messages %}{{ m.headline }}\n{% endfor %}",
        )
        .file(
            "templates/memo.md",
            "---\nkind: memo\n---\n# Memo\n{% for m in messages %}{{ m.headline }}\n{% endfor %}{{ nope }}\n",
        );
    let run = render(&workspace, &["note", "--account", "globex-insurance"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("\nkind: follow-up-email\n"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("---\n# Note\n"),
        "front matter is not body"
    );
    // Line numbers stay those of the file.
    let run = render(&workspace, &["memo", "--account", "globex-insurance"]);
    assert_fails(&run, "templates/memo.md:6:");
    // Lint checks the template's front matter.
    let lint = workspace.align(&["lint", "--format", "concise", "--as-of", AS_OF]);
    assert!(
        lint.stdout.contains(
            "templates/memo.md:2:7: AL004 the template's drafts are of kind `memo`, which align.toml does not declare"
        ),
        "{}",
        lint.stdout
    );
    let workspace = workspace.file("templates/memo.md", "---\nkind: [memo\n---\n# Memo\n");
    let lint = workspace.align(&["lint", "--format", "concise", "--as-of", AS_OF]);
    assert!(
        lint.stdout
            .contains("templates/memo.md:2:7: AL401 this list is never closed"),
        "{}",
        lint.stdout
    );
    let run = render(&workspace, &["memo", "--account", "globex-insurance"]);
    assert_fails(&run, "the template has errors");
}
