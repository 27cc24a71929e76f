"""Which checklist step and which lesson section each check belongs to: the one table.

``tests/unit/test_verify.py`` checks every id here against the loaded curriculum, so a
renamed lesson, section or checklist item fails a test instead of leaving a dangling link.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Step:
    """Where a check belongs in the curriculum.

    Attributes:
        checklist_lesson: the lesson whose checklist has the step.
        checklist_item: the checklist item's id, ``None`` for a check beyond the page's
            checklist (the firewall).
        lesson: the lesson that teaches it.
        section: that lesson's section id.
    """

    checklist_lesson: str
    checklist_item: str | None
    lesson: str
    section: str

    @property
    def checklist(self) -> str | None:
        """``lesson/item`` of the checklist step, ``None`` when there is none."""
        return f"{self.checklist_lesson}/{self.checklist_item}" if self.checklist_item else None


#: Check id -> its checklist step and lesson section, in the order checks are reported.
STEPS: dict[str, Step] = {
    "os-family": Step("checklist", "choose-distribution", "choosing-an-os", "the-debian-family-and-the-red-hat-family"),
    "os-supported": Step("checklist", "choose-distribution", "choosing-an-os", "picking-a-release-supported-today"),
    "sudo-user": Step("checklist", "sudo-user", "security-hardening", "a-sudo-user-and-no-root-login"),
    "ssh-root-login": Step("checklist", "disable-root-login", "security-hardening", "a-sudo-user-and-no-root-login"),
    "ssh-password-auth": Step("checklist", "key-pair-login", "security-hardening", "keys-instead-of-passwords"),
    "fail2ban": Step("checklist", "install-fail2ban", "security-hardening", "fail2ban"),
    "automatic-updates": Step("checklist", "install-unattended-upgrades", "security-hardening",
                              "automatic-security-updates"),
    "python-headers": Step("checklist", "python-packages", "package-managers", "what-a-python-deployment-needs"),
    "python-venv": Step("checklist", "python-packages", "package-managers", "what-a-python-deployment-needs"),
    "firewall": Step("checklist", "firewall", "security-hardening", "a-firewall"),
}

CHECK_IDS = tuple(STEPS)


def checks_for_item(lesson_id: str, item_id: str) -> list[str]:
    """The check ids that together verify checklist item ``item_id`` of ``lesson_id``."""
    return [check for check, step in STEPS.items()
            if step.checklist_lesson == lesson_id and step.checklist_item == item_id]


def verified_items(statuses: dict[str, str]) -> dict[tuple[str, str], bool]:
    """Which checklist items a run verifies.

    Args:
        statuses: check id -> status (``pass``, ``warn``, ``fail``, ``unknown``).
    Returns:
        ``{(lesson_id, item_id): passed}`` for every item some check maps to; an item is
        passed only when every check mapped to it is ``pass``.
    """
    items: dict[tuple[str, str], bool] = {}
    for check, step in STEPS.items():
        if step.checklist_item is None or check not in statuses:
            continue
        key = (step.checklist_lesson, step.checklist_item)
        items[key] = items.get(key, True) and statuses[check] == "pass"
    return items
