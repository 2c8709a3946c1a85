#!/usr/bin/env bash
# Builds two SROIE splits for bench/eval-invoice.ts from a copy of github.com/zzzDavid/ICDAR-2019-SROIE
# (its data/{img,key} hold the 626 annotated training receipts as 000..625; research use only, so
# nothing of it is committed here):
#   bash bench/sroie-split.sh <ICDAR-2019-SROIE checkout> <out>
#   node --import tsx bench/eval-invoice.ts <out>/tune      # receipts 250-399: looked at while changing the extraction
#   node --import tsx bench/eval-invoice.ts <out>/heldout   # receipts 100-249: measured only, never looked at
# ../shared/data holds 50 of receipts 000-052 (the set the extraction was first written against).
set -euo pipefail
src="${1:?SROIE checkout}"/data
out="${2:?output folder}"
split() {
  local name=$1 from=$2 to=$3
  mkdir -p "$out/$name/receipts/sroie/img" "$out/$name/receipts/sroie/key"
  for i in $(seq "$from" "$to"); do
    s=$(printf %03d "$i")
    cp "$src/img/$s.jpg" "$out/$name/receipts/sroie/img/"
    cp "$src/key/$s.json" "$out/$name/receipts/sroie/key/"
  done
}
split tune 250 399
split heldout 100 249
echo "SROIE splits in $out: tune (250-399), heldout (100-249)"
