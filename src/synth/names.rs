//! Invented names: teachers, placement hosts, programme and UE titles in
//! the domains of the reference programmes. Every generated person and
//! host is marked "(fictif)".

pub(super) const SURNAMES: [&str; 64] = [
    "Dupont",
    "Lambert",
    "Dubois",
    "Martin",
    "Simon",
    "Laurent",
    "Lejeune",
    "Renard",
    "Leclercq",
    "Mathieu",
    "François",
    "Michel",
    "Wauters",
    "Peeters",
    "Janssens",
    "Maes",
    "Jacobs",
    "Mertens",
    "Willems",
    "Claes",
    "Goossens",
    "Wouters",
    "De Smet",
    "Hermans",
    "Lemaire",
    "Collignon",
    "Delvaux",
    "Thiry",
    "Gilson",
    "Piron",
    "Marchal",
    "Closset",
    "Henrard",
    "Noël",
    "Gérard",
    "Dethier",
    "Kinet",
    "Masson",
    "Schmitz",
    "Bodson",
    "Lhoest",
    "Fraipont",
    "Baudoux",
    "Hubert",
    "Carlier",
    "Delhaye",
    "Lefebvre",
    "Hennaut",
    "Collard",
    "Leroy",
    "Jacquet",
    "Degreef",
    "Poncelet",
    "Bastin",
    "Dumont",
    "Denis",
    "Hanssens",
    "Lenoir",
    "Englebert",
    "Gobert",
    "Pirson",
    "Damas",
    "Jadoul",
    "Mottet",
];

pub(super) const INITIALS: &str = "ABCDEFGHIJLMNOPRSTVY";

/// Kinds of placement host, with the weekdays they are open on (all
/// mornings to late afternoon).
pub(super) const HOST_KINDS: [&str; 12] = [
    "CPAS",
    "Service d'aide en milieu ouvert",
    "Maison de quartier",
    "Plan de cohésion sociale",
    "Centre de jeunes",
    "Service de santé mentale",
    "Centre psycho-médico-social",
    "Service d'accrochage scolaire",
    "Centre d'insertion socioprofessionnelle",
    "Service résidentiel pour jeunes",
    "Maison médicale",
    "Service d'aide précoce",
];

pub(super) const EDU_FOCUS: [&str; 4] =
    ["action sociale", "formation d'adultes", "éducation inclusive", "ingénierie de la formation"];

pub(super) const EDU_OPTIONS: [&str; 6] = [
    "Éducation et développement",
    "Langage",
    "Technologies et outils cognitifs",
    "Éducation interculturelle",
    "Inclusion scolaire",
    "Accompagnement des parcours",
];

pub(super) const IAS_TITLES: [&str; 3] =
    ["ingénierie et action sociales", "gestion des institutions sociales", "coordination de projets sociaux"];

pub(super) const ORTHO_FOCUS: [&str; 4] =
    ["orthopédagogie clinique", "psychologie clinique", "neuropsychologie", "psychologie du développement"];

pub(super) const ORTHO_MODULES: [&str; 7] = [
    "Neuropsychologie clinique",
    "Psychologie clinique psychodynamique de l'enfant et de l'adolescent",
    "Psychologie clinique systémique et psychodynamique de l'adulte",
    "Psychologie du travail, des organisations et de la diversité",
    "Psychologie légale",
    "Psychologie de la santé",
    "Troubles des apprentissages",
];

pub(super) const ACC_TITLES: [&str; 4] = [
    "accompagnement des professionnels de l'éducation, du management, de la santé et de l'action sociale",
    "médiation et gestion des conflits",
    "supervision d'équipes",
    "coordination pédagogique",
];

pub(super) const ACC_THEMES: [&str; 8] = [
    "Processus d'accompagnement: fondements et postures",
    "Processus d'accompagnement: dispositifs et méthodes",
    "Analyse de l'activité et des pratiques professionnelles",
    "Réflexivité et écriture professionnelle",
    "Organisations et changement: accompagner le changement",
    "Organisations et changement: collectifs et intelligence collective",
    "Dimensions relationnelles de l'accompagnement",
    "Dimensions relationnelles: groupes, conflits et médiation",
];
