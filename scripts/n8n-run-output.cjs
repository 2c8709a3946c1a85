'use strict';
// `n8n execute --rawOutput` prints the run as pretty JSON through n8n's logger, and the same stream
// carries other log lines before and after it (a CI run met a line right after the JSON). So the run
// is the first balanced, parseable `{…}` that holds `data.resultData`; whatever
// surrounds it is ignored. Shared by the e2e suite and the CI package and container checks.

/** Index just past the `}` closing the object that opens at `start`, or -1 (strings and escapes respected). */
function objectEnd(text, start) {
	let depth = 0;
	let inString = false;
	for (let i = start; i < text.length; i++) {
		const c = text[i];
		if (inString) {
			if (c === '\\') i++;
			else if (c === '"') inString = false;
		} else if (c === '"') inString = true;
		else if (c === '{' || c === '[') depth++;
		else if (c === '}' || c === ']') {
			depth--;
			if (depth === 0) return i + 1;
		}
	}
	return -1;
}

/** The workflow run printed by `n8n execute --rawOutput`; throws with the output's head when there is none. */
function readRunOutput(text) {
	for (let start = text.indexOf('{'); start >= 0; start = text.indexOf('{', start + 1)) {
		const end = objectEnd(text, start);
		if (end < 0) continue;
		try {
			const value = JSON.parse(text.slice(start, end));
			if (value && value.data && value.data.resultData) return value;
		} catch {
			// a log line that merely starts with a brace: keep looking
		}
	}
	throw new Error(`n8n execute printed no run JSON: ${text.slice(0, 500)}`);
}

module.exports = { readRunOutput, objectEnd };
