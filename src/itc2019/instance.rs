//! The ITC2019 problem (typed, `Copy` index ids instead of the file's
//! strings) and its XML reader. Every problem found in a file is reported
//! with its line and column.

use roxmltree::{Document, Node};
use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};

macro_rules! id_type {
    ($(#[$m:meta])* $name:ident) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(pub u32);
        impl $name {
            /// The id as an index into the instance's vector.
            pub fn ix(self) -> usize {
                self.0 as usize
            }
        }
    };
}

id_type!(
    /// A class (index into [`Instance::classes`]).
    ClassId
);
id_type!(
    /// A room (index into [`Instance::rooms`]).
    RoomId
);
id_type!(
    /// A course (index into [`Instance::courses`]).
    CourseId
);
id_type!(
    /// A configuration (index into [`Instance::configs`]).
    ConfigId
);
id_type!(
    /// A subpart (index into [`Instance::subparts`]).
    SubpartId
);
id_type!(
    /// A student (index into [`Instance::students`]).
    StudentId
);

/// A meeting pattern: days of the week and weeks of the term as bit sets
/// (bit `d` is the `d`-th character of the file's bit string), a start
/// slot and a length in slots.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Time {
    /// Days of the week (bit `d` set: meets on day `d`).
    pub days: u32,
    /// First slot of the day.
    pub start: u32,
    /// Number of slots.
    pub length: u32,
    /// Weeks of the term (bit `w` set: meets in week `w`).
    pub weeks: u64,
}

impl Time {
    /// The slot just after the meeting.
    pub fn end(&self) -> u32 {
        self.start + self.length
    }

    /// Whether the two share a week and a day (time of day not looked at).
    pub fn same_day(&self, o: &Time) -> bool {
        self.days & o.days != 0 && self.weeks & o.weeks != 0
    }

    /// Whether the two meet at once at least once: a common week, a common
    /// day and overlapping slots.
    pub fn overlaps(&self, o: &Time) -> bool {
        self.same_day(o) && o.start < self.end() && self.start < o.end()
    }
}

/// A room.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Room {
    /// The id in the file.
    pub name: String,
    /// Seats.
    pub capacity: u32,
    /// Times the room cannot be used.
    pub unavailable: Vec<Time>,
}

/// A class: one event of a subpart, placed at one of its times and in one
/// of its rooms (or in no room when it needs none).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Class {
    /// The id in the file.
    pub name: String,
    /// Its subpart.
    pub subpart: SubpartId,
    /// A class every student of this one must also attend.
    pub parent: Option<ClassId>,
    /// At most this many students.
    pub limit: u32,
    /// Whether the class needs a room (`room="false"` in the file: no).
    pub needs_room: bool,
    /// Allowed rooms with their penalties.
    pub rooms: Vec<(RoomId, u32)>,
    /// Allowed times with their penalties.
    pub times: Vec<(Time, u32)>,
}

/// A subpart: its classes are alternatives, a student takes one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subpart {
    /// The id in the file.
    pub name: String,
    /// Its configuration.
    pub config: ConfigId,
    /// Its classes in file order.
    pub classes: Vec<ClassId>,
}

/// A configuration of a course: a student takes one class of each subpart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// The id in the file.
    pub name: String,
    /// Its course.
    pub course: CourseId,
    /// Its subparts in file order.
    pub subparts: Vec<SubpartId>,
}

/// A course: a student takes exactly one of its configurations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Course {
    /// The id in the file.
    pub name: String,
    /// Its configurations in file order.
    pub configs: Vec<ConfigId>,
}

/// A student and the courses they take.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Student {
    /// The id in the file.
    pub name: String,
    /// Requested courses in file order.
    pub courses: Vec<CourseId>,
}

