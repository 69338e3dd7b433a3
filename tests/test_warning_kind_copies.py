"""An import warning that carries its kind (exchange/warning_groups.Kinded) survives copy, deepcopy
and pickle with its words and kind: an import result copied or handed to another process must not
raise, nor lose the grouping."""

from __future__ import annotations

import copy
import pickle

from qcdesk.exchange.warning_groups import Kinded, grouped


def test_a_kinded_warning_copies_and_pickles_with_its_words_and_kind() -> None:
    warning = Kinded("文号 咸市监质改〔2026〕5号 在两项整改上重复", "notice_duplicate")
    for made in (copy.copy(warning), copy.deepcopy(warning),
                 pickle.loads(pickle.dumps(warning)), copy.deepcopy([warning, warning])[0]):
        assert made == warning and str(made) == str(warning)
        assert isinstance(made, Kinded) and made.kind == "notice_duplicate"


def test_copied_warnings_group_as_the_originals() -> None:
    warnings = [Kinded(f"文号重复 {i}", "notice_duplicate") for i in range(5)]
    assert grouped(copy.deepcopy(warnings)) == grouped(warnings)
