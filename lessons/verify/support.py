"""Whether a release is supported on a given day.

Ubuntu, Debian and RHEL come from the ``distro-support`` package (its ``begin_support``,
``end_support`` and ``end_extended_support``: for Ubuntu the extended end is ESM / Ubuntu
Pro's, for Debian the LTS and ELTS end); what it lacks comes from ``TABLE``, a small table of
dates each project publishes, with its source. Nothing here knows today's date: callers pass
it, so the answer is computed against the day of the check (and tests pin the day).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

#: Release support the ``distro-support`` package does not cover, as published by each
#: project: ``(os-release ID, major version) -> (name, end of standard support, end of
#: extended support or None, source)``. For Rocky Linux and AlmaLinux the standard end is
#: the end of their free security updates (as RHEL's maintenance end in ``distro-support``).
#: FreeBSD is by stable branch: each point release of a branch is supported only until a
#: few months after the next one, so a system on a supported branch must also be on its
#: newest point release.
TABLE: dict[tuple[str, str], tuple[str, date, date | None, str]] = {
    ("centos", "6"): ("CentOS Linux 6", date(2020, 11, 30), None, "https://www.centos.org/centos-linux-eol/"),
    ("centos", "7"): ("CentOS Linux 7", date(2024, 6, 30), None, "https://www.centos.org/centos-linux-eol/"),
    ("centos", "8"): ("CentOS Linux 8", date(2021, 12, 31), None, "https://www.centos.org/centos-linux-eol/"),
    ("centos-stream", "8"): ("CentOS Stream 8", date(2024, 5, 31), None, "https://www.centos.org/centos-stream/"),
    ("centos-stream", "9"): ("CentOS Stream 9", date(2027, 5, 31), None, "https://www.centos.org/centos-stream/"),
    ("rocky", "8"): ("Rocky Linux 8", date(2029, 5, 31), None, "https://wiki.rockylinux.org/rocky/version/"),
    ("rocky", "9"): ("Rocky Linux 9", date(2032, 5, 31), None, "https://wiki.rockylinux.org/rocky/version/"),
    ("rocky", "10"): ("Rocky Linux 10", date(2035, 5, 31), None, "https://wiki.rockylinux.org/rocky/version/"),
    ("almalinux", "8"): ("AlmaLinux 8", date(2029, 3, 1), None, "https://wiki.almalinux.org/release-notes/"),
    ("almalinux", "9"): ("AlmaLinux 9", date(2032, 5, 31), None, "https://wiki.almalinux.org/release-notes/"),
    ("almalinux", "10"): ("AlmaLinux 10", date(2035, 5, 31), None, "https://wiki.almalinux.org/release-notes/"),
    ("freebsd", "12"): ("FreeBSD 12", date(2023, 12, 31), None, "https://www.freebsd.org/security/#sup"),
    ("freebsd", "13"): ("FreeBSD 13", date(2026, 4, 30), None, "https://www.freebsd.org/security/#sup"),
    ("freebsd", "14"): ("FreeBSD 14", date(2028, 11, 30), None, "https://www.freebsd.org/security/#sup"),
    ("freebsd", "15"): ("FreeBSD 15", date(2029, 12, 31), None, "https://www.freebsd.org/security/#sup"),
}

#: os-release ``ID`` -> ``distro-support`` distribution name.
DISTRO_SUPPORT_NAMES = {"ubuntu": "ubuntu", "debian": "debian", "rhel": "rhel"}


@dataclass(frozen=True)
class Support:
    """A release's support on a day.

    Attributes:
        status: ``standard`` (in standard support), ``extended`` (only in extended support:
            ESM, Ubuntu Pro, Debian LTS/ELTS, RHEL ELS), ``ended`` (past all support),
            ``unknown`` (release not in the data).
        standard_until: last day of standard support, ``None`` when unknown.
        extended_until: last day of extended support, ``None`` when there is none or unknown.
        source: where the dates come from (``distro-support 2026.8.10`` or a URL).
        name: the release as named in the data (``ubuntu 24.04``, ``Rocky Linux 9``).
    """

    status: str
    standard_until: date | None = None
    extended_until: date | None = None
    source: str = ""
    name: str = ""


def _distro_support_version() -> str:
    try:
        from importlib.metadata import version

        return f"distro-support {version('distro-support')}"
    except Exception:  # noqa: BLE001 - a version string only decorates the evidence
        return "distro-support"


def _status(today: date, standard: date | None, extended: date | None) -> str:
    if standard is not None and today <= standard:
        return "standard"
    if extended is not None and today <= extended:
        return "extended"
    return "ended"


def support_for(os_id: str, version_id: str, today: date, *, name: str = "") -> Support:
    """The support of release ``version_id`` of ``os_id`` on ``today``.

    Args:
        os_id: os-release ``ID`` (``ubuntu``, ``debian``, ``rhel``, ``centos``, ``rocky``,
            ``almalinux``, ``freebsd``).
        version_id: os-release ``VERSION_ID`` (``24.04``, ``12``, ``9.4``, ``14.1-RELEASE``).
        today: the day to judge on.
        name: os-release ``NAME``; tells CentOS Stream from CentOS Linux.
    Returns:
        the support; ``status`` is ``unknown`` for a release neither source knows.
    """
    os_id = os_id.lower()
    if os_id in DISTRO_SUPPORT_NAMES and version_id:
        from distro_support import get_support_range
        from distro_support.errors import DistroSupportError

        distro = DISTRO_SUPPORT_NAMES[os_id]
        version = version_id if distro == "ubuntu" else version_id.split(".")[0]
        try:
            found = get_support_range(distro, version)
        except DistroSupportError:
            return Support("unknown", source=_distro_support_version(), name=f"{distro} {version}")
        if found.begin_support is None or today < found.begin_support:
            return Support("unknown", found.end_support, found.end_extended_support, _distro_support_version(),
                           f"{distro} {version} (not released on {today.isoformat()})")
        return Support(_status(today, found.end_support, found.end_extended_support), found.end_support,
                       found.end_extended_support, _distro_support_version(), f"{distro} {version}")
    key_id = "centos-stream" if os_id == "centos" and "stream" in name.lower() else os_id
    major = version_id.split(".")[0].split("-")[0]
    entry = TABLE.get((key_id, major))
    if entry is None:
        return Support("unknown", name=f"{os_id} {version_id}".strip())
    label, standard, extended, source = entry
    return Support(_status(today, standard, extended), standard, extended, source, label)
