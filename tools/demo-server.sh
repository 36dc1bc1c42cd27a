#!/usr/bin/env bash
# A local PostgreSQL 15 server with the demo organisation on it, for trying Quorum's shared mode on one
# machine (docs/server.md). It listens only on a unix socket in its own folder, trusts local users, and is
# thrown away by "stop": it is for trying things, not for a board's record.
#
#   tools/demo-server.sh start    starts it (after ./setup.sh has built Quorum) and prints how to connect
#   tools/demo-server.sh stop     stops it and deletes its folder
#
# Run two windows against it to see shared mode at work: an edit in one appears in the other.
set -euo pipefail
cd "$(dirname "$0")/.."

dir="${QUORUM_DEMO_SERVER_DIR:-/tmp/quorum-demo-server}"
build_dir="${QUORUM_BUILD_DIR:-build}"
case "${1:-}" in
start)
    if [ ! -x "$build_dir/app/quorum-cli" ]; then
        echo "$0: build Quorum first (./setup.sh run or ./setup.sh test)" >&2
        exit 2
    fi
    tests/tools/pgcluster.sh start "$dir" >/dev/null
    psql -q -X "host=$dir user=quorum dbname=postgres" -c "CREATE DATABASE quorum" >/dev/null
    uri="postgresql://quorum@/quorum?host=$dir"
    "$build_dir/app/quorum-cli" --db "$uri" init --demo
    echo
    echo "A demo server is running. Open it in as many windows as you like:"
    echo "  $build_dir/app/quorum --db '$uri'"
    echo "or with the command line:"
    echo "  $build_dir/app/quorum-cli --db '$uri' status"
    echo "  $build_dir/app/quorum-cli --db '$uri' watch"
    echo "Stop it (and throw it away) with: $0 stop"
    ;;
stop)
    tests/tools/pgcluster.sh stop "$dir"
    echo "The demo server is stopped and its folder $dir deleted."
    ;;
*)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac
