"""The renderer's name for `generator.wording`, where every sentence is computed once.

The wording lives outside `generator.render` so the diff and the exports can use it without
loading the site renderer (Jinja, templates).
"""

from __future__ import annotations

from generator.wording import *  # noqa: F403
from generator.wording import TRIGGERS  # noqa: F401  (named for readers)
