# The berth-postgres image's entrypoint (scripts/image.sh postgres), run by busybox's sh as the postgres user.
# First start (an empty volume): initdb with the superuser POSTGRES_USER (default postgres) and the password from
# POSTGRES_PASSWORD_FILE (a Swarm secret) or POSTGRES_PASSWORD, password authentication (scram-sha-256) for every
# connection, then the database POSTGRES_DB (default: the user's name). Every start: the server in the foreground.
# The names follow the official postgres image's variables, so a stack can use either image.
set -eu
: "${PGDATA:=/var/lib/postgresql/data}"
user=${POSTGRES_USER:-postgres}
db=${POSTGRES_DB:-$user}
fail() { echo "berth-postgres: $*" >&2; exit 1; }
# the names reach SQL below: only plain identifiers, so no quoting can be escaped
for name in "$user" "$db"; do
  case "$name" in
    ''|[!a-z_]*|*[!a-z0-9_]*) fail "'$name' is not a plain lower-case identifier (POSTGRES_USER, POSTGRES_DB)" ;;
  esac
done
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  pwfile=${POSTGRES_PASSWORD_FILE:-}
  if [ -z "$pwfile" ]; then
    [ -n "${POSTGRES_PASSWORD:-}" ] || fail "set POSTGRES_PASSWORD_FILE (a secret's file) or POSTGRES_PASSWORD"
    pwfile=$(mktemp)
    printf '%s\n' "$POSTGRES_PASSWORD" >"$pwfile"
  fi
  [ -s "$pwfile" ] || fail "the password file $pwfile is empty or unreadable"
  echo "berth-postgres: first start: initdb into $PGDATA"
  initdb --username="$user" --pwfile="$pwfile" --auth=scram-sha-256 --encoding=UTF8 --locale=C \
    -D "$PGDATA" >/dev/null
  [ "$pwfile" = "${POSTGRES_PASSWORD_FILE:-}" ] || rm -f "$pwfile"
  {
    echo "listen_addresses = '*'"
    echo "jit = off                       # LLVM is not in the image"
  } >>"$PGDATA/postgresql.conf"
  echo "host all all all scram-sha-256" >>"$PGDATA/pg_hba.conf"
  if [ "$db" != postgres ]; then
    echo "CREATE DATABASE $db OWNER $user" | postgres --single -D "$PGDATA" -j postgres >/dev/null
  fi
fi
exec postgres -D "$PGDATA" "$@"
