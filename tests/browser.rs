//! The HTML report in a real browser: headless Chromium (Debian's
//! `chromium`) loads the example's page from a file, and the test fails on
//! any request the page makes to the network (read from Chromium's net
//! log) and on any chart whose SVG does not draw one mark per row of the
//! table under it (read from the DOM Chromium parsed). A control page that
//! does fetch something proves the net-log check can fail.
//!
//! Without Chromium the test says so loudly and passes, except under CI
//! (`CI` set), where it fails: CI installs Chromium (`.ci/run`). Set
//! `ALIGN_CHROMIUM` to use another binary.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::run_in;

fn chromium() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("ALIGN_CHROMIUM") {
        return Some(PathBuf::from(path));
    }
    let paths = std::env::var_os("PATH")?;
    std::env::split_paths(&paths).find_map(|dir| {
        ["chromium", "chromium-browser", "google-chrome"]
            .iter()
            .map(|name| dir.join(name))
            .find(|path| path.is_file())
    })
}

/// The DOM after load, and the net log.
fn load(browser: &Path, page: &Path) -> (String, serde_json::Value) {
    let profile = tempfile::tempdir().unwrap();
    let net_log = profile.path().join("net-log.json");
    let output = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ])
        .arg(format!(
            "--user-data-dir={}",
            profile.path().join("profile").display()
        ))
        .arg(format!("--log-net-log={}", net_log.display()))
        .arg("--dump-dom")
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("run chromium");
    assert!(
        output.status.success(),
        "chromium failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let log = fs::read_to_string(&net_log).expect("chromium wrote no net log");
    let log = serde_json::from_str(&log).expect("the net log is JSON");
    (String::from_utf8_lossy(&output.stdout).into_owned(), log)
}

/// URLs the page asked the network for: requests started on behalf of a
/// `file://` document whose URL is not a file. Chromium's own background
/// requests (updates, accounts) have other isolation keys.
fn page_requests(log: &serde_json::Value) -> Vec<String> {
    let start_job = log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"].as_u64();
    let mut urls = Vec::new();
    for event in log["events"].as_array().into_iter().flatten() {
        if event["type"].as_u64() != start_job {
            continue;
        }
        let params = &event["params"];
        let from_page = ["network_isolation_key", "site_for_cookies"]
            .iter()
            .any(|key| params[key].as_str().is_some_and(|v| v.contains("file://")));
        let url = params["url"].as_str().unwrap_or_default();
        if from_page && !url.starts_with("file:") {
            urls.push(url.to_owned());
        }
    }
    urls
}

/// Each chart figure: its name, the marks its SVG draws, the rows of the
/// table under it.
fn charts(dom: &str) -> Vec<(String, usize, usize)> {
    dom.split("<figure data-chart=\"")
        .skip(1)
        .map(|figure| {
            let figure = figure.split("</figure>").next().unwrap_or_default();
            let name = figure.split('"').next().unwrap_or_default().to_owned();
            let svg = figure.split("</svg>").next().unwrap_or_default();
            let body = figure.split("<tbody>").nth(1).unwrap_or_default();
            (
                name,
                svg.matches("class=\"mark\"").count(),
                body.matches("<tr>").count(),
            )
        })
        .collect()
}

#[test]
fn the_report_page_fetches_nothing_and_draws_a_mark_per_table_row() {
    let Some(browser) = chromium() else {
        eprintln!(
            "\n!!! SKIPPED the browser test: no Chromium on PATH (apt-get install chromium, or set ALIGN_CHROMIUM)\n"
        );
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must run the browser test: install Chromium"
        );
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("report.html");
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/northwind");
    let run = run_in(
        &example,
        &[
            "report",
            "--format",
            "html",
            "--as-of",
            "2026-11-23T10:00:00-06:00",
            "-o",
            page.to_str().unwrap(),
            "-q",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);

    let (dom, log) = load(&browser, &page);
    assert_eq!(page_requests(&log), Vec::<String>::new());
    let charts = charts(&dom);
    // Eight objectives, SLA bands, histogram, speed to lead, funnel, and
    // coaching's scores and most-missed entries.
    assert_eq!(charts.len(), 14, "{charts:?}");
    for (name, marks, rows) in &charts {
        assert!(*rows > 0, "{name} has an empty table");
        assert_eq!(marks, rows, "chart {name}: marks and table rows differ");
    }
    assert_eq!(dom.matches("<svg").count(), charts.len());

    // The control: a page that fetches an image is caught.
    let control = dir.path().join("control.html");
    fs::write(
        &control,
        "<!DOCTYPE html><img src=\"http://192.0.2.1/pixel.png\" alt=\"\">",
    )
    .unwrap();
    let (_, log) = load(&browser, &control);
    assert_eq!(page_requests(&log), ["http://192.0.2.1/pixel.png"]);
}
