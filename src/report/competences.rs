//! Competences: for every programme that gives a competence framework
//! (`programmes[].competences`), the hours and credits of the UEs that
//! develop each competence (`ues[].competences`), per block; the
//! competences no UE develops; and the UEs that name none.
//!
//! A UE's hours are those of its meetings in the timetable (a placement UE
//! without sessions has none); a UE that develops several competences
//! counts its hours and credits in full for each of them.

use super::{Cell, Column, Meeting, Report, Table};
use crate::model::{Instance, ProgrammeId, UeId};

/// The competences report's data.
#[derive(Debug, Clone, PartialEq)]
pub struct Competences {
    /// The programmes with a framework, in the instance's order.
    pub programmes: Vec<ProgrammeCompetences>,
    /// Minutes of the timetable per UE, indexed like the instance's UEs.
    pub ue_minutes: Vec<u32>,
}

/// One programme's framework and how its UEs develop it.
#[derive(Debug, Clone, PartialEq)]
pub struct ProgrammeCompetences {
    /// The programme.
    pub programme: ProgrammeId,
    /// The blocks of its UEs, ascending; `None` (no block) last.
    pub blocks: Vec<Option<u32>>,
    /// Its UEs, in the instance's order.
    pub ues: Vec<UeId>,
    /// One entry per competence of the framework, in its order.
    pub competences: Vec<Development>,
}

/// How one competence is developed.
#[derive(Debug, Clone, PartialEq)]
pub struct Development {
    /// The UEs that develop it, in the instance's order.
    pub ues: Vec<UeId>,
    /// Minutes of those UEs per block (as [`ProgrammeCompetences::blocks`]).
    pub minutes: Vec<u32>,
    /// Credits of those UEs per block.
    pub credits: Vec<f64>,
}

/// Computes, for every programme with a framework, the hours and credits
/// that develop each competence.
pub fn competences(inst: &Instance, meetings: &[Meeting]) -> Competences {
    let mut ue_minutes = vec![0; inst.ues.len()];
    for m in meetings {
        ue_minutes[inst.activities[m.activity.index()].ue.index()] += m.minutes();
    }
    let programmes = (0..inst.programmes.len())
        .filter(|&p| inst.extensions.competences.get(p).is_some_and(|f| !f.is_empty()))
        .map(|p| {
            let programme = ProgrammeId::from_index(p);
            let ues: Vec<UeId> =
                (0..inst.ues.len()).filter(|&u| inst.ues[u].programme == programme).map(UeId::from_index).collect();
            let mut blocks: Vec<Option<u32>> = ues.iter().map(|u| inst.ues[u.index()].block).collect();
            blocks.sort_by_key(|b| (b.is_none(), *b));
            blocks.dedup();
            let competences = (0..inst.extensions.competences[p].len())
                .map(|c| {
                    let mine: Vec<UeId> = ues
                        .iter()
                        .copied()
                        .filter(|u| inst.extensions.ue_competences.get(u.index()).is_some_and(|l| l.contains(&c)))
                        .collect();
                    let mut minutes = vec![0; blocks.len()];
                    let mut credits = vec![0.0; blocks.len()];
                    for u in &mine {
                        let ue = &inst.ues[u.index()];
                        let b = blocks.iter().position(|&b| b == ue.block).unwrap_or(0);
                        minutes[b] += ue_minutes[u.index()];
                        credits[b] += ue.credits.unwrap_or(0.0);
                    }
                    Development { ues: mine, minutes, credits }
                })
                .collect();
            ProgrammeCompetences { programme, blocks, ues, competences }
        })
        .collect();
    Competences { programmes, ue_minutes }
}

fn block_label(b: Option<u32>) -> String {
    b.map_or_else(|| "No block".to_string(), |b| format!("Block {b}"))
}

