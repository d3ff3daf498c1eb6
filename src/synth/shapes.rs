//! The four programme shapes, after the reference programmes
//! (`facts/programmes.md`, `tools/make_instances.py`): their time grids,
//! cohort trees, UEs, site rules, co-requisites, placements and individual
//! enrolments. Volumes, sizes, periods, teachers and the site of each
//! activity vary with the seed.

use super::build::{MON_FRI, Prog, between, date, hm, pick};
use super::names::*;
use super::spec::Where;
use crate::model::time::DateRange;
use crate::model::{ActivityId, CohortId, Frequency, Period, SiteId};
use chrono::Weekday;

/// The shapes, in the order programmes take them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Shape {
    /// UMONS education: evenings and Saturday mornings, modules alternating
    /// between two sites, option modules, two 300-hour placements.
    Edu,
    /// HELMo-HEPL: long evenings, Friday afternoons, Saturdays, the UE
    /// table of the programme sheet, co-requisites, bridging students.
    Ias,
    /// UMONS orthopedagogy: daytime on three sites, parallel modules, two
    /// 400-hour placements.
    Ortho,
    /// UNamur-UMONS: two evenings and Saturdays, one year, options,
    /// an integration seminar alternating between sites, allègement.
    Acc,
}

impl Shape {
    pub const ALL: [Shape; 4] = [Shape::Edu, Shape::Ias, Shape::Ortho, Shape::Acc];

    /// How many sites its activities use.
    pub fn sites(self) -> usize {
        if self == Shape::Ortho { 3 } else { 2 }
    }

    /// Builds a programme of this shape on `sites`, with placement hosts
    /// in `cities`.
    pub fn build(self, b: &mut Prog<'_>, sites: &[SiteId], cities: &[usize]) {
        match self {
            Shape::Edu => edu(b, sites, cities),
            Shape::Ias => ias(b, sites, cities),
            Shape::Ortho => ortho(b, sites, cities),
            Shape::Acc => acc(b, sites),
        }
    }
}

const INVENTED: &str = "Generated (horaire synth faculty): hours, period, teachers and sites invented in the shape of the reference programme.";

