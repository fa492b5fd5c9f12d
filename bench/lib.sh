# Shared by bench/ideas, bench/polls and bench/load: release build, the
# generated benchmark tenant (cached for SQLite, a fresh database on
# PostgreSQL), the server, and wrk runs printed as Markdown rows.
# Traffic goes to 127.0.0.1 only; every run is bounded in time.
#
# Env: CIVIC_BENCH_CACHE (default /tmp/civic-bench-cache), CARGO_TARGET_DIR,
#      BENCH_PG_URL (default postgres://postgres@127.0.0.1:5432/postgres),
#      BENCH_SHAPE (extra `civicspace bench-tenant` flags, e.g. for a small trial),
#      BENCH_BIN (a civicspace binary to use instead of the release build).

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
lua="$root/bench/lua"
cache="${CIVIC_BENCH_CACHE:-/tmp/civic-bench-cache}"
pg_admin="${BENCH_PG_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
threads=2
work="$(mktemp -d)"
server=""
pg_db=""

need() { command -v "$1" >/dev/null || { apt-get update -qq && apt-get install -y -qq "$2" >/dev/null; }; }
need wrk wrk
need curl curl
need psql postgresql-client

bench_cleanup() {
  stop_server
  if [ -n "$pg_db" ]; then psql -q "$pg_admin" -c "DROP DATABASE IF EXISTS $pg_db WITH (FORCE)" >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap bench_cleanup EXIT

# BENCH_BIN skips the build (e.g. to check the scripts with a debug binary).
build() {
  if [ -n "${BENCH_BIN:-}" ]; then bin="$BENCH_BIN"; return; fi
  (cd "$root" && cargo build --release -q -p civicspace)
  bin="${CARGO_TARGET_DIR:-$root/target}/release/civicspace"
}

machine() {
  echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(lscpu | sed -n 's/^Model name: *//p')"
  echo "date: $(date -u +%FT%H:%MZ); wrk -t$threads, server and wrk on the same machine"
}

# prepare sqlite|postgres: the generated tenant in a database of its own,
# credentials in $work/creds. Sets DB_ENV (the server's environment) and
# sources the tenant's ids.
prepare() {
  local backend="$1" t0
  t0=$(date +%s)
  if [ "$backend" = sqlite ]; then
    local stamp="${BENCH_SHAPE:-full}"
    local dir="$cache/sqlite-$(echo "$stamp" | md5sum | cut -c1-8)"
    # Sessions of the cached file are issued again on every run; regenerate a week-old cache.
    if [ ! -f "$dir/ready" ] || [ -n "$(find "$dir/ready" -mtime +7)" ]; then
      rm -rf "$dir"; mkdir -p "$dir"
      echo "generating the tenant into $dir (once; cached)" >&2
      # shellcheck disable=SC2086
      CIVIC_DATA_DIR="$dir/data" "$bin" bench-tenant --out "$dir/creds" ${BENCH_SHAPE:-} >&2
      touch "$dir/ready"
    fi
    # A pristine copy per run: writes of one run never meet the next.
    cp -r "$dir/data" "$work/data"
    DB_ENV=(CIVIC_DATA_DIR="$work/data")
  else
    pg_db="civic_bench_$$"
    psql -q "$pg_admin" -c "CREATE DATABASE $pg_db" >/dev/null
    DB_ENV=(CIVIC_DATA_DIR="$work/pgdata" DATABASE_URL="${pg_admin%/*}/$pg_db")
    echo "generating the tenant into PostgreSQL database $pg_db" >&2
  fi
  # On a cached SQLite file this only issues fresh sessions and tokens.
  # shellcheck disable=SC2086
  env "${DB_ENV[@]}" "$bin" bench-tenant --out "$work/creds" ${BENCH_SHAPE:-} >&2
  echo "tenant ready in $(( $(date +%s) - t0 )) s" >&2
  # shellcheck disable=SC1091
  source "$work/creds/env"
  export BENCH_TOKENS="$work/creds/tokens.txt" BENCH_SESSIONS="$work/creds/sessions.txt"
  export BENCH_ANSWER="$work/creds/answer.json" BENCH_LUA="$lua" DEEP_CURSOR TENANT SPACE POLL THREAD_IDEA FIRST_IDEA LAST_IDEA
}

# Arguments of bench/ideas and bench/polls: [DURATION] [sqlite|postgres|both].
duration_and_backends() {
  duration="${1:-20}"
  backends="${2:-both}"
  [ "$backends" = both ] && backends="sqlite postgres"
  return 0
}

# begin_backend BACKEND HEADING: the tenant, the server, a heading.
begin_backend() {
  prepare "$1"
  start_server
  static_rps=""
  echo
  echo "### $1, $2, server RSS $(rss_kib) KiB at start"
  echo
}

start_server() {
  local log="$work/server.out"
  env "${DB_ENV[@]}" CIVIC_DEMO=false "$bin" serve --listen 127.0.0.1:0 >"$log" 2>"$work/server.err" &
  server=$!
  until grep -q "Civic Space is serving" "$log"; do
    kill -0 "$server" 2>/dev/null || { cat "$work/server.err" >&2; return 1; }
    sleep 0.05
  done
  url="$(sed -n 's/^Civic Space is serving //p' "$log")"
  export BENCH_URL="$url"
}

stop_server() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  server=""
}

rss_kib() { awk '/VmRSS/ {print $2}' "/proc/$server/status"; }

static_rps=""
# wrk_run CONNECTIONS DURATION PATH [LUA]: raw wrk output in $work/wrk.
wrk_run() {
  local script=()
  [ -n "${4:-}" ] && script=(-s "$lua/$4")
  wrk -t"$threads" -c"$1" -d"$2s" --latency --timeout 5s "${script[@]}" "$url$3" >"$work/wrk" 2>&1
}

# The figures of the last wrk run: rps p50 p99 non2xx.
wrk_figures() {
  local rps p50 p99 non2xx
  rps=$(awk '/Requests\/sec/ {print $2}' "$work/wrk")
  p50=$(awk '$1 == "50%" {print $2}' "$work/wrk")
  p99=$(awk '$1 == "99%" {print $2}' "$work/wrk")
  non2xx=$(awk '/Non-2xx/ {print $NF}' "$work/wrk")
  echo "${rps:-0} ${p50:-?} ${p99:-?} ${non2xx:-0}"
}

ratio() { awk -v a="$1" -v b="$static_rps" 'BEGIN { if (b > 0) printf "%.3f", a / b; else print "?" }'; }

# measure NAME CONNECTIONS DURATION PATH [LUA]: one Markdown row.
measure() {
  wrk_run "$2" "$3" "$4" "${5:-}"
  read -r rps p50 p99 non2xx < <(wrk_figures)
  [ -z "$static_rps" ] && static_rps="$rps"
  local extra
  extra=$(sed -n 's/^bench: //p' "$work/wrk" | paste -sd' ')
  printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$1" "$rps" "$p50" "$p99" "$non2xx" "$(ratio "$rps")" "$extra"
}

table_head() {
  echo "| route | req/s | p50 | p99 | non-2xx | ratio to /healthz | notes |"
  echo "|---|---|---|---|---|---|---|"
}

# p99 of the last run in milliseconds.
p99_ms() {
  awk '$1 == "99%" { v = $2; if (v ~ /us$/) { sub(/us/, "", v); v /= 1000 } else if (v ~ /ms$/) { sub(/ms/, "", v) } else if (v ~ /s$/) { sub(/s/, "", v); v *= 1000 } print v }' "$work/wrk"
}