/// The 19 kinds of distribution constraint, with their parameters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// Same start slot.
    SameStart,
    /// One inside the other within the day.
    SameTime,
    /// No overlap within the day.
    DifferentTime,
    /// Days of one a subset of the other's.
    SameDays,
    /// No common day.
    DifferentDays,
    /// Weeks of one a subset of the other's.
    SameWeeks,
    /// No common week.
    DifferentWeeks,
    /// Meet at once at least once.
    Overlap,
    /// Never meet at once.
    NotOverlap,
    /// Same room.
    SameRoom,
    /// Different rooms.
    DifferentRoom,
    /// No overlap, travel time between rooms respected.
    SameAttendees,
    /// First meetings in the listed order.
    Precedence,
    /// At most S slots from the first start to the last end on a day.
    WorkDay(u32),
    /// At least G slots between classes on the same day.
    MinGap(u32),
    /// At most D days of the week used.
    MaxDays(u32),
    /// At most S slots of classes per day.
    MaxDayLoad(u32),
    /// At most R breaks (gaps over S slots) per day.
    MaxBreaks(u32, u32),
    /// Blocks (gaps of at most S) of at most M slots.
    MaxBlock(u32, u32),
}

impl Kind {
    /// Whether the constraint is evaluated on pairs of classes (each
    /// violating pair costs the penalty once).
    pub fn is_pairwise(self) -> bool {
        !matches!(self, Kind::MaxDays(_) | Kind::MaxDayLoad(_) | Kind::MaxBreaks(..) | Kind::MaxBlock(..))
    }

    /// Whether only the classes' times matter (not their rooms).
    pub fn time_only(self) -> bool {
        !matches!(self, Kind::SameRoom | Kind::DifferentRoom | Kind::SameAttendees)
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Kind::WorkDay(s) => write!(f, "WorkDay({s})"),
            Kind::MinGap(g) => write!(f, "MinGap({g})"),
            Kind::MaxDays(d) => write!(f, "MaxDays({d})"),
            Kind::MaxDayLoad(s) => write!(f, "MaxDayLoad({s})"),
            Kind::MaxBreaks(r, s) => write!(f, "MaxBreaks({r},{s})"),
            Kind::MaxBlock(m, s) => write!(f, "MaxBlock({m},{s})"),
            other => write!(f, "{other:?}"),
        }
    }
}

/// A distribution constraint between classes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Distribution {
    /// Its kind and parameters.
    pub kind: Kind,
    /// The classes in file order (the order matters for `Precedence`).
    pub classes: Vec<ClassId>,
    /// Hard (`required="true"`) or soft.
    pub required: bool,
    /// The penalty of a soft constraint (per violating pair, day over the
    /// limit, …); 0 for a hard one.
    pub penalty: u32,
}

/// The weights of the four criteria in the total cost.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Weights {
    /// Time penalties.
    pub time: u32,
    /// Room penalties.
    pub room: u32,
    /// Soft distribution penalties.
    pub distribution: u32,
    /// Student conflicts.
    pub student: u32,
}

/// A parsed and checked ITC2019 problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Instance {
    /// The problem's name.
    pub name: String,
    /// Days in a week.
    pub nr_days: u32,
    /// Weeks in the term.
    pub nr_weeks: u32,
    /// Slots in a day.
    pub slots_per_day: u32,
    /// Criteria weights.
    pub weights: Weights,
    /// Rooms in file order.
    pub rooms: Vec<Room>,
    /// `travel[a * rooms + b]`: slots to go from room a to room b (symmetric).
    pub travel: Vec<u32>,
    /// Courses in file order.
    pub courses: Vec<Course>,
    /// Configurations in file order.
    pub configs: Vec<Config>,
    /// Subparts in file order.
    pub subparts: Vec<Subpart>,
    /// Classes in file order.
    pub classes: Vec<Class>,
    /// Distribution constraints in file order.
    pub distributions: Vec<Distribution>,
    /// Students in file order.
    pub students: Vec<Student>,
}

impl Instance {
    /// Travel time between two rooms (0 when either is missing).
    pub fn travel(&self, a: Option<RoomId>, b: Option<RoomId>) -> u32 {
        match (a, b) {
            (Some(a), Some(b)) => self.travel[a.ix() * self.rooms.len() + b.ix()],
            _ => 0,
        }
    }

    /// The course of a class.
    pub fn course_of(&self, c: ClassId) -> CourseId {
        self.configs[self.subparts[self.classes[c.ix()].subpart.ix()].config.ix()].course
    }

    /// The configuration of a class.
    pub fn config_of(&self, c: ClassId) -> ConfigId {
        self.subparts[self.classes[c.ix()].subpart.ix()].config
    }

    /// Class ids by their names in the file.
    pub fn class_index(&self) -> HashMap<&str, ClassId> {
        self.classes.iter().enumerate().map(|(i, c)| (c.name.as_str(), ClassId(i as u32))).collect()
    }

