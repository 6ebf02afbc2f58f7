//! `map coverage` and `render` share one definition of fit: a cell is a GAP
//! exactly where render has no message for that situation.

use std::path::Path;

use align::map::Situation;
use align::map::coverage;

#[test]
fn coverage_gaps_are_exactly_where_render_has_nothing() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/northwind");
    let workspace = align::workspace::open_root(&root).unwrap();
    let map = &workspace.map;
    let grid = coverage::requirement_by_competitor(map, &[]);
    let mut gaps = 0;
    for (requirement, cells) in grid.rows.iter().zip(&grid.cells) {
        for (competitor, cell) in grid.columns.iter().zip(cells) {
            let situation = Situation {
                requirements: vec![requirement.clone()],
                competitors: vec![competitor.clone()],
                ..Situation::default()
            };
            let render_serves = align::render::fitting_messages(map, &situation)
                .is_ok_and(|fitting| fitting.gaps.is_empty());
            assert_eq!(
                cell.is_gap(),
                !render_serves,
                "{requirement} × {competitor}: {cell:?}"
            );
            gaps += usize::from(cell.is_gap());
        }
    }
    assert!(gaps > 0, "the example has real gaps to compare");
}
