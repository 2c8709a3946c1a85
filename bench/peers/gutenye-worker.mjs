// Runs @gutenye/ocr-node (the same PP-OCRv4 weights, package defaults) over image files in its own
// process and prints one JSON line: per-file text and milliseconds, and the process's peak RSS.
import fs from 'node:fs';
import Ocr from '@gutenye/ocr-node';

const files = process.argv.slice(2);
const ocr = await Ocr.create();
await ocr.detect(files[0]); // warm-up
const results = [];
let peak = 0;
for (const file of files) {
	const t = performance.now();
	const lines = await ocr.detect(file);
	const ms = performance.now() - t;
	peak = Math.max(peak, process.memoryUsage().rss);
	results.push({ file, ms, text: lines.map((l) => l.text).join('\n') });
}
const status = fs.readFileSync('/proc/self/status', 'utf8');
const hwm = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
console.log(JSON.stringify({ results, peakRss: Math.max(peak, hwm) }));
