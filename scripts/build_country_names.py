"""Build medcoop/data/country_names.json: every name of every country of the world that medcoop
answers to, by ISO 3166-1 alpha-2 code, so that `medcoop country Mexican`, `country "Rep. of
Korea"` or `country Russia` find the country, and a real country the report does not mention is
told from a typo.

    python scripts/build_country_names.py [--from countries.json] [--out medcoop/data/country_names.json]

Without --from, the npm package world-countries@5.1.0 is fetched with the ordinary npm client
(`npm pack`) into a temporary folder and its countries.json is read. Needs Babel (a build
dependency and in the test extra) and pycountry (in the test extra). For each country, the
names come in groups, each name in the first group that has it (compared folded, as medcoop
compares names):

- "iso": ISO 3166-1 (pycountry): the alpha-2 and alpha-3 codes, the short, official and common
  names, and their Spanish names from pycountry's ISO catalog. "en" and "es" are the ISO short
  names medcoop shows for a country the report does not mention.
- "world-countries": world-countries (ODbL 1.0, see NOTICE): common and official names, the
  alternative spellings, the native names, and the Spanish common and official names.
- "cldr": the territory names of the Unicode CLDR (as Babel ships them) in every English and
  Spanish locale written in Latin script.
- "curated": the few common names that none of these carries, each with its basis. Kept by hand
  in this script (CURATED); tests/test_country_names.py checks every code.
- "demonyms": the English demonyms of world-countries ("Mexican", "South Korean"), kept apart
  from the names: medcoop reads a demonym as its country only when it is the whole name typed.

"independent" is world-countries' flag; a demonym shared by an independent country and
territories of it ("American": the United States and the Northern Mariana Islands) is the
independent country's (docs/country-names.md).

The output is deterministic: the same inputs give the same bytes.
"""

from __future__ import annotations

import argparse
import gettext
import json
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "medcoop" / "data" / "country_names.json"
PACKAGE = "world-countries@5.1.0"
MEMBER = "package/countries.json"

# name, alpha-2, basis. Only names no maintained source installed here carries.
_VARIANT = "CLDR's English variant name (alt='variant'), which Babel does not ship"
CURATED = [
    ("Turkey", "TR", _VARIANT + "; ISO short name until 2022"),
    ("Ivory Coast", "CI", _VARIANT),
    ("Swaziland", "SZ", _VARIANT + "; ISO short name until 2018"),
    ("Suazilandia", "SZ", "the Spanish name until 2018 (ISO short name in English: Swaziland)"),
    ("East Timor", "TL", _VARIANT),
    ("Holland", "NL", "common English name for the Netherlands (a part for the whole)"),
    ("Holanda", "NL", "common Spanish name for the Netherlands (a part for the whole)"),
    ("ROK", "KR", "the English abbreviation of Republic of Korea in its government's usage (ROK Armed Forces)"),
]

SOURCES = {
    "iso": "ISO 3166-1 as pycountry {pycountry} ships it (names in English; Spanish from its ISO catalog)",
    "world-countries": "world-countries 5.1.0 (npm; https://github.com/mledoze/countries), ODbL 1.0",
    "cldr": "Unicode CLDR territory names as Babel {babel} ships them (English and Spanish locales)",
    "curated": "kept by hand in scripts/build_country_names.py, each name with its basis",
}


def fetch(folder: Path) -> bytes:
    """countries.json of world-countries, through `npm pack` (the npm client and its registry)."""
    subprocess.run(["npm", "pack", PACKAGE, "--silent"], cwd=folder, check=True, stdout=subprocess.DEVNULL)
    (tgz,) = folder.glob("world-countries-*.tgz")
    with tarfile.open(tgz) as archive:
        member = archive.extractfile(MEMBER)
        assert member is not None
        return member.read()


def _fold() -> Any:
    sys.path.insert(0, str(ROOT))
    from medcoop.names import fold

    return fold


def compiled_index(countries: dict[str, Any]) -> Any:
    sys.path.insert(0, str(ROOT))
    from medcoop.worldnames import compiled_index

    return compiled_index(countries)


