# The kiosk's commands. `make help` lists them.
VENV ?= .venv
PY := $(VENV)/bin/python
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: help run test check setup setup-test assets translations translations-update bench browser set-pin clean

help: ## List the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-20s %s\n", $$1, $$2}'

run: setup ## Set everything up and start the kiosk on http://127.0.0.1:8080
	$(PY) -m kiosk

# The tests that compute dates run again under a shifted system clock (libfaketime), so none
# depends on the day it runs. The browser tests are left out there: Chromium and a faked clock
# do not mix, and they read no date of their own.
CLOCK_TESTS := tests/unit tests/web tests/content tests/documents

test: setup-test ## Set everything up (system packages too, as root), lint, and run the whole test suite
	$(MAKE) --no-print-directory check

check: ## Lint and run the whole suite, then the dated tests under a shifted clock (no set-up)
	$(VENV)/bin/ruff check .
	$(PY) -m pytest
	faketime -f "+45d" $(PY) -m pytest -q $(CLOCK_TESTS)
	faketime -f "+400d" $(PY) -m pytest -q $(CLOCK_TESTS)

setup: ## Venv, runtime packages, front-end assets, compiled translations
	bash scripts/setup.sh run

setup-test: ## As setup, plus test packages and the Debian tools the tests use
	bash scripts/setup.sh test

assets: ## Copy htmx and the icons into static/vendor, make the WOFF2 font subsets, compress static files
	npm ci --no-audit --no-fund --loglevel=error
	$(PY) scripts/copy_assets.py

translations: ## Compile the catalogues in translations/
	$(VENV)/bin/pybabel -q compile -d translations

translations-update: ## Extract marked strings (code, templates, flows) and update every catalogue
	$(PY) scripts/update_translations.py

set-pin: ## Set the staff PIN (asks for it)
	$(PY) -m kiosk set-pin

browser: ## Start Chromium in kiosk mode on the running kiosk (Linux)
	bash scripts/kiosk-browser.sh

bench: setup-test ## Print speed and memory figures against same-run baselines
	$(PY) bench/step_latency.py
	$(PY) bench/startup_memory.py
	$(PY) bench/first_load.py

clean: ## Remove the venv, node_modules and copied assets
	rm -rf $(VENV) node_modules static/vendor
