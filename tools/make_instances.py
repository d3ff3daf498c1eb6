#!/usr/bin/env python3
"""Builds the reference instances under instances/ (deterministic).

    python3 tools/make_instances.py          # write the five instance files
    python3 tools/make_instances.py --check  # only print the load check

Facts come from ../shared/facts (programmes.md, calendar.md, sites.md); what
those facts do not give (teachers, rooms, hours of the UMONS and UNamur UEs,
periods, sites of each activity, students, placement hosts) is INVENTED and
said so in each instance's `note`, in names marked "(fictif)" and in UE notes.

Ids are unique across the four programmes (prefixes edu-, ias-, or-, acc-;
teachers are prefixed by institution so that the same person keeps the same
id in every file), so that all-programmes-2025-2026.json is their union.

The load check prints, for every leaf cohort (with its ancestors) and every
quadrimester, the meetings to place against the slot-dates the grid opens,
and fails if any single activity needs more meetings than one weekly slot
template can give in its period.
"""

import datetime as dt
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "instances"
CALENDAR = "calendars/fwb-2025-2026.json"
WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
MON_FRI = ["mon", "tue", "wed", "thu", "fri"]

# --------------------------------------------------------------------------
# Sites (facts/sites.md); rooms are invented.

SITES = {
    "mons": {"id": "mons", "name": "UMONS — Mons (Plaine de Nimy / centre)", "city": "Mons",
             "rooms": [("mons-a", 80), ("mons-b", 60), ("mons-c", 40), ("mons-d", 40), ("mons-e", 30),
                       ("mons-f", 30), ("mons-g", 20), ("mons-h", 20)]},
    "charleroi": {"id": "charleroi", "name": "UMONS — campus de Charleroi", "city": "Charleroi",
                  "rooms": [("cha-1", 40), ("cha-2", 30), ("cha-3", 30), ("cha-4", 20)]},
    "liege": {"id": "liege", "name": "HELMo — rue d'Harscamp 60c, Liège", "city": "Liège",
              "rooms": [("lg-a", 40), ("lg-b", 35), ("lg-c", 30), ("lg-d", 30), ("lg-e", 20), ("lg-f", 20)]},
    "jemeppe": {"id": "jemeppe", "name": "HEPL — Campus 2000, avenue Montesquieu 6, Jemeppe", "city": "Seraing",
                "rooms": [("jem-1", 40), ("jem-2", 35), ("jem-3", 30), ("jem-4", 20)]},
    "namur": {"id": "namur", "name": "UNamur", "city": "Namur",
              "rooms": [("nam-1", 40), ("nam-2", 30), ("nam-3", 20)]},
    "brussels": {"id": "brussels", "name": "Site d'enseignement à Bruxelles (fictif)", "city": "Bruxelles",
                 "rooms": [("bxl-1", 50), ("bxl-2", 30), ("bxl-3", 20)]},
    "liege-univ": {"id": "liege-univ", "name": "Liège — site universitaire partenaire (fictif)", "city": "Liège",
                   "rooms": [("lgu-1", 40), ("lgu-2", 20)]},
}

# Door-to-door minutes (facts/sites.md); liege-univ is invented (as liege).
TRAVEL = {
    ("mons", "charleroi"): 55, ("mons", "namur"): 80, ("mons", "liege"): 130, ("mons", "brussels"): 65,
    ("charleroi", "namur"): 45, ("charleroi", "liege"): 95, ("charleroi", "brussels"): 60,
    ("namur", "liege"): 65, ("namur", "brussels"): 65, ("liege", "jemeppe"): 20, ("liege", "brussels"): 95,
    ("mons", "jemeppe"): 125, ("charleroi", "jemeppe"): 90, ("namur", "jemeppe"): 60,
    ("brussels", "jemeppe"): 100,
    ("liege", "liege-univ"): 20, ("mons", "liege-univ"): 130, ("brussels", "liege-univ"): 95,
    ("namur", "liege-univ"): 65, ("charleroi", "liege-univ"): 95, ("jemeppe", "liege-univ"): 25,
}

# --------------------------------------------------------------------------
# Teachers: all invented. Same id in every file that uses them.


def teacher(tid, name, unavailable=None, max_days=None):
    t = {"id": tid, "name": name + " (fictif)"}
    if unavailable:
        t["unavailable"] = unavailable
    if max_days:
        t["max_days_per_week"] = max_days
    return t


TEACHERS = {t["id"]: t for t in [
    # UMONS, Faculté de psychologie et des sciences de l'éducation
    teacher("t-umons-delhaye", "C. Delhaye", [{"days": ["mon"]}]),
    teacher("t-umons-vanhove", "M. Van Hove", max_days=3),
    teacher("t-umons-lefebvre", "S. Lefebvre", [{"days": ["sat"]}]),
    teacher("t-umons-mertens", "A. Mertens"),
    teacher("t-umons-carlier", "J. Carlier", [{"from": "2025-11-17", "to": "2025-11-28"}]),
    teacher("t-umons-dubois", "N. Dubois"),
    teacher("t-umons-hennaut", "P. Hennaut"),
    teacher("t-umons-wauters", "L. Wauters", [{"days": ["fri"]}]),
    teacher("t-umons-gilson", "F. Gilson"),
    teacher("t-umons-renard", "É. Renard", [{"days": ["wed"], "start": "13:00", "end": "18:00"}]),
    teacher("t-umons-collard", "B. Collard"),
    teacher("t-umons-leroy", "V. Leroy", [{"from": "2026-03-09", "to": "2026-03-13"}]),
    teacher("t-umons-martin", "G. Martin"),
    teacher("t-umons-jacquet", "H. Jacquet", [{"days": ["mon"], "start": "08:00", "end": "12:30"}]),
    teacher("t-umons-baudoux", "D. Baudoux"),
    teacher("t-umons-simon", "I. Simon"),
    teacher("t-umons-lambert", "K. Lambert", [{"days": ["thu"]}]),
    teacher("t-umons-hubert", "O. Hubert"),
    # ULB / partner teaching in Brussels and Liège (orthopedagogy modules)
    teacher("t-bxl-peeters", "R. Peeters", [{"days": ["fri"]}]),
    teacher("t-bxl-janssens", "T. Janssens"),
    teacher("t-lgu-thiry", "Y. Thiry"),
    teacher("t-lgu-pirard", "Z. Pirard", [{"days": ["tue"]}]),
    # HELMo / HEPL
    teacher("t-helmo-lejeune", "A. Lejeune"),
    teacher("t-helmo-closset", "M. Closset", [{"days": ["sat"]}]),
    teacher("t-helmo-dethier", "C. Dethier"),
    teacher("t-hepl-fraipont", "P. Fraipont"),
    teacher("t-helmo-kinet", "S. Kinet"),
    teacher("t-hepl-masson", "L. Masson", [{"days": ["fri"], "start": "13:00", "end": "17:00"}]),
    teacher("t-helmo-gerard", "J. Gérard"),
    teacher("t-helmo-noel", "D. Noël"),
    teacher("t-hepl-schmitz", "B. Schmitz", [{"days": ["mon", "tue"]}]),
    teacher("t-hepl-delvaux", "N. Delvaux"),
    teacher("t-helmo-marechal", "F. Maréchal", [{"days": ["wed"]}]),
    teacher("t-hepl-lhoest", "E. Lhoest"),
    teacher("t-hepl-bodson", "R. Bodson", max_days=2),
    teacher("t-helmo-piron", "V. Piron"),
    teacher("t-helmo-henrard", "G. Henrard"),
    # UNamur
    teacher("t-unamur-degreef", "M. Degreef"),
    teacher("t-unamur-poncelet", "A. Poncelet", [{"days": ["tue"], "from": "2026-02-01", "to": "2026-02-28"}]),
    teacher("t-unamur-bastin", "C. Bastin"),
    teacher("t-unamur-francois", "L. François"),
]}


