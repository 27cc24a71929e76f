"""Fixtures of the app tests (``App.run_test`` with ``Pilot``)."""

from __future__ import annotations

import pytest

from oslearn.progress import ProgressStore
from oslearn.tui.app import OSLearnApp


@pytest.fixture
def make_app(curriculum, isolated_data_dir):
    """Return ``make(curriculum=None, store=None, **options) -> OSLearnApp``.

    ``curriculum`` defaults to the built-in one; without ``store`` a progress store is opened
    on the test's data directory and closed when the test ends; ``options`` are
    ``OSLearnApp``'s keyword arguments (``seed``, ``reload``...).
    """
    stores = []
    default = curriculum

    def make(curriculum=None, store=None, **options) -> OSLearnApp:
        if store is None:
            store = ProgressStore.open(isolated_data_dir)
            stores.append(store)
        return OSLearnApp(default if curriculum is None else curriculum, store, **options)

    yield make
    for store in stores:
        store.close()