    /// Room ids by their names in the file.
    pub fn room_index(&self) -> HashMap<&str, RoomId> {
        self.rooms.iter().enumerate().map(|(i, r)| (r.name.as_str(), RoomId(i as u32))).collect()
    }

    /// Student ids by their names in the file.
    pub fn student_index(&self) -> HashMap<&str, StudentId> {
        self.students.iter().enumerate().map(|(i, s)| (s.name.as_str(), StudentId(i as u32))).collect()
    }
}

/// One located problem in an input file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    /// 1-based line (0: the whole file).
    pub line: u32,
    /// 1-based column.
    pub col: u32,
    /// What was found and what was expected.
    pub message: String,
}

/// Why an ITC2019 problem or solution file could not be used.
#[derive(Debug, thiserror::Error)]
pub enum XmlError {
    /// The file could not be read.
    #[error("{file}: cannot read: {source}")]
    Io {
        /// The file.
        file: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// The file was read but is malformed; every problem is listed.
    #[error("{}", render_problems(file, problems))]
    Malformed {
        /// The file.
        file: PathBuf,
        /// Every problem found, in file order.
        problems: Vec<Located>,
    },
}

fn render_problems(file: &Path, problems: &[Located]) -> String {
    let mut lines: Vec<String> = problems
        .iter()
        .map(|p| {
            if p.line == 0 {
                format!("{}: {}", file.display(), p.message)
            } else {
                format!("{}:{}:{}: {}", file.display(), p.line, p.col, p.message)
            }
        })
        .collect();
    lines.push(format!("{}: {} problem(s)", file.display(), problems.len()));
    lines.join("\n")
}

/// Collects located problems while walking a document.
pub(crate) struct Problems<'a> {
    doc: &'a Document<'a>,
    pub(crate) list: Vec<Located>,
}

impl<'a> Problems<'a> {
    pub(crate) fn new(doc: &'a Document<'a>) -> Self {
        Problems { doc, list: Vec::new() }
    }

    pub(crate) fn at(&mut self, node: Node, message: String) {
        let p = self.doc.text_pos_at(node.range().start);
        self.list.push(Located { line: p.row, col: p.col, message });
    }

    /// A required attribute parsed as a number.
    pub(crate) fn num<T: std::str::FromStr>(&mut self, node: Node, attr: &str) -> Option<T> {
        match node.attribute(attr) {
            None => {
                self.at(node, format!("<{}> needs attribute `{attr}`", node.tag_name().name()));
                None
            }
            Some(v) => self.parse_num(node, attr, v),
        }
    }

    /// An optional attribute parsed as a number (`default` when absent).
    pub(crate) fn num_or<T: std::str::FromStr>(&mut self, node: Node, attr: &str, default: T) -> Option<T> {
        match node.attribute(attr) {
            None => Some(default),
            Some(v) => self.parse_num(node, attr, v),
        }
    }

    fn parse_num<T: std::str::FromStr>(&mut self, node: Node, attr: &str, v: &str) -> Option<T> {
        match v.trim().parse::<T>() {
            Ok(n) => Some(n),
            Err(_) => {
                self.at(
                    node,
                    format!(
                        "<{}> attribute `{attr}`: expected a non-negative integer, found `{v}`",
                        node.tag_name().name()
                    ),
                );
                None
            }
        }
    }

    /// A required string attribute.
    pub(crate) fn text<'n>(&mut self, node: Node<'n, '_>, attr: &str) -> Option<&'n str> {
        let v = node.attribute(attr);
        if v.is_none() {
            self.at(node, format!("<{}> needs attribute `{attr}`", node.tag_name().name()));
        }
        v
    }

    /// A bit-string attribute of exactly `len` characters `0`/`1`.
    pub(crate) fn bits(&mut self, node: Node, attr: &str, len: u32) -> Option<u64> {
        let v = self.text(node, attr)?;
        if v.len() != len as usize || !v.bytes().all(|b| b == b'0' || b == b'1') {
            self.at(
                node,
                format!(
                    "<{}> attribute `{attr}`: expected {len} characters 0 or 1, found `{v}`",
                    node.tag_name().name()
                ),
            );
            return None;
        }
        Some(v.bytes().enumerate().filter(|(_, b)| *b == b'1').fold(0u64, |acc, (i, _)| acc | (1u64 << i)))
    }