def act(aid, kind, hours, session, teachers, cohorts, site, freq="any"):
    return {"id": aid, "kind": kind, "hours": hours, "session_hours": session, "teachers": teachers,
            "cohorts": cohorts, "site": site, "frequency": freq}


def alt(a, b):
    return {"alternate": [a, b]}


def any_of(*s):
    return {"any_of": list(s)}


def ue(code, title, prog, block, credits, period, activities, coreq=None, note=None, competences=None):
    u = {"code": code, "title": title, "programme": prog}
    if block is not None:
        u["block"] = block
    u["credits"] = credits
    u["period"] = period
    u["corequisite"] = coreq
    if note:
        u["note"] = note
    if competences:
        u["competences"] = competences
    u["activities"] = activities
    return u


def cohort(cid, name, students, parent=None):
    c = {"id": cid, "name": name}
    if parent:
        c["parent"] = parent
    c["students"] = students
    return c


def host(hid, name, city, capacity, open_):
    return {"id": hid, "name": name + " (fictif)", "city": city, "capacity": capacity, "open": open_}


WEEKDAY_OFFICE = [{"days": MON_FRI, "start": "08:30", "end": "16:30"}]


def students_for(rng, prefix, start, groups, hosts, availabilities, capacity=None):
    """Placement students: `groups` is a list of (cohort id, requirement id,
    count). A third are already placed with a host (while it has room for
    that requirement, by `capacity`), the others give two or three
    preferences; availability is drawn from `availabilities`."""
    out = []
    n = start
    taken = {}
    for cid, req, count in groups:
        for _ in range(count):
            n += 1
            prefs = rng.sample(hosts, 3 if n % 2 else 2)
            s = {"id": f"{prefix}-s{n:03d}", "cohort": cid, "requirement": req}
            room = (capacity or {}).get(prefs[0], float("inf")) - taken.get((prefs[0], req), 0)
            s["host"] = prefs[0] if n % 3 == 0 and room > 0 else None
            if s["host"]:
                taken[(prefs[0], req)] = taken.get((prefs[0], req), 0) + 1
            s["preferences"] = prefs
            s["available"] = rng.choice(availabilities)
            out.append(s)
    return out


# --------------------------------------------------------------------------
# 1. UMONS — Master en sciences de l'éducation, finalité action sociale.

def edu():
    p = "edu-ma-as"
    grid = {"id": "edu-soir", "slots": [
        {"days": MON_FRI, "start": "17:15", "end": "20:15"},
        {"days": ["sat"], "start": "09:00", "end": "12:30"}]}
    cohorts = [
        cohort("edu-b1", "MA sciences de l'éducation AS — bloc 1", 30),
        cohort("edu-b2", "MA sciences de l'éducation AS — bloc 2", 27),
        cohort("edu-b2-edudev", "Bloc 2 — module Éducation et développement", 10, "edu-b2"),
        cohort("edu-b2-langage", "Bloc 2 — module Langage", 8, "edu-b2"),
        cohort("edu-b2-techno", "Bloc 2 — module Technologies et outils cognitifs", 9, "edu-b2"),
    ]
    ms = alt("mons", "charleroi")
    inv = "Hours, period, teachers and split into activities invented; structure and site rule from the programme."
    ues = [
        ue("EDU 1/1", "Éducation au-delà de sa discipline (tronc commun)", p, 1, 5, "Q1",
           [act("edu-1-1", "cours", 30, 3, ["t-umons-delhaye"], ["edu-b1"], "mons", "weekly")], note=inv),
        ue("EDU 1/2", "Séminaire de préparation au mémoire", p, 1, 5, "annual",
           [act("edu-1-2", "seminaire", 30, 3, ["t-umons-vanhove"], ["edu-b1"], "mons", "fortnightly")], note=inv),
        ue("EDU 1/3", "Module Pédagogie sociale et scolaire", p, 1, 15, "annual",
           [act("edu-1-3-cours", "cours", 45, 3, ["t-umons-lefebvre"], ["edu-b1"], "mons", "weekly"),
            act("edu-1-3-tp", "tp", 30, 3, ["t-umons-mertens"], ["edu-b1"], any_of("mons", "charleroi"))],
           note=inv),
        ue("EDU 1/4", "Stage en milieu socio-éducatif (300 h)", p, 1, 15, "annual", [],
           note="Placement of 300 hours (programme fact); credits invented. Hours are in placements.requirements."),
        ue("EDU 1/5", "Développement communautaire (module alterné Mons/Charleroi)", p, 1, 10, "annual",
           [act("edu-1-5-cours", "cours", 30, 3, ["t-umons-carlier"], ["edu-b1"], ms, "weekly"),
            act("edu-1-5-atelier", "atelier", 15, 3, ["t-umons-carlier"], ["edu-b1"], ms)], note=inv),
        ue("EDU 1/6", "Pratiques de coéducation (module alterné Mons/Charleroi)", p, 1, 10, "annual",
           [act("edu-1-6-cours", "cours", 30, 3, ["t-umons-dubois"], ["edu-b1"], ms, "weekly"),
            act("edu-1-6-seminaire", "seminaire", 15, 3, ["t-umons-dubois"], ["edu-b1"], ms)], note=inv),
        ue("EDU 2/1", "Mémoire", p, 2, 25, "annual",
           [act("edu-2-1", "seminaire", 30, 3, ["t-umons-vanhove"], ["edu-b2"], "mons", "fortnightly")],
           note="Dissertation; the accompanying seminar's hours are invented."),
        ue("EDU 2/2", "Stage de spécialisation (300 h)", p, 2, 15, "annual", [],
           note="Placement of 300 hours (programme fact); credits invented."),
        ue("EDU 2/3", "Module transversal Éducation et développement (alterné)", p, 2, 20, "annual",
           [act("edu-2-3-cours", "cours", 45, 3, ["t-umons-hennaut"], ["edu-b2-edudev"], ms, "weekly"),
            act("edu-2-3-tp", "tp", 30, 3, ["t-umons-hennaut"], ["edu-b2-edudev"], ms)], note=inv),
        ue("EDU 2/4", "Module transversal Langage (alterné)", p, 2, 20, "annual",
           [act("edu-2-4-cours", "cours", 45, 3, ["t-umons-wauters"], ["edu-b2-langage"], ms, "weekly"),
            act("edu-2-4-tp", "tp", 30, 3, ["t-umons-wauters"], ["edu-b2-langage"], ms)], note=inv),
        ue("EDU 2/5", "Module transversal Technologies et outils cognitifs (alterné)", p, 2, 20, "annual",
           [act("edu-2-5-cours", "cours", 45, 3, ["t-umons-gilson"], ["edu-b2-techno"], ms, "weekly"),
            act("edu-2-5-tp", "tp", 30, 3, ["t-umons-gilson"], ["edu-b2-techno"], ms)], note=inv),
    ]
    hosts = [
        host("edu-h-cpas-mons", "CPAS — Mons", "Mons", 5, WEEKDAY_OFFICE),
        host("edu-h-amo-mons", "Service d'aide en milieu ouvert — Mons", "Mons", 4,
             [{"days": MON_FRI, "start": "09:00", "end": "17:00"}, {"days": ["sat"], "start": "09:00", "end": "13:00"}]),
        host("edu-h-srj-mons", "Service résidentiel pour jeunes — Mons", "Mons", 4,
             [{"days": WEEKDAYS, "start": "08:00", "end": "20:00"}]),
        host("edu-h-pcs-mons", "Plan de cohésion sociale — Mons", "Mons", 4, WEEKDAY_OFFICE),
        host("edu-h-ecole-mons", "École fondamentale à discrimination positive — Mons", "Mons", 4,
             [{"days": MON_FRI, "start": "08:00", "end": "15:30"}]),
        host("edu-h-alpha-mons", "ASBL d'alphabétisation — Mons", "Mons", 3,
             [{"days": MON_FRI, "start": "09:00", "end": "16:00"}]),
        host("edu-h-cpas-charleroi", "CPAS — Charleroi", "Charleroi", 5, WEEKDAY_OFFICE),
        host("edu-h-mq-charleroi", "Maison de quartier — Charleroi", "Charleroi", 5,
             [{"days": MON_FRI, "start": "09:00", "end": "18:00"}]),
        host("edu-h-cj-charleroi", "Centre de jeunes — Charleroi", "Charleroi", 4,
             [{"days": ["tue", "wed", "thu", "fri"], "start": "10:00", "end": "18:00"},
              {"days": ["sat"], "start": "10:00", "end": "16:00"}]),
        host("edu-h-ecole-charleroi", "École secondaire en encadrement différencié — Charleroi", "Charleroi", 4,
             [{"days": MON_FRI, "start": "08:00", "end": "16:00"}]),
        host("edu-h-mm-charleroi", "Maison médicale — Charleroi", "Charleroi", 3, WEEKDAY_OFFICE),
        host("edu-h-sas-charleroi", "Service d'accrochage scolaire — Charleroi", "Charleroi", 4, WEEKDAY_OFFICE),
        host("edu-h-aj-mons", "Service de l'aide à la jeunesse — Mons", "Mons", 3, WEEKDAY_OFFICE),
        host("edu-h-ccas-mons", "Centre culturel — Mons", "Mons", 3,
             [{"days": ["tue", "wed", "thu", "fri", "sat"], "start": "09:00", "end": "17:00"}]),
    ]
    reqs = [
        {"id": "edu-stage-b1", "ue": "EDU 1/4", "cohort": "edu-b1", "hours": 300, "from": "2025-10-06",
         "to": "2026-06-30", "max_hours_per_day": 8, "max_hours_per_week": 16},
        {"id": "edu-stage-b2", "ue": "EDU 2/2", "cohort": "edu-b2", "hours": 300, "from": "2025-09-22",
         "to": "2026-05-23", "max_hours_per_day": 8, "max_hours_per_week": 16},
    ]
    avail = [
        [{"days": ["mon", "wed", "fri"]}],
        [{"days": ["tue", "thu"]}, {"days": ["fri"], "start": "08:00", "end": "13:00"}],
        [{"days": MON_FRI}],
        [{"days": ["wed", "thu", "fri"]}],
        [{"days": ["mon", "tue", "wed"]}],
    ]
    rng = random.Random(20250915)
    hids = [h["id"] for h in hosts]
    studs = students_for(rng, "edu", 0, [("edu-b1", "edu-stage-b1", 30), ("edu-b2-edudev", "edu-stage-b2", 10),
                                         ("edu-b2-langage", "edu-stage-b2", 8),
                                         ("edu-b2-techno", "edu-stage-b2", 9)], hids, avail,
                         {h["id"]: h["capacity"] for h in hosts})
    return {
        "key": "umons-education-social-action-2025-2026",
        "name": "UMONS — Master en sciences de l'éducation, finalité action sociale (horaire décalé) — 2025-2026",
        "note": ("Built from ../shared/facts/programmes.md §1: 120 ECTS in two blocks, evenings from 17:15 and "
                 "Saturday mornings, Mons and Charleroi, the four starred modules (Développement communautaire, "
                 "Pratiques de coéducation, the transversal modules) alternate between Mons and Charleroi, two "
                 "300-hour placements, block 2 students choose one of three transversal modules that may run at "
                 "the same time (sibling cohorts). INVENTED: teachers (names marked 'fictif'), rooms and their "
                 "capacities, cohort sizes, UE codes, credits split and hours of each UE, periods, placement "
                 "hosts (marked 'fictif'), students and their availability. Travel minutes from "
                 "../shared/facts/sites.md."),
        "sites": ["mons", "charleroi"],
        "grids": [grid],
        "cohorts": cohorts,
        "programmes": [{"id": p, "name": "Master en sciences de l'éducation, finalité spécialisée en action sociale",
                        "time_grid": "edu-soir", "cohorts": ["edu-b1", "edu-b2"], "max_evenings_per_week": 5}],
        "ues": ues,
        "enrolments": [],
        "hosts": hosts, "requirements": reqs, "students": studs,
    }