impl Competences {
    /// The report's tables.
    pub fn report(&self, inst: &Instance) -> Report {
        let mut tables = Vec::new();
        let mut undeveloped = Vec::new();
        let mut without = Vec::new();
        for p in &self.programmes {
            let prog = &inst.programmes[p.programme.index()];
            let framework = &inst.extensions.competences[p.programme.index()];
            let mut columns = vec![Column::text("Competence")];
            for &b in &p.blocks {
                columns.push(Column::number(&format!("{} hours", block_label(b))));
                columns.push(Column::number(&format!("{} credits", block_label(b))));
            }
            columns.push(Column::text("UEs"));
            columns.push(Column::text("Title"));
            let rows = p
                .competences
                .iter()
                .enumerate()
                .map(|(c, d)| {
                    let mut row = vec![Cell::text(&framework[c].id)];
                    for b in 0..p.blocks.len() {
                        row.push(Cell::Hours(d.minutes[b]));
                        row.push(Cell::Decimal(d.credits[b]));
                    }
                    let codes: Vec<&str> = d.ues.iter().map(|u| inst.ues[u.index()].code.as_str()).collect();
                    row.push(Cell::text(codes.join(", ")));
                    row.push(Cell::text(&framework[c].title));
                    row
                })
                .collect();
            tables.push(Table {
                key: format!("per-competence-{}", prog.id),
                title: format!("Hours and credits per competence — {}", prog.name),
                columns,
                rows,
                total: None,
                note: None,
            });

            let mut columns =
                vec![Column::text("UE"), Column::number("Block"), Column::number("Credits"), Column::number("Hours")];
            columns.extend(framework.iter().map(|c| Column::text(&c.id)));
            let rows = p
                .ues
                .iter()
                .map(|&u| {
                    let ue = &inst.ues[u.index()];
                    let mine = inst.extensions.ue_competences.get(u.index());
                    let mut row = vec![
                        Cell::text(&ue.code),
                        ue.block.map_or(Cell::Empty, |b| Cell::Count(u64::from(b))),
                        ue.credits.map_or(Cell::Empty, Cell::Decimal),
                        Cell::Hours(self.ue_minutes[u.index()]),
                    ];
                    row.extend(
                        (0..framework.len())
                            .map(|c| if mine.is_some_and(|l| l.contains(&c)) { Cell::text("x") } else { Cell::Empty }),
                    );
                    row
                })
                .collect();
            tables.push(Table {
                key: format!("per-ue-{}", prog.id),
                title: format!("Competences each UE develops — {}", prog.name),
                columns,
                rows,
                total: None,
                note: None,
            });

            for (c, d) in p.competences.iter().enumerate() {
                if d.ues.is_empty() {
                    undeveloped.push(vec![
                        Cell::text(&prog.id),
                        Cell::text(&framework[c].id),
                        Cell::text(&framework[c].title),
                    ]);
                }
            }
            for &u in &p.ues {
                if inst.extensions.ue_competences.get(u.index()).is_none_or(Vec::is_empty) {
                    let ue = &inst.ues[u.index()];
                    without.push(vec![
                        Cell::text(&prog.id),
                        Cell::text(&ue.code),
                        ue.credits.map_or(Cell::Empty, Cell::Decimal),
                        Cell::Hours(self.ue_minutes[u.index()]),
                        Cell::text(&ue.title),
                    ]);
                }
            }
        }
        let none = self.programmes.is_empty();
        tables.push(Table {
            key: "undeveloped".into(),
            title: "Competences no UE develops".into(),
            columns: vec![Column::text("Programme"), Column::text("Competence"), Column::text("Title")],
            note: undeveloped.is_empty().then(|| {
                if none {
                    "No programme of the instance gives a competence framework (programmes[].competences).".into()
                } else {
                    "Every competence is developed by at least one UE.".into()
                }
            }),
            rows: undeveloped,
            total: None,
        });
        tables.push(Table {
            key: "ues-without".into(),
            title: "UEs that name no competence".into(),
            columns: vec![
                Column::text("Programme"),
                Column::text("UE"),
                Column::number("Credits"),
                Column::number("Hours"),
                Column::text("Title"),
            ],
            note: without.is_empty().then(|| "Every UE names at least one competence.".into()),
            rows: without,
            total: None,
        });
        Report {
            title: "Competences".into(),
            instance: inst.name.clone(),
            notes: vec![
                "Hours: the meetings of the UE in the timetable (a placement without sessions has none); a UE that \
                 develops several competences counts in full for each."
                    .into(),
            ],
            tables,
        }
    }
}