fn edu(b: &mut Prog<'_>, sites: &[SiteId], cities: &[usize]) {
    let (sa, sb) = (sites[0], sites[1]);
    let evening = pick(b.rng, &[hm(17, 15), hm(18, 0)]);
    let focus = pick(b.rng, &EDU_FOCUS);
    b.programme(
        "edu",
        format!("Master en sciences de l'éducation, finalité {focus} — {} (fictif)", b.prefix),
        vec![(MON_FRI.to_vec(), evening, evening + 180), (vec![Weekday::Sat], hm(9, 0), hm(12, 30))],
        Some(5),
    );
    let n1 = between(b.rng, 24, 34);
    let b1 = b.cohort("b1", format!("Bloc 1 — {focus}"), n1, None);
    let n_opt = between(b.rng, 2, 4) as usize;
    let sizes: Vec<u32> = (0..n_opt).map(|_| between(b.rng, 7, 11)).collect();
    let b2 = b.cohort("b2", format!("Bloc 2 — {focus}"), sizes.iter().sum(), None);
    let first = b.rng.below(EDU_OPTIONS.len());
    let opts: Vec<(CohortId, &str)> = (0..n_opt)
        .map(|k| {
            let title = EDU_OPTIONS[(first + k) % EDU_OPTIONS.len()];
            (b.cohort(&format!("b2-opt{}", k + 1), format!("Bloc 2 — module {title}"), sizes[k], Some(b2)), title)
        })
        .collect();
    let alt = Where::Alternate(sa, sb);
    let any = Where::AnyOf(vec![sa, sb]);
    use Frequency::{Any, Fortnightly, Weekly};
    let q = if b.rng.chance(0.5) { Period::Q1 } else { Period::Q2 };
    let u = b.ue("EDU 1/1", "Éducation au-delà de sa discipline (tronc commun)", Some(1), 5.0, q, INVENTED);
    let (h, t) = (b.vary(30.0), b.teacher());
    let common = b.act(u, "edu-1-1", "cours", h, 3.0, vec![t], vec![b1], Where::Fixed(sa), Weekly);
    let u = b.ue("EDU 1/2", "Séminaire de préparation au mémoire", Some(1), 5.0, Period::Annual, INVENTED);
    let (h, t) = (b.vary(30.0), b.teacher());
    b.act(u, "edu-1-2", "seminaire", h, 3.0, vec![t], vec![b1], Where::Fixed(sa), Fortnightly);
    let u = b.ue("EDU 1/3", "Module Pédagogie sociale et scolaire", Some(1), 15.0, Period::Annual, INVENTED);
    let (h, t) = (b.vary(45.0), b.teacher());
    b.act(u, "edu-1-3-cours", "cours", h, 3.0, vec![t], vec![b1], Where::Fixed(sa), Weekly);
    let (h, t) = (b.vary(30.0), b.teacher());
    b.act(u, "edu-1-3-tp", "tp", h, 3.0, vec![t], vec![b1], any.clone(), Any);
    let stage1 = b.ue(
        "EDU 1/4",
        "Stage en milieu socio-éducatif (300 h)",
        Some(1),
        15.0,
        Period::Annual,
        "Placement of 300 hours.",
    );
    for (code, title, second) in [
        ("EDU 1/5", "Développement communautaire (module alterné)", ("atelier", "atelier")),
        ("EDU 1/6", "Pratiques de coéducation (module alterné)", ("seminaire", "seminaire")),
    ] {
        let u = b.ue(code, title, Some(1), 10.0, Period::Annual, INVENTED);
        let id = code.to_lowercase().replace([' ', '/'], "-");
        let t = b.teacher();
        let h = b.vary(30.0);
        b.act(u, &format!("{id}-cours"), "cours", h, 3.0, vec![t], vec![b1], alt.clone(), Weekly);
        let h = b.vary(15.0);
        b.act(u, &format!("{id}-{}", second.0), second.1, h, 3.0, vec![t], vec![b1], alt.clone(), Any);
    }
    let u = b.ue("EDU 2/1", "Mémoire", Some(2), 25.0, Period::Annual, INVENTED);
    let (h, t) = (b.vary(30.0), b.teacher());
    let memoire = b.act(u, "edu-2-1", "seminaire", h, 3.0, vec![t], vec![b2], Where::Fixed(sa), Fortnightly);
    let stage2 =
        b.ue("EDU 2/2", "Stage de spécialisation (300 h)", Some(2), 15.0, Period::Annual, "Placement of 300 hours.");
    let mut option_acts: Vec<Vec<ActivityId>> = Vec::new();
    for (k, &(c, title)) in opts.iter().enumerate() {
        let code = format!("EDU 2/{}", k + 3);
        let u = b.ue(&code, &format!("Module transversal {title} (alterné)"), Some(2), 20.0, Period::Annual, INVENTED);
        let t = b.teacher();
        let h = b.vary(45.0);
        let x = b.act(u, &format!("edu-2-{}-cours", k + 3), "cours", h, 3.0, vec![t], vec![c], alt.clone(), Weekly);
        let h = b.vary(30.0);
        let y = b.act(u, &format!("edu-2-{}-tp", k + 3), "tp", h, 3.0, vec![t], vec![c], alt.clone(), Any);
        option_acts.push(vec![x, y]);
    }
    let window1 = (date(2025, 10, 6), date(2026, 6, 30));
    let window2 = (date(2025, 9, 22), date(2026, 5, 23));
    b.placement(stage1, b1, 300, window1, 16, &[b1], cities);
    let opt_ids: Vec<CohortId> = opts.iter().map(|o| o.0).collect();
    let q2 = b.placement(stage2, b2, 300, window2, 16, &opt_ids, cities);
    // A few block-2 students retake the block-1 common course.
    for (k, &(c, _)) in opts.iter().enumerate() {
        if let Some(s) = b.students_of(q2, c).first() {
            let mut acts = vec![common, memoire];
            acts.extend(&option_acts[k]);
            b.enrol(s.clone(), acts);
        }
    }
}