# --------------------------------------------------------------------------
# 2. HELMo + HEPL — Master en ingénierie et action sociales.

# The eight terminal competences of the ARES framework of the programme
# (référentiel 075, validated 05/06/2018; facts/programmes.md), titles as the
# framework states them.
ARES_075 = [
    ("C1", "Questionner et actualiser son savoir et ses pratiques professionnelles en matières sociales"),
    ("C2", "Développer et pratiquer la recherche comme outil de compréhension critique et de diagnostic social "
           "et/ou comme appui au développement de services, projets, programmes, dispositifs ou politiques"),
    ("C3", "Adapter, concevoir et conduire dans une dynamique participative, des projets, programmes, "
           "dispositifs ou politiques d'action sociale"),
    ("C4", "Mobiliser, coordonner et accompagner les travailleurs impliqués dans l'organisation"),
    ("C5", "Développer une démarche prospective et des pratiques d'évaluation"),
    ("C6", "Développer des dispositifs de gestion financière, juridique, administrative et logistique efficaces"),
    ("C7", "Développer des pratiques de partenariat(s) et de réseau(x)"),
    ("C8", "Innover en matière de politiques et de pratiques sociales"),
]

# Which competences each UE develops: INVENTED (read from the UE titles; the
# programme's sheets do not say). The optional digital workshop names none.
IAS_COMPETENCES = {
    "IAS 1/1": ["C1"], "IAS 1/2": ["C1", "C2"], "IAS 1/3": ["C1"], "IAS 1/4": ["C1", "C8"],
    "IAS 1/5": ["C1", "C2"], "IAS 1/6": ["C1", "C8"], "IAS 1/7": ["C4", "C7"], "IAS 1/8": ["C4", "C6"],
    "IAS 1/9": ["C2"], "IAS 1/10": ["C3", "C5"], "IAS 1/11": ["C1"], "IAS 1/12": ["C1", "C3", "C7"],
    "IAS 1/13": ["C6"], "IAS 1/14": ["C6"],
    "IAS 2/1": ["C7", "C8"], "IAS 2/2": ["C1"], "IAS 2/3": ["C2", "C8"], "IAS 2/4": ["C4"], "IAS 2/5": ["C5"],
    "IAS 2/6": ["C3", "C7"], "IAS 2/7": ["C6"], "IAS 2/8": ["C6"], "IAS 2/9": ["C2"],
    "IAS 2/10": ["C3", "C5", "C7"], "IAS 2/11": ["C1", "C8"],
}

