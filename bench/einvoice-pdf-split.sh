#!/usr/bin/env bash
# Splits e-invoice PDFs (ZUGFeRD / Factur-X / XRechnung: the invoice as XML attached inside a
# printed PDF) into the printed PDF with its XML attachments removed and the XML beside it, so that
# bench/eval-einvoice-print.ts reads the printed pages alone (as a digital PDF and scanned) and scores
# them against the XML. PDFs with no XML attachment are skipped. Needs qpdf (apt-get install qpdf).
#   bash bench/einvoice-pdf-split.sh <folder of PDFs> <out>
set -euo pipefail
in="${1:?folder of e-invoice PDFs}"
out="${2:?output folder}"
mkdir -p "$out"
n=0
for f in "$in"/*.pdf; do
  stem=$(basename "$f" .pdf)
  mapfile -t keys < <(qpdf --list-attachments "$f" 2>/dev/null | sed -n 's/ -> [0-9]*,[0-9]*$//p' | grep -i '\.xml$' || true)
  [ ${#keys[@]} -gt 0 ] || continue
  qpdf --show-attachment="${keys[0]}" "$f" > "$out/$stem.xml" || { rm -f "$out/$stem.xml"; continue; }
  args=()
  for k in "${keys[@]}"; do args+=("--remove-attachment=$k"); done
  # qpdf exits 3 on warnings (a damaged file it repaired): the output is still written.
  qpdf "$f" "${args[@]}" "$out/$stem.pdf" || [ $? -eq 3 ]
  n=$((n + 1))
done
echo "$n e-invoice PDFs split into $out (printed PDF without its XML, and the XML)"
