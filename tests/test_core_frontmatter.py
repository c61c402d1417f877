"""Reading a plan's front matter (core/frontmatter.py): safe YAML, duplicate keys, bounded aliases,
file lines. Writing it is render/front_matter.py's (test_render_front_matter.py)."""

from kamsite.core import frontmatter

from .conftest import BASE, problems


def test_values_keep_their_file_line():
    front = frontmatter.read(BASE, "p.md")
    assert front.problems == []
    assert front.line(("goals", 0, "target")) == 13
    assert front.line(("period", "start")) == 7
    assert front.body_start == 25


def test_a_plan_without_front_matter_is_reported_at_line_1():
    assert problems("# Just notes\n") == [
        "plans/acme.md:1: front matter: a plan starts with front matter: a line '---', "
        "the YAML, then another '---'"
    ]


def test_an_unclosed_front_matter_is_reported():
    assert problems("---\naccount: Acme\n") == [
        "plans/acme.md:1: front matter: not closed: add a line '---' after the YAML"
    ]


def test_an_empty_file_is_reported():
    assert problems("") == [
        "plans/acme.md:1: front matter: a plan starts with front matter: a line '---', "
        "the YAML, then another '---'"
    ]


def test_malformed_yaml_points_at_its_line():
    text = BASE.replace("  bruno: Bruno Lima\n", "  bruno: [Bruno\n")
    found = problems(text)
    assert len(found) == 1
    assert found[0].startswith("plans/acme.md:7: front matter: malformed YAML:")


def test_malformed_yaml_is_the_one_problem_even_with_tasks_naming_people_and_actions():
    """The team and the actions are in the YAML: while it cannot be read, '@bruno' and '#act'
    are not reported as unknown (a second, wrong problem), but a bad date still is."""
    text = BASE.replace("  bruno: Bruno Lima\n", "  bruno: [Bruno\n")
    text += "- [ ] call @bruno #act due:2027-02-01\n- [ ] send due:2027-02-31\n"
    found = problems(text)
    assert len(found) == 2, found
    assert found[0].startswith("plans/acme.md:7: front matter: malformed YAML:")
    assert found[1].startswith("plans/acme.md:26: task.due:")


def test_python_tags_are_errors_and_never_executed(tmp_path):
    marker = tmp_path / "ran"
    text = BASE.replace("account: Acme", f"account: !!python/object/apply:os.system ['touch {marker}']")
    assert problems(text) == [
        "plans/acme.md:2: account: the YAML tag '!!python/object/apply:os.system' is not allowed:"
        " a plan holds plain values"
    ]
    assert not marker.exists()


def test_duplicate_keys_are_errors_naming_the_first():
    text = BASE.replace("owner: ana\n", "owner: ana\nowner: bruno\n", 1)
    assert problems(text) == ["plans/acme.md:4: owner: duplicate key 'owner' (first given at line 3)"]


def test_an_alias_bomb_fails_fast_with_a_clear_message():
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
    for n in range(1, 9):
        prev = chr(ord("a") + n - 1)
        bomb += f"{chr(ord('a') + n)}: &{chr(ord('a') + n)} [" + ", ".join([f"*{prev}"] * 10) + "]\n"
    found = problems(f"---\n{bomb}---\n")
    assert found == [
        "plans/acme.md:2: front matter: too large or too deeply nested (more than 50000 values after aliases)"
    ]


def test_yes_and_no_stay_words():
    front = frontmatter.read("---\nteam:\n  no: Nora\n  yes: Yara\nflag: true\n---\n", "p.md")
    assert front.data == {"team": {"no": "Nora", "yes": "Yara"}, "flag": True}


def test_a_byte_order_mark_is_ignored():
    assert problems("\ufeff" + BASE) == []


def test_windows_line_ends_keep_the_same_lines():
    text = BASE.replace("    target: 200", "    target: 100") + "- [ ] Call @nobody\n"
    assert (
        problems(text.replace("\n", "\r\n"))
        == problems(text)
        == [
            "plans/acme.md:13: goals[0].target: must differ from baseline (both 100)",
            "plans/acme.md:25: task.owner: unknown handle '@nobody'.",
        ]
    )


def test_unusual_line_separators_do_not_shift_lines():
    text = (
        BASE.replace("title: Revenue", 'title: "Reve\u2028nue\u2029"').replace(
            "    target: 200", "    target: 100"
        )
        + "- [ ] Call @nobody\n"
    )
    assert problems(text) == [
        "plans/acme.md:13: goals[0].target: must differ from baseline (both 100)",
        "plans/acme.md:25: task.owner: unknown handle '@nobody'.",
    ]


def test_lines_stay_right_after_accents_and_wide_characters():
    text = BASE.replace("account: Acme", "account: Açaí Ãção ✓ 日本語").replace(
        "    target: 200", "    target: 100"
    )
    assert problems(text) == ["plans/acme.md:13: goals[0].target: must differ from baseline (both 100)"]