def ias():
    p = "ias-ma"
    grid = {"id": "ias-decale", "slots": [
        {"days": MON_FRI, "start": "17:30", "end": "21:30"},
        {"days": ["fri"], "start": "13:00", "end": "17:00"},
        {"days": ["sat"], "start": "08:30", "end": "12:30"},
        {"days": ["sat"], "start": "13:00", "end": "17:00"}]}
    cohorts = [
        cohort("ias-b1", "MA ingénierie et action sociales — bloc 1", 28),
        cohort("ias-b2", "MA ingénierie et action sociales — bloc 2", 24),
        cohort("ias-b2-g1", "Bloc 2 — groupe d'encadrement du mémoire 1", 6, "ias-b2"),
        cohort("ias-b2-g2", "Bloc 2 — groupe d'encadrement du mémoire 2", 6, "ias-b2"),
        cohort("ias-b2-g3", "Bloc 2 — groupe d'encadrement du mémoire 3", 6, "ias-b2"),
        cohort("ias-b2-g4", "Bloc 2 — groupe d'encadrement du mémoire 4", 6, "ias-b2"),
        cohort("ias-passerelle", "Compléments de formation (étudiants sans bachelier correspondant)", 8),
        cohort("ias-num", "Ateliers pré-requis: environnement numérique (facultatif, blocs 1 et 2)", 14),
    ]
    B1, B2 = ["ias-b1"], ["ias-b2"]
    inv = "Hours and credits from the programme's UE table; period (when not annual), site and teachers invented."
    U = lambda code, title, block, cr, period, acts, coreq=None, note=inv: ue(  # noqa: E731
        code, title, p, block, cr, period, acts, coreq, note, IAS_COMPETENCES.get(code))
    ues = [
        U("IAS 1/1", "Complément de formation 1 (socio-anthropologie)", 1, 3, "Q1",
          [act("ias-1-1", "cours", 30, 4, ["t-helmo-lejeune"], ["ias-passerelle"], "liege", "weekly")],
          note="Bridging UE, only for students without a matching bachelor (cohort ias-passerelle; their "
               "overlaps with block 1 are soft, see enrolments). Period, site, teacher invented."),
        U("IAS 1/2", "Complément de formation 2 (problématique)", 1, 3, "Q1",
          [act("ias-1-2", "cours", 15, 4, ["t-helmo-closset"], ["ias-passerelle"], "liege")],
          note="Bridging UE (cohort ias-passerelle). Period, site, teacher invented."),
        U("IAS 1/3", "Complément de formation 3 (action sociale)", 1, 1, "Q1",
          [act("ias-1-3", "cours", 15, 4, ["t-hepl-fraipont"], ["ias-passerelle"], "jemeppe")],
          note="Bridging UE over one quadrimester (cohort ias-passerelle). Site, teacher invented."),
        U("IAS 1/4", "Questions socio-politiques et enjeux contemporains", 1, 3, "Q1",
          [act("ias-1-4", "cours", 30, 4, ["t-helmo-closset"], B1, "liege", "weekly")]),
        U("IAS 1/5", "Sociologie critique de l'action sociale", 1, 3, "Q1",
          [act("ias-1-5", "cours", 30, 4, ["t-helmo-lejeune"], B1, "liege", "weekly")]),
        U("IAS 1/6", "Évolution des pratiques de l'intervention sociale", 1, 4, "Q2",
          [act("ias-1-6", "cours", 45, 4, ["t-hepl-fraipont"], B1, "jemeppe", "weekly")]),
        U("IAS 1/7", "Analyse des organisations", 1, 3, "Q1",
          [act("ias-1-7", "cours", 30, 4, ["t-hepl-masson"], B1, "jemeppe", "weekly")]),
        U("IAS 1/8", "Piloter une organisation, partie 1: management et gestion du personnel", 1, 9, "Q2",
          [act("ias-1-8-cours", "cours", 45, 4, ["t-helmo-dethier"], B1, "liege", "weekly"),
           act("ias-1-8-tp", "tp", 30, 4, ["t-helmo-kinet"], B1, "liege")],
          note="Integrated evaluation. Hours and credits from the UE table; period, site, teachers invented."),
        U("IAS 1/9", "Pratiquer et utiliser la recherche", 1, 9, "annual",
          [act("ias-1-9-cours", "cours", 30, 4, ["t-helmo-gerard"], B1, "liege"),
           act("ias-1-9-tp", "tp", 45, 4, ["t-helmo-gerard"], B1, any_of("liege", "jemeppe"))],
          note="Annual (both quadrimesters). Hours and credits from the UE table; site, teacher invented."),
        U("IAS 1/10", "Concevoir et mener des projets", 1, 9, "annual",
          [act("ias-1-10-cours", "cours", 30, 4, ["t-helmo-noel"], B1, "jemeppe"),
           act("ias-1-10-tp", "tp", 45, 4, ["t-hepl-delvaux"], B1, "jemeppe")],
          note="Annual, integrated evaluation. Hours and credits from the UE table; site, teachers invented."),
        U("IAS 1/11", "Identités professionnelles", 1, 3, "annual",
          [act("ias-1-11", "seminaire", 30, 4, ["t-helmo-marechal"], B1, "liege")], coreq="IAS 1/12",
          note="Co-requisite of UE 1/12 (the placement), annual. Site, teacher invented."),
        U("IAS 1/12", "Stage", 1, 11, "annual", [], coreq="IAS 1/11",
          note="Placement of 130 hours (placements.requirements), co-requisite of UE 1/11, annual."),
        U("IAS 1/13", "Droit des associations", 1, 3, "Q2",
          [act("ias-1-13", "cours", 45, 4, ["t-hepl-schmitz"], B1, "jemeppe", "weekly")]),
        U("IAS 1/14", "Approche de la gestion financière", 1, 3, "Q1",
          [act("ias-1-14", "cours", 30, 4, ["t-hepl-lhoest"], B1, "jemeppe", "weekly")]),
        U("IAS AT-NUM", "Ateliers pré-requis: environnement numérique", None, 0, "Q1",
          [act("ias-at-num", "atelier", 12, 4, ["t-helmo-henrard"], ["ias-num"], "liege")],
          note="Optional workshop for blocks 1 and 2 (no code and 0 credit in the table; code invented). "
               "Its overlaps with the blocks are soft, see enrolments."),
        U("IAS 2/1", "Politiques sociales de l'Europe au local", 2, 6, "annual",
          [act("ias-2-1", "cours", 75, 4, ["t-helmo-piron"], B2, "jemeppe")]),
        U("IAS 2/2", "Philosophie sociale et éthique", 2, 3, "annual",
          [act("ias-2-2", "cours", 30, 4, ["t-helmo-lejeune"], B2, "jemeppe")]),
        U("IAS 2/3", "Analyse critique des politiques et pratiques sociales", 2, 3, "annual",
          [act("ias-2-3", "cours", 30, 4, ["t-helmo-closset"], B2, "liege")]),
        U("IAS 2/4", "Management collaboratif", 2, 3, "Q1",
          [act("ias-2-4", "cours", 30, 4, ["t-helmo-dethier"], B2, "jemeppe", "weekly")]),
        U("IAS 2/5", "Démarche prospective et outils d'évaluation", 2, 3, "Q2",
          [act("ias-2-5", "cours", 30, 4, ["t-hepl-masson"], B2, "jemeppe", "weekly")]),
        U("IAS 2/6", "Communication et marketing", 2, 7, "annual",
          [act("ias-2-6", "cours", 75, 4, ["t-hepl-bodson"], B2, "jemeppe")]),
        U("IAS 2/7", "Gestion financière des institutions 2", 2, 2, "Q1",
          [act("ias-2-7", "cours", 30, 4, ["t-hepl-lhoest"], B2, "jemeppe", "weekly")]),
        U("IAS 2/8", "Droit social", 2, 3, "Q2",
          [act("ias-2-8", "cours", 30, 4, ["t-hepl-schmitz"], B2, "liege", "weekly")]),
        U("IAS 2/9", "Encadrement minimal", 2, 16, "annual",
          [act(f"ias-2-9-g{g}", "seminaire", 50, 4, [t], [f"ias-b2-g{g}"], s)
           for g, t, s in [(1, "t-helmo-gerard", "liege"), (2, "t-helmo-noel", "jemeppe"),
                           (3, "t-helmo-piron", "jemeppe"), (4, "t-hepl-delvaux", "jemeppe")]],
          coreq="IAS 2/11",
          note="Dissertation supervision, 200 h (UE table) given as 4 group seminars of 50 h, one per "
               "supervision group (the split is invented). Co-requisite of UE 2/11, annual."),
        U("IAS 2/10", "Stage (projet/recherche/gestion)", 2, 10, "annual", [],
          note="Placement of 120 hours (placements.requirements), annual."),
        U("IAS 2/11", "Identités professionnelles", 2, 4, "annual",
          [act("ias-2-11", "seminaire", 75, 4, ["t-helmo-marechal"], B2, "liege")], coreq="IAS 2/9",
          note="Co-requisite of UE 2/9, annual. Site, teacher invented."),
    ]
    L = "Liège"
    S = "Seraing"
    hosts = [
        host("ias-h-cpas-liege", "CPAS — Liège", L, 5, WEEKDAY_OFFICE),
        host("ias-h-relais-liege", "Relais social du Pays de Liège", L, 4, WEEKDAY_OFFICE),
        host("ias-h-sans-abri-liege", "ASBL d'accueil de personnes sans abri — Liège", L, 4,
             [{"days": WEEKDAYS, "start": "08:00", "end": "20:00"}]),
        host("ias-h-mutualite-liege", "Service social d'une mutualité — Liège", L, 4, WEEKDAY_OFFICE),
        host("ias-h-federation-liege", "Fédération de services sociaux — Liège", L, 4,
             [{"days": MON_FRI, "start": "09:00", "end": "17:00"}]),
        host("ias-h-insertion-liege", "Centre d'insertion socioprofessionnelle — Liège", L, 4, WEEKDAY_OFFICE),
        host("ias-h-cpas-seraing", "CPAS — Seraing", S, 5, WEEKDAY_OFFICE),
        host("ias-h-emploi-seraing", "Maison de l'emploi — Seraing", S, 4, WEEKDAY_OFFICE),
        host("ias-h-pcs-seraing", "Plan de cohésion sociale — Seraing", S, 4,
             [{"days": MON_FRI, "start": "09:00", "end": "17:00"}, {"days": ["sat"], "start": "09:00", "end": "12:00"}]),
        host("ias-h-logement-seraing", "Agence immobilière sociale — Seraing", S, 3, WEEKDAY_OFFICE),
        host("ias-h-culturel-seraing", "Centre culturel — Seraing", S, 3,
             [{"days": ["tue", "wed", "thu", "fri", "sat"], "start": "09:00", "end": "17:00"}]),
        host("ias-h-ehpad-liege", "Maison de repos et de soins (service social) — Liège", L, 3, WEEKDAY_OFFICE),
        host("ias-h-aviq-liege", "Service d'accompagnement de personnes handicapées — Liège", L, 4, WEEKDAY_OFFICE),
    ]
    reqs = [
        {"id": "ias-stage-1", "ue": "IAS 1/12", "cohort": "ias-b1", "hours": 130, "from": "2025-10-06",
         "to": "2026-06-30", "max_hours_per_day": 8, "max_hours_per_week": 16},
        {"id": "ias-stage-2", "ue": "IAS 2/10", "cohort": "ias-b2", "hours": 120, "from": "2025-09-22",
         "to": "2026-05-23", "max_hours_per_day": 8, "max_hours_per_week": 16},
    ]
    avail = [
        [{"days": ["mon", "wed"]}],
        [{"days": ["tue", "thu"]}],
        [{"days": ["wed"]}, {"days": ["fri"], "start": "08:00", "end": "12:30"}],
        [{"days": MON_FRI}],
        [{"days": ["mon", "thu"]}],
    ]
    rng = random.Random(20250916)
    hids = [h["id"] for h in hosts]
    groups = [("ias-b1", "ias-stage-1", 28)] + [(f"ias-b2-g{g}", "ias-stage-2", 6) for g in (1, 2, 3, 4)]
    studs = students_for(rng, "ias", 0, groups, hids, avail, {h["id"]: h["capacity"] for h in hosts})
    # PAE: the bridging students follow block 1 and the bridging UEs; the
    # optional digital workshop is taken by some students of both blocks.
    b1_acts = [a["id"] for u in ues if u.get("block") == 1 and u["code"] not in ("IAS 1/1", "IAS 1/2", "IAS 1/3")
               for a in u["activities"]]
    bridging = ["ias-1-1", "ias-1-2", "ias-1-3"]
    enrol = []
    b1_students = [s["id"] for s in studs if s["cohort"] == "ias-b1"]
    for sid in b1_students[:8]:
        enrol.append({"student": sid, "activities": bridging + b1_acts})
    b2_students = [s for s in studs if s["cohort"].startswith("ias-b2")]
    b2_acts_common = [a["id"] for u in ues if u.get("block") == 2 and u["code"] != "IAS 2/9" for a in u["activities"]]
    for sid in b1_students[8:15]:
        enrol.append({"student": sid, "activities": ["ias-at-num"] + b1_acts})
    for s in b2_students[:7]:
        g = s["cohort"][-1]
        enrol.append({"student": s["id"], "activities": ["ias-at-num"] + b2_acts_common + [f"ias-2-9-g{g}"]})
    return {
        "key": "helmo-hepl-ingenierie-action-sociale-2025-2026",
        "name": "HELMo + HEPL (co-diplomation) — Master en ingénierie et action sociales (horaire décalé) — 2025-2026",
        "note": ("Built from ../shared/facts/programmes.md §2: every UE row of the table with its hours and "
                 "credits (the sheet's 540 h per block is not used: the UE rows are trusted); UE 1/9, 1/10, 1/11, "
                 "1/12, 2/1, 2/2, 2/3, 2/6, 2/9, 2/10 and 2/11 are annual; co-requisites 1/11-1/12 and 2/9-2/11; "
                 "placements 130 h (UE 1/12) and 120 h (UE 2/10); sites Liège (rue d'Harscamp) and "
                 "Jemeppe/Seraing (HEPL Campus 2000). INVENTED: the time grid (evenings 17:30-21:30, Friday "
                 "afternoon, Saturday), teachers (marked 'fictif'), rooms, cohort sizes, the period of the "
                 "one-quadrimester UEs, the site of each activity, the split of UE 2/9's 200 h into four "
                 "supervision groups, hosts (marked 'fictif'), students, their availability and PAE enrolments "
                 "(bridging students and the optional digital workshop are separate cohorts whose overlaps with "
                 "the blocks are a soft cost), and which of the eight competences of the ARES framework 075 "
                 "(programmes[].competences, titles as the framework states them) each UE develops (the UEs' "
                 "competences lists)."),
        "sites": ["liege", "jemeppe"],
        "grids": [grid],
        "cohorts": cohorts,
        "programmes": [{"id": p, "name": "Master en ingénierie et action sociales (HELMo-HEPL)",
                        "time_grid": "ias-decale", "cohorts": ["ias-b1", "ias-b2", "ias-passerelle", "ias-num"],
                        "competences": [{"id": c, "title": t} for c, t in ARES_075]}],
        "ues": ues,
        "enrolments": enrol,
        "hosts": hosts, "requirements": reqs, "students": studs,
    }


