# Two commands on a fresh machine: `make run` and `make test` (README, Quick start).
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1:8000
# The address printed on receipts and in their QR codes: where this server is reached (make run HOST=10.0.0.5:8000).
PUBLIC_BASE_URL ?= http://$(HOST)
export PUBLIC_BASE_URL

.PHONY: run test test-postgres test-nodes install migrate demo messages bench-load clean

$(VENV)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed

# The embedded default: SQLite, Celery eager, DEBUG on, demo data, a development server.
run: install
	DEBUG=1 $(PY) manage.py migrate --noinput
	DEBUG=1 $(PY) manage.py seed_demo --if-empty
	@echo "Open http://$(HOST)/  (demo logins: see README)"
	DEBUG=1 $(PY) manage.py runserver $(HOST)

test: install
	$(PY) -m pytest

# The same suite on PostgreSQL, where the tests `make test` skips on SQLite run (and may not skip: REQUIRE_POSTGRES).
# pytest creates and drops its own test_<name> database; POSTGRES_URL names the server and user.
POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/onewindow
test-postgres: install
	DATABASE_URL=$(POSTGRES_URL) REQUIRE_POSTGRES=1 $(PY) -m pytest $(PYTEST_ARGS)

# Two web nodes and two workers behind HAProxy, one of each killed under load, and the restore drill (tests/nodes/;
# PostgreSQL, Redis and haproxy needed). pytest makes its own test database on POSTGRES_URL's server.
BROKER_URL ?= redis://127.0.0.1:6379/15
test-nodes: install
	DATABASE_URL=$(POSTGRES_URL) CELERY_BROKER_URL=$(BROKER_URL) REQUIRE_NODES=1 REQUIRE_POSTGRES=1 \
		$(PY) -m pytest tests/nodes $(PYTEST_ARGS)

# Recompile translations after editing locale/*/LC_MESSAGES/django.po (needs GNU gettext).
messages: install
	DEBUG=1 $(PY) manage.py makemessages -l zh_Hans -l en --ignore=.venv --ignore=bench
	DEBUG=1 $(PY) manage.py compilemessages --ignore=.venv

clean:
	rm -rf $(VENV) db.sqlite3 media staticfiles
