"""`kamsite check`: every problem printed, exit 0 when valid, 1 otherwise, never a traceback."""

import subprocess
import sys

from kamsite.cli import main

from .conftest import BASE, ROOT


def test_check_passes_on_the_example_plans(capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    assert main(["check"]) == 0
    assert capsys.readouterr().err == "3 plans checked: all valid.\n"


def test_check_prints_every_problem_and_fails(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / "ok.md").write_text(BASE)
    (tmp_path / "plans" / "bad.md").write_text(
        BASE.replace("owner: ana", "owner: anna").replace("    target: 200", "    target: 100"))
    assert main(["check", "plans"]) == 1
    out = capsys.readouterr()
    assert out.out.splitlines() == [
        "plans/bad.md:3: owner: unknown handle 'anna'. Did you mean 'ana'?",
        "plans/bad.md:13: goals[0].target: must differ from baseline (both 100)",
    ]
    assert out.err == "2 problems in 1 of 2 plans.\n"


def test_hostile_input_gives_messages_not_a_traceback(tmp_path):
    plans = tmp_path / "plans"
    plans.mkdir()
    (plans / "tag.md").write_text("---\naccount: !!python/object/apply:os.system ['echo pwned']\n---\n")
    (plans / "deep.md").write_text("---\na: " + "[" * 5000 + "]" * 5000 + "\n---\n")
    (plans / "bytes.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    result = subprocess.run([sys.executable, "-m", "kamsite.cli", "check", str(plans)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    assert "pwned" not in result.stdout
    assert len(result.stdout.splitlines()) >= 3
