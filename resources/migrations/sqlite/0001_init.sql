-- SPDX-License-Identifier: GPL-3.0-or-later
-- Sites, stations and the append-only audit log (SQLite dialect).
-- Timestamps are TEXT in UTC, ISO 8601 with milliseconds and a trailing Z.

CREATE TABLE sites (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL UNIQUE CHECK (name <> ''),
    time_zone TEXT NOT NULL,
    windows TEXT NOT NULL DEFAULT '',
    retired BOOLEAN NOT NULL DEFAULT FALSE CHECK (retired IN (0, 1)),
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

CREATE TABLE stations (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL UNIQUE CHECK (name <> ''),
    site_id INTEGER NOT NULL REFERENCES sites (id),
    ansible_host TEXT NOT NULL,
    metrics_urls TEXT NOT NULL DEFAULT '[]'
        CHECK (json_valid(metrics_urls) AND json_type(metrics_urls) = 'array'),
    labels TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(labels) AND json_type(labels) = 'object'),
    retired BOOLEAN NOT NULL DEFAULT FALSE CHECK (retired IN (0, 1)),
    source TEXT NOT NULL CHECK (source IN ('inventory', 'manual')),
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

CREATE INDEX stations_site_id ON stations (site_id);

CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL CHECK (at LIKE '____-__-__T__:__:__%Z'),
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    subject TEXT NOT NULL,
    details TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(details))
);

CREATE INDEX audit_log_at ON audit_log (at);

-- The audit log is append-only: the database itself refuses to change or remove a line.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only: UPDATE is not allowed');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only: DELETE is not allowed');
END;
