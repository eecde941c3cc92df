# Two entry points for a fresh machine: `make demo` and `make test`.
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 1767225600)

.PHONY: demo test install install-test test-tools lint bench clean

$(BIN)/qms: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e .
	@touch $@

install: $(BIN)/qms

install-test: install
	$(BIN)/pip install -q -e '.[test]'

demo: install
	$(BIN)/qms check
	$(BIN)/qms keys demo
	$(BIN)/qms build
	$(BIN)/qms pdf --sign
	@echo
	@echo "Site:          $(BIN)/qms serve   (or serve site/ with any web server: pages are folders)"
	@echo "Signed manual: $(CURDIR)/_pdf/MC-01-manualul-calitatii.pdf"
	@echo "Verify it:     $(BIN)/qms verify _pdf/*.pdf"

# The system packages of tools/test-packages.txt (installed when root, else the command to run)
# and the npm tools of tests/package.json; both are no-ops when already there.
test-tools:
	@$(PY) tools/system_packages.py
	@$(MAKE) --no-print-directory tests/node_modules/.package-lock.json

tests/node_modules/.package-lock.json: tests/package.json tests/package-lock.json
	npm ci --prefix tests --no-audit --no-fund --loglevel=error

test: install-test test-tools
	$(BIN)/ruff check qms_docs tests tools
	$(BIN)/pytest -q -n auto

# The alternatives measured side by side: Debian's texlive-xetex (apt-get install texlive-xetex
# texlive-fonts-recommended lmodern) and weasyprint (installed here, into the venv only).
bench: install-test
	$(BIN)/pip install -q 'weasyprint>=60'
	@# Doorstop and StrictDoc, the alternatives for "check", in a venv of their own
	test -x .venv-bench-alt/bin/strictdoc || ($(PY) -m venv .venv-bench-alt && \
		.venv-bench-alt/bin/pip install -q doorstop strictdoc)
	$(BIN)/python tools/bench
	$(BIN)/python tools/readme_sync.py

clean:
	rm -rf site _pdf .pytest_cache build dist *.egg-info
