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
dest() {  # NAME FMT: a folder of one file per table, or one file for the formats that hold all
    case $2 in xlsx | html | md) echo "$OUT/$1.$2" ;; *) echo "$OUT/$1.$2.out/" ;; esac
}
fmtopt() { case $1 in xlsx | html | md) ;; *) echo "--format $1" ;; esac; }
for fmt in xlsx csv json jsonl html md parquet; do
    go "classify.$fmt" classify --quarter 2024Q2 -o "$(dest classify $fmt)" $(fmtopt $fmt)
    go "plan.$fmt" plan-visits --month 2024-06 -o "$(dest plan $fmt)" $(fmtopt $fmt)
    go "audit.$fmt" audit-visits --month 2024-05 --by rep -o "$(dest audit $fmt)" $(fmtopt $fmt)
    go "split.$fmt" split-targets --year 2025 --total 120000000 -o "$(dest split $fmt)" $(fmtopt $fmt)
    go "adjust.$fmt" split-targets --apply-to examples/demo/targets.csv -o "$(dest adjust $fmt)" $(fmtopt $fmt)
    go "appraise-m.$fmt" appraise --month 2024-05 -o "$(dest appraise-m $fmt)" $(fmtopt $fmt)
    go "appraise-q.$fmt" appraise --quarter 2024Q2 -o "$(dest appraise-q $fmt)" $(fmtopt $fmt)
    go "appraise-y.$fmt" appraise --year 2024 -o "$(dest appraise-y $fmt)" $(fmtopt $fmt)
    go "explain.$fmt" appraise --quarter 2024Q2 --explain 丁辉欣 -o "$(dest explain $fmt)" $(fmtopt $fmt)
    go "report-w.$fmt" report --week 2024-W19 -o "$(dest report-w $fmt)" $(fmtopt $fmt)
    go "report-m.$fmt" report --month 2024-05 -o "$(dest report-m $fmt)" $(fmtopt $fmt)
    go "report-q.$fmt" report --quarter 2024Q2 -o "$(dest report-q $fmt)" $(fmtopt $fmt)
    go "check.$fmt" check -o "$(dest check $fmt)" $(fmtopt $fmt)
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
go "run-dry" --today 2025-01-02 run --dry-run
# paths inside messages differ between checkouts only by OUT itself
grep -rl "$OUT" "$OUT" --include='*.std*' | xargs -r sed -i "s#$OUT#OUT#g"
