#!/usr/bin/env python3
"""Writes the room variants of the combined instance used in RESULTS.md.

Usage: python3 bench/room-variants.py OUTDIR

Each variant is instances/all-programmes-2025-2026.json with rooms cut
(and, for one, three teachers restricted to Saturdays); the calendar is
copied next to them so that the relative reference still resolves.
"""
import copy
import json
import pathlib
import shutil
import sys

root = pathlib.Path(__file__).resolve().parent.parent
out = pathlib.Path(sys.argv[1])
(out / "calendars").mkdir(parents=True, exist_ok=True)
for cal in (root / "instances" / "calendars").glob("*.json"):
    shutil.copy(cal, out / "calendars" / cal.name)
base = json.loads((root / "instances" / "all-programmes-2025-2026.json").read_text())


def keep_rooms(inst, counts):
    for site in inst["sites"]:
        if site["id"] in counts:
            site["rooms"] = site["rooms"][: counts[site["id"]]]


def write(name, inst):
    (out / f"{name}.json").write_text(json.dumps(inst, ensure_ascii=False, indent=1))


# Mons down to its 2 largest rooms, Charleroi to 1 (/tmp/var/all-few-rooms.json).
few = copy.deepcopy(base)
keep_rooms(few, {"mons": 2, "charleroi": 1})
write("few-rooms", few)

# Every site down to its first room.
one = copy.deepcopy(base)
keep_rooms(one, {s["id"]: 1 for s in one["sites"]})
write("one-room-per-site", one)

# Few rooms, and Charleroi's only room holds 20 seats (edu-b1 has 30).
small = copy.deepcopy(few)
for site in small["sites"]:
    if site["id"] == "charleroi":
        site["rooms"] = [{"id": "cha-1", "capacity": 20}]
write("charleroi-20-seats", small)

# Few rooms, and the three teachers of the edu-b2 modules (which alternate
# Mons/Charleroi) only come on Saturdays.
sat = copy.deepcopy(few)
for t in sat["teachers"]:
    if t["id"] in ("t-umons-hennaut", "t-umons-wauters", "t-umons-gilson"):
        t["unavailable"] = [{"days": ["mon", "tue", "wed", "thu", "fri"]}]
write("few-rooms-saturday-teachers", sat)

# Not a room variant: few rooms, and the education programme down to one
# evening a week (its cohorts need up to 75 meetings a year).
cap = copy.deepcopy(few)
for p in cap["programmes"]:
    if p["id"] == "edu-ma-as":
        p["max_evenings_per_week"] = 1
write("few-rooms-edu-one-evening", cap)

# Not a room variant: few rooms, and t-umons-vanhove (who teaches in the
# education and accompaniment programmes) down to one day a week.
day = copy.deepcopy(few)
for t in day["teachers"]:
    if t["id"] == "t-umons-vanhove":
        t["max_days_per_week"] = 1
write("few-rooms-vanhove-one-day", day)
