"""Validation of a decoded dataset: the checks of `medcoop validate`, run on every file read
with --data (``medcoop.dataset.validate``). Each check runs on every record; a record is
first checked at once, in place, and goes through the checks one by one, for their messages,
only when one fails. Nothing here prints or knows about the CLI."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, cast

from medcoop.i18n import N_, _

if TYPE_CHECKING:
    from medcoop.provenance import FieldClass
    from medcoop.records import Dataset, Source


def problems(ds: Dataset) -> list[str]:
    """Every problem of a decoded dataset, one line each, led by its JSON path."""
    return list(_problems(ds))


def _unique(items: list[str], path: str, what: str) -> Iterator[str]:
    seen: set[str] = set()
    for i, item in enumerate(items):
        if item in seen:
            yield _("{path}: duplicate {what} {item}").format(path=f"{path}[{i}]", what=_(what), item=repr(item))
        seen.add(item)


def _outside(path: str, year: int, lo: int, hi: int) -> str:
    return _("{path}: {year} is outside the report period {start}-{end}").format(path=path, year=year, start=lo, end=hi)


def _problems(ds: Dataset) -> Iterator[str]:  # noqa: C901 - a flat list of checks
    rep = ds["report"]
    lo, hi = rep["period_start"], rep["period_end"]
    if lo > hi:
        yield _("{path}: period_start {start} is after period_end {end}").format(path="$.report", start=lo, end=hi)
    sections = {s["id"] for s in rep["sections"]}
    yield from _unique([s["id"] for s in rep["sections"]], "$.report.sections", N_("section id"))
    for i, s in enumerate(rep["sections"]):
        if s["year"] is not None and not lo <= s["year"] <= hi:
            yield _outside(f"$.report.sections[{i}].year", s["year"], lo, hi)

    countries = {c["a2"] for c in ds["countries"]}
    orgs = {o["id"] for o in ds["organisations"]}
    yield from _unique([c["a2"] for c in ds["countries"]], "$.countries", N_("country code"))
    yield from _unique([c["a3"] for c in ds["countries"]], "$.countries", N_("country code"))
    collections: dict[str, list[str]] = {
        "metrics": [r["id"] for r in ds["metrics"]],
        "topic_lists": [r["id"] for r in ds["topic_lists"]],
        "organisations": [r["id"] for r in ds["organisations"]],
        "actions": [r["id"] for r in ds["actions"]],
        "country_roles": [r["id"] for r in ds["country_roles"]],
        "events": [r["id"] for r in ds["events"]],
        "awards": [r["id"] for r in ds["awards"]],
        "tallies": [r["id"] for r in ds["tallies"]],
        "visitors": [r["id"] for r in ds["visitors"]],
        "programmes": [r["id"] for r in ds["programmes"]],
    }
    for name, ids in collections.items():
        yield from _unique(ids, f"$.{name}", N_("id"))
    any_ref = countries | {i for ids in collections.values() for i in ids}

    def country(code: str | None, path: str) -> Iterator[str]:
        if code is not None and code not in countries:
            yield _("{path}: unknown country code {code}").format(path=path, code=repr(code))

    def org(ref: str | None, path: str) -> Iterator[str]:
        if ref is not None and ref not in orgs:
            yield _("{path}: unknown organisation {ref}").format(path=path, ref=repr(ref))

    def year(value: int, path: str) -> Iterator[str]:
        if not lo <= value <= hi:
            yield _outside(path, value, lo, hi)

    def period(start: int, end: int, path: str) -> Iterator[str]:
        yield from year(start, f"{path}.period_start")
        yield from year(end, f"{path}.period_end")
        if start > end:
            yield _("{path}: period_start {start} is after period_end {end}").format(path=path, start=start, end=end)

    def source(src: Source, path: str) -> Iterator[str]:
        if src["section"] not in sections:
            yield _("{path}: unknown section {section}").format(
                path=f"{path}.source.section", section=repr(src["section"])
            )
        if not src["quote"].strip():
            yield _("{path}: empty").format(path=f"{path}.source.quote")

    # Each record is first checked at once, in place (no path written, no check called): only a
    # record that fails one of its checks goes through them one by one, for their messages.
    def fine(src: Source) -> bool:  # what source() checks
        return src["section"] in sections and not src["quote"].isspace() and src["quote"] != ""

    for i, c in enumerate(ds["countries"]):
        yield from source(c["source"], f"$.countries[{i}]")
    for i, o in enumerate(ds["organisations"]):
        p = f"$.organisations[{i}]"
        yield from country(o["country"], f"{p}.country")
        yield from source(o["source"], p)
    for i, m in enumerate(ds["metrics"]):
        if (
            lo <= m["period_start"] <= m["period_end"] <= hi
            and (m["country"] is None or m["country"] in countries)
            and fine(m["source"])
        ):
            continue
        p = f"$.metrics[{i}]"
        yield from period(m["period_start"], m["period_end"], p)
        yield from country(m["country"], f"{p}.country")
        yield from source(m["source"], p)
    for i, topics in enumerate(ds["topic_lists"]):
        if lo <= topics["period_start"] <= topics["period_end"] <= hi and fine(topics["source"]):
            continue
        p = f"$.topic_lists[{i}]"
        yield from period(topics["period_start"], topics["period_end"], p)
        yield from source(topics["source"], p)
    for i, a in enumerate(ds["actions"]):
        if (
            lo <= a["year"] <= hi
            and countries.issuperset(a["countries"])
            and orgs.issuperset(a["partners"])
            and orgs.issuperset(a["beneficiaries"])
            and fine(a["source"])
        ):
            continue
        p = f"$.actions[{i}]"
        yield from year(a["year"], f"{p}.year")
        for j, code in enumerate(a["countries"]):
            yield from country(code, f"{p}.countries[{j}]")
        for j, ref in enumerate(a["partners"]):
            yield from org(ref, f"{p}.partners[{j}]")
        for j, ref in enumerate(a["beneficiaries"]):
            yield from org(ref, f"{p}.beneficiaries[{j}]")
        yield from source(a["source"], p)
    for i, r in enumerate(ds["country_roles"]):
        if r["country"] in countries and lo <= r["period_start"] <= r["period_end"] <= hi and fine(r["source"]):
            continue
        p = f"$.country_roles[{i}]"
        yield from country(r["country"], f"{p}.country")
        yield from period(r["period_start"], r["period_end"], p)
        yield from source(r["source"], p)
    for i, e in enumerate(ds["events"]):
        if (
            lo <= e["year"] <= hi
            and (e["country"] is None or e["country"] in countries)
            and (e["organiser"] is None or e["organiser"] in orgs)
            and fine(e["source"])
        ):
            continue
        p = f"$.events[{i}]"
        yield from year(e["year"], f"{p}.year")
        yield from country(e["country"], f"{p}.country")
        yield from org(e["organiser"], f"{p}.organiser")
        yield from source(e["source"], p)
    for i, w in enumerate(ds["awards"]):
        if (
            lo <= w["year"] <= hi
            and (w["awarding_body"] is None or w["awarding_body"] in orgs)
            and (w["recipient_org"] is None or w["recipient_org"] in orgs)
            and fine(w["source"])
        ):
            continue
        p = f"$.awards[{i}]"
        yield from year(w["year"], f"{p}.year")
        yield from org(w["awarding_body"], f"{p}.awarding_body")
        yield from org(w["recipient_org"], f"{p}.recipient_org")
        yield from source(w["source"], p)
    for i, t in enumerate(ds["tallies"]):
        p = f"$.tallies[{i}]"
        yield from period(t["period_start"], t["period_end"], p)
        if len(t["named"]) > t["count"]:
            yield _("{path}: {named} items named, above the count {count}").format(
                path=f"{p}.named", named=len(t["named"]), count=t["count"]
            )
        if t["complete"] and len(t["named"]) != t["count"]:
            yield _("{path}: marked complete with {named} of {count} items named").format(
                path=f"{p}.complete", named=len(t["named"]), count=t["count"]
            )
        if len(t["named_refs"]) > len(t["named"]):
            yield _("{path}: more references ({refs}) than named items ({named})").format(
                path=f"{p}.named_refs", refs=len(t["named_refs"]), named=len(t["named"])
            )
        for j, ref in enumerate(t["named_refs"]):
            if ref not in any_ref:
                yield _("{path}: unknown reference {ref}").format(path=f"{p}.named_refs[{j}]", ref=repr(ref))
        yield from source(t["source"], p)
    for i, v in enumerate(ds["visitors"]):
        if (
            lo <= v["year"] <= hi
            and (v["country"] is None or v["country"] in countries)
            and (v["organisation"] is None or v["organisation"] in orgs)
            and fine(v["source"])
        ):
            continue
        p = f"$.visitors[{i}]"
        yield from year(v["year"], f"{p}.year")
        yield from country(v["country"], f"{p}.country")
        yield from org(v["organisation"], f"{p}.organisation")
        yield from source(v["source"], p)
    actions = set(collections["actions"])
    awards = set(collections["awards"])
    for i, g in enumerate(ds["programmes"]):
        since = g["since"]
        if (
            (since is None or since <= hi)
            and actions.issuperset(g["actions"])
            and awards.issuperset(g["awards"])
            and fine(g["source"])
        ):
            continue
        p = f"$.programmes[{i}]"
        if g["since"] is not None and g["since"] > hi:
            yield _("{path}: {year} is after the report period {start}-{end}").format(
                path=f"{p}.since", year=g["since"], start=lo, end=hi
            )
        for ref in (r for r in g["actions"] if r not in actions):
            yield _("{path}: unknown action {ref}").format(path=f"{p}.actions", ref=repr(ref))
        for ref in (r for r in g["awards"] if r not in awards):
            yield _("{path}: unknown award {ref}").format(path=f"{p}.awards", ref=repr(ref))
        yield from source(g["source"], p)
    for i, ms in enumerate(ds["milestones"]):
        p = f"$.milestones[{i}]"
        yield from year(ms["year"], f"{p}.year")
        yield from org(ms["organisation"], f"{p}.organisation")
        yield from source(ms["source"], p)
    yield from _list_items(ds)
    yield from _bases(ds)
    yield from _numbers(ds)
    yield from _years(ds)
    yield from _money_once(ds)


LIST_SEPARATOR = "; "
"""How CSV and TSV join a list cell: no list item may hold it."""


def _list_items(ds: Dataset) -> Iterator[str]:
    """A list holds items (names, codes, topics), never a note: no item holds the separator
    CSV joins them with, none is a sentence (several words and a full stop), none is over 120
    characters."""
    for name, records in ds.items():
        if not isinstance(records, list):
            continue
        for i, record in enumerate(records):
            for key, value in record.items():
                if not isinstance(value, list):
                    continue
                for j, item in enumerate(value):  # (the words counted only for an item ending with '.')
                    if len(item) > 120 or LIST_SEPARATOR in item or (item.endswith(".") and len(item.split()) > 2):
                        yield _("{path}: free text in a list ({item}); notes go in a note field").format(
                            path=f"$.{name}[{i}].{key}[{j}]", item=repr(item[:40])
                        )


def _bases(ds: Dataset) -> Iterator[str]:
    """Every text value is what its field declares (``medcoop.provenance``): a printed value
    stands in its record's quote (or passage), a passage holds its quote, a spelling stands in
    some quote, and a field printed only sometimes has a basis for each value, which says
    `printed` only when the quote prints it. Compared as ``provenance.normalise`` does.

    Only the fields of those four kinds are read (ids, references and the editors' words have
    nothing to check here), and a value's JSON path is written only for a problem."""
    from medcoop.provenance import FIELDS, normalise

    tables = cast("dict[str, list[dict[str, Any]]]", ds)
    every_quote = ["\n".join(normalise(r["source"]["quote"]) for name in FIELDS for r in tables[name])]
    country_names = {
        c["a2"]: [normalise(n) for n in (c["name_en"], *c["printed_as"], *c["aliases"])] for c in ds["countries"]
    }
    for name, fields in FIELDS.items():
        yield from _table_bases(name, tables[name], fields, every_quote, country_names)


