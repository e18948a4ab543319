# Two set-up commands for a fresh machine: `make site` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: site test lint bench fuzz clean messages

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

site: $(BIN)/.installed
	$(BIN)/playbook validate playbook
	$(BIN)/playbook build

test: $(BIN)/.installed
	$(BIN)/python -m pytest -q

lint: $(BIN)/.installed
	$(BIN)/ruff check generator tests
	$(BIN)/ruff format --check generator tests

# Interface strings: collect every _()/ngettext()/{% trans %} of the code, templates and widgets
# into messages.pot (see babel.cfg), then bring each language's catalogue up to date with it: new
# strings appear there untranslated, removed ones go. Translate the empty msgstr entries, then
# `make test` (a test fails while a catalogue lacks a translation).
LOCALE := generator/i18n/locale
messages: $(BIN)/.installed
	$(BIN)/pybabel -q extract -F babel.cfg --no-location --sort-output -c TRANSLATORS: \
		--project incident-playbook -o $(LOCALE)/messages.pot .
	for po in $(LOCALE)/*/LC_MESSAGES/playbook.po; do \
		lang=$$(basename $$(dirname $$(dirname $$po))); \
		$(BIN)/pybabel -q update -i $(LOCALE)/messages.pot -o $$po -l $$lang \
			--no-fuzzy-matching --ignore-obsolete --no-wrap || exit 1; \
	done

# A longer fuzzing run than `make test` does (FUZZ_EXAMPLES per property, fresh random cases).
FUZZ_EXAMPLES ?= 2000
fuzz: $(BIN)/.installed
	PLAYBOOK_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) PLAYBOOK_FUZZ_RANDOM=1 \
		$(BIN)/python -m pytest -q -W ignore::UserWarning tests/hardening/test_fuzz.py

clean:
	rm -rf site $(VENV) .pytest_cache

# Benchmarks (not part of `make test`): prints every figure and ratio; about 8 minutes on 2 cores.
# BENCH_ARGS passes options, e.g. BENCH_ARGS="--only validate,build --runs 3".
bench: $(BIN)/.installed
	$(BIN)/python -m tests.benchmarks.run $(BENCH_ARGS)
