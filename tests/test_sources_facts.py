"""The facts the pictures draw (oslearn.lessons.facts) are checked against the seed texts."""

from __future__ import annotations

import pytest

from oslearn.lessons.facts import (
    FAMILIES,
    LTS_CADENCE_YEARS,
    LTS_NOTES,
    PAGE_LATEST_LTS,
    STANDARD_SUPPORT_YEARS,
    UBUNTU_LTS,
    month_index,
)
from oslearn.lessons.sources import find_section, normalize_words, read_seed


def _words(name: str) -> str:
    return " ".join(normalize_words(read_seed(name).text))


@pytest.mark.parametrize("release", UBUNTU_LTS, ids=lambda r: r.version)
def test_each_release_is_named_by_the_seeds_it_cites(release):
    year, month = release.version.split(".")
    assert release.released == f"20{year}-{month}"
    assert release.planned_end == f"{2000 + int(year) + 5}-{month}"
    for name in release.named_in:
        text = _words(name)
        assert release.version in text, (release.version, name)
        if release.codename_named:
            assert release.codename.lower() in text or name != release.named_in[0]
        if release.python:
            assert f"python {release.python}" in text or f"{release.python} in ubuntu {release.version}" in text


def test_codenames_the_page_gives_are_on_the_page_and_the_others_are_noted():
    all_text = " ".join(_words(n) for r in UBUNTU_LTS for n in r.named_in)
    for release in UBUNTU_LTS:
        if release.codename_named:
            assert release.codename.lower() in all_text
        else:
            assert release.codename.lower() not in all_text
            assert any(release.codename in note.text and note.kind == "beyond_sources" for note in LTS_NOTES)


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
    release = next(r for r in UBUNTU_LTS if r.version == version)
    assert f"{version} {release.codename} is the latest ubuntu lts release".lower() in _words(name)


def test_support_ended_after_the_planned_five_years_and_dates_are_valid():
    for release in UBUNTU_LTS:
        assert month_index(release.standard_support_end) >= month_index(release.planned_end)
        assert month_index(release.standard_support_end) - month_index(release.planned_end) <= 1
    with pytest.raises(ValueError):
        month_index("2014-13")


def test_family_facts_are_quoted_from_their_sources_or_noted():
    for family in FAMILIES:
        manager = family.manager_source
        text = _words(manager.file)
        assert family.package_manager.split()[0].lower() in text
        if family.format_source is None:
            assert family.format_note is not None and family.format_note.kind == "beyond_sources"
            assert family.package_format.lstrip(".") not in normalize_words(read_seed(manager.file).text)
        else:
            assert family.package_format in read_seed(family.format_source.file).text
        for distro in family.distributions:
            assert distro.source is not None
            assert distro.name.lower() in _words(distro.source.file) or distro.name == "RHEL"
    red_hat = next(f for f in FAMILIES if f.name == "Red Hat")
    assert "derivative of rhel" in _words(red_hat.distributions[2].source.file)
    assert "fedora based distribution like centos" in _words(red_hat.distributions[0].source.file)
