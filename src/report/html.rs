//! The report as one HTML file that needs no network: inline CSS, charts
//! drawn as inline SVG by hand (no script, no font, no chart library), and
//! under every chart a `<table>` of its numbers. Every chart draws one
//! `class="mark"` element per row of its table, which the browser test
//! counts. All text from the workspace passes through [`escape`].

use std::fmt::Write as _;

use super::Report;
use super::sections::Section;

const STYLE: &str = r#"
:root { --ink: #1d2733; --muted: #5b6773; --rule: #d5dbe1; --good: #2f7d4f; --bad: #b8432f; --accent: #2f5f8a; }
* { box-sizing: border-box; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink); max-width: 62rem; margin: 2rem auto; padding: 0 1.25rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.2rem; margin: 2.25rem 0 .5rem; border-bottom: 1px solid var(--rule); padding-bottom: .25rem; }
h3 { font-size: 1rem; margin: 1.25rem 0 .25rem; }
p.meta, p.note { color: var(--muted); margin: .25rem 0 1rem; }
.tiles { display: grid; grid-template-columns: repeat(auto-fill, minmax(11rem, 1fr)); gap: .75rem; }
.tile { border: 1px solid var(--rule); border-radius: 6px; padding: .6rem .75rem; }
.tile .name { color: var(--muted); font-size: .8rem; }
.tile .value { font-size: 1.5rem; font-weight: 600; font-variant-numeric: tabular-nums; }
.tile .change { font-size: .8rem; color: var(--muted); }
.met { color: var(--good); } .missed { color: var(--bad); } .nodata { color: var(--muted); }
figure { margin: 1rem 0 1.5rem; break-inside: avoid; page-break-inside: avoid; }
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(27rem, 1fr)); gap: 0 1.5rem; }
.charts figure { margin: .5rem 0 1rem; }
figcaption { font-weight: 600; margin-bottom: .25rem; }
svg { display: block; max-width: 100%; height: auto; }
svg text { font: 11px system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; fill: var(--ink); }
svg .axis { stroke: var(--rule); } svg .target { stroke: var(--bad); stroke-dasharray: 5 4; }
svg .line { fill: none; stroke: var(--accent); stroke-width: 2; }
table { border-collapse: collapse; margin: .5rem 0; font-variant-numeric: tabular-nums; font-size: .875rem; }
th, td { border-bottom: 1px solid var(--rule); padding: .2rem .6rem; text-align: right; }
th:first-child, td:first-child { text-align: left; }
thead th { color: var(--muted); font-weight: 600; }
.legend span { display: inline-block; margin-right: 1rem; font-size: .8rem; }
.legend i { display: inline-block; width: .8rem; height: .8rem; margin-right: .3rem; vertical-align: -1px; }
@media print { body { margin: 0; max-width: none; font-size: 11pt; } h2 { break-after: avoid; } .tile { break-inside: avoid; } }
"#;

/// Colours of chart series, in order.
pub const COLORS: [&str; 4] = ["#2f7d4f", "#d9a33a", "#b8432f", "#8a949e"];
const ACCENT: &str = "#2f5f8a";

pub fn write(report: &Report, sections: &[Box<dyn Section>]) -> String {
    let title = if report.title.is_empty() {
        "Lead report".to_owned()
    } else {
        format!("{} — lead report", report.title)
    };
    let mut out = String::with_capacity(64 * 1024);
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    // Nothing may be fetched: no scripts, no fonts, no images from anywhere.
    out.push_str("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n");
    let _ = writeln!(out, "<title>{}</title>", escape(&title));
    let _ = writeln!(out, "<style>{STYLE}</style>\n</head>\n<body>");
    let _ = writeln!(out, "<h1>{}</h1>", escape(&title));
    let _ = writeln!(
        out,
        "<p class=\"meta\">Per {} as of {}; response times on the {} clock.</p>",
        report.kind.name(),
        escape(&report.as_of),
        report.clock
    );
    for section in sections {
        section.html(report, &mut out);
    }
    out.push_str("</body>\n</html>\n");
    out
}

pub use crate::html::escape;

