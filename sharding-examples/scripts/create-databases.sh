#!/usr/bin/env bash
# Creates the order service's shard databases shardkit_0 .. shardkit_<N-1> on the local server.
#   scripts/create-databases.sh postgres [N]   # PostgreSQL on 127.0.0.1:5432 as user postgres
#   scripts/create-databases.sh mariadb  [N]   # MariaDB on 127.0.0.1:3306 as root
# Add --drop to drop and re-create them (every row in them is lost). The service creates its tables itself.
set -euo pipefail

usage() { echo "usage: $0 postgres|mariadb [N=4] [--drop]" >&2; exit 2; }
[[ $# -ge 1 ]] || usage
kind=$1; shift
count=4
drop=false
for arg in "$@"; do
    case $arg in
        --drop) drop=true ;;
        ''|*[!0-9]*) usage ;;
        *) count=$arg ;;
    esac
done

for ((i = 0; i < count; i++)); do
    db=shardkit_$i
    case $kind in
        postgres)
            psql_cmd=(psql -h 127.0.0.1 -U "${PGUSER:-postgres}" -d postgres -v ON_ERROR_STOP=1 -qtA)
            if $drop; then "${psql_cmd[@]}" -c "DROP DATABASE IF EXISTS $db"; fi
            if [[ -z $("${psql_cmd[@]}" -c "SELECT 1 FROM pg_database WHERE datname = '$db'") ]]; then
                "${psql_cmd[@]}" -c "CREATE DATABASE $db"
            fi
            ;;
        mariadb)
            mysql_cmd=(mariadb -h 127.0.0.1 -u "${MYSQL_USER:-root}")
            if $drop; then "${mysql_cmd[@]}" -e "DROP DATABASE IF EXISTS $db"; fi
            "${mysql_cmd[@]}" -e "CREATE DATABASE IF NOT EXISTS $db"
            ;;
        *) usage ;;
    esac
    echo "$kind: $db ready"
done
