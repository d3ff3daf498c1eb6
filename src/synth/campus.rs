//! The real cities and campuses of the reference programmes
//! (`facts/sites.md`), their travel times, and the teaching buildings a
//! generated faculty uses in them.
//!
//! A group of programmes either teaches on a city's main campus (shared
//! with the other groups there, so their rooms couple them) or in
//! buildings of its own in those cities (invented, marked "fictif"), so
//! that it shares nothing with the rest of the faculty.

use super::spec::{SiteSpec, Spec};
use crate::model::SiteId;

/// A city of the reference programmes and its main campus.
#[derive(Debug)]
pub(super) struct City {
    /// The site id of the main campus.
    pub key: &'static str,
    /// The city as placement hosts name it.
    pub city: &'static str,
    /// The main campus.
    pub campus: &'static str,
}

pub(super) const MONS: usize = 0;
pub(super) const CHARLEROI: usize = 1;
pub(super) const LIEGE: usize = 2;
pub(super) const JEMEPPE: usize = 3;
pub(super) const NAMUR: usize = 4;
pub(super) const BRUSSELS: usize = 5;

pub(super) const CITIES: [City; 6] = [
    City { key: "mons", city: "Mons", campus: "UMONS — Mons (Plaine de Nimy / centre)" },
    City { key: "charleroi", city: "Charleroi", campus: "UMONS — campus de Charleroi" },
    City { key: "liege", city: "Liège", campus: "HELMo — rue d'Harscamp 60c, Liège" },
    City { key: "jemeppe", city: "Seraing", campus: "HEPL — Campus 2000, avenue Montesquieu 6, Jemeppe" },
    City { key: "namur", city: "Namur", campus: "UNamur" },
    City { key: "brussels", city: "Bruxelles", campus: "Site d'enseignement à Bruxelles (fictif)" },
];

/// Door-to-door minutes between the cities, in the order of [`CITIES`]
/// (`facts/sites.md`, symmetric).
const MINUTES: [[u32; 6]; 6] = [
    [0, 55, 130, 125, 80, 65],
    [55, 0, 95, 90, 45, 60],
    [130, 95, 0, 20, 65, 95],
    [125, 90, 20, 0, 60, 100],
    [80, 45, 65, 60, 0, 65],
    [65, 60, 95, 100, 65, 0],
];

/// Minutes between two buildings of the same city (invented).
pub(super) const SAME_CITY_MINUTES: u32 = 15;

/// Minutes between two sites.
pub(super) fn travel(spec: &Spec, a: SiteId, b: SiteId) -> u32 {
    let (x, y) = (spec.sites[a.index()].city, spec.sites[b.index()].city);
    if x == y { SAME_CITY_MINUTES } else { MINUTES[x][y] }
}

/// Pairs of cities a programme's modules alternate between (each within
/// about 80 minutes).
pub(super) const PAIRS: [(usize, usize); 7] = [
    (MONS, CHARLEROI),
    (LIEGE, JEMEPPE),
    (NAMUR, MONS),
    (CHARLEROI, NAMUR),
    (BRUSSELS, MONS),
    (LIEGE, NAMUR),
    (NAMUR, BRUSSELS),
];

/// A third city for the daytime programmes taught on three sites.
pub(super) fn third_city(pair: (usize, usize)) -> usize {
    [BRUSSELS, LIEGE, NAMUR, MONS].into_iter().find(|&c| c != pair.0 && c != pair.1).unwrap_or(BRUSSELS)
}

/// The buildings handed out so far.
#[derive(Debug, Default)]
pub(super) struct Campus {
    main: [Option<SiteId>; 6],
    own: [u32; 6],
}

impl Campus {
    /// The main campus of `city` (shared), or a new building of its own.
    pub fn site(&mut self, spec: &mut Spec, city: usize, own: bool) -> SiteId {
        if !own {
            if let Some(s) = self.main[city] {
                return s;
            }
        }
        let c = &CITIES[city];
        let (id, name) = if own {
            self.own[city] += 1;
            let k = self.own[city] + 1;
            (format!("{}-{k}", c.key), format!("{} — bâtiment d'enseignement {k} (fictif)", c.city))
        } else {
            (c.key.to_string(), c.campus.to_string())
        };
        let s = SiteId::from_index(spec.sites.len());
        spec.sites.push(SiteSpec { id, name, city, rooms: Vec::new() });
        if !own {
            self.main[city] = Some(s);
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn travel_minutes_are_symmetric_and_as_the_facts_state() {
        for (a, row) in MINUTES.iter().enumerate() {
            assert_eq!(row[a], 0);
            for (b, &m) in row.iter().enumerate() {
                assert_eq!(m, MINUTES[b][a], "{} - {}", CITIES[a].key, CITIES[b].key);
            }
        }
        // facts/sites.md
        assert_eq!(MINUTES[MONS][CHARLEROI], 55);
        assert_eq!(MINUTES[LIEGE][JEMEPPE], 20);
        assert_eq!(MINUTES[BRUSSELS][JEMEPPE], 100);
        assert_eq!(MINUTES[NAMUR][LIEGE], 65);
    }

    #[test]
    fn a_group_of_its_own_gets_new_buildings_and_the_others_share_the_campus() {
        let mut spec = Spec::default();
        let mut campus = Campus::default();
        let main = campus.site(&mut spec, MONS, false);
        assert_eq!(campus.site(&mut spec, MONS, false), main);
        let own = campus.site(&mut spec, MONS, true);
        let other = campus.site(&mut spec, MONS, true);
        assert!(own != main && other != own);
        let ids: Vec<&str> = spec.sites.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, ["mons", "mons-2", "mons-3"]);
        assert_eq!(travel(&spec, main, own), SAME_CITY_MINUTES);
    }
}
