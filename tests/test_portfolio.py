"""Plans across the portfolio: `follows` names an earlier plan of the same account."""

from kamsite.shell import loader

from .conftest import BASE, write_plans


def plans_with(tmp_path, **texts):
    return loader.load(write_plans(tmp_path, texts))


def follows(target: str) -> str:
    return BASE.replace("account: Acme\n", f"account: Acme\nfollows: {target}\n")


def test_follows_naming_no_plan_is_an_error_that_suggests_the_nearest_id(tmp_path):
    found = plans_with(tmp_path, **{"acme-2026": BASE, "acme-2027": follows("acme-2025")})
    assert [p.id for p in found.plans] == ["acme-2026"]
    assert [str(p) for p in found.problems] == [
        f"{loader.display(tmp_path / 'acme-2027.md')}:3: follows: no plan has the id 'acme-2025'."
        " Did you mean 'acme-2026'?"
    ]


def test_follows_naming_another_accounts_plan_is_an_error_naming_both_accounts(tmp_path):
    other = BASE.replace("account: Acme\n", "account: Bravo Foods\n")
    found = plans_with(tmp_path, bravo=other, acme=follows("bravo"))
    assert [p.id for p in found.plans] == ["bravo"]
    assert [str(p) for p in found.problems] == [
        f"{loader.display(tmp_path / 'acme.md')}:3: follows: 'bravo' is the plan of another account"
        " (Bravo Foods; this plan is Acme): follow an earlier plan of the same account, or list its"
        " former name in formerly"
    ]


def test_a_client_renamed_between_periods_follows_its_former_name(tmp_path):
    old = BASE.replace("account: Acme\n", "account: Acme Old Name\n")
    new = follows("old").replace("account: Acme\n", "account: Acme\nformerly: [Acme Old Name]\n")
    found = plans_with(tmp_path, old=old, new=new)
    assert found.problems == [] and sorted(p.id for p in found.plans) == ["new", "old"]


def test_a_chain_of_follows_that_loops_is_an_error_in_every_plan_of_the_loop(tmp_path):
    found = plans_with(tmp_path, a=follows("b"), b=follows("a"), c=follows("a"), d=BASE)
    assert sorted(p.id for p in found.plans) == ["c", "d"]
    assert sorted(p.message for p in found.problems) == [
        "'a' leads back to this plan: a chain of plans cannot loop",
        "'b' leads back to this plan: a chain of plans cannot loop",
    ]


def test_a_baseline_that_differs_from_the_previous_plans_last_actual_is_a_warning(tmp_path):
    old = BASE.replace(
        "    target: 200\n", "    target: 200\n    actuals:\n      2027-06-30: 150\n      2027-12-31: 180\n"
    )
    new = follows("old").replace("2027", "2028")
    found = plans_with(tmp_path, old=old, new=new)
    (plan,) = [p for p in found.plans if p.id == "new"]
    assert [str(w) for w in plan.warnings] == [
        f"{loader.display(tmp_path / 'new.md')}:13: goals[0].baseline: 100 differs from the last"
        f" actual of 'revenue' in {loader.display(tmp_path / 'old.md')} (180 on 2027-12-31):"
        " start where the previous plan ended"
    ]
    found = plans_with(tmp_path, new=new.replace("baseline: 100", "baseline: 180"))
    assert [p for p in found.plans if p.id == "new"][0].warnings == ()
