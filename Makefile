# Two set-up commands for a fresh machine: `make site` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: site test lint bench fuzz clean

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
