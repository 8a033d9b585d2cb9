#!/usr/bin/env bash
# Installs the real VS Code the e2e suite drives: code-server 4.100.3 (= VS Code 1.100.3, the
# last release whose postinstall accepts Node 20) into a cache OUTSIDE the repo, plus the Debian
# packages it needs (Chromium to drive it, compilers and headers for its native modules).
# Idempotent: a verified install returns in about a second.
#
#   usage:  CS_ENTRY=$(bash test/e2e/setup.sh [CACHE_DIR])
#   stdout: only the code-server entry script path; progress goes to stderr.
#   cache:  $1, else $BUILDCTX_E2E_CACHE, else ~/.cache/buildctx-e2e
#   env:    SKIP_APT=1 (fail instead of apt-get), CODE_SERVER_TGZ=<npm pack tarball> (offline source)
#
# The only network used is the npm registry and Debian apt: @vscode/ripgrep's postinstall (a GitHub
# download) is fed Debian's rg through its own download cache, and native modules build from source
# against the local Node headers because their prebuilt-binary downloads cannot be reached here.
set -euo pipefail

CS_VERSION=4.100.3
CACHE="${1:-${BUILDCTX_E2E_CACHE:-$HOME/.cache/buildctx-e2e}}"
mkdir -p "$CACHE"
CACHE="$(cd "$CACHE" && pwd)"
CS_DIR="$CACHE/node_modules/code-server"
ENTRY="$CS_DIR/out/node/entry.js"
MARKER="$CACHE/.installed-$CS_VERSION"
LOG="$CACHE/install.log"

say() { echo "[e2e-setup] $*" >&2; }
die() { say "ERROR: $*"; exit 1; }

check_node() {
  local major
  major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null)" || die "node not found"
  # code-server's postinstall.sh checks this itself, but only after a minute of npm work.
  [ "$major" = 20 ] || die "code-server $CS_VERSION needs Node 20 (found $(node -v))"
}

apt_packages() {
  local pkgs=(chromium ripgrep libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev pkg-config python3 make g++)
  local missing=() p sudo=""
  for p in "${pkgs[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ "${#missing[@]}" -gt 0 ] || return 0
  [ -z "${SKIP_APT:-}" ] || die "missing Debian packages: ${missing[*]}"
  [ "$(id -u)" = 0 ] || sudo="sudo"
  say "apt-get install ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  # A stale package index is the usual reason for a failure; update only then, it is slow.
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2 || {
    $sudo apt-get update -qq >&2
    $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
  }
}

node_headers() {
  # node-gyp must compile against local headers; nodejs.org is unreachable.
  local dir prefix
  dir="$(npm config get nodedir 2>/dev/null || true)"
  case "$dir" in "" | undefined | null) ;; *) return 0 ;; esac
  prefix="$(dirname "$(dirname "$(command -v node)")")"
  [ -f "$prefix/include/node/node.h" ] || { say "WARNING: no local Node headers under $prefix"; return 0; }
  export npm_config_nodedir="$prefix"
}

verify() {
  [ -f "$ENTRY" ] || return 1
  (cd "$CS_DIR/lib/vscode" && node -e '
    for (const m of ["node-pty","@vscode/spdlog","native-watchdog","kerberos","@parcel/watcher","@vscode/deviceid"]) require(m);
  ') >/dev/null 2>&1 || return 1
  (cd "$CS_DIR" && node -e 'require("argon2")') >/dev/null 2>&1 || return 1
  "$CS_DIR/lib/vscode/node_modules/@vscode/ripgrep/bin/rg" --version >/dev/null 2>&1 || return 1
  [ -L "$CS_DIR/lib/vscode/node_modules.asar" ] || return 1
  # Even --version writes ~/.config/code-server/config.yaml; keep it out of the real HOME.
  local t v
  t="$(mktemp -d)"
  v="$(HOME="$t" XDG_CONFIG_HOME="$t" XDG_DATA_HOME="$t" XDG_CACHE_HOME="$t" node "$ENTRY" --version 2>/dev/null | tail -1)"
  rm -rf "$t"
  case "$v" in "$CS_VERSION "*) return 0 ;; *) return 1 ;; esac
}

seed_ripgrep() {
  # @vscode/ripgrep skips its GitHub download when
  # $TMPDIR/vscode-ripgrep-cache-<pkg version>/ripgrep-<tag>-<target>.tar.gz exists.
  # code-server 4.100.3 pins 1.15.11 (tag v13.0.0-10); Debian 12's rg is 13.0.0.
  local tmp="$1" stage ver tag
  stage="$(mktemp -d)"
  cp "$(command -v rg)" "$stage/rg" && chmod 755 "$stage/rg"
  tar czf "$tmp/rg.tar.gz" -C "$stage" rg
  rm -rf "$stage"
  for ver in 1.15.10 1.15.11 1.15.12; do
    mkdir -p "$tmp/vscode-ripgrep-cache-$ver"
    for tag in v13.0.0-10 v13.0.0-13; do
      ln -f "$tmp/rg.tar.gz" "$tmp/vscode-ripgrep-cache-$ver/ripgrep-$tag-x86_64-unknown-linux-musl.tar.gz"
    done
  done
}

install_code_server() {
  local tmp="$CACHE/.tmp" spec="$CS_VERSION" start
  start=$(date +%s)
  say "installing code-server $CS_VERSION into $CACHE (log: $LOG)"
  rm -f "$MARKER"
  rm -rf "$tmp" "$CS_DIR" "$CACHE/package-lock.json" && mkdir -p "$tmp"
  seed_ripgrep "$tmp"
  if [ -n "${CODE_SERVER_TGZ:-}" ]; then
    spec="file:$(cd "$(dirname "$CODE_SERVER_TGZ")" && pwd)/$(basename "$CODE_SERVER_TGZ")"
  fi
  printf '{ "name": "buildctx-e2e-cache", "private": true, "dependencies": { "code-server": "%s" } }\n' \
    "$spec" >"$CACHE/package.json"
  # unsafe_perm: code-server's postinstall.sh refuses to run as root without it (npm 11 warns
  #   "Unknown env config", but the shell script reads the variable itself).
  # yes: node-pty's postinstall runs `npx node-gyp ...`; with yes=false in ~/.npmrc npx cancels.
  if ! (cd "$CACHE" && TMPDIR="$tmp" npm_config_unsafe_perm=true npm_config_yes=true \
        npm install --no-audit --no-fund --foreground-scripts >"$LOG" 2>&1); then
    tail -40 "$LOG" >&2
    rm -rf "$CS_DIR"
    die "npm install failed (full log: $LOG)"
  fi
  rm -rf "$tmp"
  verify || { tail -40 "$LOG" >&2; die "installed, but verification failed (log: $LOG)"; }
  echo "$CS_VERSION" >"$MARKER"
  say "installed in $(($(date +%s) - start))s"
}

check_node
apt_packages
command -v rg >/dev/null || die "ripgrep (rg) missing after apt"
[ -x /usr/bin/chromium ] || [ -n "${CHROMIUM:-}" ] || die "/usr/bin/chromium missing after apt"
if [ -f "$MARKER" ] && verify; then
  say "code-server $CS_VERSION ready in $CACHE"
else
  node_headers
  install_code_server
fi
echo "$ENTRY"