fn ias(b: &mut Prog<'_>, sites: &[SiteId], cities: &[usize]) {
    let (sa, sb) = (sites[0], sites[1]);
    let title = pick(b.rng, &IAS_TITLES);
    b.programme(
        "ias",
        format!("Master en {title} (horaire décalé) — {} (fictif)", b.prefix),
        vec![
            (MON_FRI.to_vec(), hm(17, 30), hm(21, 30)),
            (vec![Weekday::Fri], hm(13, 0), hm(17, 0)),
            (vec![Weekday::Sat], hm(8, 30), hm(12, 30)),
            (vec![Weekday::Sat], hm(13, 0), hm(17, 0)),
        ],
        None,
    );
    let n1 = between(b.rng, 24, 30);
    let b1 = b.cohort("b1", format!("Bloc 1 — {title}"), n1, None);
    let groups = between(b.rng, 3, 5);
    let gsize = between(b.rng, 5, 6);
    let b2 = b.cohort("b2", format!("Bloc 2 — {title}"), groups * gsize, None);
    let gs: Vec<CohortId> = (1..=groups)
        .map(|g| {
            b.cohort(&format!("b2-g{g}"), format!("Bloc 2 — groupe d'encadrement du mémoire {g}"), gsize, Some(b2))
        })
        .collect();
    let (nb, nn) = (between(b.rng, 6, 9), between(b.rng, 10, 14));
    let bridge = b.cohort("passerelle", "Compléments de formation (sans bachelier correspondant)".into(), nb, None);
    let num = b.cohort("num", "Ateliers pré-requis: environnement numérique (facultatif)".into(), nn, None);
    // (code, title, block, credits, parts (kind, hours), annual, cohort)
    type Row = (&'static str, &'static str, u32, f64, &'static [(&'static str, f64)], bool);
    const B1: [Row; 13] = [
        ("1/1", "Complément de formation 1 (socio-anthropologie)", 1, 3.0, &[("cours", 30.0)], false),
        ("1/2", "Complément de formation 2 (problématique)", 1, 3.0, &[("cours", 15.0)], false),
        ("1/3", "Complément de formation 3 (action sociale)", 1, 1.0, &[("cours", 15.0)], false),
        ("1/4", "Questions socio-politiques et enjeux contemporains", 1, 3.0, &[("cours", 30.0)], false),
        ("1/5", "Sociologie critique de l'action sociale", 1, 3.0, &[("cours", 30.0)], false),
        ("1/6", "Évolution des pratiques de l'intervention sociale", 1, 4.0, &[("cours", 45.0)], false),
        ("1/7", "Analyse des organisations", 1, 3.0, &[("cours", 30.0)], false),
        ("1/8", "Piloter une organisation, partie 1", 1, 9.0, &[("cours", 45.0), ("tp", 30.0)], false),
        ("1/9", "Pratiquer et utiliser la recherche", 1, 9.0, &[("cours", 30.0), ("tp", 45.0)], true),
        ("1/10", "Concevoir et mener des projets", 1, 9.0, &[("cours", 30.0), ("tp", 45.0)], true),
        ("1/11", "Identités professionnelles", 1, 3.0, &[("seminaire", 30.0)], true),
        ("1/13", "Droit des associations", 1, 3.0, &[("cours", 45.0)], false),
        ("1/14", "Approche de la gestion financière", 1, 3.0, &[("cours", 30.0)], false),
    ];
    const B2: [Row; 9] = [
        ("2/1", "Politiques sociales de l'Europe au local", 2, 6.0, &[("cours", 75.0)], true),
        ("2/2", "Philosophie sociale et éthique", 2, 3.0, &[("cours", 30.0)], true),
        ("2/3", "Analyse critique des politiques et pratiques sociales", 2, 3.0, &[("cours", 30.0)], true),
        ("2/4", "Management collaboratif", 2, 3.0, &[("cours", 30.0)], false),
        ("2/5", "Démarche prospective et outils d'évaluation", 2, 3.0, &[("cours", 30.0)], false),
        ("2/6", "Communication et marketing", 2, 7.0, &[("cours", 75.0)], true),
        ("2/7", "Gestion financière des institutions 2", 2, 2.0, &[("cours", 30.0)], false),
        ("2/8", "Droit social", 2, 3.0, &[("cours", 30.0)], false),
        ("2/11", "Identités professionnelles", 2, 4.0, &[("seminaire", 75.0)], true),
    ];
    let note =
        "Hours and credits from the programme's UE table; period (when not annual), site and teachers generated.";
    let mut b1_acts = Vec::new();
    let mut bridging = Vec::new();
    let mut b2_acts = Vec::new();
    let mut ue_of = std::collections::BTreeMap::new();
    for (rows, block) in [(&B1[..], 1), (&B2[..], 2)] {
        // One-quadrimester UEs go to the lighter quadrimester so far.
        let mut load = [0.0f64; 2];
        let mut order: Vec<usize> = (0..rows.len()).collect();
        for i in (1..order.len()).rev() {
            order.swap(i, b.rng.below(i + 1));
        }
        let mut period = vec![Period::Annual; rows.len()];
        for &i in &order {
            let (code, _, _, _, parts, annual) = rows[i];
            let hours: f64 = parts.iter().map(|p| p.1).sum();
            if annual {
                load[0] += hours / 2.0;
                load[1] += hours / 2.0;
            } else if code == "1/1" || code == "1/2" || code == "1/3" {
                period[i] = Period::Q1;
            } else {
                let k = if load[0] <= load[1] { 0 } else { 1 };
                load[k] += hours;
                period[i] = if k == 0 { Period::Q1 } else { Period::Q2 };
            }
        }
        for (i, &(code, title, blk, credits, parts, annual)) in rows.iter().enumerate() {
            let is_bridge = matches!(code, "1/1" | "1/2" | "1/3");
            let u = b.ue(&format!("IAS {code}"), title, Some(blk), credits, period[i], note);
            let _ = ue_of.insert(code, u);
            let cohort = if is_bridge {
                bridge
            } else if block == 1 {
                b1
            } else {
                b2
            };
            let t = b.teacher();
            for &(kind, hours) in parts {
                let site = match b.rng.below(10) {
                    0 => Where::AnyOf(vec![sa, sb]),
                    k if k < 5 => Where::Fixed(sa),
                    _ => Where::Fixed(sb),
                };
                let freq = if !annual && b.rng.chance(0.6) { Frequency::Weekly } else { Frequency::Any };
                let t = if parts.len() > 1 && kind != "cours" && b.rng.chance(0.5) { b.teacher() } else { t };
                let suffix = format!(
                    "ias-{}{}",
                    code.replace('/', "-"),
                    if parts.len() > 1 { format!("-{kind}") } else { String::new() }
                );
                let a = b.act(u, &suffix, kind, hours, 4.0, vec![t], vec![cohort], site, freq);
                match (is_bridge, block) {
                    (true, _) => bridging.push(a),
                    (false, 1) => b1_acts.push(a),
                    _ => b2_acts.push(a),
                }
            }
        }
    }
    let stage1 =
        b.ue("IAS 1/12", "Stage", Some(1), 11.0, Period::Annual, "Placement of 130 hours, co-requisite of UE 1/11.");
    b.corequisites(ue_of["1/11"], stage1);
    let u = b.ue(
        "IAS AT-NUM",
        "Ateliers pré-requis: environnement numérique",
        None,
        0.0,
        Period::Q1,
        "Optional workshop for blocks 1 and 2.",
    );
    let t = b.teacher();
    let workshop = b.act(u, "ias-at-num", "atelier", 12.0, 4.0, vec![t], vec![num], Where::Fixed(sa), Frequency::Any);
    let u = b.ue(
        "IAS 2/9",
        "Encadrement minimal",
        Some(2),
        16.0,
        Period::Annual,
        "Dissertation supervision (200 h) as one seminar per supervision group.",
    );
    let per_group = ((200.0 / f64::from(groups)) * 2.0).floor() / 2.0;
    let mut group_acts = Vec::new();
    for (g, &c) in gs.iter().enumerate() {
        let t = b.teacher();
        let site = if g % 2 == 0 { Where::Fixed(sa) } else { Where::Fixed(sb) };
        group_acts.push(b.act(
            u,
            &format!("ias-2-9-g{}", g + 1),
            "seminaire",
            per_group,
            4.0,
            vec![t],
            vec![c],
            site,
            Frequency::Any,
        ));
    }
    b.corequisites(u, ue_of["2/11"]);
    let stage2 =
        b.ue("IAS 2/10", "Stage (projet/recherche/gestion)", Some(2), 10.0, Period::Annual, "Placement of 120 hours.");
    let q1 = b.placement(stage1, b1, 130, (date(2025, 10, 6), date(2026, 6, 30)), 16, &[b1], cities);
    let q2 = b.placement(stage2, b2, 120, (date(2025, 9, 22), date(2026, 5, 23)), 16, &gs, cities);
    // Bridging students follow block 1 and the bridging UEs; the optional
    // workshop is taken by some students of both blocks.
    let firsts = b.students_of(q1, b1);
    let n_bridge = b.spec.cohorts[bridge.index()].students as usize;
    for s in firsts.iter().take(n_bridge) {
        b.enrol(s.clone(), bridging.iter().chain(&b1_acts).copied().collect());
    }
    for s in firsts.iter().skip(n_bridge).take(6) {
        b.enrol(s.clone(), std::iter::once(workshop).chain(b1_acts.iter().copied()).collect());
    }
    for (g, &c) in gs.iter().enumerate() {
        if let Some(s) = b.students_of(q2, c).first() {
            let mut acts = vec![workshop, group_acts[g]];
            acts.extend(&b2_acts);
            b.enrol(s.clone(), acts);
        }
    }
}

