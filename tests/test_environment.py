"""The virtual environment the tests run in carries no installer with a published advisory."""

from __future__ import annotations

import sys
from importlib import metadata

import pytest
from packaging.version import Version

# pip before 23.3 (CVE-2023-5752) and setuptools before 70.0 (CVE-2024-6345) have published advisories.
FIXED = {"pip": Version("23.3"), "setuptools": Version("70.0")}


def test_runs_inside_the_projects_virtual_environment() -> None:
    assert sys.prefix != sys.base_prefix


@pytest.mark.parametrize("name", sorted(FIXED))
def test_installer_is_absent_or_at_least_the_fixed_release(name: str) -> None:
    try:
        installed = Version(metadata.version(name))
    except metadata.PackageNotFoundError:
        return

    assert installed >= FIXED[name], f"{name} {installed} in {sys.prefix}: `make install` upgrades it"
