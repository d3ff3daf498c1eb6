//! The sheets of a planner's workbook and their columns, in both languages:
//! names, the comment on each header, what a cell holds, drop-down lists
//! and widths. The template, `from-instance` and `import` all read this one
//! description, so a sheet or a column is named in one place only.

use super::Lang;

/// A text in French and in English.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Text {
    pub fr: &'static str,
    pub en: &'static str,
}

impl Text {
    /// The text in `lang`.
    pub fn get(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Fr => self.fr,
            Lang::En => self.en,
        }
    }
}

const fn t(fr: &'static str, en: &'static str) -> Text {
    Text { fr, en }
}

/// The sheets, in workbook order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum SheetKey {
    Readme,
    Instance,
    Calendar,
    Programmes,
    Competences,
    Grids,
    Sites,
    Rooms,
    Travel,
    Teachers,
    Unavailability,
    Cohorts,
    Ues,
    Activities,
    Enrolments,
    Hosts,
    Opening,
    Requirements,
    Students,
    Availability,
}

/// What a column's cells hold.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Kind {
    /// Free text (names, notes, ids).
    Text,
    /// An id defined on another sheet (a drop-down of that sheet's ids).
    Ref(SheetKey, &'static str),
    /// Several ids of another sheet, separated by [`super::SEPARATOR`].
    RefList(SheetKey, &'static str),
    /// A number (hours, credits): decimals allowed, with a point or a comma.
    Number,
    /// A whole number, 0 or more.
    Whole,
    /// A clock time.
    Time,
    /// A date.
    Date,
    /// Weekdays, separated by [`super::SEPARATOR`].
    Days,
    /// One of fixed values (a drop-down).
    Choice(&'static [Choice]),
    /// Free text with suggested values (a drop-down that accepts others).
    Suggest(&'static [Choice]),
}

/// One value of a fixed list: its code (what import turns it into) and its
/// spellings; import accepts either spelling.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Choice {
    pub code: &'static str,
    pub label: Text,
}

const fn c(code: &'static str, fr: &'static str, en: &'static str) -> Choice {
    Choice { code, label: t(fr, en) }
}

/// Values of the calendar sheet's first column.
pub(crate) const CALENDAR_ITEMS: &[Choice] = &[
    c("name", "nom", "name"),
    c("note", "note", "note"),
    c("year", "année", "year"),
    c("Q1", "Q1", "Q1"),
    c("Q2", "Q2", "Q2"),
    c("closure", "fermeture", "closure"),
    c("exams", "examens", "exams"),
    c("file", "fichier", "file"),
];

/// Values of a UE's period.
pub(crate) const PERIODS: &[Choice] =
    &[c("Q1", "Q1", "Q1"), c("Q2", "Q2", "Q2"), c("annual", "annuel", "annual"), c("dates", "dates", "dates")];

/// Values of an activity's site rule.
pub(crate) const SITE_RULES: &[Choice] =
    &[c("fixed", "fixe", "fixed"), c("alternate", "alternance", "alternate"), c("any_of", "au choix", "any of")];

/// Values of an activity's frequency.
pub(crate) const FREQUENCIES: &[Choice] =
    &[c("weekly", "hebdomadaire", "weekly"), c("fortnightly", "quinzaine", "fortnightly"), c("any", "libre", "any")];

/// Usual kinds of activity (others are accepted).
pub(crate) const ACTIVITY_KINDS: &[Choice] = &[
    c("cours", "cours", "cours"),
    c("tp", "tp", "tp"),
    c("seminaire", "seminaire", "seminaire"),
    c("atelier", "atelier", "atelier"),
];

/// A column.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Column {
    /// The name import code uses.
    pub key: &'static str,
    pub header: Text,
    /// The comment on the header cell: what the column expects.
    pub help: Text,
    pub kind: Kind,
    /// Whether the header must be present.
    pub required: bool,
    /// Width in characters.
    pub width: f64,
    /// An empty cell takes the value of the row above (the column groups
    /// rows: the rooms of a site, the slots of a grid…), which also reads
    /// a cell merged down over several rows as the planner means it.
    pub fill_down: bool,
}

/// A sheet.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Sheet {
    pub key: SheetKey,
    pub name: Text,
    /// Two lines for the first sheet.
    pub about: Text,
    /// Whether import needs the sheet (the others may be left out).
    pub required: bool,
    pub columns: &'static [Column],
}

impl Sheet {
    /// The column with this key.
    pub fn column(&self, key: &str) -> Option<(usize, &'static Column)> {
        self.columns.iter().enumerate().find(|(_, c)| c.key == key)
    }
}