# --------------------------------------------------------------------------
# 3. UMONS — Master en sciences psychologiques, finalité orthopédagogie clinique.

MODULES = [
    ("neuro", "Neuropsychologie clinique", "mons", "t-umons-collard", "t-umons-leroy"),
    ("psydyn", "Psychologie clinique psychodynamique de l'enfant et de l'adolescent", "brussels",
     "t-umons-renard", "t-bxl-janssens"),
    ("systemic", "Psychologie clinique systémique et psychodynamique de l'adulte", any_of("mons", "brussels"),
     "t-umons-martin", "t-umons-jacquet"),
    ("travail", "Psychologie du travail, des organisations et de la diversité", "liege-univ",
     "t-lgu-thiry", "t-lgu-pirard"),
    ("legale", "Psychologie légale", "brussels", "t-bxl-peeters", "t-umons-simon"),
]


def ortho():
    p = "or-ma"
    grid = {"id": "or-jour", "slots": [
        {"days": MON_FRI, "start": "08:30", "end": "11:30"},
        {"days": MON_FRI, "start": "13:00", "end": "16:00"},
        {"days": MON_FRI, "start": "16:15", "end": "18:15"}]}
    sizes1 = [9, 8, 8, 6, 5]
    sizes2 = [8, 7, 7, 5, 5]
    cohorts = [cohort("or-m1", "MA psychologie, orthopédagogie clinique — bloc 1", sum(sizes1))]
    cohorts += [cohort(f"or-m1-{k}", f"Bloc 1 — module {t}", n, "or-m1") for (k, t, *_), n in zip(MODULES, sizes1)]
    cohorts += [cohort("or-m2", "MA psychologie, orthopédagogie clinique — bloc 2", sum(sizes2))]
    cohorts += [cohort(f"or-m2-{k}", f"Bloc 2 — module {t}", n, "or-m2") for (k, t, *_), n in zip(MODULES, sizes2)]
    inv = "Hours, period, site and teachers invented; credits from the programme's structure."
    M1, M2 = ["or-m1"], ["or-m2"]
    ues = [
        ue("OR 1/1", "Psychodiagnostic clinique", p, 1, 10, "Q1",
           [act("or-1-1-cours", "cours", 30, 3, ["t-umons-baudoux"], M1, "mons", "weekly"),
            act("or-1-1-tp", "tp", 30, 3, ["t-umons-simon"], M1, "mons", "weekly")], note=inv),
        ue("OR 1/2", "Séminaire de mémoire", p, 1, 5, "annual",
           [act("or-1-2", "seminaire", 20, 2, ["t-umons-mertens"], M1, "mons", "fortnightly")], note=inv),
        ue("OR 1/3", "Orthopédagogie clinique: fondements", p, 1, 5, "Q1",
           [act("or-1-3", "cours", 30, 3, ["t-umons-lambert"], M1, "mons", "weekly")], note=inv),
        ue("OR 1/4", "Évaluation et intervention en orthopédagogie", p, 1, 5, "Q2",
           [act("or-1-4-cours", "cours", 20, 3, ["t-umons-lambert"], M1, "mons", "weekly"),
            act("or-1-4-tp", "tp", 20, 3, ["t-umons-hubert"], M1, "mons")], note=inv),
        ue("OR 1/5", "Handicap, inclusion et qualité de vie", p, 1, 5, "Q2",
           [act("or-1-5", "cours", 30, 3, ["t-umons-hubert"], M1, "mons", "weekly")], note=inv),
        ue("OR 1/6", "Stage clinique I (400 h)", p, 1, 15, "annual", [],
           note="Placement of 400 hours, 15 credits (programme facts)."),
    ]
    for n, (k, title, site, t1, t2) in enumerate(MODULES, start=1):
        for blk in (1, 2):
            c = [f"or-m{blk}-{k}"]
            ues.append(ue(f"OR M{n}-{blk}", f"Module {title} ({'I' if blk == 1 else 'II'})", p, blk, 15, "annual",
                          [act(f"or-m{n}-{blk}-cours", "cours", 45, 3, [t1], c, site, "weekly"),
                           act(f"or-m{n}-{blk}-seminaire", "seminaire", 30, 2, [t2], c, site)],
                          note="One of five 30-credit modules (15 credits per block) run in parallel for "
                               "different students (programme facts); hours, site and teachers invented."))
    ues += [
        ue("OR 2/1", "Stage clinique II (400 h)", p, 2, 15, "annual", [],
           note="Placement of 400 hours, 15 credits (programme facts)."),
        ue("OR 2/2", "Mémoire", p, 2, 30, "annual",
           [act("or-2-2", "seminaire", 20, 2, ["t-umons-mertens"], M2, "mons", "fortnightly")],
           note="30-credit dissertation (programme facts); the seminar's hours are invented."),
    ]
    hosts = []
    kinds = [("Service de neuropsychologie d'un hôpital", 5), ("Service résidentiel pour jeunes", 4),
             ("Centre de réadaptation fonctionnelle", 4), ("Service d'aide précoce", 3),
             ("Centre psycho-médico-social", 4), ("Service de santé mentale", 4),
             ("Enseignement spécialisé (type 3)", 4)]
    for city, tag in [("Mons", "mons"), ("Bruxelles", "bxl"), ("Liège", "lg")]:
        for i, (kind, cap) in enumerate(kinds):
            hosts.append(host(f"or-h-{tag}-{i + 1}", f"{kind} — {city}", city, cap,
                              [{"days": MON_FRI, "start": "08:30", "end": "17:00"}]))
    hosts.append(host("or-h-bxl-justice", "Maison de justice — Bruxelles", "Bruxelles", 4, WEEKDAY_OFFICE))
    hosts.append(host("or-h-lg-rh", "Service des ressources humaines d'une entreprise — Liège", "Liège", 3,
                      WEEKDAY_OFFICE))
    reqs = [
        {"id": "or-stage-1", "ue": "OR 1/6", "cohort": "or-m1", "hours": 400, "from": "2026-02-02",
         "to": "2026-08-28", "max_hours_per_day": 8, "max_hours_per_week": 24},
        {"id": "or-stage-2", "ue": "OR 2/1", "cohort": "or-m2", "hours": 400, "from": "2025-09-22",
         "to": "2026-05-23", "max_hours_per_day": 8, "max_hours_per_week": 24},
    ]
    avail = [None, [{"days": MON_FRI}], [{"days": ["mon", "tue", "wed", "thu"]}],
             [{"days": ["tue", "wed", "thu", "fri"]}]]
    rng = random.Random(20250917)
    hids = [h["id"] for h in hosts]
    groups = [(f"or-m1-{k}", "or-stage-1", n) for (k, *_), n in zip(MODULES, sizes1)]
    groups += [(f"or-m2-{k}", "or-stage-2", n) for (k, *_), n in zip(MODULES, sizes2)]
    studs = students_for(rng, "or", 0, groups, hids, avail, {h["id"]: h["capacity"] for h in hosts})
    for s in studs:
        if s["available"] is None:
            del s["available"]
    return {
        "key": "umons-orthopedagogy-2025-2026",
        "name": "UMONS — Master en sciences psychologiques, finalité orthopédagogie clinique (horaire de jour) — 2025-2026",
        "note": ("Built from ../shared/facts/programmes.md §3: 120 ECTS in two blocks, daytime, sites Mons, "
                 "Brussels and Liège; block 1 has a 15-credit core (psychodiagnosis, dissertation seminar) and "
                 "15 compulsory focus credits; five 30-credit modules (15 credits per block) run in parallel for "
                 "different students (sibling cohorts); two 400-hour placements of 15 credits; a 30-credit "
                 "dissertation. INVENTED: the day grid, teachers (marked 'fictif'), rooms, the Brussels and Liège "
                 "teaching sites (marked 'fictif'), cohort sizes, UE codes, hours, periods, the site of each "
                 "module, hosts (marked 'fictif'), students and their availability."),
        "sites": ["mons", "brussels", "liege-univ"],
        "grids": [grid],
        "cohorts": cohorts,
        "programmes": [{"id": p, "name": "Master en sciences psychologiques, finalité orthopédagogie clinique",
                        "time_grid": "or-jour", "cohorts": ["or-m1", "or-m2"]}],
        "ues": ues,
        "enrolments": [],
        "hosts": hosts, "requirements": reqs, "students": studs,
    }


