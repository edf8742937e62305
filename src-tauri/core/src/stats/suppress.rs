//! Small-cell protection (docs/statistics.md): primary suppression of every count under the
//! threshold, then secondary suppression until no suppressed cell can be worked out from the
//! published cells and the table's sums.
//!
//! A table is a list of counts (its cells and its margins) and its sums: each sum says that some
//! positions add up to another (a row to its row total, a column to its column total, the row
//! totals to the grand total). Someone who reads the published table knows every published
//! count, every sum, that a cell shown »< N« lies in 0..N−1 and that a cell hidden to protect
//! another (shown »x«) is at least N. The audit asks, for each hidden cell, the smallest and the
//! largest value it can take under that knowledge (two small linear programmes, `microlp`); a
//! cell whose smallest and largest value are the same could be recovered. While one can, the
//! smallest published count that shares a sum with it is hidden too (an inner cell before a
//! margin). Every step hides one more count, so this ends; with everything hidden nothing can
//! be recovered.

use microlp::{ComparisonOp, OptimizationDirection, Problem};
use serde::{Deserialize, Serialize};

/// Why a count is not published.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum Hidden {
    /// Under the threshold (primary suppression): shown »< N«.
    Small,
    /// At or over the threshold, hidden so that a small count cannot be worked out from the sums
    /// (secondary suppression): shown »x«.
    Secondary,
}

/// One sum of a table: the positions in `parts` add up to the position `total`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sum {
    pub parts: Vec<usize>,
    pub total: usize,
}

/// The counts of a table and its sums, as the protection sees them.
#[derive(Debug, Clone)]
pub struct Layout {
    pub values: Vec<u64>,
    /// Margins (totals) are hidden as a last resort, after the inner cells.
    pub margin: Vec<bool>,
    pub sums: Vec<Sum>,
    /// For a table of several rows and columns: (rows, columns) of its inner cells, which are the
    /// first positions, row by row.
    pub grid: Option<(usize, usize)>,
}

/// What a reader knows of one position: its published value, or the range a hidden one lies in.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Known {
    Value(u64),
    /// Hidden: at least `lo`, at most `hi` (`None`: no upper bound).
    Range {
        lo: u64,
        hi: Option<u64>,
    },
}

/// What a reader knows of a position under this suppression.
pub fn known(value: u64, hidden: Option<Hidden>, threshold: u64) -> Known {
    match hidden {
        None => Known::Value(value),
        Some(Hidden::Small) => Known::Range { lo: 0, hi: Some(threshold.saturating_sub(1)) },
        Some(Hidden::Secondary) => Known::Range { lo: threshold, hi: None },
    }
}

/// The smallest and largest value position `target` can take given what is known of every
/// position and the sums (`None` for the largest: unbounded). `target` must be hidden.
pub fn range_of(known: &[Known], sums: &[Sum], target: usize) -> (f64, Option<f64>) {
    if let [sum] = sums {
        return range_in_one_sum(known, sum, target);
    }
    let solve = |direction| {
        let mut p = Problem::new(direction);
        let vars: Vec<Option<microlp::Variable>> = known
            .iter()
            .enumerate()
            .map(|(i, k)| match k {
                Known::Value(_) => None,
                Known::Range { lo, hi } => Some(p.add_var(
                    if i == target { 1.0 } else { 0.0 },
                    (*lo as f64, hi.map_or(f64::INFINITY, |h| h as f64)),
                )),
            })
            .collect();
        for s in sums {
            let mut terms: Vec<(microlp::Variable, f64)> = Vec::new();
            let mut rhs = 0.0;
            for (pos, coef) in s.parts.iter().map(|p| (*p, 1.0)).chain(std::iter::once((s.total, -1.0))) {
                match (vars[pos], known[pos]) {
                    (Some(v), _) => terms.push((v, coef)),
                    (None, Known::Value(x)) => rhs -= coef * x as f64,
                    (None, Known::Range { .. }) => unreachable!("a hidden position has a variable"),
                }
            }
            if !terms.is_empty() {
                p.add_constraint(&terms, ComparisonOp::Eq, rhs);
            }
        }
        match p.solve() {
            Ok(outcome) => outcome.into_solution().ok().map(|s| s.objective()),
            Err(_) => None,
        }
    };
    let lo = solve(OptimizationDirection::Minimize);
    let hi = solve(OptimizationDirection::Maximize);
    let floor = match known[target] {
        Known::Range { lo, .. } => lo as f64,
        Known::Value(v) => v as f64,
    };
    (lo.unwrap_or(floor), hi)
}

