"""Sample text marks: `playbook init` writes `sample: <fingerprint>` into every playbook file.

The fingerprint is taken over the file's data as loaded (comments and layout do not count, every
value does, `owner` and `last_reviewed` included), without the `sample` key itself. While the
mark equals the fingerprint of the file's current data, the file is still the sample text `init`
wrote; any edit, setting a review date included, ends that.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

SAMPLE_KEY = "sample"
FINGERPRINT_LENGTH = 12  # hex digits, as schema/common.schema.json `sample` allows


def fingerprint(data: Mapping[str, Any]) -> str:
    """The fingerprint of a playbook file's data, ignoring its own `sample` key."""
    import hashlib  # here, not at the top: `playbook validate` imports this module on every run
    import json

    content = {key: value for key, value in data.items() if key != SAMPLE_KEY}
    canonical = json.dumps(
        content, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:FINGERPRINT_LENGTH]


def is_unchanged_sample(data: Mapping[str, Any]) -> bool:
    """True while a file marked by `init` still holds exactly the sample data."""
    mark = data.get(SAMPLE_KEY)
    return isinstance(mark, str) and mark == fingerprint(data)
