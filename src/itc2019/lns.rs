//! Large-neighbourhood steps: free a group of related classes (linked by
//! distributions, shared students or rooms), keep the rest fixed, and let
//! HiGHS choose their options in one 0-1 model — one column per (class,
//! option) as the main solver has one per (activity, pattern), rows for the
//! room and required pairwise conflicts (clique-like rows), costs for the
//! time/room penalties, the soft pairs and the student conflicts. The
//! result is applied only when the exact incremental cost does not worsen
//! and no hard rule (the day- and week-counted ones included) breaks.

use super::instance::ClassId;
use super::mip::Mip;
use super::rules;
use super::search::Rng;
use super::state::{NONE, State};
use std::collections::HashSet;

/// Classes freed per sub-MIP.
const FREED: usize = 24;
/// Candidate options kept per freed class (the cheapest against the fixed part).
const CANDIDATES: usize = 40;
/// HiGHS node limit per sub-MIP.
const NODES: i32 = 400;
/// Guard time limit per sub-MIP (seconds); the node limit binds first on
/// small groups.
const SAFETY_SECONDS: f64 = 20.0;

/// Runs up to `count` sub-MIPs while `seconds_left` (infinite for a run
/// of fixed cycles) is positive, each limited to the time left; returns
/// how many ran and how many improved.
pub(crate) fn improve(st: &mut State, rng: &mut Rng, count: usize, seconds_left: &dyn Fn() -> f64) -> (usize, usize) {
    let (mut ran, mut better) = (0, 0);
    for _ in 0..count {
        let left = seconds_left();
        if left <= 0.0 || st.unassigned > 0 {
            break;
        }
        let freed = neighbourhood(st, rng);
        if freed.len() < 2 {
            continue;
        }
        ran += 1;
        if sub_mip(st, &freed, rng.next_u64(), left.min(SAFETY_SECONDS)) {
            better += 1;
        }
    }
    (ran, better)
}

/// A seed class among the costly ones, then classes linked to it.
fn neighbourhood(st: &State, rng: &mut Rng) -> Vec<ClassId> {
    let m = st.m;
    let n = m.n();
    let excess = |c: ClassId| {
        let o = st.asg[c.ix()];
        if o == NONE {
            return 0;
        }
        let own_min = m.opts[c.ix()].iter().map(|x| x.cost).min().unwrap_or(0);
        st.contribution(c, o) - own_min
    };
    let mut seed = ClassId(rng.below(n) as u32);
    let mut best = excess(seed);
    for _ in 0..15 {
        let c = ClassId(rng.below(n) as u32);
        let e = excess(c);
        if e > best {
            (seed, best) = (c, e);
        }
    }
    let mut out = vec![seed];
    let mut seen: HashSet<ClassId> = HashSet::from([seed]);
    let mut i = 0;
    while out.len() < FREED && i < out.len() {
        let c = out[i];
        i += 1;
        let mut links: Vec<ClassId> = Vec::new();
        links.extend(m.links[c.ix()].iter().map(|l| ClassId(l.other)));
        for &d in &m.globals_of[c.ix()] {
            links.extend(m.inst.distributions[d as usize].classes.iter().copied());
        }
        let mut sh: Vec<(u32, u32)> = st.shared[c.ix()].iter().map(|&(x, k)| (k, x)).collect();
        sh.sort_unstable_by(|a, b| b.cmp(a));
        links.extend(sh.iter().take(6).map(|&(_, x)| ClassId(x)));
        if let Some(r) = st.slot(c).and_then(|s| s.room) {
            let v = &st.in_room[r.ix()];
            if !v.is_empty() {
                links.push(ClassId(v[rng.below(v.len())]));
            }
        }
        // Shuffle so that the group is not always the same.
        for j in (1..links.len()).rev() {
            links.swap(j, rng.below(j + 1));
        }
        for x in links {
            if out.len() >= FREED {
                break;
            }
            if m.opts[x.ix()].len() > 1 && seen.insert(x) {
                out.push(x);
            }
        }
    }
    out
}