/// [`range_of`] for a table with one sum (a column and its total), in closed form: the target is
/// the sum's constant less the other terms, each in its own range — exact for one equation.
fn range_in_one_sum(known: &[Known], sum: &Sum, target: usize) -> (f64, Option<f64>) {
    let bounds = |i: usize| match known[i] {
        Known::Value(v) => (v as f64, v as f64),
        Known::Range { lo, hi } => (lo as f64, hi.map_or(f64::INFINITY, |h| h as f64)),
    };
    // Σ parts − total = 0, as Σ a_i x_i = 0 with a_i = 1 for the parts and −1 for the total.
    let terms = sum.parts.iter().map(|&p| (p, 1.0)).chain(std::iter::once((sum.total, -1.0)));
    let (mut lo, mut hi) = (0.0f64, 0.0f64); // the range of Σ over the other terms
    let mut a_t = 0.0;
    for (i, a) in terms {
        if i == target {
            a_t = a;
            continue;
        }
        let (l, h) = bounds(i);
        if a > 0.0 {
            lo += l;
            hi += h;
        } else {
            lo -= h;
            hi -= l;
        }
    }
    // a_t x_t = −Σ others: x_t ∈ [−hi, −lo] for a part, [lo, hi] for the total.
    let (from, to) = if a_t > 0.0 { (-hi, -lo) } else { (lo, hi) };
    let (own_lo, own_hi) = bounds(target);
    let (lo, hi) = (from.max(own_lo), to.min(own_hi));
    (lo, hi.is_finite().then_some(hi))
}

/// True when a hidden position's value follows from the rest (its range is one value).
fn recoverable(known: &[Known], sums: &[Sum], target: usize) -> bool {
    let (lo, hi) = range_of(known, sums, target);
    hi.is_some_and(|hi| hi - lo < 0.5)
}

/// Which positions to hide at this threshold: primary (`Small`) for every count under it,
/// secondary until none can be recovered.
pub fn protect(layout: &Layout, threshold: u64) -> Vec<Option<Hidden>> {
    let n = layout.values.len();
    let mut hidden: Vec<Option<Hidden>> =
        layout.values.iter().map(|&v| (v < threshold).then_some(Hidden::Small)).collect();
    let mut order: Vec<usize> = (0..n).collect();
    // Cheapest to hide first: inner cells before margins, small counts before large.
    order.sort_by_key(|&i| (layout.margin[i], layout.values[i], i));
    loop {
        let known: Vec<Known> = (0..n).map(|i| known(layout.values[i], hidden[i], threshold)).collect();
        let Some(exposed) = (0..n).find(|&i| hidden[i].is_some() && recoverable(&known, &layout.sums, i)) else {
            return hidden;
        };
        let shares_sum = |j: usize| {
            layout.sums.iter().any(|s| {
                let has = |p: usize| s.total == p || s.parts.contains(&p);
                has(exposed) && has(j)
            })
        };
        if let Some(corners) = rectangle(layout, &hidden, exposed) {
            for j in corners {
                hidden[j] = Some(Hidden::Secondary);
            }
            continue;
        }
        let pick = order
            .iter()
            .copied()
            .find(|&j| hidden[j].is_none() && shares_sum(j))
            .or_else(|| order.iter().copied().find(|&j| hidden[j].is_none()));
        match pick {
            Some(j) => hidden[j] = Some(Hidden::Secondary),
            // Everything is hidden already; nothing more can be done (and nothing is recoverable
            // then, as every range is open or spans the threshold's values).
            None => return hidden,
        }
    }
}

