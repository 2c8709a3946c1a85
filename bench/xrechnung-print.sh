#!/usr/bin/env bash
# Prints e-invoices as KoSIT's XRechnung viewer prints them, for bench/eval-einvoice-print.ts: a
# layout designed by others, whose truth is the XML it was printed from.
#   bash bench/xrechnung-print.sh <xrechnung-visualization checkout> <folder of XML> <out> [de|en]
# Needs Java, Saxon-HE and Apache FOP (apt-get install default-jre-headless libsaxonhe-java fop).
# The stylesheets (github.com/itplr-kosit/xrechnung-visualization, Apache-2.0) and the XML are
# fetched, never committed. Each <name>.xml gives <out>/<name>.pdf beside a copy of its XML; a file
# the stylesheets refuse (not XRechnung-shaped) is skipped and counted.
set -euo pipefail
vis=$(cd "$1" && pwd) src=$2 out=$3 lang=${4:-de}
saxon=(java -jar /usr/share/java/Saxon-HE.jar)
mkdir -p "$out/.work"
cp -r "$vis/conf/fonts" "$out/.work/"
made=0 skipped=0
while IFS= read -r -d '' xml; do
	name=$(basename "$xml" .xml | tr -c 'A-Za-z0-9._\n-' '_')
	head=$(head -c 4096 "$xml")
	if grep -q 'CrossIndustryInvoice' <<<"$head"; then xsl=cii-xr.xsl
	elif grep -q '<\([A-Za-z]*:\)\?CreditNote[ >]' <<<"$head"; then xsl=ubl-creditnote-xr.xsl
	elif grep -q '<\([A-Za-z]*:\)\?Invoice[ >]' <<<"$head"; then xsl=ubl-invoice-xr.xsl
	else skipped=$((skipped + 1)); continue; fi
	if "${saxon[@]}" -xsl:"$vis/src/xsl/$xsl" -s:"$xml" -o:"$out/.work/$name.xr.xml" >/dev/null 2>&1 &&
		"${saxon[@]}" -xsl:"$vis/src/xsl/xr-pdf.xsl" -s:"$out/.work/$name.xr.xml" -o:"$out/.work/$name.fo" foengine=fop lang="$lang" >/dev/null 2>&1 &&
		(cd "$out/.work" && fop -q -c "$vis/conf/fop.xconf" "$name.fo" "../$name.pdf" >/dev/null 2>&1); then
		cp "$xml" "$out/$name.xml"
		made=$((made + 1))
	else
		skipped=$((skipped + 1))
	fi
done < <(find "$src" -name '*.xml' -print0 | sort -z)
rm -rf "$out/.work"
echo "$made printed, $skipped skipped, in $out"