class Names:
    """The names of one country, each kept in the first group that has it (compared folded)."""

    def __init__(self) -> None:
        self.seen: set[str] = set()
        self.groups: dict[str, list[str]] = {}

    def add(self, group: str, names: Iterable[str | None]) -> None:
        fold = _fold()
        for name in names:
            name = (name or "").strip()
            if name and fold(name) and fold(name) not in self.seen:
                self.seen.add(fold(name))
                self.groups.setdefault(group, []).append(name)


def iso_names() -> dict[str, tuple[str, str, list[str]]]:
    """alpha-2 -> (English short name, Spanish short name, every ISO name and code)."""
    import pycountry

    spanish = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["es"], fallback=True)
    found = {}
    for c in pycountry.countries:
        english = [str(getattr(c, a)) for a in ("name", "official_name", "common_name") if hasattr(c, a)]
        names = [str(c.alpha_2), str(c.alpha_3), *english, *(spanish.gettext(n) for n in english)]
        found[str(c.alpha_2)] = (str(c.name), spanish.gettext(str(c.name)), names)
    return found


def world_countries_names(country: dict[str, Any]) -> list[str]:
    name = country["name"]
    spa = country.get("translations", {}).get("spa", {})
    native = [n for lang in sorted(name.get("native", {})) for n in name["native"][lang].values()]
    return [name["common"], name["official"], *country.get("altSpellings", []), *native, *spa.values()]


def demonyms(country: dict[str, Any]) -> list[str]:
    eng = country.get("demonyms", {}).get("eng", {})
    return [eng[g] for g in ("m", "f") if eng.get(g)]


def cldr_names() -> dict[str, list[str]]:
    from babel import Locale, localedata

    locales = [Locale.parse(i) for i in sorted(localedata.locale_identifiers()) if i.split("_")[0] in ("en", "es")]
    found: dict[str, list[str]] = {}
    for loc in locales:
        if loc.script in (None, "Latn"):
            for code, name in sorted(loc.territories.items()):
                found.setdefault(code, []).append(name)
    return found


def build(world: list[dict[str, Any]]) -> str:
    import babel

    iso = iso_names()
    by_code = {c["cca2"]: c for c in world}
    cldr = cldr_names()
    countries: dict[str, Any] = {}
    for code in sorted(set(iso) | set(by_code)):
        wc = by_code.get(code)
        en, es, names = iso.get(code) or (wc["name"]["common"], wc["translations"]["spa"]["common"], [code])  # type: ignore[index]
        group = Names()
        group.add("iso", names)
        if wc is not None:
            group.add("world-countries", world_countries_names(wc))
        group.add("cldr", cldr.get(code, []))
        group.add("curated", [n for n, a2, _basis in CURATED if a2 == code])
        entry: dict[str, Any] = {"en": en, "es": es, "independent": bool(wc and wc.get("independent"))}
        entry.update(group.groups)
        people = Names()
        people.add("demonyms", demonyms(wc) if wc else [])
        entry.update(people.groups)
        countries[code] = entry
    data = {
        "about": (
            "Every name of every country that medcoop answers to, by ISO 3166-1 alpha-2 code (medcoop/worldnames.py "
            "reads it; docs/country-names.md). Written by scripts/build_country_names.py: do not edit by hand."
        ),
        "sources": {
            k: v.format(pycountry=_version("pycountry"), babel=babel.__version__) for k, v in SOURCES.items()
        },
        "curated": [{"name": n, "a2": code, "basis": basis} for n, code, basis in CURATED],
        "countries": countries,
        "index": compiled_index(countries),
    }
    return json.dumps(data, ensure_ascii=False, indent=0, sort_keys=False) + "\n"


def _version(dist: str) -> str:
    from importlib.metadata import version

    return version(dist)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--from", dest="source", type=Path, help="world-countries' countries.json (else npm pack)")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    if args.source is not None:
        raw = args.source.read_bytes()
    else:
        with tempfile.TemporaryDirectory() as tmp:
            raw = fetch(Path(tmp))
    args.out.write_text(build(json.loads(raw)), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
