"""Facts the app draws as pictures: the Ubuntu LTS releases the page names, and the two
distribution families with their package formats and package managers.

Each fact says where it comes from. What the page says carries a ``SourceRef`` to the seed
file and section; anything the page does not say is a ``Note`` marked ``since_then`` or
``beyond_sources``, dated, so the pictures keep the page's facts and later or outside facts
apart (see the design brief: "since then" notes are marked as such and dated).

Nothing here imports Textual.
"""

from __future__ import annotations

from dataclasses import dataclass, field

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


@dataclass(frozen=True)
class Note:
    """A fact that is not on the page.

    Attributes:
        text: the fact, one or two sentences.
        date: when it was true or checked, ``"YYYY-MM"``.
        kind: ``"since_then"`` (it happened after the page was written) or
            ``"beyond_sources"`` (true then too, but the page does not say it).
    """

    text: str
    date: str
    kind: str = "since_then"

    def label(self) -> str:
        """Return ``"Since then (as of 2023-05): ..."`` or ``"Not on the page (as of ...): ..."``."""
        head = "Since then" if self.kind == "since_then" else "Not on the page"
        return f"{head} (as of {self.date}): {self.text}"


@dataclass(frozen=True)
class LtsRelease:
    """An Ubuntu Long Term Support release the page names.

    Attributes:
        version: ``"16.04"``; Ubuntu numbers a release by its year and month.
        codename: ``"Xenial Xerus"``.
        released: ``"YYYY-MM"``, the month the version number encodes.
        named_in: the seed files whose text names this release.
        codename_named: whether the page itself gives the codename (else it comes from a note).
        python: the default Python the page says the release ships (``""`` when it says none).
        standard_support_end: ``"YYYY-MM"``, the month standard support actually ended
            (a ``since_then`` fact: the page only gives the five-year rule).
    """

    version: str
    codename: str
    released: str
    named_in: tuple[str, ...]
    codename_named: bool
    python: str = ""
    standard_support_end: str = ""

    @property
    def planned_end(self) -> str:
        """The month five years after release (the page's rule), ``"YYYY-MM"``."""
        year, month = self.released.split("-")
        return f"{int(year) + STANDARD_SUPPORT_YEARS:04d}-{month}"


#: The LTS releases the sources name, oldest first. Release months follow from the version
#: numbers (YY.MM); the page names 12.04 in 2014, 14.04 and 16.04 in 2016, 14.04, 16.04 and
#: 18.04 in 2018.
UBUNTU_LTS: tuple[LtsRelease, ...] = (
    LtsRelease("12.04", "Precise Pangolin", "2012-04", (MD_2014, SCRAPED_2014), True,
               standard_support_end="2017-04"),
    LtsRelease("14.04", "Trusty Tahr", "2014-04", (SCRAPED_2016, MD_2018, LINES_2018), False,
               python="2.7", standard_support_end="2019-04"),
    LtsRelease("16.04", "Xenial Xerus", "2016-04", (SCRAPED_2016, MD_2018, LINES_2018), True,
               python="3.5", standard_support_end="2021-04"),
    LtsRelease("18.04", "Bionic Beaver", "2018-04", (MD_2018, LINES_2018), True,
               python="3.6", standard_support_end="2023-05"),
)

#: The dates of the page versions and the LTS each calls "the latest".
PAGE_LATEST_LTS: tuple[tuple[str, str, str], ...] = (
    ("2014-02", "12.04", MD_2014),
    ("2016-04", "16.04", SCRAPED_2016),
    ("2018-05", "18.04", MD_2018),
)

