"""A second full package with nothing changed since the first: said by `qcdesk export --full`
and by the export window, in the same words.

Why: it repeats the last package under a new number; a clerk who throws it away as a duplicate
leaves the receiver short of that number on every import (review r2 B5). The check runs before
the package is written (its own export is a change of state).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from qcdesk.models.store import Store


def full_repeated(store: Store, key_id: str) -> int | None:
    """The number of the key's previous package when it was a full one and no record changed
    since, else None."""
    from qcdesk.models import exchange_store as xs

    last = xs.last_export(store, key_id)
    if last is None or not last["full"] or xs.any_changed(store, int(last["change_seq"])):
        return None
    return int(last["sequence"])


def repeated_text(previous: int, lang: str = "zh") -> str:
    """What to do with the repeat (send it) and what throwing it away would show."""
    n = previous + 1
    if lang == "en":
        return (f"Note: this full package has the same records as the previous one (No. {previous}, "
                f"also a full package) but took the new number {n}. Send it to the receiver (it can "
                f"replace No. {previous}); thrown away as a duplicate, the receiver will show No. {n} "
                "missing until it or a later full package arrives")
    return (f"注意：这个全部数据的数据包与上一个（序号 {previous}，也是全部数据）内容相同，但用掉了新的序号"
            f" {n}。请把它发给接收方（可代替序号 {previous}）；如当作重复文件丢弃，接收方会一直"
            f"显示缺少序号 {n}，直到收到它或之后的全部数据包")
