# Ambient Studio — the two commands are `make start` and `make test` (see README.md).
SHELL := /bin/bash
.DEFAULT_GOAL := help

.PHONY: help start dev test bench setup db db-stop migrate openapi user

help:
	@echo "make start   install what is missing, start Postgres, migrate, seed user, serve :8000 and a built dashboard on :3000"
	@echo "make dev     the same with hot reload (Next's dev server, API reload on change)"
	@echo "make test    the same set-up, then every suite (backend, OpenAPI drift, dashboard, browser e2e)"
	@echo "make bench   speed figures as ratios against baselines measured in the same run"
	@echo "make user EMAIL=you@example.com   create the user or reset its password (asks for it)"

start:
	@backend/scripts/start.sh

dev:
	@backend/scripts/dev.sh

test:
	@backend/scripts/test.sh

bench:
	@backend/scripts/bench.sh

setup:
	@backend/scripts/setup.sh

db:
	@backend/scripts/pg.sh start ambient

db-stop:
	@backend/scripts/pg.sh stop

migrate:
	@. backend/scripts/env.sh && [ "$$LOCAL_PG" = 0 ] || export DATABASE_URL=$$(local_db_url ambient); cd backend && .venv/bin/alembic upgrade head

openapi:
	@backend/.venv/bin/python backend/scripts/export_openapi.py && cd frontend && npm run gen:api

user:
	@. backend/scripts/env.sh && [ "$$LOCAL_PG" = 0 ] || export DATABASE_URL=$$(local_db_url ambient); \
	  backend/.venv/bin/python backend/scripts/create_user.py --email "$(EMAIL)" --reset
