#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster for the tests (issue 15): in a folder of its own, listening only on a
# unix socket in that folder, with no password (trust, local socket only), stopped and deleted afterwards.
#
#   tests/tools/pgcluster.sh start DIR    creates and starts it; prints the connection string
#   tests/tools/pgcluster.sh stop DIR     stops it at once (immediate) and deletes DIR
#   tests/tools/pgcluster.sh halt DIR     stops it at once (immediate, as a crash would) and keeps DIR
#   tests/tools/pgcluster.sh resume DIR   starts a halted one again (it recovers from its log first)
#   tests/tools/pgcluster.sh standby DIR PRIMARY_DIR
#                                         makes DIR a streaming hot standby of the server in PRIMARY_DIR
#                                         (pg_basebackup -R) and starts it
#   tests/tools/pgcluster.sh promote DIR  promotes the standby in DIR to a primary (a failover)
#   tests/tools/pgcluster.sh start-tls DIR PORT CERT KEY
#                                         as start, and also listens on 127.0.0.1:PORT for TLS connections
#                                         only (hostssl, trust), with the certificate CERT and its key KEY
#                                         (both copied into DIR); the unix socket then has PORT's number too
#
# initdb, pg_ctl and postgres refuse to run as root, and CI runs as root: then they run as the postgres
# user (runuser), which owns DIR. The connection string is also written to DIR/connection.
set -euo pipefail

command=${1:-}
dir=${2:-}
if [ -z "$command" ] || [ -z "$dir" ]; then
    echo "usage: $0 start|stop|halt|resume|promote DIR | standby DIR PRIMARY_DIR | start-tls DIR PORT CERT KEY" >&2
    exit 2
fi

bindir=/usr/lib/postgresql/15/bin
if [ ! -x "$bindir/pg_ctl" ]; then
    echo "$0: PostgreSQL 15 is not installed ($bindir/pg_ctl is missing): ./setup.sh test installs postgresql-15" >&2
    exit 3
fi

as_owner=()
if [ "$(id -u)" -eq 0 ]; then
    as_owner=(runuser -u postgres --)
fi

base_options() {
    # Only the unix socket in DIR: nothing listens on the network. fsync off makes the tests faster and is
    # still safe for what they do to the server (a stopped or killed postgres, never a lost operating system).
    local options="-c listen_addresses='' -c unix_socket_directories='$1' -c fsync=off -c synchronous_commit=off"
    echo "$options -c full_page_writes=off -c max_connections=100"
}

make_folder() {
    mkdir -p "$1"
    if [ "$(id -u)" -eq 0 ]; then
        chown postgres: "$1"
    fi
    chmod 700 "$1"
}

case "$command" in
standby)
    primary=${3:-}
    if [ -z "$primary" ] || [ ! -e "$primary/.s.PGSQL.5432" ]; then
        echo "usage: $0 standby DIR PRIMARY_DIR (a running server)" >&2
        exit 2
    fi
    if [ -e "$dir" ]; then
        "$0" stop "$dir"
    fi
    make_folder "$dir"
    dir=$(cd "$dir" && pwd)
    "${as_owner[@]}" "$bindir/pg_basebackup" --host="$primary" --username=quorum --pgdata="$dir/data" \
        --write-recovery-conf --wal-method=stream --checkpoint=fast >"$dir/basebackup.log" 2>&1 || {
        cat "$dir/basebackup.log" >&2
        exit 1
    }
    base_options "$dir" >"$dir/options"
    echo "host=$dir user=quorum dbname=postgres" >"$dir/connection"
    "$0" resume "$dir"
    ;;
promote)
    "${as_owner[@]}" "$bindir/pg_ctl" --pgdata="$dir/data" --wait --timeout=60 promote >/dev/null
    ;;
start | start-tls)
    if [ "$command" = start-tls ]; then
        port=${3:-}
        certificate=${4:-}
        key=${5:-}
        if ! [[ "$port" =~ ^[0-9]+$ ]] || [ ! -f "$certificate" ] || [ ! -f "$key" ]; then
            echo "usage: $0 start-tls DIR PORT CERT KEY (a port number, a certificate file and its key file)" >&2
            exit 2
        fi
    fi
    # A server left by a run that was killed before its stop: stop it and start afresh.
    if [ -e "$dir" ]; then
        "$0" stop "$dir"
    fi
    # A unix socket path is limited to about 100 bytes: keep DIR short (the tests use /tmp/quorum-pg-XXXX).
    make_folder "$dir"
    dir=$(cd "$dir" && pwd)
    if [ "${#dir}" -gt 80 ]; then
        echo "$0: $dir is too long a path for a unix socket" >&2
        exit 2
    fi
    "${as_owner[@]}" "$bindir/initdb" --pgdata="$dir/data" --username=quorum --auth=trust --encoding=UTF8 \
        --locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1 || {
        cat "$dir/initdb.log" >&2
        exit 1
    }
    # One role signs in with a password, for the tests of password prompts and refusals: the tests create
    # it (quorum_password_user) with the password they need. Everyone else is trusted on the socket.
    "${as_owner[@]}" sed -i '1i local all quorum_password_user scram-sha-256' "$dir/data/pg_hba.conf"
    options=$(base_options "$dir")
    # A test that crashes the server needs what it acknowledged on disk: it adds -c synchronous_commit=on.
    options+=" ${QUORUM_PG_OPTIONS:-}"
    connection="host=$dir user=quorum dbname=postgres"
    if [ "$command" = start-tls ]; then
        # The server reads its key only when its own user owns it and nobody else may read it.
        install -m 644 "$certificate" "$dir/server.crt"
        install -m 600 "$key" "$dir/server.key"
        if [ "$(id -u)" -eq 0 ]; then
            chown postgres: "$dir/server.crt" "$dir/server.key"
        fi
        # Over TCP only TLS is accepted, and only from this machine; the certificate is what the tests check.
        "${as_owner[@]}" sed -i -e '1i hostssl all all 127.0.0.1/32 trust' -e '1i hostnossl all all all reject' \
            "$dir/data/pg_hba.conf"
        options+=" -c listen_addresses='127.0.0.1' -c port=$port -c ssl=on"
        options+=" -c ssl_cert_file='$dir/server.crt' -c ssl_key_file='$dir/server.key'"
        connection+=" port=$port"
    fi
    echo "$options" >"$dir/options"
    "$0" resume "$dir"
    echo "$connection" >"$dir/connection"
    chmod 644 "$dir/connection"
    echo "$connection"
    ;;
resume)
    "${as_owner[@]}" "$bindir/pg_ctl" --pgdata="$dir/data" --log="$dir/server.log" --wait --timeout=60 \
        --options="$(cat "$dir/options")" start >"$dir/pg_ctl.log" 2>&1 || {
        cat "$dir/pg_ctl.log" "$dir/server.log" >&2
        exit 1
    }
    ;;
halt)
    "${as_owner[@]}" "$bindir/pg_ctl" --pgdata="$dir/data" --mode=immediate --wait stop >/dev/null
    ;;
stop)
    if [ -d "$dir/data" ]; then
        "${as_owner[@]}" "$bindir/pg_ctl" --pgdata="$dir/data" --mode=immediate --wait stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    ;;
*)
    echo "usage: $0 start|stop|halt|resume|promote DIR | standby DIR PRIMARY_DIR | start-tls DIR PORT CERT KEY" >&2
    exit 2
    ;;
esac
