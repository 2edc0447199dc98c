#!/usr/bin/env bash
# Lighthouse (mobile) on the start page and the longest article page: a benchmark, not a CI gate.
# Takes lighthouse@12.2.3 from the npm registry once (`npm exec` keeps it in npm's cache) and runs
# it with Debian's Chromium; the site is served on 127.0.0.1, gzip-compressed as a real host
# serves it (benchmarks/serve_gzip.py). Each page is measured ROUNDS times (default 3), as scores
# move with the machine's load; each line names the run's benchmarkIndex (Lighthouse's own
# reading of the machine's speed: its mobile figures assume an index of about 1,500 or more).
# Usage: make build && [ROUNDS=5] benchmarks/lighthouse.sh [site]
set -euo pipefail
site=${1:-site}
rounds=${ROUNDS:-3}
longest=$(ls -S "$site"/artikel/*/index.html | head -n1 | sed "s|^$site/||; s|index.html$||")
port=8765
python3 "$(dirname "$0")/serve_gzip.py" "$site" "$port" &
server=$!
trap 'kill $server' EXIT
sleep 1
export CHROME_PATH=/usr/bin/chromium
for round in $(seq "$rounds"); do
  for path in "" "$longest"; do
    out=$(mktemp)
    npm exec --yes lighthouse@12.2.3 -- "http://127.0.0.1:$port/$path" --quiet --output=json \
      --output-path="$out" --form-factor=mobile \
      --chrome-flags="--headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking --disable-component-update --disable-sync"
    python3 - "$out" "/$path" "$round" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
scores = {k: round(v["score"] * 100) for k, v in report["categories"].items()}
audits = report["audits"]
timings = {name: audits[key]["displayValue"] for name, key in (
    ("FCP", "first-contentful-paint"), ("LCP", "largest-contentful-paint"), ("TBT", "total-blocking-time"))}
print(f"round {sys.argv[3]} {sys.argv[2]}", " ".join(f"{k}={v}" for k, v in scores.items()),
      " ".join(f"{k} {v}" for k, v in timings.items()),
      f"benchmarkIndex {round(report['environment']['benchmarkIndex'])}")
PY
    rm -f "$out"
  done
done
