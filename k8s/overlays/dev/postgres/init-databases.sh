#!/bin/sh
# Dev only: one database per service, each owned by that service's own user (passwords from the services' Secrets).
# Runs once, when the data volume is empty (docker-entrypoint-initdb.d).
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres <<SQL
CREATE USER "$CONSENT_DB_USER" WITH PASSWORD '$CONSENT_DB_PASSWORD';
CREATE DATABASE consent OWNER "$CONSENT_DB_USER";
CREATE USER "$ACCOUNTS_DB_USER" WITH PASSWORD '$ACCOUNTS_DB_PASSWORD';
CREATE DATABASE accounts OWNER "$ACCOUNTS_DB_USER";
CREATE USER "$OFFERS_DB_USER" WITH PASSWORD '$OFFERS_DB_PASSWORD';
CREATE DATABASE offers OWNER "$OFFERS_DB_USER";
SQL