    /// Days, start, weeks (and length when `with_length`) of a node.
    pub(crate) fn time(&mut self, node: Node, nr_days: u32, nr_weeks: u32, with_length: bool) -> Option<Time> {
        let days = self.bits(node, "days", nr_days);
        let start = self.num::<u32>(node, "start");
        let length = if with_length { self.num::<u32>(node, "length") } else { Some(0) };
        let weeks = self.bits(node, "weeks", nr_weeks);
        Some(Time { days: days? as u32, start: start?, length: length?, weeks: weeks? })
    }
}

/// Elements below `node` with the given tag.
pub(crate) fn children<'a, 'i>(node: Node<'a, 'i>, tag: &'static str) -> impl Iterator<Item = Node<'a, 'i>> {
    node.children().filter(move |n| n.is_element() && n.tag_name().name() == tag)
}

/// Parses an XML text, reporting a syntax error with its position.
pub(crate) fn parse_xml(text: &str) -> Result<Document<'_>, Vec<Located>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let opts = roxmltree::ParsingOptions { allow_dtd: true, ..Default::default() };
    Document::parse_with_options(text, opts).map_err(|e| {
        let p = e.pos();
        vec![Located { line: p.row, col: p.col, message: format!("malformed XML: {e}") }]
    })
}

/// Reads a file as text, or the `Io` error.
pub(crate) fn read_text(path: &Path) -> Result<String, XmlError> {
    std::fs::read_to_string(path).map_err(|source| XmlError::Io { file: path.to_path_buf(), source })
}

/// Reads and checks an ITC2019 problem file.
pub fn read_instance(path: &Path) -> Result<Instance, XmlError> {
    let text = read_text(path)?;
    parse_instance(&text).map_err(|problems| XmlError::Malformed { file: path.to_path_buf(), problems })
}

fn parse_kind(s: &str) -> Option<Kind> {
    let (name, params) = match s.find('(') {
        Some(i) if s.ends_with(')') => (&s[..i], Some(&s[i + 1..s.len() - 1])),
        Some(_) => return None,
        None => (s, None),
    };
    let nums: Vec<u32> = match params {
        None => Vec::new(),
        Some(p) => p.split(',').map(|x| x.trim().parse::<u32>().ok()).collect::<Option<Vec<_>>>()?,
    };
    let k = match (name, nums.as_slice()) {
        ("SameStart", []) => Kind::SameStart,
        ("SameTime", []) => Kind::SameTime,
        ("DifferentTime", []) => Kind::DifferentTime,
        ("SameDays", []) => Kind::SameDays,
        ("DifferentDays", []) => Kind::DifferentDays,
        ("SameWeeks", []) => Kind::SameWeeks,
        ("DifferentWeeks", []) => Kind::DifferentWeeks,
        ("Overlap", []) => Kind::Overlap,
        ("NotOverlap", []) => Kind::NotOverlap,
        ("SameRoom", []) => Kind::SameRoom,
        ("DifferentRoom", []) => Kind::DifferentRoom,
        ("SameAttendees", []) => Kind::SameAttendees,
        ("Precedence", []) => Kind::Precedence,
        ("WorkDay", [s]) => Kind::WorkDay(*s),
        ("MinGap", [g]) => Kind::MinGap(*g),
        ("MaxDays", [d]) => Kind::MaxDays(*d),
        ("MaxDayLoad", [s]) => Kind::MaxDayLoad(*s),
        ("MaxBreaks", [r, s]) => Kind::MaxBreaks(*r, *s),
        ("MaxBlock", [m, s]) => Kind::MaxBlock(*m, *s),
        _ => return None,
    };
    Some(k)
}