/// A table of a chart's numbers (or of numbers alone); every cell escaped.
pub fn table(headers: &[&str], rows: &[Vec<String>]) -> String {
    let mut out = String::from("<table>\n<thead><tr>");
    for header in headers {
        let _ = write!(out, "<th scope=\"col\">{}</th>", escape(header));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in rows {
        out.push_str("<tr>");
        for (index, cell) in row.iter().enumerate() {
            let tag = if index == 0 { "th scope=\"row\"" } else { "td" };
            let close = if index == 0 { "th" } else { "td" };
            let _ = write!(out, "<{tag}>{}</{close}>", escape(cell));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
    out
}

/// A chart and the table of its numbers, as one figure.
pub fn figure(name: &str, caption: &str, chart: &str, table: &str) -> String {
    format!(
        "<figure data-chart=\"{}\">\n<figcaption>{}</figcaption>\n{chart}{table}</figure>\n",
        escape(name),
        escape(caption)
    )
}

/// A legend of series names in [`COLORS`].
pub fn legend(series: &[&str]) -> String {
    let mut out = String::from("<div class=\"legend\">");
    for (name, color) in series.iter().zip(COLORS) {
        let _ = write!(
            out,
            "<span><i style=\"background:{color}\"></i>{}</span>",
            escape(name)
        );
    }
    out.push_str("</div>\n");
    out
}

/// One point of a line: its label, value, and the value as shown.
pub struct Point {
    pub label: String,
    pub value: Option<f64>,
    pub shown: String,
}

/// A trend line over periods with an optional target line; a period
/// without data is marked "no data" on the axis, never drawn as 0.
pub fn line_chart(points: &[Point], target: Option<(f64, String)>) -> String {
    const W: f64 = 440.0;
    const H: f64 = 160.0;
    const LEFT: f64 = 70.0;
    const TOP: f64 = 14.0;
    const BOTTOM: f64 = 30.0;
    let mut top = points
        .iter()
        .filter_map(|p| p.value)
        .chain(target.as_ref().map(|(t, _)| *t))
        .fold(0.0f64, f64::max);
    if top <= 0.0 {
        top = 1.0;
    }
    top *= 1.15;
    let plot_h = H - TOP - BOTTOM;
    let y = |v: f64| TOP + plot_h * (1.0 - v / top);
    let step = (W - LEFT - 20.0) / points.len().max(1) as f64;
    let x = |i: usize| LEFT + step * (i as f64 + 0.5);
    let mut svg = format!(
        "<svg viewBox=\"0 0 {W} {H}\" width=\"{W}\" height=\"{H}\" role=\"img\" aria-label=\"trend\">\n"
    );
    let _ = writeln!(
        svg,
        "<line class=\"axis\" x1=\"{LEFT}\" y1=\"{b}\" x2=\"{r}\" y2=\"{b}\"/>",
        b = H - BOTTOM,
        r = W - 10.0
    );
    if let Some((value, shown)) = &target {
        let ty = y(*value);
        let _ = writeln!(
            svg,
            "<line class=\"target\" x1=\"{LEFT}\" y1=\"{ty:.1}\" x2=\"{r}\" y2=\"{ty:.1}\"/><text x=\"{tx}\" y=\"{ly:.1}\" text-anchor=\"end\" fill=\"#b8432f\">target {}</text>",
            escape(shown),
            r = W - 10.0,
            tx = W - 10.0,
            ly = ty - 5.0
        );
    }
    let mut path = String::new();
    for (i, point) in points.iter().enumerate() {
        match point.value {
            Some(v) => {
                let _ = write!(
                    path,
                    "{}{:.1},{:.1}",
                    if path.is_empty() { "M" } else { " L" },
                    x(i),
                    y(v)
                );
            }
            None => {
                if !path.is_empty() {
                    let _ = writeln!(svg, "<path class=\"line\" d=\"{path}\"/>");
                    path.clear();
                }
            }
        }
    }
    if !path.is_empty() {
        let _ = writeln!(svg, "<path class=\"line\" d=\"{path}\"/>");
    }
    for (i, point) in points.iter().enumerate() {
        let _ = writeln!(
            svg,
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>",
            x(i),
            H - 10.0,
            escape(&point.label)
        );
        match point.value {
            Some(v) => {
                let _ = writeln!(
                    svg,
                    "<g class=\"mark\"><circle cx=\"{cx:.1}\" cy=\"{cy:.1}\" r=\"4\" fill=\"{ACCENT}\"><title>{label}: {shown}</title></circle><text x=\"{cx:.1}\" y=\"{ty:.1}\" text-anchor=\"middle\">{shown}</text></g>",
                    cx = x(i),
                    cy = y(v),
                    ty = y(v) - 8.0,
                    label = escape(&point.label),
                    shown = escape(&point.shown)
                );
            }
            None => {
                let _ = writeln!(
                    svg,
                    "<g class=\"mark\"><text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" fill=\"#8a949e\">no data</text></g>",
                    x(i),
                    H - BOTTOM - 6.0
                );
            }
        }
    }
    svg.push_str("</svg>\n");
    svg
}

/// One row of a bar chart: its label, the value of each series, and the
/// text shown at the bar's end.
pub struct Bar {
    pub label: String,
    pub values: Vec<f64>,
    pub shown: String,
}

/// Horizontal bars, one row a mark: segments side by side on one bar
/// (`stacked`, scaled to `max`) or one bar per series.
pub fn bar_chart(rows: &[Bar], max: f64, stacked: bool) -> String {
    const W: f64 = 640.0;
    const LABEL: f64 = 170.0;
    const RIGHT: f64 = 140.0;
    let series = rows
        .iter()
        .map(|r| r.values.len())
        .max()
        .unwrap_or(1)
        .max(1);
    let bar_h = if stacked { 16.0 } else { 12.0 * series as f64 };
    let row_h = bar_h + 8.0;
    let h = row_h * rows.len() as f64 + 6.0;
    let plot = W - LABEL - RIGHT;
    let max = if max > 0.0 { max } else { 1.0 };
    let mut svg = format!(
        "<svg viewBox=\"0 0 {W} {h}\" width=\"{W}\" height=\"{h}\" role=\"img\" aria-label=\"bars\">\n"
    );
    for (i, row) in rows.iter().enumerate() {
        let top = 4.0 + row_h * i as f64;
        let _ = write!(
            svg,
            "<g class=\"mark\"><text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>",
            LABEL - 8.0,
            top + bar_h / 2.0 + 4.0,
            escape(&truncate(&row.label, 26))
        );
        let mut x = LABEL;
        let mut end = LABEL;
        for (s, value) in row.values.iter().enumerate() {
            let width = plot * value.max(0.0) / max;
            let color = if series == 1 {
                ACCENT
            } else {
                COLORS[s % COLORS.len()]
            };
            let (bx, by, bh) = if stacked {
                (x, top, bar_h)
            } else {
                (LABEL, top + 12.0 * s as f64, 10.0)
            };
            let _ = write!(
                svg,
                "<rect x=\"{bx:.1}\" y=\"{by:.1}\" width=\"{width:.1}\" height=\"{bh:.1}\" fill=\"{color}\"/>"
            );
            if stacked {
                x += width;
                end = x;
            } else {
                end = end.max(LABEL + width);
            }
        }
        let _ = writeln!(
            svg,
            "<text x=\"{:.1}\" y=\"{:.1}\">{}</text></g>",
            end + 6.0,
            top + bar_h / 2.0 + 4.0,
            escape(&row.shown)
        );
    }
    svg.push_str("</svg>\n");
    svg
}

fn truncate(text: &str, chars: usize) -> String {
    if text.chars().count() <= chars {
        text.to_owned()
    } else {
        let mut short: String = text.chars().take(chars - 1).collect();
        short.push('…');
        short
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn workspace_text_is_escaped_and_marks_match_rows() {
        assert_eq!(
            escape("<b>\"R&D\"</b>'"),
            "&lt;b&gt;&quot;R&amp;D&quot;&lt;/b&gt;&#39;"
        );
        let points = [
            Point {
                label: "2026-10".into(),
                value: Some(0.5),
                shown: "50%".into(),
            },
            Point {
                label: "<x>".into(),
                value: None,
                shown: "—".into(),
            },
        ];
        let svg = line_chart(&points, Some((0.9, "90%".into())));
        assert_eq!(svg.matches("class=\"mark\"").count(), 2);
        assert!(svg.contains("&lt;x&gt;") && !svg.contains("<x>"));
        let bars = [Bar {
            label: "<script>".into(),
            values: vec![1.0, 2.0],
            shown: "3".into(),
        }];
        let svg = bar_chart(&bars, 3.0, true);
        assert_eq!(svg.matches("class=\"mark\"").count(), 1);
        assert!(!svg.contains("<script>"));
        let html = table(&["owner"], &[vec!["<img src=x>".into()]]);
        assert!(html.contains("&lt;img src=x&gt;"));
    }
}