# --------------------------------------------------------------------------
# 4. UNamur + UMONS — Master de spécialisation en accompagnement.

def acc():
    p = "acc-ms"
    grid = {"id": "acc-soir-samedi", "slots": [
        {"days": ["tue", "thu"], "start": "18:00", "end": "21:15"},
        {"days": ["sat"], "start": "09:00", "end": "12:30"},
        {"days": ["sat"], "start": "13:30", "end": "17:00"}]}
    cohorts = [
        cohort("acc-p", "MS accompagnement — promotion 2025-2026", 26),
        cohort("acc-p-sante", "Option santé et éducation", 13, "acc-p"),
        cohort("acc-p-mgmt", "Option management et secteur social", 13, "acc-p"),
    ]
    P = ["acc-p"]
    inv = "Title, hours, period, site and teachers invented on the programme's theme; credits invented."
    ues = [
        ue("ACC 1", "Processus d'accompagnement: fondements et postures", p, 1, 4, "Q1",
           [act("acc-1", "cours", 16.25, 3.25, ["t-umons-vanhove"], P, "mons", "weekly")], note=inv),
        ue("ACC 2", "Processus d'accompagnement: dispositifs et méthodes", p, 1, 4, "Q2",
           [act("acc-2", "cours", 16.25, 3.25, ["t-unamur-degreef"], P, "namur", "weekly")], note=inv),
        ue("ACC 3", "Analyse de l'activité et des pratiques professionnelles", p, 1, 4, "Q1",
           [act("acc-3", "seminaire", 16.25, 3.25, ["t-unamur-poncelet"], P, "namur")], note=inv),
        ue("ACC 4", "Réflexivité et écriture professionnelle", p, 1, 4, "Q2",
           [act("acc-4", "atelier", 16.25, 3.25, ["t-unamur-poncelet"], P, "namur")], note=inv),
        ue("ACC 5", "Organisations et changement: accompagner le changement", p, 1, 4, "Q1",
           [act("acc-5", "cours", 16.25, 3.25, ["t-umons-carlier"], P, "mons")], note=inv),
        ue("ACC 6", "Organisations et changement: collectifs et intelligence collective", p, 1, 4, "Q2",
           [act("acc-6", "cours", 16.25, 3.25, ["t-unamur-bastin"], P, "namur")], note=inv),
        ue("ACC 7", "Dimensions relationnelles de l'accompagnement", p, 1, 4, "Q1",
           [act("acc-7", "cours", 16.25, 3.25, ["t-umons-dubois"], P, "mons")], note=inv),
        ue("ACC 8", "Dimensions relationnelles: groupes, conflits et médiation", p, 1, 4, "Q2",
           [act("acc-8", "atelier", 16.25, 3.25, ["t-umons-renard"], P, "mons")], note=inv),
        ue("ACC 9", "Séminaire d'intégration", p, 1, 6, "annual",
           [act("acc-9", "seminaire", 19.5, 3.25, ["t-unamur-francois", "t-umons-vanhove"], P,
                alt("namur", "mons"), "fortnightly")],
           note="Runs all year (programme fact), alternating between Namur and Mons (invented); ends with "
                "the international seminar (ACC 10). Hours and teachers invented."),
        ue("ACC 10", "Séminaire international (clôture du séminaire d'intégration)", p, 1, 2,
           {"from": "2026-05-09", "to": "2026-05-23"},
           [act("acc-10", "seminaire", 7, 3.5, ["t-unamur-francois"], P, "namur")],
           note="Ends the integration seminar (programme fact); dates, hours and site invented."),
        ue("ACC 11a", "Option santé et éducation", p, 1, 5, "Q2",
           [act("acc-11a", "cours", 19.5, 3.25, ["t-umons-lambert"], ["acc-p-sante"], "mons")],
           note="One option UE per student (programme fact); hours, site and teacher invented."),
        ue("ACC 11b", "Option management et secteur social", p, 1, 5, "Q2",
           [act("acc-11b", "cours", 19.5, 3.25, ["t-helmo-dethier"], ["acc-p-mgmt"], "namur")],
           note="One option UE per student (programme fact); hours, site and teacher invented."),
        ue("ACC 12", "Séminaire de méthodologie de la recherche (mémoire)", p, 1, 5, "annual",
           [act("acc-12", "seminaire", 13, 3.25, ["t-unamur-degreef"], P, any_of("namur", "mons"), "fortnightly")],
           note=inv),
        ue("ACC 13", "Mémoire", p, 1, 10, "annual", [],
           note="Dissertation, supervised individually: no timetabled session. Credits invented."),
    ]
    all_acts = [a["id"] for u in ues for a in u["activities"]]
    year1 = ["acc-1", "acc-3", "acc-5", "acc-7", "acc-9", "acc-10", "acc-12"]
    enrol = [{"student": f"acc-e{i:02d}", "activities": year1 + (["acc-11a"] if i % 2 else ["acc-11b"])}
             for i in range(1, 5)]
    enrol += [{"student": f"acc-e{i:02d}", "activities": [a for a in all_acts
                                                           if a != ("acc-11b" if i % 2 else "acc-11a")]}
              for i in range(5, 9)]
    return {
        "key": "unamur-umons-accompagnement-2025-2026",
        "name": "UNamur + UMONS — Master de spécialisation en accompagnement des professionnels — 2025-2026",
        "note": ("Built from ../shared/facts/programmes.md §4: 60 ECTS, one year, Mons and Namur, Tuesday and "
                 "Thursday 18:00-21:15 and Saturday 09:00-17:00 (split here into a morning and an afternoon "
                 "slot around a lunch break), 8 UEs on four themes, an integration seminar all year ending with "
                 "an international seminar, one option UE (two sibling cohorts), a research-methodology seminar, "
                 "no placement. Teaching runs to the end of June in the programme, but the shared FWB calendar "
                 "closes the June exam session, so sessions are placed from mid-September to the end of Q2. "
                 "Allègement (the programme over two years) is shown by PAE enrolments acc-e01..acc-e04 "
                 "(first-year half). INVENTED: UE titles and codes within the four themes, hours, credits, "
                 "periods, sites, teachers (marked 'fictif'), rooms, cohort sizes, enrolments."),
        "sites": ["mons", "namur"],
        "grids": [grid],
        "cohorts": cohorts,
        "programmes": [{"id": p, "name": "Master de spécialisation en accompagnement des professionnels de "
                                         "l'éducation, du management, de la santé et de l'action sociale",
                        "time_grid": "acc-soir-samedi", "cohorts": ["acc-p"], "max_evenings_per_week": 3}],
        "ues": ues,
        "enrolments": enrol,
        "hosts": [], "requirements": [], "students": [],
    }