LTS_NOTES: tuple[Note, ...] = (
    Note("Ubuntu version numbers are the year and month of release; 14.04 is called "
         "Trusty Tahr, a name the page does not give.", "2014-04", "beyond_sources"),
    Note("Standard support ended as the five-year rule says: 12.04 in April 2017, 14.04 in "
         "April 2019, 16.04 in April 2021, 18.04 at the end of May 2023. Canonical's paid "
         "Extended Security Maintenance (Ubuntu Pro) goes on past that.", "2023-05"),
    Note("The two-year cadence went on: 20.04 Focal Fossa, 22.04 Jammy Jellyfish, "
         "24.04 Noble Numbat.", "2024-04"),
    Note("The 2018 page says \"Xenial Xerus includes Python 3.6\": it means 18.04 Bionic "
         "Beaver; 16.04 Xenial Xerus ships Python 3.5 (erratum).", "2018-05", "beyond_sources"),
)


@dataclass(frozen=True)
class Distribution:
    """One distribution in a family.

    Attributes:
        name: ``"CentOS"``.
        based_on: the distribution it derives from (``""`` for the family's root).
        says: what the page says about it, quoted or closely paraphrased.
        source: where the page says it; ``None`` when only a note does.
        note: a fact beyond the page about it, or ``None``.
    """

    name: str
    based_on: str
    says: str
    source: SourceRef | None
    note: Note | None = None


@dataclass(frozen=True)
class Family:
    """A family of distributions sharing a package format and package manager.

    Attributes:
        name: ``"Debian"`` or ``"Red Hat"``.
        distributions: root first, then derivatives.
        package_format: the package file format, e.g. ``".rpm"``.
        format_source: where the page names the format, or ``None`` (then ``format_note``).
        package_manager: the command-line package manager the page names.
        manager_source: where the page names it.
        low_level: the tool that installs one package file (``dpkg``, ``rpm``).
        notes: later or outside facts about the family.
    """

    name: str
    distributions: tuple[Distribution, ...]
    package_format: str
    format_source: SourceRef | None
    package_manager: str
    manager_source: SourceRef
    low_level: str
    format_note: Note | None = None
    notes: tuple[Note, ...] = field(default_factory=tuple)


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
        format_source=None,
        format_note=Note("Debian-family packages are .deb files, installed underneath by dpkg; "
                         "the page names only the package manager.", "2014-02", "beyond_sources"),
        package_manager="APT (aptitude, apt-get)",
        manager_source=SourceRef(file=MD_2014, date="2014-02", section="Ubuntu"),
        low_level="dpkg",
        notes=(Note("The `apt` command joined apt-get and aptitude as a front end to APT.", "2014-04"),),
    ),
    Family(
        name="Red Hat",
        distributions=(
            Distribution("Fedora", "", "the checklist pairs Fedora-based distributions with Debian-based ones",
                         SourceRef(file=SCRAPED_2014, date="2014-02", section="Operating systems learning checklist"),
                         Note("Fedora is the community distribution RHEL is built from.", "2014-02",
                              "beyond_sources")),
            Distribution("RHEL", "Fedora", "Red Hat Enterprise Linux, the commercial distribution",
                         SourceRef(file=MD_2014, date="2014-02", section="Red Hat and CentOS")),
            Distribution("CentOS", "RHEL", "an open source, liberally licensed free derivative of RHEL",
                         SourceRef(file=MD_2014, date="2014-02", section="Red Hat and CentOS"),
                         Note("CentOS Linux ended (8 in December 2021, 7 in June 2024); CentOS Stream "
                              "now tracks just ahead of RHEL, and Rocky Linux and AlmaLinux rebuild it.",
                              "2024-06")),
        ),
        package_format=".rpm",
        format_source=SourceRef(file=MD_2014, date="2014-02", section="Red Hat and CentOS"),
        package_manager="YUM",
        manager_source=SourceRef(file=MD_2014, date="2014-02", section="Red Hat and CentOS"),
        low_level="rpm",
        notes=(Note("DNF replaced YUM as the default, in Fedora 22 (2015) and RHEL 8 (May 2019); "
                    "`yum` still runs it, and the format is still RPM.", "2019-05"),),
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