def _table_bases(
    name: str,
    records: list[dict[str, Any]],
    fields: dict[str, FieldClass],
    every_quote: list[str],
    country_names: dict[str, list[str]],
) -> Iterator[str]:
    """_bases of the records of one collection."""
    from medcoop.provenance import IN_REPORT, PASSAGE, PER_VALUE, PRINTED, normalise

    passages = [f for f, kind in fields.items() if kind == PASSAGE]
    checked = [(f, kind) for f, kind in fields.items() if kind in (PRINTED, IN_REPORT, PASSAGE, PER_VALUE)]
    for i, record in enumerate(records if checked else ()):
        quote = normalise(record["source"]["quote"])
        texts = [quote, *(normalise(str(record[f])) for f in passages if record[f])] if passages else [quote]
        for field, kind in checked:
            items = _strings(record[field])
            if kind == PRINTED:
                for item in items:
                    if not _printed(normalise(item), texts):
                        yield _("{path}: {item} is not in the record's quote; print it as the report does").format(
                            path=f"$.{name}[{i}].{field}", item=repr(item)
                        )
            elif kind == IN_REPORT:
                for item in items:
                    if not _printed(normalise(item), every_quote):
                        yield _("{path}: {item} is in no quote of the dataset").format(
                            path=f"$.{name}[{i}].{field}", item=repr(item)
                        )
            elif kind == PASSAGE:
                if items and not _holds(normalise(items[0]), quote):
                    yield _("{path}: does not hold the record's quote").format(path=f"$.{name}[{i}].{field}")
            else:  # PER_VALUE
                one = items[0] if items else None
                names = country_names.get(one or "", []) if field == "country" else [normalise(one or "")]
                yield from _basis(f"$.{name}[{i}].{field}", one, record[f"{field}_basis"], texts, names)