fn ortho(b: &mut Prog<'_>, sites: &[SiteId], cities: &[usize]) {
    let focus = pick(b.rng, &ORTHO_FOCUS);
    b.programme(
        "or",
        format!("Master en sciences psychologiques, finalité {focus} (horaire de jour) — {} (fictif)", b.prefix),
        vec![
            (MON_FRI.to_vec(), hm(8, 30), hm(11, 30)),
            (MON_FRI.to_vec(), hm(13, 0), hm(16, 0)),
            (MON_FRI.to_vec(), hm(16, 15), hm(18, 15)),
        ],
        None,
    );
    let k = between(b.rng, 4, 6) as usize;
    let first = b.rng.below(ORTHO_MODULES.len());
    let titles: Vec<&str> = (0..k).map(|i| ORTHO_MODULES[(first + i) % ORTHO_MODULES.len()]).collect();
    let sizes1: Vec<u32> = (0..k).map(|_| between(b.rng, 5, 9)).collect();
    let sizes2: Vec<u32> = (0..k).map(|_| between(b.rng, 5, 8)).collect();
    let m1 = b.cohort("m1", format!("Bloc 1 — {focus}"), sizes1.iter().sum(), None);
    let c1: Vec<CohortId> = (0..k)
        .map(|i| b.cohort(&format!("m1-mod{}", i + 1), format!("Bloc 1 — module {}", titles[i]), sizes1[i], Some(m1)))
        .collect();
    let m2 = b.cohort("m2", format!("Bloc 2 — {focus}"), sizes2.iter().sum(), None);
    let c2: Vec<CohortId> = (0..k)
        .map(|i| b.cohort(&format!("m2-mod{}", i + 1), format!("Bloc 2 — module {}", titles[i]), sizes2[i], Some(m2)))
        .collect();
    let main = Where::Fixed(sites[0]);
    use Frequency::{Any, Fortnightly, Weekly};
    let u = b.ue("OR 1/1", "Psychodiagnostic clinique", Some(1), 10.0, Period::Q1, INVENTED);
    let (h, t) = (b.vary(30.0), b.teacher());
    b.act(u, "or-1-1-cours", "cours", h, 3.0, vec![t], vec![m1], main.clone(), Weekly);
    let (h, t) = (b.vary(30.0), b.teacher());
    b.act(u, "or-1-1-tp", "tp", h, 3.0, vec![t], vec![m1], main.clone(), Weekly);
    let u = b.ue("OR 1/2", "Séminaire de mémoire", Some(1), 5.0, Period::Annual, INVENTED);
    let (h, t) = (b.vary(20.0), b.teacher());
    b.act(u, "or-1-2", "seminaire", h, 2.0, vec![t], vec![m1], main.clone(), Fortnightly);
    let u = b.ue("OR 1/3", "Orthopédagogie clinique: fondements", Some(1), 5.0, Period::Q1, INVENTED);
    let (h, t) = (b.vary(30.0), b.teacher());
    b.act(u, "or-1-3", "cours", h, 3.0, vec![t], vec![m1], main.clone(), Weekly);
    let u = b.ue("OR 1/4", "Évaluation et intervention", Some(1), 5.0, Period::Q2, INVENTED);
    let (h, t) = (b.vary(20.0), b.teacher());
    b.act(u, "or-1-4-cours", "cours", h, 3.0, vec![t], vec![m1], main.clone(), Weekly);
    let (h, t) = (b.vary(20.0), b.teacher());
    b.act(u, "or-1-4-tp", "tp", h, 3.0, vec![t], vec![m1], main.clone(), Any);
    let u = b.ue("OR 1/5", "Handicap, inclusion et qualité de vie", Some(1), 5.0, Period::Q2, INVENTED);
    let (h, t) = (b.vary(30.0), b.teacher());
    b.act(u, "or-1-5", "cours", h, 3.0, vec![t], vec![m1], main.clone(), Weekly);
    let stage1 = b.ue("OR 1/6", "Stage clinique I (400 h)", Some(1), 15.0, Period::Annual, "Placement of 400 hours.");
    // The first three modules are one on each site.
    let turn = b.rng.below(3);
    for (i, title) in titles.iter().enumerate() {
        let site = match (i, b.rng.below(4)) {
            (0..3, _) => Where::Fixed(sites[(i + turn) % 3]),
            (_, 0) => Where::AnyOf(vec![sites[0], sites[1]]),
            (_, r) => Where::Fixed(sites[r - 1]),
        };
        let (t1, t2) = (b.teacher(), b.teacher());
        for (blk, c) in [(1, c1[i]), (2, c2[i])] {
            let code = format!("OR M{}-{blk}", i + 1);
            let u = b.ue(
                &code,
                &format!("Module {title} ({})", if blk == 1 { "I" } else { "II" }),
                Some(blk),
                15.0,
                Period::Annual,
                INVENTED,
            );
            let h = b.vary(45.0);
            b.act(u, &format!("or-m{}-{blk}-cours", i + 1), "cours", h, 3.0, vec![t1], vec![c], site.clone(), Weekly);
            let h = b.vary(30.0);
            b.act(
                u,
                &format!("or-m{}-{blk}-seminaire", i + 1),
                "seminaire",
                h,
                2.0,
                vec![t2],
                vec![c],
                site.clone(),
                Any,
            );
        }
    }
    let stage2 = b.ue("OR 2/1", "Stage clinique II (400 h)", Some(2), 15.0, Period::Annual, "Placement of 400 hours.");
    let u = b.ue("OR 2/2", "Mémoire", Some(2), 30.0, Period::Annual, INVENTED);
    let (h, t) = (b.vary(20.0), b.teacher());
    b.act(u, "or-2-2", "seminaire", h, 2.0, vec![t], vec![m2], main, Fortnightly);
    b.placement(stage1, m1, 400, (date(2026, 2, 2), date(2026, 8, 28)), 24, &c1, cities);
    b.placement(stage2, m2, 400, (date(2025, 9, 22), date(2026, 5, 23)), 24, &c2, cities);
}