const fn col(key: &'static str, header: Text, help: Text, kind: Kind, required: bool, width: f64) -> Column {
    Column { key, header, help, kind, required, width, fill_down: false }
}

const fn group(key: &'static str, header: Text, help: Text, kind: Kind, width: f64) -> Column {
    Column { key, header, help, kind, required: true, width, fill_down: true }
}

const DAYS_HELP: Text = t(
    "Jours de la semaine séparés par « ; » : lun; mar; mer; jeu; ven; sam; dim (ou lundi…, mon…).",
    "Weekdays separated by \";\": mon; tue; wed; thu; fri; sat; sun (or Monday…, lun…).",
);
const TIME_HELP: Text = t(
    "Heure HH:MM (17:15 ; 17h15 et les heures du tableur sont acceptées).",
    "Time HH:MM (17:15; 17h15 and spreadsheet times are accepted).",
);
const FROM_HELP: Text =
    t("Premier jour (date, AAAA-MM-JJ ou JJ/MM/AAAA).", "First day (a date, YYYY-MM-DD or DD/MM/YYYY).");
const TO_HELP: Text = t("Dernier jour, inclus (date).", "Last day, inclusive (a date).");

const ID: Column = col(
    "id",
    t("Identifiant", "Id"),
    t(
        "Identifiant unique, court, sans espace de préférence (ex. mons).",
        "Unique short id, preferably without spaces (e.g. mons).",
    ),
    Kind::Text,
    true,
    18.0,
);
const NAME: Column =
    col("name", t("Nom", "Name"), t("Nom affiché (facultatif).", "Display name (optional)."), Kind::Text, false, 34.0);