def _strings(value: object) -> tuple[str, ...] | list[str]:
    """The text items of a field's value: itself if it is text, its texts if it is a list."""
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str)]
    return ()


def _printed(value: str, texts: list[str]) -> bool:
    """Whether one of the texts holds the (normalised) value as whole words ('US' is not in
    'business'): no word character (as regular expressions' \\w: a letter, a digit or '_') just
    before it when it begins with one, nor just after it when it ends with one. Found with
    str.find, not a regular expression per value: a dataset's load checks a few hundred values."""
    starts_a_word, ends_a_word = value[:1].isalnum(), value[-1:].isalnum()
    size = len(value)
    for text in texts:
        at = text.find(value)
        while at != -1:
            end = at + size
            # a word character, as \w: str.isalnum() (letters and digits of any script) or '_'
            if not (starts_a_word and at and ((before := text[at - 1]).isalnum() or before == "_")) and not (
                ends_a_word and end < len(text) and ((after := text[end]).isalnum() or after == "_")
            ):
                return True
            at = text.find(value, at + 1)  # the next one may overlap this one
    return False


def _holds(passage: str, quote: str) -> bool:
    """A passage holds its quote, or the quote after its leading 'Heading: '."""
    return quote in passage or quote.partition(": ")[2] in passage


def _basis(path: str, value: str | None, basis: object, texts: list[str], names: list[str]) -> Iterator[str]:
    """A value printed only sometimes: its basis is given, and `printed` only when the texts
    print one of its names (the value itself; for a country code, the country's names)."""
    where = f"{path}_basis"
    if value is None:
        if basis is not None:
            yield _("{path}: a basis for no value").format(path=where)
        return
    printed = any(_printed(n, texts) for n in names)
    if basis is None or (basis == "printed" and not printed):
        if printed:
            message = _(
                "{path}: the quote prints {value}; give its basis (printed, public record, editorial or derived)"
            )
        else:
            message = _(
                "{path}: the quote does not print {value}; "
                "give its basis (printed, public record, editorial or derived)"
            )
        yield message.format(path=where, value=value)


