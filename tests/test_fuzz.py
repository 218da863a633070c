"""Mutated repositories never crash a command, and mutated forms never crash ``xjj import``
(a short run; ``make fuzz`` runs the long one)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fuzzing import (
    BASE,
    COMMANDS,
    FORM_MUTATIONS,
    FORMS,
    MUTATIONS,
    FormWorkspace,
    Workspace,
)
from xjj_cli.cli import app

FILES = sorted(p.relative_to(BASE).as_posix() for p in BASE.rglob("*") if p.is_file())


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    return Workspace(tmp_path_factory.mktemp("fuzz"))


SHARDS = 3
"""The cases split by file into shards that run side by side (pytest-xdist), 150 in all."""


@pytest.mark.parametrize("shard", range(SHARDS))
@settings(
    max_examples=150 // SHARDS,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_every_command_survives_a_mutated_repository(
    workspace: Workspace, shard: int, data: st.DataObject
) -> None:
    file = data.draw(st.sampled_from(FILES[shard::SHARDS]), label="file")
    mutation = data.draw(st.sampled_from(sorted(MUTATIONS)), label="mutation")
    seed = data.draw(st.integers(0, 2**32 - 1), label="seed")
    crash = workspace.run_case(file, mutation, seed)
    assert crash is None, f"{file} {mutation} seed={seed}: {crash}"


def test_the_unmutated_base_passes_every_command_and_cases_restore_their_file(
    workspace: Workspace,
) -> None:
    for command in COMMANDS:
        args = ["--data", str(workspace.data), "-q", "--no-cache", *command]
        if command[0] == "bulletin":
            args += ["--out", str(workspace.out), "--format", "all"]
        result = workspace.runner.invoke(app, args)
        assert result.exit_code == 0, f"{command}: {result.output}"
    workspace.run_case(FILES[0], "truncate", 1)
    assert all((workspace.data / f).read_bytes() == (BASE / f).read_bytes() for f in FILES)


@pytest.fixture(scope="module")
def form_workspace(tmp_path_factory: pytest.TempPathFactory) -> FormWorkspace:
    return FormWorkspace(tmp_path_factory.mktemp("fuzz-forms"))


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_import_survives_a_mutated_form(form_workspace: FormWorkspace, data: st.DataObject) -> None:
    form = data.draw(st.sampled_from(range(len(FORMS))), label="form")
    mutation = data.draw(st.sampled_from(sorted(FORM_MUTATIONS)), label="mutation")
    seed = data.draw(st.integers(0, 2**32 - 1), label="seed")
    crash = form_workspace.run_case(form, mutation, seed)
    assert crash is None, f"{FORMS[form]} {mutation} seed={seed}: {crash}"


def test_the_unmutated_forms_are_imported(form_workspace: FormWorkspace) -> None:
    """The fuzz starts from forms that are read whole: every change planned, no error."""
    for form in form_workspace.forms:
        form_workspace.target.write_bytes(form)
        args = ["--data", str(form_workspace.data), "import", "--dry-run"]
        result = form_workspace.runner.invoke(app, [*args, str(form_workspace.target)])
        assert result.exit_code == 0, result.output
        assert "处变化没有写入" in result.stderr, result.output