/// Frees `freed`, solves their options with HiGHS, applies the answer if
/// it is feasible and no worse; returns whether the cost went down.
fn sub_mip(st: &mut State, freed: &[ClassId], seed: u64, seconds: f64) -> bool {
    let m = st.m;
    let inst = m.inst;
    let before = st.soft;
    let old: Vec<u32> = freed.iter().map(|&c| st.asg[c.ix()]).collect();
    for &c in freed {
        st.unassign(c);
    }
    // Candidates: options without conflict with the fixed classes.
    let mut buf = Vec::new();
    let mut cands: Vec<Vec<(u32, i64)>> = Vec::with_capacity(freed.len());
    for (i, &c) in freed.iter().enumerate() {
        let mut v: Vec<(u32, i64)> = (0..m.opts[c.ix()].len() as u32)
            .filter(|&o| o == old[i] || st.feasible(c, o, &mut buf))
            .map(|o| (o, st.contribution(c, o)))
            .collect();
        v.sort_by_key(|&(o, k)| (k, o));
        if v.len() > CANDIDATES {
            let keep_old = v.iter().position(|&(o, _)| o == old[i]).is_some_and(|p| p >= CANDIDATES);
            let old_entry = v.iter().copied().find(|&(o, _)| o == old[i]);
            v.truncate(CANDIDATES);
            if keep_old {
                v.extend(old_entry);
            }
        }
        cands.push(v);
    }

    let mut mip = Mip::default();
    let x: Vec<Vec<usize>> = cands.iter().map(|v| v.iter().map(|&(_, k)| mip.binary(k as f64)).collect()).collect();
    for xs in &x {
        mip.eq(xs.iter().map(|&c| (c, 1.0)).collect(), 1.0);
    }
    // Pairs of freed classes: hard conflicts and soft pair costs.
    for a in 0..freed.len() {
        for b in a + 1..freed.len() {
            let (ca, cb) = (freed[a], freed[b]);
            // Pairwise distribution links between the two.
            let pair_links: Vec<_> = m.links[ca.ix()].iter().filter(|l| l.other == cb.0).copied().collect();
            let students =
                st.shared[ca.ix()].iter().find(|&&(x, _)| x == cb.0).map_or(0, |&(_, k)| k) as i64 * m.w_student;
            let rooms_meet = cands[a].iter().any(|&(o, _)| {
                let r = m.opts[ca.ix()][o as usize].slot.room;
                r.is_some() && cands[b].iter().any(|&(p, _)| m.opts[cb.ix()][p as usize].slot.room == r)
            });
            if pair_links.is_empty() && students == 0 && !rooms_meet {
                continue;
            }
            for (i, &(o, _)) in cands[a].iter().enumerate() {
                let sa = &m.opts[ca.ix()][o as usize].slot;
                let mut hard: Vec<(usize, f64)> = Vec::new();
                let mut soft: Vec<(usize, f64)> = Vec::new();
                for (j, &(p, _)) in cands[b].iter().enumerate() {
                    let sb = &m.opts[cb.ix()][p as usize].slot;
                    let mut clash = sa.room.is_some() && sa.room == sb.room && sa.time.overlaps(&sb.time);
                    let mut cost = 0i64;
                    for l in &pair_links {
                        if l.broken(inst, sa, sb) {
                            if l.hard {
                                clash = true;
                            } else {
                                cost += l.weight;
                            }
                        }
                    }
                    if students > 0 && !rules::attendable(inst, sa, sb) {
                        cost += students;
                    }
                    if clash {
                        hard.push((x[b][j], 1.0));
                    } else if cost > 0 {
                        soft.push((x[b][j], cost as f64));
                    }
                }
                if !hard.is_empty() {
                    hard.push((x[a][i], 1.0));
                    mip.leq(hard, 1.0);
                }
                if !soft.is_empty() {
                    // y ≥ Σ cost·x_b − M (1 − x_a): the pair's cost when a takes o.
                    let big = soft.iter().map(|t| t.1).fold(0.0, f64::max);
                    let y = mip.nonneg(1.0);
                    let mut row = soft;
                    row.push((x[a][i], big));
                    row.push((y, -1.0));
                    mip.leq(row, big);
                }
            }
        }
    }
    let answer = mip.solve(seed, NODES, seconds);

    // Apply the answer; on an infeasible or worse result, restore.
    let mut ok = answer.is_some();
    if let Some(vals) = &answer {
        for (i, &c) in freed.iter().enumerate() {
            let Some(j) = x[i].iter().position(|&col| vals[col] > 0.5) else {
                ok = false;
                break;
            };
            let o = cands[i][j].0;
            if !st.feasible(c, o, &mut buf) {
                ok = false;
                break;
            }
            st.set(c, o);
        }
    }
    if ok && st.hard == 0 && st.soft <= before {
        return st.soft < before;
    }
    for &c in freed {
        st.unassign(c);
    }
    for (i, &c) in freed.iter().enumerate() {
        st.set(c, old[i]);
    }
    false
}