/// Parses the text of a problem file; on failure returns every problem.
pub fn parse_instance(text: &str) -> Result<Instance, Vec<Located>> {
    let doc = parse_xml(text)?;
    let mut pr = Problems::new(&doc);
    let root = doc.root_element();
    if root.tag_name().name() != "problem" {
        pr.at(root, format!("expected the root element <problem>, found <{}>", root.tag_name().name()));
        return Err(pr.list);
    }
    let name = pr.text(root, "name").unwrap_or("").to_string();
    let nr_days = pr.num::<u32>(root, "nrDays").unwrap_or(0);
    let nr_weeks = pr.num::<u32>(root, "nrWeeks").unwrap_or(0);
    let slots_per_day = pr.num::<u32>(root, "slotsPerDay").unwrap_or(0);
    if !(1..=32).contains(&nr_days) {
        pr.at(root, format!("nrDays must be between 1 and 32, found {nr_days}"));
    }
    if !(1..=64).contains(&nr_weeks) {
        pr.at(root, format!("nrWeeks must be between 1 and 64, found {nr_weeks}"));
    }
    if !pr.list.is_empty() {
        return Err(pr.list);
    }

    let weights = match children(root, "optimization").next() {
        Some(o) => Weights {
            time: pr.num(o, "time").unwrap_or(0),
            room: pr.num(o, "room").unwrap_or(0),
            distribution: pr.num(o, "distribution").unwrap_or(0),
            student: pr.num(o, "student").unwrap_or(0),
        },
        None => {
            pr.at(root, "<problem> needs an <optimization> element".to_string());
            Weights { time: 0, room: 0, distribution: 0, student: 0 }
        }
    };

    // Rooms first (names), then their travel times once all names are known.
    let mut rooms = Vec::new();
    let mut room_ids: HashMap<String, RoomId> = HashMap::new();
    let room_nodes: Vec<Node> = children(root, "rooms").flat_map(|r| children(r, "room")).collect();
    for &rn in &room_nodes {
        let rname = pr.text(rn, "id").unwrap_or("").to_string();
        let capacity = pr.num(rn, "capacity").unwrap_or(0);
        let mut unavailable = Vec::new();
        for un in children(rn, "unavailable") {
            if let Some(t) = pr.time(un, nr_days, nr_weeks, true) {
                unavailable.push(t);
            }
        }
        if room_ids.insert(rname.clone(), RoomId(rooms.len() as u32)).is_some() {
            pr.at(rn, format!("room id `{rname}` is used twice"));
        }
        rooms.push(Room { name: rname, capacity, unavailable });
    }
    let nr = rooms.len();
    let mut travel = vec![0u32; nr * nr];
    for (a, &rn) in room_nodes.iter().enumerate() {
        for tn in children(rn, "travel") {
            let Some(other) = pr.text(tn, "room") else { continue };
            let Some(&b) = room_ids.get(other) else {
                pr.at(tn, format!("travel to unknown room `{other}`"));
                continue;
            };
            if let Some(v) = pr.num::<u32>(tn, "value") {
                let b = b.ix();
                travel[a * nr + b] = travel[a * nr + b].max(v);
                travel[b * nr + a] = travel[b * nr + a].max(v);
            }
        }
    }

    // Courses, configurations, subparts, classes.
    let mut courses = Vec::new();
    let mut configs = Vec::new();
    let mut subparts = Vec::new();
    let mut classes: Vec<Class> = Vec::new();
    let mut class_ids: HashMap<String, ClassId> = HashMap::new();
    let mut course_ids: HashMap<String, CourseId> = HashMap::new();
    let mut parents: Vec<(ClassId, Node, String)> = Vec::new();
    for cn in children(root, "courses").flat_map(|c| children(c, "course")) {
        let course = CourseId(courses.len() as u32);
        let cname = pr.text(cn, "id").unwrap_or("").to_string();
        if course_ids.insert(cname.clone(), course).is_some() {
            pr.at(cn, format!("course id `{cname}` is used twice"));
        }
        let mut cfg_list = Vec::new();
        for fnode in children(cn, "config") {
            let config = ConfigId(configs.len() as u32);
            cfg_list.push(config);
            let mut sp_list = Vec::new();
            for sn in children(fnode, "subpart") {
                let subpart = SubpartId(subparts.len() as u32);
                sp_list.push(subpart);
                let mut cl_list = Vec::new();
                for kn in children(sn, "class") {
                    let id = ClassId(classes.len() as u32);
                    let kname = pr.text(kn, "id").unwrap_or("").to_string();
                    if class_ids.insert(kname.clone(), id).is_some() {
                        pr.at(kn, format!("class id `{kname}` is used twice"));
                    }
                    if let Some(p) = kn.attribute("parent") {
                        parents.push((id, kn, p.to_string()));
                    }
                    let needs_room = kn.attribute("room") != Some("false");
                    let mut crooms = Vec::new();
                    for rn in children(kn, "room") {
                        let Some(rid) = pr.text(rn, "id") else { continue };
                        match room_ids.get(rid) {
                            Some(&r) => crooms.push((r, pr.num_or(rn, "penalty", 0u32).unwrap_or(0))),
                            None => pr.at(rn, format!("class `{kname}` lists unknown room `{rid}`")),
                        }
                    }
                    let mut times = Vec::new();
                    for tn in children(kn, "time") {
                        if let Some(t) = pr.time(tn, nr_days, nr_weeks, true) {
                            if t.end() > slots_per_day {
                                pr.at(
                                    tn,
                                    format!("time ends at slot {}, after the {slots_per_day} slots of a day", t.end()),
                                );
                            }
                            times.push((t, pr.num_or(tn, "penalty", 0u32).unwrap_or(0)));
                        }
                    }
                    if times.is_empty() {
                        pr.at(kn, format!("class `{kname}` has no <time>"));
                    }
                    if needs_room && crooms.is_empty() {
                        pr.at(
                            kn,
                            format!("class `{kname}` has no <room> (write room=\"false\" for a class without room)"),
                        );
                    }
                    classes.push(Class {
                        name: kname,
                        subpart,
                        parent: None,
                        limit: pr.num(kn, "limit").unwrap_or(0),
                        needs_room,
                        rooms: crooms,
                        times,
                    });
                    cl_list.push(id);
                }
                if cl_list.is_empty() {
                    pr.at(sn, "<subpart> has no <class>".to_string());
                }
                subparts.push(Subpart { name: pr.text(sn, "id").unwrap_or("").to_string(), config, classes: cl_list });
            }
            if sp_list.is_empty() {
                pr.at(fnode, "<config> has no <subpart>".to_string());
            }
            configs.push(Config { name: pr.text(fnode, "id").unwrap_or("").to_string(), course, subparts: sp_list });
        }
        if cfg_list.is_empty() {
            pr.at(cn, format!("course `{cname}` has no <config>"));
        }
        courses.push(Course { name: cname, configs: cfg_list });
    }
    for (id, node, p) in parents {
        match class_ids.get(&p) {
            Some(&pid) => classes[id.ix()].parent = Some(pid),
            None => pr.at(node, format!("class `{}` has unknown parent `{p}`", classes[id.ix()].name)),
        }
    }

    let mut distributions = Vec::new();
    for dn in children(root, "distributions").flat_map(|d| children(d, "distribution")) {
        let Some(ty) = pr.text(dn, "type") else { continue };
        let kind = parse_kind(ty);
        if kind.is_none() {
            pr.at(dn, format!("unknown distribution type `{ty}`"));
        }
        let required = dn.attribute("required") == Some("true");
        let penalty = if required { 0 } else { pr.num::<u32>(dn, "penalty").unwrap_or(0) };
        let mut dclasses = Vec::new();
        for kn in children(dn, "class") {
            let Some(cid) = pr.text(kn, "id") else { continue };
            match class_ids.get(cid) {
                Some(&c) => dclasses.push(c),
                None => pr.at(kn, format!("distribution refers to unknown class `{cid}`")),
            }
        }
        if let Some(kind) = kind {
            distributions.push(Distribution { kind, classes: dclasses, required, penalty });
        }
    }

    let mut students = Vec::new();
    let mut student_names: HashMap<String, ()> = HashMap::new();
    for sn in children(root, "students").flat_map(|s| children(s, "student")) {
        let sname = pr.text(sn, "id").unwrap_or("").to_string();
        if student_names.insert(sname.clone(), ()).is_some() {
            pr.at(sn, format!("student id `{sname}` is used twice"));
        }
        let mut scourses = Vec::new();
        for cn in children(sn, "course") {
            let Some(cid) = pr.text(cn, "id") else { continue };
            match course_ids.get(cid) {
                Some(&c) => scourses.push(c),
                None => pr.at(cn, format!("student `{sname}` requests unknown course `{cid}`")),
            }
        }
        students.push(Student { name: sname, courses: scourses });
    }

    if !pr.list.is_empty() {
        return Err(pr.list);
    }
    Ok(Instance {
        name,
        nr_days,
        nr_weeks,
        slots_per_day,
        weights,
        rooms,
        travel,
        courses,
        configs,
        subparts,
        classes,
        distributions,
        students,
    })
}