def _numbers(ds: Dataset) -> Iterator[str]:
    """Every amount and count is printed in its record's quote (``provenance.NUMBERS``, in the
    forms ``provenance.numbers_in`` reads): an amount in U.S. dollars with its currency, after
    the record's qualifier if it has one ("more than 900"). A record that restates another's
    amount is checked against that record (``_money_once``)."""
    from medcoop.provenance import NUMBERS, PRINTED, normalise, prints_number

    tables = cast("dict[str, list[dict[str, Any]]]", ds)
    for name, fields in NUMBERS.items():
        printed = [f for f, kind in fields.items() if kind == PRINTED]
        for i, record in enumerate(tables[name]):
            if record.get("restates") or all(record[f] is None for f in printed):
                continue  # (the quote is normalised only for a number to look for)
            quote = normalise(record["source"]["quote"])
            qualifier = normalise(record["qualifier"]) if record.get("qualifier") else None
            for field in printed:
                value = record[field]
                if value is None:
                    continue
                usd = field == "amount_usd" or record.get("unit") == "USD"
                if not prints_number(quote, value, usd=usd, qualifier=qualifier):
                    shown = f"{record['qualifier']} {value}" if qualifier else str(value)
                    message = (
                        _("{path}: USD {value} is not in the record's quote; an amount must be printed there, "
                          "with its currency (USD 12.5 million, 12.5 million U.S. dollars)")
                        if usd
                        else _("{path}: {value} is not in the record's quote; a count must be printed there "
                               "(1,500, eight, more than 900)")
                    )  # fmt: skip
                    yield message.format(path=f"$.{name}[{i}].{field}", value=shown)


