//! Placements: reading the hours log, planning each student's placement
//! days around their classes, and (later) allocating hosts.
//!
//! | file | role |
//! |---|---|
//! | [`log`] | the `student,date,hours,validated` CSV, every mistake located |
//! | [`classes`] | class meetings of a timetable, by date |
//! | [`days`] | the candidate days of a student at a host |

pub mod classes;
pub mod days;
pub mod log;
