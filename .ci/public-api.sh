#!/usr/bin/env bash
# Adds every public symbol the build reports as untracked (RS0016) to PublicAPI.Unshipped.txt and removes
# the ones it reports as gone (RS0017).
# Run it after a deliberate change of the public surface, then review the diff.
set -euo pipefail
cd "$(dirname "$0")/.."
for project in src/DepositTwin src/DepositTwin.Plotting src/DepositTwin.Twin; do
log=$(mktemp)
dotnet build "$project" -c Release -p:TreatWarningsAsErrors=false -v q 2>&1 | tee "$log" >/dev/null || true
grep -oP "RS0017: Symbol '\K.*(?=' is part of the declared API, but)" "$log" | sort -u > "$log.gone" || true
if [ -s "$log.gone" ]; then grep -vxF -f "$log.gone" "$project/PublicAPI.Unshipped.txt" > "$log.kept" || true; mv "$log.kept" "$project/PublicAPI.Unshipped.txt"; fi
rm -f "$log.gone"
grep -oP "RS0016: Symbol '\K.*(?=' is not part of the declared public API)" "$log" | sort -u >> "$project/PublicAPI.Unshipped.txt" || true
{ head -n1 "$project/PublicAPI.Unshipped.txt"; tail -n +2 "$project/PublicAPI.Unshipped.txt" | sort -u; } > "$log.sorted"
mv "$log.sorted" "$project/PublicAPI.Unshipped.txt"
rm -f "$log"
echo "$project/PublicAPI.Unshipped.txt now lists $(($(wc -l < "$project/PublicAPI.Unshipped.txt") - 1)) symbols."
done