/// For an inner cell of a table with several rows and columns: the cheapest rectangle through it
/// (the cell, one more in its row, one more in its column, and the fourth corner) that hides at
/// least one count more, as the positions still published — the classic way to protect a cell in
/// two dimensions, since the four corners can move by the same amount against each other without
/// changing any total. `None` for a margin, a one-column table or when every rectangle is hidden.
fn rectangle(layout: &Layout, hidden: &[Option<Hidden>], cell: usize) -> Option<Vec<usize>> {
    let (rows, cols) = layout.grid?;
    if cell >= rows * cols || rows < 2 || cols < 2 {
        return None;
    }
    let (i, j) = (cell / cols, cell % cols);
    let mut best: Option<(u64, Vec<usize>)> = None;
    for i2 in (0..rows).filter(|&r| r != i) {
        for j2 in (0..cols).filter(|&c| c != j) {
            let open: Vec<usize> =
                [i * cols + j2, i2 * cols + j, i2 * cols + j2].into_iter().filter(|&p| hidden[p].is_none()).collect();
            if open.is_empty() {
                continue;
            }
            let cost: u64 = open.iter().map(|&p| layout.values[p]).sum();
            if best.as_ref().is_none_or(|(c, _)| cost < *c) {
                best = Some((cost, open));
            }
        }
    }
    best.map(|(_, open)| open)
}

/// The layout of a table with `rows` × `cols` inner cells (row-major), then its row totals (when
/// there is more than one column), its column totals (one per column), and the grand total last
/// (when there are several columns; with one column its column total is the grand total).
pub fn grid_layout(cells: &[Vec<u64>], with_total: bool) -> Layout {
    let rows = cells.len();
    let cols = cells.first().map_or(1, Vec::len);
    let mut values: Vec<u64> = cells.iter().flatten().copied().collect();
    let mut margin = vec![false; values.len()];
    let mut sums = Vec::new();
    if !with_total {
        return Layout { values, margin, sums, grid: None };
    }
    let cell = |r: usize, c: usize| r * cols + c;
    if cols == 1 {
        let total = values.len();
        values.push(values.iter().sum());
        margin.push(true);
        sums.push(Sum { parts: (0..rows).collect(), total });
        return Layout { values, margin, sums, grid: None };
    }
    let row_total0 = values.len();
    for row in cells {
        values.push(row.iter().sum());
        margin.push(true);
    }
    let col_total0 = values.len();
    for c in 0..cols {
        values.push(cells.iter().map(|r| r[c]).sum());
        margin.push(true);
    }
    let grand = values.len();
    values.push(cells.iter().flatten().sum());
    margin.push(true);
    for r in 0..rows {
        sums.push(Sum { parts: (0..cols).map(|c| cell(r, c)).collect(), total: row_total0 + r });
    }
    for c in 0..cols {
        sums.push(Sum { parts: (0..rows).map(|r| cell(r, c)).collect(), total: col_total0 + c });
    }
    sums.push(Sum { parts: (0..rows).map(|r| row_total0 + r).collect(), total: grand });
    sums.push(Sum { parts: (0..cols).map(|c| col_total0 + c).collect(), total: grand });
    Layout { values, margin, sums, grid: Some((rows, cols)) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_small_cell_in_a_column_takes_a_second_with_it() {
        let layout = grid_layout(&[vec![12], vec![3], vec![20], vec![7]], true);
        let hidden = protect(&layout, 5);
        assert_eq!(hidden[1], Some(Hidden::Small));
        // The smallest other count (7) goes too; the total stays published.
        assert_eq!(hidden[3], Some(Hidden::Secondary));
        assert_eq!(hidden.iter().filter(|h| h.is_some()).count(), 2);
    }

    #[test]
    fn a_zero_beside_a_five_is_still_protected_by_the_bounds() {
        // 0 (< 5) and 5 (x, ≥ 5) with their sum known: 0 + 5 = 5 would give both away, since
        // the hidden 5 is known to be at least 5. A third cell must go.
        let layout = grid_layout(&[vec![0], vec![5], vec![9]], true);
        let hidden = protect(&layout, 5);
        let known: Vec<Known> = layout.values.iter().zip(&hidden).map(|(v, h)| known(*v, *h, 5)).collect();
        for (i, h) in hidden.iter().enumerate() {
            if h.is_some() {
                assert!(!recoverable(&known, &layout.sums, i), "position {i} of {hidden:?}");
            }
        }
    }
}