/// Every sheet, in workbook order.
pub(crate) const SHEETS: &[Sheet] = &[
    Sheet {
        key: SheetKey::Readme,
        name: t("Lisez-moi", "Read me"),
        about: t("Cette page : ce que contient chaque feuille.", "This page: what each sheet holds."),
        required: false,
        columns: &[],
    },
    Sheet {
        key: SheetKey::Instance,
        name: t("Instance", "Instance"),
        about: t(
            "Une seule ligne : le nom de l'instance (programme et année), repris dans l'horaire calculé,\net une note libre (sources, ce qui est inventé).",
            "One row: the instance's name (programme and year), carried into the timetable,\nand a free note (sources, what is invented).",
        ),
        required: true,
        columns: &[
            col(
                "name",
                t("Nom", "Name"),
                t(
                    "Nom de l'instance, p. ex. « UMONS — Master … — 2025-2026 ».",
                    "Name of the instance, e.g. \"UMONS — Master … — 2025-2026\".",
                ),
                Kind::Text,
                true,
                60.0,
            ),
            col(
                "note",
                t("Note", "Note"),
                t("Texte libre (facultatif).", "Free text (optional)."),
                Kind::Text,
                false,
                80.0,
            ),
        ],
    },
    Sheet {
        key: SheetKey::Calendar,
        name: t("Calendrier", "Calendar"),
        about: t(
            "L'année académique : année, Q1, Q2, fermetures (congés, jours fériés) et sessions d'examens ;\nou une seule ligne « fichier » qui désigne un fichier de calendrier (horaire-calendar/1).",
            "The academic year: year, Q1, Q2, closures (holidays) and exam sessions;\nor a single \"file\" row naming a calendar file (horaire-calendar/1).",
        ),
        required: true,
        columns: &[
            col(
                "item",
                t("Élément", "Item"),
                t(
                    "nom, note, année, Q1, Q2 (une ligne chacun), fermeture, examens (autant que nécessaire), ou fichier.",
                    "name, note, year, Q1, Q2 (one row each), closure, exams (as many as needed), or file.",
                ),
                Kind::Choice(CALENDAR_ITEMS),
                true,
                14.0,
            ),
            col("from", t("Du", "From"), FROM_HELP, Kind::Date, true, 13.0),
            col("to", t("Au", "To"), TO_HELP, Kind::Date, true, 13.0),
            col(
                "label",
                t("Libellé", "Label"),
                t(
                    "Libellé d'une fermeture ou d'une session ; le texte du nom ou de la note ; pour « fichier », le chemin du fichier relatif à l'instance écrite.",
                    "Label of a closure or a session; the text of the name or the note; for \"file\", the file's path relative to the written instance.",
                ),
                Kind::Text,
                true,
                44.0,
            ),
        ],
    },
    Sheet {
        key: SheetKey::Programmes,
        name: t("Programmes", "Programmes"),
        about: t(
            "Les programmes : leur grille horaire (feuille Grilles horaires) et leurs cohortes de premier niveau\n(feuille Cohortes) ; au plus N soirées par semaine et par cohorte si le programme le dit.",
            "The programmes: their time grid (Time grids sheet) and their top-level cohorts (Cohorts sheet);\nat most N evenings a week per cohort where the programme says so.",
        ),
        required: true,
        columns: &[
            ID,
            NAME,
            col(
                "time_grid",
                t("Grille horaire", "Time grid"),
                t("Identifiant d'une grille de la feuille Grilles horaires.", "Id of a grid of the Time grids sheet."),
                Kind::Ref(SheetKey::Grids, "grid"),
                true,
                16.0,
            ),
            col(
                "cohorts",
                t("Cohortes", "Cohorts"),
                t(
                    "Cohortes de premier niveau, séparées par « ; » (feuille Cohortes).",
                    "Top-level cohorts, separated by \";\" (Cohorts sheet).",
                ),
                Kind::RefList(SheetKey::Cohorts, "id"),
                false,
                26.0,
            ),
            col(
                "max_evenings_per_week",
                t("Soirées max par semaine", "Max evenings per week"),
                t(
                    "Facultatif : au plus ce nombre de jours de cours par semaine pour une cohorte (1 à 7).",
                    "Optional: at most this many teaching days a week for a cohort (1 to 7).",
                ),
                Kind::Whole,
                false,
                14.0,
            ),
        ],
    },
    Sheet {
        key: SheetKey::Competences,
        name: t("Compétences", "Competences"),
        about: t(
            "Facultatif : le référentiel de compétences d'un programme (identifiant et intitulé) ;\nla feuille UE dit quelles compétences chaque UE développe (rapport horaire report competences).",
            "Optional: a programme's competence framework (id and title);\nthe UEs sheet says which competences each UE develops (report: horaire report competences).",
        ),
        required: false,
        columns: &[
            group(
                "programme",
                t("Programme", "Programme"),
                t(
                    "Identifiant du programme (feuille Programmes ; vide : celui du dessus).",
                    "Id of the programme (Programmes sheet; empty: the one above).",
                ),
                Kind::Ref(SheetKey::Programmes, "id"),
                16.0,
            ),
            col(
                "id",
                t("Identifiant", "Id"),
                t(
                    "Identifiant de la compétence, unique dans le programme (ex. C1).",
                    "Id of the competence, unique within the programme (e.g. C1).",
                ),
                Kind::Text,
                true,
                14.0,
            ),
            col(
                "title",
                t("Intitulé", "Title"),
                t("La compétence telle que le référentiel l'énonce.", "The competence as the framework states it."),
                Kind::Text,
                true,
                80.0,
            ),
        ],
    },
    Sheet {
        key: SheetKey::Grids,
        name: t("Grilles horaires", "Time grids"),
        about: t(
            "Les créneaux hebdomadaires qu'un programme peut utiliser : une ligne par créneau (jours, début, fin),\nregroupés par grille ; une cellule Grille vide reprend la grille de la ligne du dessus.",
            "The weekly slots a programme may use: one row per slot (days, start, end), grouped by grid;\nan empty Grid cell takes the grid of the row above.",
        ),
        required: true,
        columns: &[
            group(
                "grid",
                t("Grille", "Grid"),
                t(
                    "Identifiant de la grille (vide : celle de la ligne du dessus).",
                    "Id of the grid (empty: the one of the row above).",
                ),
                Kind::Text,
                16.0,
            ),
            col("days", t("Jours", "Days"), DAYS_HELP, Kind::Days, true, 26.0),
            col("start", t("Début", "Start"), TIME_HELP, Kind::Time, true, 9.0),
            col("end", t("Fin", "End"), TIME_HELP, Kind::Time, true, 9.0),
        ],
    },
    Sheet {
        key: SheetKey::Sites,
        name: t("Sites", "Sites"),
        about: t(
            "Les implantations (campus) ; la ville relie les lieux de stage aux sites pour les trajets.\nLeurs locaux sont sur la feuille Locaux.",
            "The campuses; the city links placement hosts to sites for travel.\nTheir rooms are on the Rooms sheet.",
        ),
        required: true,
        columns: &[
            ID,
            NAME,
            col(
                "city",
                t("Ville", "City"),
                t("Ville du site (ex. Mons).", "City of the site (e.g. Mons)."),
                Kind::Text,
                false,
                16.0,
            ),
        ],
    },
    Sheet {
        key: SheetKey::Rooms,
        name: t("Locaux", "Rooms"),
        about: t(
            "Les locaux de chaque site et leur capacité ; une cellule Site vide reprend le site du dessus.\nUn identifiant de local est unique sur tous les sites.",
            "The rooms of each site and their capacity; an empty Site cell takes the site above.\nA room id is unique across all sites.",
        ),
        required: false,
        columns: &[
            group(
                "site",
                t("Site", "Site"),
                t(
                    "Identifiant du site (feuille Sites ; vide : celui du dessus).",
                    "Id of the site (Sites sheet; empty: the one above).",
                ),
                Kind::Ref(SheetKey::Sites, "id"),
                16.0,
            ),
            col(
                "id",
                t("Local", "Room"),
                t("Identifiant du local, unique sur tous les sites.", "Id of the room, unique across all sites."),
                Kind::Text,
                true,
                18.0,
            ),
            col(
                "capacity",
                t("Capacité", "Capacity"),
                t("Nombre de places (au moins 1).", "Number of seats (at least 1)."),
                Kind::Whole,
                true,
                10.0,
            ),
        ],
    },
    Sheet {
        key: SheetKey::Travel,
        name: t("Trajets", "Travel"),
        about: t(
            "Temps de trajet porte à porte entre deux sites, en minutes ;\nune seule direction suffit quand le trajet est le même dans les deux sens.",
            "Door-to-door travel time between two sites, in minutes;\none direction is enough when both ways take the same time.",
        ),
        required: false,
        columns: &[
            col(
                "from",
                t("De", "From"),
                t("Site de départ (feuille Sites).", "Site of departure (Sites sheet)."),
                Kind::Ref(SheetKey::Sites, "id"),
                true,
                16.0,
            ),
            col(
                "to",
                t("Vers", "To"),
                t("Site d'arrivée (feuille Sites).", "Site of arrival (Sites sheet)."),
                Kind::Ref(SheetKey::Sites, "id"),
                true,
                16.0,
            ),
            col(
                "minutes",
                t("Minutes", "Minutes"),
                t("Minutes porte à porte (nombre entier).", "Door-to-door minutes (a whole number)."),
                Kind::Whole,
                true,
                10.0,
            ),
        ],
    },
    Sheet {
        key: SheetKey::Teachers,
        name: t("Enseignants", "Teachers"),
        about: t(
            "Les enseignants ; leurs indisponibilités sont sur la feuille Indisponibilités.\nFacultatif : au plus N jours d'enseignement par semaine.",
            "The teachers; their unavailability is on the Unavailability sheet.\nOptional: at most N teaching days a week.",
        ),
        required: false,
        columns: &[
            ID,
            NAME,
            col(
                "max_days_per_week",
                t("Jours max par semaine", "Max days per week"),
                t(
                    "Facultatif : au plus ce nombre de jours d'enseignement par semaine (1 à 7).",
                    "Optional: at most this many teaching days a week (1 to 7).",
                ),
                Kind::Whole,
                false,
                14.0,
            ),
            col(
                "service_hours",
                t("Heures de service", "Service hours"),
                t(
                    "Facultatif : les heures que l'enseignant doit donner dans l'année (rapport horaire report service).",
                    "Optional: the hours the teacher is to teach in the year (report: horaire report service).",
                ),
                Kind::Number,
                false,
                14.0,
            ),
        ],
    },
    Sheet {
        key: SheetKey::Unavailability,
        name: t("Indisponibilités", "Unavailability"),
        about: t(
            "Quand un enseignant ne peut pas donner cours : certains jours, entre deux dates, ou les deux ;\nDébut et Fin limitent à une partie de la journée. Enseignant vide : celui du dessus.",
            "When a teacher cannot teach: on some days, between two dates, or both;\nStart and End narrow it to part of the day. Empty Teacher: the one above.",
        ),
        required: false,
        columns: &[
            group(
                "teacher",
                t("Enseignant", "Teacher"),
                t(
                    "Identifiant de l'enseignant (feuille Enseignants ; vide : celui du dessus).",
                    "Id of the teacher (Teachers sheet; empty: the one above).",
                ),
                Kind::Ref(SheetKey::Teachers, "id"),
                18.0,
            ),
            col(
                "days",
                t("Jours", "Days"),
                t(
                    "Jours concernés séparés par « ; » (vide : tous les jours).",
                    "Days concerned, separated by \";\" (empty: every day).",
                ),
                Kind::Days,
                false,
                22.0,
            ),
            col(
                "from",
                t("Du", "From"),
                t("Premier jour (vide : début de l'année).", "First day (empty: start of the year)."),
                Kind::Date,
                false,
                13.0,
            ),
            col(
                "to",
                t("Au", "To"),
                t("Dernier jour, inclus (vide : fin de l'année).", "Last day, inclusive (empty: end of the year)."),
                Kind::Date,
                false,
                13.0,
            ),
            col(
                "start",
                t("Début", "Start"),
                t(
                    "Heure de début (vide avec Fin vide : toute la journée).",
                    "Start time (empty with End empty: the whole day).",
                ),
                Kind::Time,
                false,
                9.0,
            ),
            col("end", t("Fin", "End"), t("Heure de fin.", "End time."), Kind::Time, false, 9.0),
        ],
    },
    Sheet {
        key: SheetKey::Cohorts,
        name: t("Cohortes", "Cohorts"),
        about: t(
            "Les groupes d'étudiants qui suivent les mêmes cours (blocs, options) : une option a pour parent\nson bloc ; ses cours ne chevauchent ni ceux du bloc ni ceux de ses sous-groupes.",
            "Groups of students who follow the same classes (blocks, options): an option's parent is its block;\nits classes overlap neither the block's nor its sub-groups'.",
        ),
        required: true,
        columns: &[
            ID,
            NAME,
            col(
                "parent",
                t("Parent", "Parent"),
                t(
                    "Cohorte parente pour un groupe d'option (vide pour un bloc).",
                    "Parent cohort of an option group (empty for a block).",
                ),
                Kind::Ref(SheetKey::Cohorts, "id"),
                false,
                16.0,
            ),
            col(
                "students",
                t("Étudiants", "Students"),
                t("Nombre d'étudiants (nombre entier).", "Number of students (a whole number)."),
                Kind::Whole,
                true,
                10.0,
            ),
        ],
    },
    Sheet {
        key: SheetKey::Ues,
        name: t("UE", "UEs"),
        about: t(
            "Les unités d'enseignement : code, intitulé, programme, bloc, crédits et période (Q1, Q2, annuel,\nou dates avec Du et Au) ; leurs activités sont sur la feuille Activités.",
            "The teaching units: code, title, programme, block, credits and period (Q1, Q2, annual,\nor dates with From and To); their activities are on the Activities sheet.",
        ),
        required: true,
        columns: &[
            col(
                "code",
                t("Code", "Code"),
                t("Code unique de l'UE, p. ex. UE 1/4.", "Unique code of the UE, e.g. UE 1/4."),
                Kind::Text,
                true,
                12.0,
            ),
            col("title", t("Intitulé", "Title"), t("Intitulé de l'UE.", "Title of the UE."), Kind::Text, true, 40.0),
            col(
                "programme",
                t("Programme", "Programme"),
                t("Identifiant du programme (feuille Programmes).", "Id of the programme (Programmes sheet)."),
                Kind::Ref(SheetKey::Programmes, "id"),
                true,
                14.0,
            ),
            col(
                "block",
                t("Bloc", "Block"),
                t("Bloc (1, 2…), facultatif.", "Block (1, 2…), optional."),
                Kind::Whole,
                false,
                7.0,
            ),
            col(
                "credits",
                t("Crédits", "Credits"),
                t("Crédits ECTS, facultatif.", "ECTS credits, optional."),
                Kind::Number,
                false,
                8.0,
            ),
            col(
                "period",
                t("Période", "Period"),
                t(
                    "Q1, Q2, annuel, ou dates (alors Du et Au donnent la période).",
                    "Q1, Q2, annual, or dates (then From and To give the period).",
                ),
                Kind::Choice(PERIODS),
                true,
                10.0,
            ),
            col(
                "from",
                t("Du", "From"),
                t("Premier jour, pour la période « dates ».", "First day, for the period \"dates\"."),
                Kind::Date,
                false,
                13.0,
            ),
            col(
                "to",
                t("Au", "To"),
                t("Dernier jour, pour la période « dates ».", "Last day, for the period \"dates\"."),
                Kind::Date,
                false,
                13.0,
            ),
            col(
                "corequisite",
                t("Corequis", "Co-requisite"),
                t(
                    "Code d'une UE dont les séances accompagnent celle-ci (vide si aucune).",
                    "Code of a UE whose sessions go with this one (empty if none).",
                ),
                Kind::Ref(SheetKey::Ues, "code"),
                false,
                12.0,
            ),
            col(
                "competences",
                t("Compétences", "Competences"),
                t(
                    "Facultatif : les compétences que l'UE développe, séparées par « ; » (feuille Compétences, même programme).",
                    "Optional: the competences the UE develops, separated by \";\" (Competences sheet, same programme).",
                ),
                Kind::Text,
                false,
                16.0,
            ),
            col(
                "note",
                t("Note", "Note"),
                t("Texte libre (facultatif).", "Free text (optional)."),
                Kind::Text,
                false,
                30.0,
            ),
        ],
    },
    Sheet {
        key: SheetKey::Activities,
        name: t("Activités", "Activities"),
        about: t(
            "Les activités de chaque UE (cours, TP, séminaire…) : volume, durée d'une séance, enseignants,\ncohortes, site (fixe, en alternance entre deux sites ou au choix) et fréquence.",
            "The activities of each UE (lecture, TP, seminar…): volume, length of a session, teachers,\ncohorts, site (fixed, alternating between two sites or any of several) and frequency.",
        ),
        required: true,
        columns: &[
            group(
                "ue",
                t("UE", "UE"),
                t(
                    "Code de l'UE (feuille UE ; vide : celle du dessus).",
                    "Code of the UE (UEs sheet; empty: the one above).",
                ),
                Kind::Ref(SheetKey::Ues, "code"),
                12.0,
            ),
            col(
                "id",
                t("Identifiant", "Id"),
                t(
                    "Identifiant unique de l'activité (ex. ue1-4-cours).",
                    "Unique id of the activity (e.g. ue1-4-lecture).",
                ),
                Kind::Text,
                true,
                18.0,
            ),
            col(
                "kind",
                t("Type", "Kind"),
                t("cours, tp, seminaire, atelier… (texte libre).", "cours, tp, seminaire, atelier… (free text)."),
                Kind::Suggest(ACTIVITY_KINDS),
                false,
                11.0,
            ),
            col(
                "hours",
                t("Heures", "Hours"),
                t(
                    "Volume en heures, par quarts d'heure (30 ; 2,5).",
                    "Volume in hours, in quarters of an hour (30; 2.5).",
                ),
                Kind::Number,
                true,
                8.0,
            ),
            col(
                "session_hours",
                t("Heures par séance", "Hours per session"),
                t("Durée d'une séance en heures (3 ; 2,5).", "Length of one session in hours (3; 2.5)."),
                Kind::Number,
                true,
                10.0,
            ),
            col(
                "teachers",
                t("Enseignants", "Teachers"),
                t(
                    "Enseignants présents à chaque séance, séparés par « ; » (feuille Enseignants).",
                    "Teachers present at every session, separated by \";\" (Teachers sheet).",
                ),
                Kind::RefList(SheetKey::Teachers, "id"),
                false,
                30.0,
            ),
            col(
                "cohorts",
                t("Cohortes", "Cohorts"),
                t(
                    "Cohortes qui suivent l'activité, séparées par « ; » (au moins une).",
                    "Cohorts attending, separated by \";\" (at least one).",
                ),
                Kind::RefList(SheetKey::Cohorts, "id"),
                true,
                24.0,
            ),
            col(
                "site_rule",
                t("Règle de site", "Site rule"),
                t(
                    "fixe (un site), alternance (deux sites, d'une séance à l'autre) ou au choix (le solveur choisit un des sites et le garde) ; vide avec un seul site : fixe.",
                    "fixed (one site), alternate (two sites, meeting after meeting) or any of (the solver picks one of the sites and keeps it); empty with one site: fixed.",
                ),
                Kind::Choice(SITE_RULES),
                false,
                12.0,
            ),
            col(
                "sites",
                t("Sites", "Sites"),
                t(
                    "Site, ou sites séparés par « ; » (feuille Sites).",
                    "Site, or sites separated by \";\" (Sites sheet).",
                ),
                Kind::RefList(SheetKey::Sites, "id"),
                true,
                22.0,
            ),
            col(
                "frequency",
                t("Fréquence", "Frequency"),
                t(
                    "hebdomadaire, quinzaine (une semaine sur deux) ou libre (vide : libre).",
                    "weekly, fortnightly or any (empty: any).",
                ),
                Kind::Choice(FREQUENCIES),
                false,
                14.0,
            ),
        ],
    },
    Sheet {
        key: SheetKey::Enrolments,
        name: t("Inscriptions", "Enrolments"),
        about: t(
            "Facultatif : programmes annuels individuels (PAE), un étudiant par ligne avec ses activités ;\nleurs chevauchements coûtent, pondérés par le nombre d'étudiants touchés.",
            "Optional: individual annual programmes, one student per row with their activities;\ntheir overlaps cost, weighted by the number of students hurt.",
        ),
        required: false,
        columns: &[
            col(
                "student",
                t("Étudiant", "Student"),
                t("Identifiant de l'étudiant.", "Id of the student."),
                Kind::Text,
                true,
                14.0,
            ),
            col(
                "activities",
                t("Activités", "Activities"),
                t(
                    "Activités suivies, séparées par « ; » (feuille Activités, colonne Identifiant).",
                    "Activities followed, separated by \";\" (Activities sheet, Id column).",
                ),
                Kind::RefList(SheetKey::Activities, "id"),
                true,
                60.0,
            ),
        ],
    },
    Sheet {
        key: SheetKey::Hosts,
        name: t("Lieux de stage", "Hosts"),
        about: t(
            "Facultatif : les organisations qui accueillent des stagiaires, leur ville et le nombre de stagiaires\nà la fois ; leurs heures d'ouverture sont sur la feuille Ouvertures.",
            "Optional: the organisations hosting placement students, their city and how many students at once;\ntheir opening hours are on the Opening hours sheet.",
        ),
        required: false,
        columns: &[
            ID,
            NAME,
            col(
                "city",
                t("Ville", "City"),
                t(
                    "Ville (les trajets vers les cours partent du site de cette ville).",
                    "City (travel to classes starts from the site in that city).",
                ),
                Kind::Text,
                true,
                16.0,
            ),
            col(
                "capacity",
                t("Capacité", "Capacity"),
                t("Stagiaires accueillis à la fois (au moins 1).", "Students hosted at once (at least 1)."),
                Kind::Whole,
                true,
                10.0,
            ),
        ],
    },
    Sheet {
        key: SheetKey::Opening,
        name: t("Ouvertures", "Opening hours"),
        about: t(
            "Heures d'ouverture des lieux de stage : une ligne par créneau (jours, début, fin) ;\nune cellule Lieu de stage vide reprend celui du dessus.",
            "Opening hours of the hosts: one row per slot (days, start, end);\nan empty Host cell takes the one above.",
        ),
        required: false,
        columns: &[
            group(
                "host",
                t("Lieu de stage", "Host"),
                t(
                    "Identifiant du lieu (feuille Lieux de stage ; vide : celui du dessus).",
                    "Id of the host (Hosts sheet; empty: the one above).",
                ),
                Kind::Ref(SheetKey::Hosts, "id"),
                18.0,
            ),
            col("days", t("Jours", "Days"), DAYS_HELP, Kind::Days, true, 26.0),
            col("start", t("Début", "Start"), TIME_HELP, Kind::Time, true, 9.0),
            col("end", t("Fin", "End"), TIME_HELP, Kind::Time, true, 9.0),
        ],
    },
    Sheet {
        key: SheetKey::Requirements,
        name: t("Exigences de stage", "Placement requirements"),
        about: t(
            "Facultatif : les quotas d'heures de stage (UE de stage, cohorte, heures) et leur fenêtre de dates,\navec des plafonds par jour et par semaine.",
            "Optional: the placement quotas (placement UE, cohort, hours) and their window of dates,\nwith caps per day and per week.",
        ),
        required: false,
        columns: &[
            ID,
            col(
                "ue",
                t("UE", "UE"),
                t("Code de l'UE de stage (feuille UE).", "Code of the placement UE (UEs sheet)."),
                Kind::Ref(SheetKey::Ues, "code"),
                true,
                12.0,
            ),
            col(
                "cohort",
                t("Cohorte", "Cohort"),
                t("Cohorte concernée (feuille Cohortes).", "Cohort concerned (Cohorts sheet)."),
                Kind::Ref(SheetKey::Cohorts, "id"),
                true,
                14.0,
            ),
            col("hours", t("Heures", "Hours"), t("Quota en heures.", "Quota in hours."), Kind::Number, true, 8.0),
            col(
                "from",
                t("Du", "From"),
                t("Début de la fenêtre (date).", "Start of the window (a date)."),
                Kind::Date,
                true,
                13.0,
            ),
            col(
                "to",
                t("Au", "To"),
                t("Fin de la fenêtre, l'échéance (date).", "End of the window, the deadline (a date)."),
                Kind::Date,
                true,
                13.0,
            ),
            col(
                "max_hours_per_day",
                t("Heures max par jour", "Max hours per day"),
                t("Plafond d'heures par jour, facultatif.", "Cap of hours a day, optional."),
                Kind::Number,
                false,
                12.0,
            ),
            col(
                "max_hours_per_week",
                t("Heures max par semaine", "Max hours per week"),
                t("Plafond d'heures par semaine, facultatif.", "Cap of hours a week, optional."),
                Kind::Number,
                false,
                12.0,
            ),
        ],
    },
    Sheet {
        key: SheetKey::Students,
        name: t("Stagiaires", "Placement students"),
        about: t(
            "Facultatif : les étudiants en stage, leur exigence, leur lieu de stage s'il est connu\n(sinon il est attribué d'après leurs préférences) ; leurs disponibilités sont sur la feuille Disponibilités.",
            "Optional: the students on placement, their requirement, their host when known\n(else one is allocated from their preferences); their availability is on the Availability sheet.",
        ),
        required: false,
        columns: &[
            ID,
            col(
                "cohort",
                t("Cohorte", "Cohort"),
                t("Cohorte de l'étudiant (feuille Cohortes).", "Cohort of the student (Cohorts sheet)."),
                Kind::Ref(SheetKey::Cohorts, "id"),
                true,
                14.0,
            ),
            col(
                "requirement",
                t("Exigence", "Requirement"),
                t(
                    "Exigence de stage (feuille Exigences de stage).",
                    "Placement requirement (Placement requirements sheet).",
                ),
                Kind::Ref(SheetKey::Requirements, "id"),
                true,
                14.0,
            ),
            col(
                "host",
                t("Lieu de stage", "Host"),
                t(
                    "Lieu attribué (vide : à attribuer d'après les préférences).",
                    "Assigned host (empty: allocate from the preferences).",
                ),
                Kind::Ref(SheetKey::Hosts, "id"),
                false,
                16.0,
            ),
            col(
                "preferences",
                t("Préférences", "Preferences"),
                t(
                    "Lieux préférés, premier choix d'abord, séparés par « ; ».",
                    "Preferred hosts, first choice first, separated by \";\".",
                ),
                Kind::RefList(SheetKey::Hosts, "id"),
                false,
                30.0,
            ),
        ],
    },
    Sheet {
        key: SheetKey::Availability,
        name: t("Disponibilités", "Availability"),
        about: t(
            "Facultatif : quand un stagiaire peut être en stage (jours, dates, heures) ; sans ligne, tout jour\nd'ouverture convient. Stagiaire vide : celui du dessus.",
            "Optional: when a placement student can be on placement (days, dates, times); with no row, any\nopen day will do. Empty Student: the one above.",
        ),
        required: false,
        columns: &[
            group(
                "student",
                t("Stagiaire", "Student"),
                t(
                    "Identifiant du stagiaire (feuille Stagiaires ; vide : celui du dessus).",
                    "Id of the student (Placement students sheet; empty: the one above).",
                ),
                Kind::Ref(SheetKey::Students, "id"),
                14.0,
            ),
            col(
                "days",
                t("Jours", "Days"),
                t(
                    "Jours disponibles séparés par « ; » (vide : tous).",
                    "Available days separated by \";\" (empty: all).",
                ),
                Kind::Days,
                false,
                22.0,
            ),
            col(
                "from",
                t("Du", "From"),
                t("Premier jour (vide : début de l'année).", "First day (empty: start of the year)."),
                Kind::Date,
                false,
                13.0,
            ),
            col(
                "to",
                t("Au", "To"),
                t("Dernier jour (vide : fin de l'année).", "Last day (empty: end of the year)."),
                Kind::Date,
                false,
                13.0,
            ),
            col(
                "start",
                t("Début", "Start"),
                t(
                    "Heure de début (vide avec Fin vide : toute la journée).",
                    "Start time (empty with End empty: the whole day).",
                ),
                Kind::Time,
                false,
                9.0,
            ),
            col("end", t("Fin", "End"), t("Heure de fin.", "End time."), Kind::Time, false, 9.0),
        ],
    },
];

