//! What the benchmarks share: the median of timed runs, a table row beside the bare operation,
//! and the coordinator profile the stores are created for.
#![allow(dead_code)]

use std::time::{Duration, Instant};
use tovholder_core::profile::{OrganisationKind, Profile};

/// The median of `runs` timed calls, after one untimed call that warms the caches.
pub fn median(mut f: impl FnMut(), runs: usize) -> Duration {
    f();
    let mut t: Vec<Duration> = (0..runs)
        .map(|_| {
            let s = Instant::now();
            f();
            s.elapsed()
        })
        .collect();
    t.sort();
    t[runs / 2]
}

/// The medians of `runs` calls of `ours` and of `bare`, taken in turns (ours, bare, ours, …) so
/// that a slow spell of a shared machine falls on both alike; one untimed call of each first.
pub fn median_pair(mut ours: impl FnMut(), mut bare: impl FnMut(), runs: usize) -> (Duration, Duration) {
    ours();
    bare();
    let (mut a, mut b) = (Vec::with_capacity(runs), Vec::with_capacity(runs));
    for _ in 0..runs {
        let s = Instant::now();
        ours();
        a.push(s.elapsed());
        let s = Instant::now();
        bare();
        b.push(s.elapsed());
    }
    a.sort();
    b.sort();
    (a[runs / 2], b[runs / 2])
}

pub fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// "| name | ours | bare | ratio |" for docs/benchmarks.md.
pub fn row(name: &str, ours: Duration, bare: Duration) {
    println!("| {name} | {:.2} ms | {:.2} ms | {:.2}× |", ms(ours), ms(bare), ours.as_secs_f64() / bare.as_secs_f64());
}

pub fn profile() -> Profile {
    Profile {
        name: "Bench".into(),
        organisation_kind: OrganisationKind::Police,
        organisation_name: "Østjyllands Politi".into(),
        district_code: "ØJP".into(),
    }
}
