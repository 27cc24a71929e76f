"""The release facts (oslearn.lessons.facts): support dates from distro-support worded
against a given day, the content's release notes, and the page's claims they draw on."""

from __future__ import annotations

import datetime

import pytest

from oslearn.lessons.facts import (
    FAMILIES,
    LTS_CADENCE_YEARS,
    PAGE_LATEST_LTS,
    STANDARD_SUPPORT_YEARS,
    data_version,
    is_supported,
    month_index,
    release_notes,
    status_line,
    support,
    ubuntu_lts,
    ubuntu_lts_versions,
)
from oslearn.lessons.sources import find_section, normalize_words, read_seed

TODAY = datetime.date(2026, 11, 30)


def _words(name: str) -> str:
    return " ".join(normalize_words(read_seed(name).text))


def test_the_newest_lts_is_26_04_and_every_lts_since_12_04_is_drawn():
    assert ubuntu_lts_versions(TODAY) == ["12.04", "14.04", "16.04", "18.04", "20.04", "22.04", "24.04", "26.04"]
    assert ubuntu_lts_versions(datetime.date(2026, 3, 1))[-1] == "24.04"  # computed, not listed
    assert [r.codename for r in ubuntu_lts(TODAY)][-1] == "Resolute Raccoon"


def test_status_lines_are_worded_against_the_day():
    assert status_line("ubuntu", "18.04", TODAY) == \
        "18.04: standard support ended on 31 May 2023; Ubuntu Pro until April 2028"
    assert status_line("ubuntu", "20.04", TODAY).startswith("20.04: standard support ended on 29 May 2025")
    assert status_line("ubuntu", "20.04", datetime.date(2025, 1, 1)).startswith("20.04: standard support until 29 May 2025")
    assert status_line("ubuntu", "26.04", TODAY) == \
        "26.04: standard support until 29 May 2031; Ubuntu Pro until April 2036"
    assert status_line("ubuntu", "26.04", datetime.date(2026, 1, 1)).startswith("26.04: not released yet")
    assert "ended" in status_line("debian", "11", TODAY) and status_line("rhel", "9", TODAY).startswith("RHEL 9:")
    assert not is_supported("ubuntu", "20.04", TODAY) and is_supported("ubuntu", "24.04", TODAY)
    with pytest.raises(KeyError):
        support("ubuntu", "13.13")


def test_dates_come_from_distro_support_and_its_version_is_named():
    import distro_support

    found = distro_support.get_support_range("ubuntu", "22.04")
    assert support("ubuntu", "22.04").standard_end == found.end_support
    assert data_version()[:4].isdigit()


def test_release_notes_hold_only_what_the_data_lacks_and_are_dated_and_sourced():
    notes = release_notes()
    assert str(notes["checked"]).startswith("2026")
    for entry in notes["ubuntu_lts"]:
        assert set(entry) == {"version", "codename", "python", "source"}, entry  # no support dates here
        assert entry["source"].startswith("https://")
    for key in ("red_hat_family", "debian_family"):
        for entry in notes[key]:
            assert entry["date"] and entry["source"].startswith("https://"), entry
    assert {r.version for r in ubuntu_lts(TODAY)} <= {e["version"] for e in notes["ubuntu_lts"]}


def test_esm_is_not_called_paid_and_alma_not_a_1_to_1_rebuild():
    text = " ".join(n.text for f in FAMILIES for n in f.notes).lower()
    assert "paid extended security" not in text
    assert "july 2023" in text and "compatibility" in text


@pytest.mark.parametrize("release", [r for r in ubuntu_lts(TODAY) if r.version in ("14.04", "16.04", "18.04")],
                         ids=lambda r: r.version)
def test_the_page_s_pythons_match_the_notes(release):
    """The 2016 and 2018 versions name 2.7 in 14.04, 3.5 in 16.04 and (2018) 3.6 in 18.04."""
    text = _words("001_fae48d724783d07a.txt")
    assert f"python {release.python}" in text or f"{release.python} in ubuntu {release.version}" in text \
        or f"{release.python} included in ubuntu {release.version}" in text


def test_the_two_and_five_year_rule_is_in_every_ubuntu_passage():
    assert (STANDARD_SUPPORT_YEARS, LTS_CADENCE_YEARS) == (5, 2)
    for name, section in [("000_735c6881140933fc.txt", "Ubuntu"), ("002_e8fc5ae7436c4cc9.txt", "Ubuntu"),
                          ("001_fae48d724783d07a.txt", "Canonical's Ubuntu Linux")]:
        text = " ".join(normalize_words(find_section(read_seed(name), section).text))
        assert "five years of post release updates" in text
        assert "every two years canonical creates a new lts release" in text


@pytest.mark.parametrize("date, version, name", PAGE_LATEST_LTS)
def test_each_page_calls_its_release_the_latest(date, version, name):
    doc = read_seed(name)
    assert doc.date == date
    release = next(r for r in ubuntu_lts(TODAY) if r.version == version)
    assert f"{version} {release.codename} is the latest ubuntu lts release".lower() in _words(name)


def test_month_index():
    assert month_index("2016-04") - month_index("2014-02") == 26
    with pytest.raises(ValueError):
        month_index("2014-13")


def test_family_facts_are_quoted_from_their_sources():
    for family in FAMILIES:
        for distro in family.distributions:
            if distro.source is not None:
                assert distro.name.split()[0].lower() in _words(distro.source.file) or distro.name == "RHEL"
    red_hat = next(f for f in FAMILIES if f.name == "Red Hat")
    assert red_hat.headers == "python3-devel" and "dnf" in red_hat.package_manager
    assert "fedora based distribution like centos" in _words(red_hat.distributions[0].source.file)
    for family in FAMILIES:
        for note in family.notes:
            assert "`" not in note.text, "notes are shown as plain text: no Markdown marks"
