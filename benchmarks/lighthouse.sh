#!/usr/bin/env bash
# Lighthouse (mobile) on the start page and the longest article page: a benchmark, not a CI gate.
# Needs the internet once for `npm exec lighthouse@12.2.3`; the site itself is served on 127.0.0.1,
# gzip-compressed as a real host serves it (benchmarks/serve_gzip.py).
# Usage: make build && benchmarks/lighthouse.sh [site]
set -euo pipefail
site=${1:-site}
longest=$(ls -S "$site"/artikel/*/index.html | head -n1 | sed "s|^$site/||; s|index.html$||")
port=8765
python3 "$(dirname "$0")/serve_gzip.py" "$site" "$port" &
server=$!
trap 'kill $server' EXIT
sleep 1
export CHROME_PATH=/usr/bin/chromium
for path in "" "$longest"; do
  out=$(mktemp)
  npm exec --yes lighthouse@12.2.3 -- "http://127.0.0.1:$port/$path" --quiet --output=json \
    --output-path="$out" --form-factor=mobile \
    --chrome-flags="--headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking --disable-component-update --disable-sync"
  python3 - "$out" "/$path" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
scores = {k: round(v["score"] * 100) for k, v in report["categories"].items()}
print(sys.argv[2], " ".join(f"{k}={v}" for k, v in scores.items()))
PY
done
