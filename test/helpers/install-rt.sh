#!/usr/bin/env bash
# Installs Debian's Request Tracker 5 on SQLite without questions (about a minute), for the RT
# connector tests. .ci/run does the same through its one apt list; this is for a developer machine.
set -euo pipefail
[ -x /usr/share/request-tracker5/libexec/rt-server ] && [ -f /var/lib/dbconfig-common/sqlite3/request-tracker5/rtdb ] && exit 0
export DEBIAN_FRONTEND=noninteractive
# The answers dbconfig-common and the RT package would ask for: SQLite, a known root password.
debconf-set-selections "$(dirname "$0")/rt-preseed.cfg"
apt-get update -qq
apt-get install -y -qq --no-install-recommends request-tracker5 rt5-db-sqlite rt5-standalone >/dev/null