/// The sheet with this key.
pub(crate) fn sheet(key: SheetKey) -> &'static Sheet {
    SHEETS.iter().find(|s| s.key == key).expect("every key has a sheet")
}

/// The weekday spellings, Monday first: the codes of instance files, the
/// French short and long names, the English long names.
pub(crate) const DAYS: [(&str, &str, &str, &str); 7] = [
    ("mon", "lun", "lundi", "monday"),
    ("tue", "mar", "mardi", "tuesday"),
    ("wed", "mer", "mercredi", "wednesday"),
    ("thu", "jeu", "jeudi", "thursday"),
    ("fri", "ven", "vendredi", "friday"),
    ("sat", "sam", "samedi", "saturday"),
    ("sun", "dim", "dimanche", "sunday"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_fit_a_spreadsheet_and_keys_are_unique() {
        for lang in [Lang::Fr, Lang::En] {
            let mut names: Vec<String> = SHEETS.iter().map(|s| s.name.get(lang).to_lowercase()).collect();
            for s in SHEETS {
                assert!(s.name.get(lang).chars().count() <= 31, "{}", s.name.get(lang));
                let mut headers: Vec<String> = s.columns.iter().map(|c| c.header.get(lang).to_lowercase()).collect();
                headers.sort();
                headers.dedup();
                assert_eq!(headers.len(), s.columns.len(), "headers of {}", s.name.get(lang));
            }
            names.sort();
            names.dedup();
            assert_eq!(names.len(), SHEETS.len());
        }
        for s in SHEETS {
            for c in s.columns {
                if let Kind::Ref(k, key) | Kind::RefList(k, key) = c.kind {
                    assert!(sheet(k).column(key).is_some(), "{}.{} refers to a missing column", s.name.en, c.key);
                }
            }
        }
    }
}