fn acc(b: &mut Prog<'_>, sites: &[SiteId]) {
    let (sa, sb) = (sites[0], sites[1]);
    let title = pick(b.rng, &ACC_TITLES);
    let evenings =
        pick(b.rng, &[[Weekday::Tue, Weekday::Thu], [Weekday::Mon, Weekday::Wed], [Weekday::Tue, Weekday::Fri]]);
    b.programme(
        "acc",
        format!("Master de spécialisation en {title} — {} (fictif)", b.prefix),
        vec![
            (evenings.to_vec(), hm(18, 0), hm(21, 15)),
            (vec![Weekday::Sat], hm(9, 0), hm(12, 30)),
            (vec![Weekday::Sat], hm(13, 30), hm(17, 0)),
        ],
        Some(3),
    );
    let n = between(b.rng, 22, 30);
    let p = b.cohort("p", format!("Promotion 2025-2026 — {title}"), n, None);
    let sante = b.cohort("p-opt1", "Option santé et éducation".into(), n / 2, Some(p));
    let mgmt = b.cohort("p-opt2", "Option management et secteur social".into(), n - n / 2, Some(p));
    use Frequency::{Any, Fortnightly};
    let mut acts = Vec::new();
    for (i, theme) in ACC_THEMES.iter().enumerate() {
        let q = if i % 2 == 0 { Period::Q1 } else { Period::Q2 };
        let u = b.ue(&format!("ACC {}", i + 1), theme, Some(1), 4.0, q, INVENTED);
        let site = if b.rng.chance(0.5) { Where::Fixed(sa) } else { Where::Fixed(sb) };
        let (h, t) = (pick(b.rng, &[13.0, 16.25, 16.25, 19.5]), b.teacher());
        let freq = if b.rng.chance(0.5) { Frequency::Weekly } else { Any };
        let kind = pick(b.rng, &["cours", "seminaire", "atelier"]);
        acts.push(b.act(u, &format!("acc-{}", i + 1), kind, h, 3.25, vec![t], vec![p], site, freq));
    }
    let u = b.ue(
        "ACC 9",
        "Séminaire d'intégration",
        Some(1),
        6.0,
        Period::Annual,
        "Runs all year, alternating between the two sites.",
    );
    let (t1, t2) = (b.teacher(), b.new_teacher(false));
    let h = b.vary(19.5);
    acts.push(b.act(u, "acc-9", "seminaire", h, 3.25, vec![t1, t2], vec![p], Where::Alternate(sb, sa), Fortnightly));
    let u = b.ue(
        "ACC 10",
        "Séminaire international (clôture du séminaire d'intégration)",
        Some(1),
        2.0,
        Period::Dates(DateRange { from: date(2026, 5, 9), to: date(2026, 5, 23) }),
        "Ends the integration seminar.",
    );
    acts.push(b.act(u, "acc-10", "seminaire", 7.0, 3.5, vec![t1], vec![p], Where::Fixed(sb), Any));
    let mut options = Vec::new();
    for (suffix, name, c) in
        [("11a", "Option santé et éducation", sante), ("11b", "Option management et secteur social", mgmt)]
    {
        let u = b.ue(&format!("ACC {suffix}"), name, Some(1), 5.0, Period::Q2, INVENTED);
        let (h, t) = (b.vary(19.5), b.teacher());
        let site = if suffix == "11a" { Where::Fixed(sa) } else { Where::Fixed(sb) };
        options.push(b.act(u, &format!("acc-{suffix}"), "cours", h, 3.25, vec![t], vec![c], site, Any));
    }
    let u =
        b.ue("ACC 12", "Séminaire de méthodologie de la recherche (mémoire)", Some(1), 5.0, Period::Annual, INVENTED);
    let t = b.teacher();
    acts.push(b.act(u, "acc-12", "seminaire", 13.0, 3.25, vec![t], vec![p], Where::AnyOf(vec![sb, sa]), Fortnightly));
    let _ = b.ue("ACC 13", "Mémoire", Some(1), 10.0, Period::Annual, "Supervised individually: no timetabled session.");
    // Allègement: students spread the year over two, half of it each year.
    let first_year: Vec<ActivityId> = acts.iter().copied().step_by(2).collect();
    for i in 1..=8 {
        let option = options[i % 2];
        let list = if i <= 4 {
            first_year.iter().copied().chain([option]).collect()
        } else {
            acts.iter().copied().chain([option]).collect()
        };
        b.enrol(format!("{}-e{i:02}", b.prefix), list);
    }
}
