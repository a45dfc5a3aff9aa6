#!/usr/bin/env bash
# Every command's demo outputs in every file format, into OUT (for a byte-for-byte comparison
# of two commits: run it in a worktree of each and `diff -r` the folders). Needs `salescli` of
# the checkout to compare on PYTHONPATH (export PYTHONPATH=$PWD).
set -uo pipefail
OUT=${1:?usage: scripts/demo_outputs.sh OUT}
mkdir -p "$OUT"
W=(python -m salescli --no-cache -w examples/demo)
go() {  # NAME ARGS...: stdout, stderr and the exit code of one run, then its files
    local name=$1; shift
    "${W[@]}" "$@" >"$OUT/$name.stdout" 2>"$OUT/$name.stderr"
    echo $? >"$OUT/$name.rc"
}
for fmt in xlsx csv json jsonl html md parquet; do
    go "classify.$fmt" classify --quarter 2024Q2 -o "$OUT/classify.$fmt.out/"
    go "plan.$fmt" plan-visits --month 2024-06 -o "$OUT/plan.$fmt.out/"
    go "audit.$fmt" audit-visits --month 2024-05 --by rep -o "$OUT/audit.$fmt.out/"
    go "split.$fmt" split-targets --year 2025 --total 120000000 -o "$OUT/split.$fmt.out/"
    go "adjust.$fmt" split-targets --apply-to examples/demo/targets.csv -o "$OUT/adjust.$fmt.out/"
    go "appraise-m.$fmt" appraise --month 2024-05 -o "$OUT/appraise-m.$fmt.out/"
    go "appraise-q.$fmt" appraise --quarter 2024Q2 -o "$OUT/appraise-q.$fmt.out/"
    go "appraise-y.$fmt" appraise --year 2024 -o "$OUT/appraise-y.$fmt.out/"
    go "explain.$fmt" appraise --quarter 2024Q2 --explain 丁辉欣 -o "$OUT/explain.$fmt.out/"
    go "report-w.$fmt" report --week 2024-W19 -o "$OUT/report-w.$fmt.out/"
    go "report-m.$fmt" report --month 2024-05 -o "$OUT/report-m.$fmt.out/"
    go "report-q.$fmt" report --quarter 2024Q2 -o "$OUT/report-q.$fmt.out/"
    go "check.$fmt" check -o "$OUT/check.$fmt.out/"
done
for fmt in xlsx html md csv; do
    go "report-m-zh.$fmt" --lang zh report --month 2024-05 -o "$OUT/report-m-zh.$fmt"
    go "appraise-m-zh.$fmt" --lang zh appraise --month 2024-05 -o "$OUT/appraise-m-zh.$fmt"
done
go "stdout-csv" appraise --month 2024-05 --format csv
go "stdout-json" report --month 2024-05 --format json
go "stdout-table" classify --quarter 2024Q2 --format table
go "scorecards" appraise --month 2024-05 --scorecards "$OUT/scorecards" -o "$OUT/sc.csv"
go "ics" plan-visits --month 2024-06 --ics "$OUT/ics" -o "$OUT/plan.csv"
go "notices" split-targets --apply-to examples/demo/targets.csv --notices "$OUT/notices" -o "$OUT/n.csv"
go "rep" appraise --month 2024-05 --rep 丁辉欣 --format csv
go "err-month" appraise --month 2026-01
go "run-list" --today 2024-06-03 run --list
# paths inside messages differ between checkouts only by OUT itself
grep -rl "$OUT" "$OUT" --include='*.std*' | xargs -r sed -i "s#$OUT#OUT#g"
