# The dealer suite's two commands (see README.md): `make run` and `make test`.
PYTHON ?= python3
PORT ?= 8069
DEV := $(PYTHON) tools/dev.py

.PHONY: run test test-addon lint i18n bench demo-dates odoo-tests

## run: set up, create the demo database if missing, serve it on http://localhost:$(PORT)
run:
	@$(DEV) run --port $(PORT)

## test: set up, install the add-ons in a fresh database, run every test and the linters
test:
	@$(DEV) test

## test-addon ADDON=name: one add-on alone with its dependencies, its tests only
test-addon:
	@$(if $(ADDON),,$(error name the add-on: make test-addon ADDON=dealer_service))
	@$(DEV) test-addon $(ADDON)

## lint: the linters only
lint:
	@$(DEV) lint

## i18n: refresh the add-ons' .pot and zh_CN.po from the last `make test` database
i18n:
	@$(DEV) i18n

## bench [BENCH=crm_base]: the scale benchmarks (a synthetic dealer group), figures printed
bench:
	@$(DEV) bench $(BENCH)

## demo-dates [DAYS="2028-02-29 ..."]: install the demo on the days where calendars bite and check its story
demo-dates:
	@$(DEV) demo-dates $(DAYS)

## odoo-tests [MODULES="crm survey"]: Odoo's own tests of the modules the suite extends, without and with it, compared
odoo-tests:
	@$(DEV) odoo-tests $(MODULES)
