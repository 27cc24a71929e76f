"""Release facts the app shows: Ubuntu, Debian and RHEL support dates, the Ubuntu LTS
releases, and the two distribution families with their package formats and managers.

Dates that change on a calendar come from the ``distro-support`` package (its bundled data,
never fetched online) and are computed against the day they are shown: ``status_line``
says "standard support ended on 31 May 2023" or "until 29 May 2031" depending on ``today``.
``data_version()`` names the package version the dates come from, and the screens show it.

What that package lacks (each Ubuntu release's codename and default Python, the fates of
CentOS Linux, Rocky Linux and AlmaLinux) is kept in ``content/releases.yaml``, each fact
dated and with its source, and read here. What the page itself says carries a
``SourceRef`` to its version and section, so the pictures keep the page's claims and later
facts apart.

Nothing here imports Textual.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from functools import lru_cache

from oslearn.lessons.model import SourceRef

MD_2014 = "000_735c6881140933fc.txt"
SCRAPED_2014 = "002_e8fc5ae7436c4cc9.txt"
SCRAPED_2016 = "003_2d4e56c3b7f38875.txt"
MD_2018 = "001_fae48d724783d07a.txt"
LINES_2018 = "004_035ea28f98d1d792.txt"

#: "LTS versions receive five years of post-release updates from Canonical. Every two
#: years, Canonical creates a new LTS release" (every version of the page, section Ubuntu).
STANDARD_SUPPORT_YEARS = 5
LTS_CADENCE_YEARS = 2
LTS_RULE_SOURCE = SourceRef(file=MD_2014, date="2014-02", section="Ubuntu")

#: The month each version of the page dates itself to ("As of ...") and the LTS it calls
#: the latest (the 2014, 2016 and 2018 versions).
PAGE_LATEST_LTS: tuple[tuple[str, str, str], ...] = (
    ("2014-02", "12.04", MD_2014),
    ("2016-04", "16.04", SCRAPED_2016),
    ("2018-05", "18.04", MD_2018),
)

#: The names distro-support's data files use.
DISTRIBUTIONS = ("ubuntu", "debian", "rhel")
_NAMES = {"ubuntu": "Ubuntu", "debian": "Debian", "rhel": "RHEL"}
_EXTENDED = {"ubuntu": "Ubuntu Pro", "debian": "Extended LTS", "rhel": "Extended Life Cycle Support"}
_STANDARD = {"ubuntu": "standard support", "debian": "security support", "rhel": "maintenance support"}


@dataclass(frozen=True)
class Note:
    """A fact that is not on the page.

    Attributes:
        text: the fact, one or two sentences, plain text (no Markdown marks).
        date: when it was true or checked, ``"YYYY-MM"``.
        kind: ``"since_then"`` (it happened after the page was written) or
            ``"beyond_sources"`` (true then too, but the page does not say it).
        source: the URL it was checked against (``""`` if none).
    """

    text: str
    date: str
    kind: str = "since_then"
    source: str = ""

    def label(self) -> str:
        """Return ``"Since then (as of 2023-05): ..."`` or ``"Not on the page (as of ...): ..."``."""
        head = "Since then" if self.kind == "since_then" else "Not on the page"
        return f"{head} (as of {self.date}): {self.text}"


@dataclass(frozen=True)
class Support:
    """A release's support window, from distro-support's data.

    Attributes:
        distribution: ``"ubuntu"``, ``"debian"`` or ``"rhel"``.
        version: ``"24.04"``, ``"12"``, ``"9"``.
        released: the first day of support, or ``None`` if not released yet.
        standard_end: the last day of standard support (Ubuntu), security support
            (Debian) or maintenance support (RHEL); ``None`` if not known.
        extended_end: the last day of the paid or free extension (Ubuntu Pro, Debian's
            Extended LTS, RHEL's Extended Life Cycle Support); ``None`` if none.
    """

    distribution: str
    version: str
    released: datetime.date | None
    standard_end: datetime.date | None
    extended_end: datetime.date | None


@dataclass(frozen=True)
class LtsRelease:
    """An Ubuntu LTS release, with what the content adds to the support data.

    Attributes:
        version: ``"16.04"``; Ubuntu numbers a release by its year and month.
        codename: ``"Xenial Xerus"`` (from ``content/releases.yaml``).
        python: the default Python 3 (or 2.7 before 16.04), ``""`` when not recorded.
        source: where the codename and Python were checked.
        support: the support window from distro-support.
    """

    version: str
    codename: str
    python: str
    source: str
    support: Support

    @property
    def released(self) -> str:
        """The release month, ``"YYYY-MM"``."""
        return f"{self.support.released:%Y-%m}" if self.support.released else f"20{self.version[:2]}-04"


def data_version() -> str:
    """Return the installed distro-support version (``"2026.8.10"``), which dates its data;
    ``"unknown"`` if the package metadata cannot be read."""
    from importlib import metadata

    try:
        return metadata.version("distro-support")
    except metadata.PackageNotFoundError:
        return "unknown"


@lru_cache(maxsize=None)
def support(distribution: str, version: str) -> Support:
    """Return the support window of ``distribution`` ``version`` from distro-support's
    bundled data (never fetched online).

    Raises:
        KeyError: the data has no such distribution or version.
    """
    import distro_support
    from distro_support.errors import UnknownDistributionError, UnknownVersionError

    try:
        found = distro_support.get_support_range(distribution, version)
    except (UnknownDistributionError, UnknownVersionError) as error:
        raise KeyError(f"{distribution} {version}: not in distro-support {data_version()}") from error
    return Support(distribution, version, found.begin_support, found.end_support, found.end_extended_support)


@lru_cache(maxsize=None)
def _data(distribution: str) -> dict:
    """The raw bundled data of one distribution (version -> fields)."""
    import json
    from importlib import resources

    return json.loads((resources.files("distro_support") / f"{distribution}.json").read_text(encoding="utf-8"))


def versions(distribution: str) -> list[str]:
    """Return every version distro-support lists for ``distribution``, oldest first."""
    def key(version: str) -> tuple:
        return tuple(int(part) if part.isdigit() else 0 for part in version.split("."))
    return sorted(_data(distribution), key=key)


def current_date() -> datetime.date:
    """Today's date (local), against which release and support dates are worded. The one
    place the curriculum reads the calendar, so that tests can fix it."""
    return datetime.date.today()


def ubuntu_lts_versions(today: datetime.date | None = None) -> list[str]:
    """Return the Ubuntu LTS versions from 12.04 to the newest released by ``today``
    (default: today), oldest first. An LTS is an April release of an even year."""
    today = today or current_date()
    out = []
    for version in versions("ubuntu"):
        year, _, month = version.partition(".")
        if month != "04" or int(year) % 2 or int(year) < 12:
            continue
        window = support("ubuntu", version)
        if window.released is not None and window.released <= today:
            out.append(version)
    return out


def _day(date: datetime.date) -> str:
    return f"{date.day} {date:%B %Y}"


def status_line(distribution: str, version: str, today: datetime.date | None = None) -> str:
    """Return one line on a release's support, worded against ``today``.

    Example (``today`` = 2026-11-30): ``"18.04: standard support ended on 31 May 2023;
    Ubuntu Pro until April 2028"``; ``"26.04: standard support until 29 May 2031; Ubuntu Pro
    until April 2036"``; ``"Debian 12: security support ended on 10 June 2026; ..."``.

    Raises:
        KeyError: distro-support has no such release.
    """
    today = today or current_date()
    window = support(distribution, version)
    name = version if distribution == "ubuntu" else f"{_NAMES[distribution]} {version}"
    standard = _STANDARD[distribution]
    if window.released is None or window.released > today:
        when = f" on {_day(window.released)}" if window.released else ""
        return f"{name}: not released yet{when}"
    if window.standard_end is None:
        parts = [f"{standard}: end not announced"]
    elif window.standard_end < today:
        parts = [f"{standard} ended on {_day(window.standard_end)}"]
    else:
        parts = [f"{standard} until {_day(window.standard_end)}"]
    extended = _EXTENDED[distribution]
    if window.extended_end is not None:
        if window.extended_end < today:
            parts.append(f"{extended} ended {window.extended_end:%B %Y}")
        else:
            parts.append(f"{extended} until {window.extended_end:%B %Y}")
    return f"{name}: " + "; ".join(parts)


def is_supported(distribution: str, version: str, today: datetime.date | None = None) -> bool:
    """Return whether ``version`` is in standard support on ``today`` (extensions not counted)."""
    today = today or current_date()
    window = support(distribution, version)
    return (window.released is not None and window.released <= today
            and (window.standard_end is None or today <= window.standard_end))


@lru_cache(maxsize=1)
def release_notes() -> dict:
    """Return ``content/releases.yaml``: what the support data lacks, dated and sourced.

    Raises:
        OSError, yaml.YAMLError: the shipped file is missing or broken (a packaging bug).
    """
    import yaml

    from oslearn.lessons.loader import builtin_content

    return yaml.safe_load((builtin_content() / "releases.yaml").read_text(encoding="utf-8"))


def ubuntu_lts(today: datetime.date | None = None) -> tuple[LtsRelease, ...]:
    """Return the Ubuntu LTS releases from 12.04 to the newest released by ``today``, each
    with its codename and default Python from ``content/releases.yaml`` (``"?"`` and ``""``
    when the file does not have the release yet) and its support window."""
    known = {entry["version"]: entry for entry in release_notes()["ubuntu_lts"]}
    out = []
    for version in ubuntu_lts_versions(today):
        entry = known.get(version, {})
        out.append(LtsRelease(version, entry.get("codename", "?"), entry.get("python", ""),
                              entry.get("source", ""), support("ubuntu", version)))
    return tuple(out)


def family_notes(family: str) -> tuple[Note, ...]:
    """Return the dated notes ``content/releases.yaml`` keeps for ``family``
    (``"red_hat_family"`` or ``"debian_family"``)."""
    data = release_notes()
    checked = str(data.get("checked", ""))
    return tuple(Note(entry["text"], str(entry.get("date", checked)), "since_then", entry.get("source", ""))
                 for entry in data.get(family, []))


@dataclass(frozen=True)
class Distribution:
    """One distribution in a family.

    Attributes:
        name: ``"Rocky Linux"``.
        based_on: the distribution it derives from (``""`` for the family's root).
        says: what the page says about it, or what it is today.
        source: where the page says it; ``None`` when the page does not name it.
    """

    name: str
    based_on: str
    says: str
    source: SourceRef | None


@dataclass(frozen=True)
class Family:
    """A family of distributions sharing a package format and package manager.

    Attributes:
        name: ``"Debian"`` or ``"Red Hat"``.
        distributions: root first, then derivatives.
        package_format: the package file format, e.g. ``".rpm"``.
        package_manager: the package managers in use today.
        low_level: the tool that installs one package file (``dpkg``, ``rpm``).
        headers: the package with Python's C headers.
        notes_key: the key of its notes in ``content/releases.yaml``.
    """

    name: str
    distributions: tuple[Distribution, ...]
    package_format: str
    package_manager: str
    low_level: str
    headers: str
    notes_key: str = ""
    extra: tuple[str, ...] = field(default_factory=tuple)

    @property
    def notes(self) -> tuple[Note, ...]:
        """The family's dated notes (see ``family_notes``)."""
        return family_notes(self.notes_key) if self.notes_key else ()


FAMILIES: tuple[Family, ...] = (
    Family(
        name="Debian",
        distributions=(
            Distribution("Debian", "", "the base Ubuntu takes its packages from",
                         SourceRef(file=MD_2014, date="2014-02", section="Ubuntu")),
            Distribution("Ubuntu", "Debian", "packaged by Canonical; uses Debian as a base for packages",
                         SourceRef(file=MD_2014, date="2014-02", section="Ubuntu")),
        ),
        package_format=".deb",
        package_manager="apt, apt-get",
        low_level="dpkg",
        headers="python3-dev",
        notes_key="debian_family",
    ),
    Family(
        name="Red Hat",
        distributions=(
            Distribution("Fedora", "", "the community distribution RHEL is built from (the checklist: "
                         "“a Fedora-based distribution like CentOS”)",
                         SourceRef(file=SCRAPED_2014, date="2014-02", section="Operating systems learning checklist")),
            Distribution("RHEL", "Fedora", "Red Hat Enterprise Linux, the commercial distribution",
                         SourceRef(file=MD_2014, date="2014-02", section="Red Hat and CentOS")),
            Distribution("CentOS Linux", "RHEL", "a free derivative of RHEL (the page); ended in 2024",
                         SourceRef(file=MD_2014, date="2014-02", section="Red Hat and CentOS")),
            Distribution("Rocky Linux", "RHEL", "a free rebuild of RHEL", None),
            Distribution("AlmaLinux", "RHEL", "a free RHEL-compatible distribution", None),
        ),
        package_format=".rpm",
        package_manager="dnf (yum runs dnf)",
        low_level="rpm",
        headers="python3-devel",
        notes_key="red_hat_family",
    ),
)


def month_index(date: str) -> int:
    """Return ``"YYYY-MM"`` (or ``"YYYY-MM-DD"``) as months since year 0 (for drawing).

    Raises:
        ValueError: ``date`` is not in that form.
    """
    year, month = date.split("-")[:2]
    number = int(month)
    if not 1 <= number <= 12:
        raise ValueError(f"{date!r}: month must be 01..12")
    return int(year) * 12 + number - 1
