//! The report as text for an 80-column terminal: each section is a narrow
//! grid (first column left, numbers right), durations as `4h 12m`, rates
//! as percentages.

use std::fmt::Write as _;

use super::Report;
use super::sections::Section;

pub fn write(report: &Report, sections: &[Box<dyn Section>]) -> String {
    let mut out = String::new();
    let title = if report.title.is_empty() {
        "Lead report"
    } else {
        &report.title
    };
    let _ = writeln!(
        out,
        "{title}: per {} as of {} ({} clock)",
        report.kind.name(),
        report.as_of,
        report.clock
    );
    for section in sections {
        section.text(report, &mut out);
    }
    out
}

/// A section heading.
pub fn heading(out: &mut String, text: &str) {
    let _ = write!(out, "\n{text}\n");
}

/// A grid: the first column left-aligned (cut to `first_max` characters),
/// the others right-aligned, two spaces apart.
pub fn grid(out: &mut String, headers: &[String], rows: &[Vec<String>], first_max: usize) {
    let width = |text: &str| text.chars().count();
    let mut widths: Vec<usize> = headers.iter().map(|h| width(h)).collect();
    for row in rows {
        for (index, cell) in row.iter().enumerate() {
            if let Some(w) = widths.get_mut(index) {
                *w = (*w).max(width(cell));
            }
        }
    }
    if let Some(first) = widths.first_mut() {
        *first = (*first).min(first_max);
    }
    let mut line = |cells: &[String]| {
        let mut text = String::new();
        for (index, cell) in cells.iter().enumerate() {
            let w = widths.get(index).copied().unwrap_or(0);
            if index == 0 {
                let cut: String = if width(cell) > w {
                    let mut cut: String = cell.chars().take(w.saturating_sub(1)).collect();
                    cut.push('…');
                    cut
                } else {
                    cell.clone()
                };
                let _ = write!(text, "{cut}{}", " ".repeat(w - width(&cut)));
            } else {
                let _ = write!(
                    text,
                    "  {}{cell}",
                    " ".repeat(w.saturating_sub(width(cell)))
                );
            }
        }
        let _ = writeln!(out, "{}", text.trim_end());
    };
    line(headers);
    for row in rows {
        line(row);
    }
}
