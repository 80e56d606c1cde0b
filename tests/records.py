"""A small dataset with one record of each kind: the tiny fixture (period 2016-2017) with a
topic list, a programme and a milestone added, for the loading and validation tests."""

from __future__ import annotations

import copy
import json
from typing import Any

from .conftest import TINY

Data = dict[str, Any]


TOPIC_LIST = {
    "id": "tl-2017",
    "context": "Topics of 2017",
    "topics": ["mobility"],
    "period_start": 2017,
    "period_end": 2017,
    "year_basis": "section",
    "source": {"section": "2017", "quote": "Topics: mobility"},
}


PROGRAMME = {
    "id": "p-1",
    "name": "Forum of Mayors",
    "acronym": None,
    "aliases": [],
    "kind": "forum",
    "since": 2017,  # the last year of the report period: allowed
    "year_basis": "stated",
    "actions": ["a-2017-korea"],
    "awards": ["w-2016"],
    "description": "A forum.",
    "note": None,
    "source": {"section": "2016", "quote": "the forum of mayors, since 2017"},
}


MILESTONE = {
    "id": "ms-1",
    "year": 2016,
    "year_basis": "stated",
    "kind": "membership",
    "name": "Network of Cities",
    "name_basis": "printed",
    "organisation": "idb",
    "note": None,
    "source": {"section": "2016", "quote": "joined the network of cities in 2016"},
}


def full() -> Data:
    """The tiny fixture (period 2016-2017) with a topic list, a programme and a milestone."""
    data: Data = json.loads(TINY.read_text(encoding="utf-8"))
    data["topic_lists"].append(copy.deepcopy(TOPIC_LIST))
    data["programmes"].append(copy.deepcopy(PROGRAMME))
    data["milestones"].append(copy.deepcopy(MILESTONE))
    return data
