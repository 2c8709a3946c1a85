/** The workflow run printed by `n8n execute --rawOutput`, found among n8n's other log lines. */
export declare function readRunOutput(text: string): unknown;
/** Index just past the `}` closing the object that opens at `start`, or -1. */
export declare function objectEnd(text: string, start: number): number;
