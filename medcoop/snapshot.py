"""The shipped dataset as a Python module, made when the wheel is built.

medcoop answers one question per process, so loading the dataset is part of every answer.
The wheel carries ``medcoop/_shipped.py``, written from ``data/medcoop.json`` by
``module_source`` (called by ``hatch_build.py``): one literal, which pip compiles to bytecode
at install, so that loading the shipped dataset is reading constants, with neither msgspec
nor json imported. The JSON file stays the source (and ships too, for ``medcoop validate``
and ``medcoop export``); the tests check that it is valid and that the module made from it
holds exactly its records. A checkout or an editable install has no such module and reads
the JSON file, so an edit to it shows at once.

Standard library only: the build hook runs this before medcoop's dependencies exist (and
medcoop.query.mentioned, whose decisions it compiles, needs none either).
"""

import json

HEADER = '''"""The shipped dataset, written from data/medcoop.json when this wheel was built
(medcoop/snapshot.py). Do not edit: edit data/medcoop.json and rebuild."""

'''


def _object(pairs: list[tuple[str, object]]) -> dict[str, object]:
    obj = dict(pairs)
    if len(obj) != len(pairs):
        raise ValueError("duplicate key in a JSON object")
    return obj


def _constant(name: str) -> object:
    raise ValueError(f"{name} is not a JSON number")


def module_source(data: bytes, translations: bytes | None = None, mentions: object = None) -> str:
    """Python source binding DATASET to the JSON document in data, as a literal, and
    TRANSLATIONS to the records of the Spanish translations of its editors' words
    (data/medcoop.es.json, medcoop/translations.py) when given, and MENTIONS to what
    medcoop.query.mentioned.decisions() reads from its quotes, when given.

    repr() of what json reads (dicts, lists, str, int, bool, None) is a Python literal of
    the same value; duplicate keys and NaN/Infinity, which the dataset's checks refuse,
    are refused here too."""
    value = json.loads(data.decode("utf-8-sig"), object_pairs_hook=_object, parse_constant=_constant)
    if not isinstance(value, dict):
        raise ValueError("the dataset is not a JSON object")
    source = f"{HEADER}DATASET = {value!r}\n"
    if translations is not None:
        document = json.loads(translations.decode("utf-8"), object_pairs_hook=_object, parse_constant=_constant)
        if not isinstance(document, dict) or not isinstance(document.get("records"), dict):
            raise ValueError("the translations are not a JSON object with records")
        source += f"TRANSLATIONS = {document['records']!r}\n"
    if mentions is not None:
        source += f"MENTIONS = {mentions!r}\n"
    return source
