"""``oslearn verify``: check the checklist's steps on a real server, read-only.

One POSIX ``sh`` script (``facts.sh``, package data) gathers facts on the target, locally or
over one SSH connection; a mounted tree (``--root``) is read as files only. Python judges the
facts (``checks``): each check has an id, a status (``pass``, ``warn``, ``fail``,
``unknown``), the evidence, the fix, and the checklist step and lesson section it belongs to
(``steps``, the one table of them). sshd's effective configuration follows sshd's own rules
(``sshd``); support dates come from ``distro-support`` and a small dated table (``support``).

Modules: ``facts`` (gathering and reading facts), ``sshd``, ``support``, ``steps``,
``checks`` (judging), ``run`` (reaching a target), ``render`` (the text table).
This package never imports Textual.
"""

from oslearn.lessons.verify.checks import STATUSES, CheckResult, OsInfo, Report, judge
from oslearn.lessons.verify.facts import Facts, FactsError, clean_text, parse_output, read_root, script_text
from oslearn.lessons.verify.run import THIS_MACHINE, Target, TargetError, gather, parse_host, today_utc, verify
from oslearn.lessons.verify.steps import CHECK_IDS, STEPS, Step, checks_for_item, verified_items

__all__ = [
    "CHECK_IDS", "STATUSES", "STEPS", "THIS_MACHINE", "CheckResult", "Facts", "FactsError", "OsInfo", "Report",
    "Step", "Target", "TargetError", "checks_for_item", "clean_text", "gather", "judge", "parse_host",
    "parse_output", "read_root", "script_text", "today_utc", "verified_items", "verify",
]
