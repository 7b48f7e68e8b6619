#!/usr/bin/env bash
# Bytes per row of the tables that grow with leads (docs/scale.md): applies the migrations to a throwaway
# SQLite file (D1 is SQLite), inserts 10k leads, 200k events, 30k alerts and 80k journey entries shaped
# like the demo's, and prints each table's and index's size from `dbstat`. Needs the sqlite3 CLI (Debian).
set -euo pipefail
cd "$(dirname "$0")/.."
db="$(mktemp -d)/size.db"
for f in worker/db/migrations/0*.sql; do sed 's/--> statement-breakpoint//' "$f" | sqlite3 "$db"; done
sqlite3 "$db" < bench/storage-size.sql
sqlite3 -header -column "$db" "
  select name, sum(pgsize) as bytes,
    (select count(*) from leads) as leads, (select count(*) from events) as events,
    (select count(*) from alerts) as alerts, (select count(*) from lead_history) as history
  from dbstat group by name having bytes > 100000 order by bytes desc"
rm -rf "$(dirname "$db")"