def _years(ds: Dataset) -> Iterator[str]:
    """Every year stands where its record's year_basis says (``provenance.YEAR_FIELDS``):
    printed in the quote (stated), the year of the record's section (section), or the report's
    period, with no year of its own (report period, not stated)."""
    from medcoop.provenance import FIELDS, YEAR_FIELDS, normalise, prints_year

    rep = ds["report"]
    section_years = {s["id"]: s["year"] for s in rep["sections"]}
    tables = cast("dict[str, list[dict[str, Any]]]", ds)
    span = {"period_start": rep["period_start"], "period_end": rep["period_end"]}
    for name in FIELDS:
        for i, record in enumerate(tables[name]):
            basis = record.get("year_basis")
            if basis not in ("stated", "section", "report period", "not stated"):
                continue  # (public record, or none: nothing to check)
            years = [(f, record[f]) for f in YEAR_FIELDS if record.get(f) is not None]
            p = f"$.{name}[{i}]" if years else ""
            if basis == "stated":
                quote = normalise(record["source"]["quote"])
                for field, year in years:
                    if not prints_year(quote, year):
                        message = _("{path}: {year} is not printed in the record's quote (its year_basis is stated)")
                        yield message.format(path=f"{p}.{field}", year=year)
            elif basis == "section":
                section = record["source"]["section"]
                expected = section_years.get(section)
                for field, year in years:
                    if year != expected:
                        yield _(
                            "{path}: {year} is not the year of its section {section} ({expected}), "
                            "and its year_basis is section"
                        ).format(path=f"{p}.{field}", year=year, section=repr(section), expected=expected or "-")
            else:  # report period, not stated
                for field, year in years:
                    if span.get(field) != year:
                        yield _(
                            "{path}: {year} with year_basis {basis}: the record spans the report period {start}-{end}"
                        ).format(
                            path=f"{p}.{field}", year=year, basis=basis, start=span["period_start"],
                            end=span["period_end"],
                        )  # fmt: skip


def _money_once(ds: Dataset) -> Iterator[str]:
    """No amount counted twice: an amount in USD stated by two records of the same country
    and overlapping years must be linked, the one restating the other (metrics.restates);
    a restatement names an action with that very amount."""
    amounts = {a["id"]: a["amount_usd"] for a in ds["actions"]}
    for i, m in enumerate(ds["metrics"]):
        ref = m["restates"]
        if ref is None:
            continue
        if ref not in amounts:
            yield _("{path}: unknown action {ref}").format(path=f"$.metrics[{i}].restates", ref=repr(ref))
        elif m["unit"] != "USD" or amounts[ref] != m["value"]:
            yield _("{path}: {ref} states {amount} USD, not {value} {unit}").format(
                path=f"$.metrics[{i}].restates", ref=repr(ref), amount=amounts[ref], value=m["value"], unit=m["unit"]
            )
    restated = {m["restates"] for m in ds["metrics"] if m["restates"]}
    for i, m in enumerate(ds["metrics"]):
        if m["unit"] != "USD" or m["restates"] is not None or m["country"] is None:
            continue
        for a in ds["actions"]:
            same = a["amount_usd"] == m["value"] and m["country"] in a["countries"]
            if same and m["period_start"] <= a["year"] <= m["period_end"] and a["id"] not in restated:
                yield _("{path}: {value} USD is also stated by action {ref}; set restates").format(
                    path=f"$.metrics[{i}]", value=m["value"], ref=repr(a["id"])
                )
