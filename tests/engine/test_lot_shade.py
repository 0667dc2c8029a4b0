"""Shade codes as people type them: full-width folds, look-alikes from other scripts do not."""

from jiancai_addons.jiancai_lot.engine import fold_code, resolve_code, same_code

KNOWN = ["A12", "B07", "W03", "W05"]


def test_full_width_and_spaces_and_case_fold():
    assert fold_code("Ｂ０７") == "B07"
    assert fold_code(" b 07\u3000") == "B07"
    assert resolve_code("ｗ０５", KNOWN) == "W05"
    assert resolve_code("w05 ", KNOWN) == "W05"


def test_unknown_and_empty_codes_resolve_to_nothing():
    assert resolve_code("Z99", KNOWN) is None
    assert resolve_code("", KNOWN) is None
    assert resolve_code("   ", KNOWN) is None
    assert resolve_code(None, KNOWN) is None
    assert resolve_code("B07", []) is None


def test_look_alikes_of_other_scripts_are_not_guessed():
    cyrillic_ve = "\u0412"  # looks like a Latin B
    assert resolve_code(f"{cyrillic_ve}07", KNOWN) is None
    arabic_indic = "\u0660\u0667"  # ٠٧
    assert resolve_code(f"B{arabic_indic}", KNOWN) is None
    assert not same_code(f"{cyrillic_ve}07", "B07")


def test_several_spellings_of_one_code_give_one_answer():
    assert resolve_code("B07", ["b07", "B07"]) == resolve_code("B07", ["B07", "b07"]) == "B07"
    assert same_code("b07", "Ｂ07")
    assert same_code(None, "")
