#!/usr/bin/env bash
# Times `catalog db current` and `catalog db upgrade` (empty -> head) as whole processes, the way a user runs them.
# Usage: bench/db-cli.sh [RUNS]   (default 10). Needs a MariaDB/MySQL server: CATALOG_BENCH_SERVER, default
# jdbc:mysql://127.0.0.1:3306/ as root with an empty password. Uses its own database, dropped at the end.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
runs="${1:-10}"
server="${CATALOG_BENCH_SERVER:-jdbc:mysql://127.0.0.1:3306/}"
db="catalog_bench_$$"
mysql_cli() { mariadb --host=127.0.0.1 --port=3306 --user=root "$@"; }

export CATALOG_DB_URL="${server%/}/$db" CATALOG_DB_USER=root CATALOG_DB_PASSWORD=
trap 'mysql_cli -e "DROP DATABASE IF EXISTS $db"' EXIT
mysql_cli -e "CREATE DATABASE $db"
"$root/catalog" db current >/dev/null   # builds the jar and the CDS archive if needed; not timed

now() { date +%s.%N; }
median() { sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.3f", m}'; }
min() { sort -n | head -1; }

upgrade_times=()
for _ in $(seq "$runs"); do
  mysql_cli -e "DROP DATABASE $db; CREATE DATABASE $db"
  t0=$(now); "$root/catalog" db upgrade >/dev/null; t1=$(now)
  upgrade_times+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.3f", b - a}')")
done
current_times=()
for _ in $(seq "$runs"); do
  t0=$(now); "$root/catalog" db current >/dev/null; t1=$(now)
  current_times+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.3f", b - a}')")
done

printf '%-36s %8s %8s   %s\n' "whole process, $runs runs" "median" "min" "Python original"
printf '%-36s %7ss %7ss   %s\n' "catalog db current" "$(printf '%s\n' "${current_times[@]}" | median)" \
  "$(printf '%s\n' "${current_times[@]}" | min)" "0.42 s"
printf '%-36s %7ss %7ss   %s\n' "catalog db upgrade (empty -> head)" "$(printf '%s\n' "${upgrade_times[@]}" | median)" \
  "$(printf '%s\n' "${upgrade_times[@]}" | min)" "~0.4 s"
