"""incident-playbook: turns an organisation's incident process, written in YAML, into a site."""

from __future__ import annotations

__version__ = "0.1.0"
