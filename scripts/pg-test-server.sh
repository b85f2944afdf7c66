#!/usr/bin/env bash
# A throwaway PostgreSQL 15 server for the tests, in a folder of its own.
#
#   scripts/pg-test-server.sh start DIR [--tcp PORT]
#                                          initdb in DIR, start, print the
#                                          superuser connection string
#   scripts/pg-test-server.sh stop DIR    stop it and remove DIR
#
# It listens only on a Unix socket in DIR; with --tcp PORT also on
# 127.0.0.1:PORT (loopback only, scram-sha-256 for every login there), for
# the page benchmark (bench/run-pages.sh). The superuser `postgres`
# connects without a password; every other login with scram-sha-256, as on a
# department's server. initdb refuses to run as root, so as root the server
# runs as the `postgres` user (DIR is handed to it). fsync is off: the data
# is thrown away.
set -euo pipefail
bin=/usr/lib/postgresql/15/bin
cmd=${1:-}
dir=${2:-}
tcp=""
if [[ ${3:-} == --tcp ]]; then
  tcp=${4:-}
  [[ $tcp =~ ^[0-9]+$ ]] || { echo "usage: $0 start DIR --tcp PORT" >&2; exit 2; }
elif [[ -n ${3:-} ]]; then
  echo "usage: $0 start DIR [--tcp PORT] | stop DIR" >&2
  exit 2
fi
if [[ -z $cmd || -z $dir ]]; then
  echo "usage: $0 start DIR [--tcp PORT] | stop DIR" >&2
  exit 2
fi

as_server() {
  if [[ $(id -u) -eq 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

case $cmd in
start)
  mkdir -p "$dir"
  [[ $(id -u) -ne 0 ]] || chown postgres: "$dir"
  chmod 700 "$dir"
  as_server "$bin/initdb" -D "$dir/data" -U postgres -E UTF8 --locale=C --no-sync \
    --auth-local=scram-sha-256 --auth-host=reject >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; exit 1; }
  # The superuser is the tests' own; everyone else signs in with SCRAM.
  printf 'local all postgres trust\nlocal all all scram-sha-256\n' >"$dir/data/pg_hba.conf"
  listen="-c listen_addresses=''"
  if [[ -n $tcp ]]; then
    printf 'host all all 127.0.0.1/32 scram-sha-256\n' >>"$dir/data/pg_hba.conf"
    listen="-c listen_addresses='127.0.0.1' -p $tcp"
  fi
  as_server "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -s \
    -o "$listen -c unix_socket_directories='$dir' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    start || { cat "$dir/server.log" >&2; exit 1; }
  echo "host=$dir user=postgres dbname=postgres${tcp:+ port=$tcp}"
  ;;
stop)
  if [[ -f $dir/data/postmaster.pid ]]; then
    as_server "$bin/pg_ctl" -D "$dir/data" -m immediate -w -s stop || true
  fi
  rm -rf "$dir"
  ;;
*)
  echo "usage: $0 start|stop DIR" >&2
  exit 2
  ;;
esac