# --------------------------------------------------------------------------
# Assembly.

def teachers_of(ues):
    used = sorted({t for u in ues for a in u["activities"] for t in a["teachers"]})
    return [TEACHERS[t] for t in used]


def site_objs(ids):
    out = []
    for sid in ids:
        s = SITES[sid]
        out.append({"id": s["id"], "name": s["name"], "city": s["city"],
                    "rooms": [{"id": r, "capacity": c} for r, c in s["rooms"]]})
    return out


def travel_of(ids):
    out = []
    for (a, b), m in TRAVEL.items():
        if a in ids and b in ids:
            out.append({"from": a, "to": b, "minutes": m})
    return out


def instance(name, note, parts):
    site_ids = []
    for prt in parts:
        for s in prt["sites"]:
            if s not in site_ids:
                site_ids.append(s)
    ues = [u for prt in parts for u in prt["ues"]]
    inst = {
        "format": "horaire/1",
        "name": name,
        "note": note,
        "calendar": CALENDAR,
        "sites": site_objs(site_ids),
        "travel_minutes": travel_of(site_ids),
        "time_grids": [g for prt in parts for g in prt["grids"]],
        "teachers": teachers_of(ues),
        "cohorts": [c for prt in parts for c in prt["cohorts"]],
        "programmes": [x for prt in parts for x in prt["programmes"]],
        "ues": ues,
    }
    enrol = [e for prt in parts for e in prt["enrolments"]]
    if enrol:
        inst["enrolments"] = enrol
    hosts = [h for prt in parts for h in prt["hosts"]]
    if hosts:
        inst["placements"] = {
            "hosts": hosts,
            "requirements": [r for prt in parts for r in prt["requirements"]],
            "students": [s for prt in parts for s in prt["students"]],
        }
    return inst


