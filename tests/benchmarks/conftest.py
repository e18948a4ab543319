"""The benchmarks run with `make bench`, never under pytest: nothing here is collected."""

collect_ignore_glob = ["*.py"]
