//! Solutions in the competition's XML format: `<solution name runtime
//! cores technique author institution country>` with one `<class id days
//! start weeks room>` per class and its `<student id>` children.

use super::instance::{
    ClassId, Instance, Located, Problems, RoomId, StudentId, XmlError, children, parse_xml, read_text,
};
use std::fmt::Write as _;
use std::path::Path;

/// What a solution says about one class. The length is not in the file:
/// it comes from the class's time with these days, start and weeks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placed {
    /// Days of the week (bit set).
    pub days: u32,
    /// Start slot.
    pub start: u32,
    /// Weeks of the term (bit set).
    pub weeks: u64,
    /// The room, when one is given.
    pub room: Option<RoomId>,
    /// Students enrolled, in file order.
    pub students: Vec<StudentId>,
}

/// The descriptive attributes of a solution.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Meta {
    /// Solver run time in seconds.
    pub runtime: f64,
    /// CPU cores used.
    pub cores: u32,
    /// Name of the technique.
    pub technique: String,
    /// Author.
    pub author: String,
    /// Institution.
    pub institution: String,
    /// Country.
    pub country: String,
}

/// A (possibly partial or infeasible) solution: for each class of the
/// instance (indexed by [`ClassId`]), what the file says about it.
#[derive(Debug, Clone, PartialEq)]
pub struct Solution {
    /// The instance name the solution claims.
    pub name: String,
    /// Descriptive attributes.
    pub meta: Meta,
    /// `classes[c]`: the placement of class `c`, `None` when missing.
    pub classes: Vec<Option<Placed>>,
}

fn bit_string(bits: u64, len: u32) -> String {
    (0..len).map(|i| if bits >> i & 1 == 1 { '1' } else { '0' }).collect()
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

impl Solution {
    /// The competition XML, classes in instance order, students sorted by
    /// their position in the instance, so equal solutions give equal bytes.
    pub fn to_xml(&self, inst: &Instance) -> String {
        let mut s = String::new();
        s.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        s.push_str("<!DOCTYPE solution PUBLIC \"-//ITC 2019//DTD Problem Format/EN\" \"http://www.itc2019.org/competition-format.dtd\">\n");
        let m = &self.meta;
        let _ = writeln!(
            s,
            "<solution name=\"{}\" runtime=\"{:.1}\" cores=\"{}\" technique=\"{}\" author=\"{}\" institution=\"{}\" country=\"{}\">",
            escape(&self.name),
            m.runtime,
            m.cores,
            escape(&m.technique),
            escape(&m.author),
            escape(&m.institution),
            escape(&m.country)
        );
        for (i, p) in self.classes.iter().enumerate() {
            let Some(p) = p else { continue };
            let _ = write!(
                s,
                "  <class id=\"{}\" days=\"{}\" start=\"{}\" weeks=\"{}\"",
                escape(&inst.classes[i].name),
                bit_string(p.days as u64, inst.nr_days),
                p.start,
                bit_string(p.weeks, inst.nr_weeks)
            );
            if let Some(r) = p.room {
                let _ = write!(s, " room=\"{}\"", escape(&inst.rooms[r.ix()].name));
            }
            if p.students.is_empty() {
                s.push_str("/>\n");
            } else {
                s.push_str(">\n");
                let mut st = p.students.clone();
                st.sort();
                for x in st {
                    let _ = writeln!(s, "    <student id=\"{}\"/>", escape(&inst.students[x.ix()].name));
                }
                s.push_str("  </class>\n");
            }
        }
        s.push_str("</solution>\n");
        s
    }
}

/// Reads a solution file against its instance.
pub fn read_solution(inst: &Instance, path: &Path) -> Result<Solution, XmlError> {
    let text = read_text(path)?;
    parse_solution(inst, &text).map_err(|problems| XmlError::Malformed { file: path.to_path_buf(), problems })
}

/// Parses a solution's text against an instance. Unknown class, room or
/// student ids and malformed attributes are located problems; a class
/// missing from the file, or at a time or in a room it does not allow, is
/// left to the evaluator, which names it as a hard violation.
pub fn parse_solution(inst: &Instance, text: &str) -> Result<Solution, Vec<Located>> {
    let doc = parse_xml(text)?;
    let mut pr = Problems::new(&doc);
    let root = doc.root_element();
    if root.tag_name().name() != "solution" {
        pr.at(root, format!("expected the root element <solution>, found <{}>", root.tag_name().name()));
        return Err(pr.list);
    }
    let name = root.attribute("name").unwrap_or("").to_string();
    if name != inst.name {
        pr.at(root, format!("solution is for instance `{name}`, not `{}`", inst.name));
    }
    let meta = Meta {
        runtime: root.attribute("runtime").and_then(|v| v.trim().parse().ok()).unwrap_or(0.0),
        cores: root.attribute("cores").and_then(|v| v.trim().parse().ok()).unwrap_or(1),
        technique: root.attribute("technique").unwrap_or("").to_string(),
        author: root.attribute("author").unwrap_or("").to_string(),
        institution: root.attribute("institution").unwrap_or("").to_string(),
        country: root.attribute("country").unwrap_or("").to_string(),
    };
    let class_ix = inst.class_index();
    let room_ix = inst.room_index();
    let student_ix = inst.student_index();
    let mut classes: Vec<Option<Placed>> = vec![None; inst.classes.len()];
    for cn in children(root, "class") {
        let Some(cid) = pr.text(cn, "id") else { continue };
        let Some(&c) = class_ix.get(cid) else {
            pr.at(cn, format!("unknown class `{cid}`"));
            continue;
        };
        let t = pr.time(cn, inst.nr_days, inst.nr_weeks, false);
        let room = match cn.attribute("room") {
            None => Some(None),
            Some(r) => match room_ix.get(r) {
                Some(&r) => Some(Some(r)),
                None => {
                    pr.at(cn, format!("class `{cid}`: unknown room `{r}`"));
                    None
                }
            },
        };
        let mut students = Vec::new();
        for sn in children(cn, "student") {
            let Some(sid) = pr.text(sn, "id") else { continue };
            match student_ix.get(sid) {
                Some(&s) => students.push(s),
                None => pr.at(sn, format!("class `{cid}`: unknown student `{sid}`")),
            }
        }
        if classes[c.ix()].is_some() {
            pr.at(cn, format!("class `{cid}` appears twice"));
            continue;
        }
        if let (Some(t), Some(room)) = (t, room) {
            classes[c.ix()] = Some(Placed { days: t.days, start: t.start, weeks: t.weeks, room, students });
        }
    }
    if !pr.list.is_empty() {
        return Err(pr.list);
    }
    Ok(Solution { name, meta, classes })
}

/// Which class a placement belongs to, for callers iterating a solution.
pub fn placed(sol: &Solution) -> impl Iterator<Item = (ClassId, &Placed)> {
    sol.classes.iter().enumerate().filter_map(|(i, p)| p.as_ref().map(|p| (ClassId(i as u32), p)))
}