def dumps(v, indent=0):
    """JSON with short objects and arrays on one line (stable, readable)."""
    flat = json.dumps(v, ensure_ascii=False)
    if len(flat) + indent <= 110 or not isinstance(v, (dict, list)) or not v:
        return flat
    pad = " " * (indent + 2)
    if isinstance(v, dict):
        items = [f"{pad}{json.dumps(k, ensure_ascii=False)}: {dumps(x, indent + 2)}" for k, x in v.items()]
        return "{\n" + ",\n".join(items) + "\n" + " " * indent + "}"
    if all(not isinstance(x, (dict, list)) for x in v):
        # A long list of scalars: several per line.
        lines, cur = [], []
        for x in v:
            item = json.dumps(x, ensure_ascii=False)
            if cur and len(pad) + len(", ".join(cur + [item])) + 1 > 110:
                lines.append(", ".join(cur))
                cur = []
            cur.append(item)
        lines.append(", ".join(cur))
        return "[\n" + ",\n".join(pad + ln for ln in lines) + "\n" + " " * indent + "]"
    items = [pad + dumps(x, indent + 2) for x in v]
    return "[\n" + ",\n".join(items) + "\n" + " " * indent + "]"


# --------------------------------------------------------------------------
# Load check.

def open_dates(cal, ranges):
    closed = [(dt.date.fromisoformat(c["from"]), dt.date.fromisoformat(c["to"]))
              for c in cal["closures"] + cal["exam_periods"]]
    out = []
    for a, b in ranges:
        d = a
        while d <= b:
            if not any(x <= d <= y for x, y in closed):
                out.append(d)
            d += dt.timedelta(days=1)
    return out


def load_check(inst):
    cal = json.loads((OUT / inst["calendar"]).read_text())
    q = {k: (dt.date.fromisoformat(v["from"]), dt.date.fromisoformat(v["to"]))
         for k, v in cal["quadrimesters"].items()}
    problems = []
    grids = {g["id"]: g for g in inst["time_grids"]}
    prog_grid = {p["id"]: grids[p["time_grid"]] for p in inst["programmes"]}
    parent = {c["id"]: c.get("parent") for c in inst["cohorts"]}

    def templates(grid):
        for s in grid["slots"]:
            for d in s["days"]:
                h = (int(s["end"][:2]) * 60 + int(s["end"][3:]) - int(s["start"][:2]) * 60 - int(s["start"][3:]))
                yield WEEKDAYS.index(d), h / 60

    def period_ranges(per):
        if per == "annual":
            return [q["Q1"], q["Q2"]]
        if isinstance(per, dict):
            return [(dt.date.fromisoformat(per["from"]), dt.date.fromisoformat(per["to"]))]
        return [q[per]]

    lines = []
    demand = {}  # (leaf, quad) -> meetings
    for u in inst["ues"]:
        grid = prog_grid[u["programme"]]
        dates = open_dates(cal, period_ranges(u["period"]))
        for a in u["activities"]:
            m = -(-round(a["hours"] * 4) // round(a["session_hours"] * 4))
            best = max((sum(1 for d in dates if d.weekday() == wd) for wd, h in templates(grid)
                        if h >= a["session_hours"]), default=0)
            if a["frequency"] == "fortnightly":
                best = (best + 1) // 2
            if m > best:
                problems.append(f"{a['id']}: {m} meetings but one template gives at most {best}")
            a["_m"] = m
            a["_per"] = u["period"]
    leaves = [c for c in parent if c not in parent.values()]
    for leaf in leaves:
        chain = [leaf]
        while parent[chain[-1]]:
            chain.append(parent[chain[-1]])
        prog = next(p for p in inst["programmes"] if chain[-1] in p["cohorts"])
        grid = grids[prog["time_grid"]]
        cap = {}
        for k in ("Q1", "Q2"):
            dates = open_dates(cal, [q[k]])
            cap[k] = sum(1 for wd, _ in templates(grid) for d in dates if d.weekday() == wd)
        need = {"Q1": 0.0, "Q2": 0.0}
        for u in inst["ues"]:
            for a in u["activities"]:
                if any(c in chain for c in a["cohorts"]):
                    per = a["_per"]
                    if per in ("Q1", "Q2"):
                        need[per] += a["_m"]
                    elif per == "annual":
                        need["Q1"] += a["_m"] * cap["Q1"] / (cap["Q1"] + cap["Q2"])
                        need["Q2"] += a["_m"] * cap["Q2"] / (cap["Q1"] + cap["Q2"])
                    else:
                        need["Q2"] += a["_m"]
        for k in ("Q1", "Q2"):
            ratio = need[k] / cap[k]
            lines.append(f"  {leaf:22} {k}: {need[k]:5.1f} meetings / {cap[k]:3d} slot-dates ({ratio:.0%})")
            if ratio > 0.7:
                problems.append(f"cohort {leaf} in {k} uses {ratio:.0%} of its slot-dates")
    hosts = {h["id"]: h for h in inst.get("placements", {}).get("hosts", [])}
    fixed = {}
    for st in inst.get("placements", {}).get("students", []):
        if st["host"]:
            fixed[(st["host"], st["requirement"])] = fixed.get((st["host"], st["requirement"]), 0) + 1
    for (h, req), k in sorted(fixed.items()):
        if k > hosts[h]["capacity"]:
            problems.append(f"host {h} is given {k} students of {req}, over its capacity {hosts[h]['capacity']}")
    for st in inst.get("placements", {}).get("students", []):
        days = {d for w in st.get("available", [{"days": WEEKDAYS}]) for d in w.get("days", WEEKDAYS)}
        for h in [st["host"]] if st["host"] else st["preferences"]:
            if not days & {d for o in hosts[h]["open"] for d in o["days"]}:
                problems.append(f"student {st['id']} is never available when host {h} is open")
    tload = {}
    for u in inst["ues"]:
        for a in u["activities"]:
            for t in a["teachers"]:
                tload[t] = tload.get(t, 0) + a["_m"]
    busiest = sorted(tload.items(), key=lambda kv: (-kv[1], kv[0]))[:3]
    lines.append("  busiest teachers: " + ", ".join(f"{t} {n}" for t, n in busiest))
    for u in inst["ues"]:
        for a in u["activities"]:
            del a["_m"], a["_per"]
    return lines, problems


def main():
    parts = {f.__name__: f() for f in (edu, ias, ortho, acc)}
    files = {}
    for prt in parts.values():
        files[prt["key"]] = instance(prt["name"], prt["note"], [prt])
    shared = sorted(t for t in TEACHERS
                    if sum(t in {x for u in prt["ues"] for a in u["activities"] for x in a["teachers"]}
                           for prt in parts.values()) > 1)
    files["all-programmes-2025-2026"] = instance(
        "UMONS, HELMo-HEPL, UNamur — les quatre programmes de référence ensemble — 2025-2026",
        "The four reference instances together (see each file's note for facts and what is invented), with "
        "their teachers shared where a person plausibly teaches in several programmes (" + ", ".join(shared) +
        "), so that sites (Mons is used by three programmes), rooms and teachers interact. Ids carry a "
        "programme prefix (edu-, ias-, or-, acc-) and are unique across programmes.",
        list(parts.values()))
    bad = []
    for key, inst in files.items():
        lines, problems = load_check(inst)
        print(f"{key}:")
        print("\n".join(lines))
        bad += [f"{key}: {p}" for p in problems]
    if bad:
        print("LOAD CHECK FAILED:\n  " + "\n  ".join(bad))
        sys.exit(1)
    if "--check" in sys.argv:
        return
    for key, inst in files.items():
        path = OUT / f"{key}.json"
        tmp = path.with_suffix(".json.tmp")
        tmp.write_text(dumps(inst) + "\n", encoding="utf-8")
        tmp.replace(path)
        print(f"wrote {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
