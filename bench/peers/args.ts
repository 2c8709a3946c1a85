/** `--name N` from the command line, else `fallback`. */
export function numberArg(name: string, fallback: number): number {
	const i = process.argv.indexOf(`--${name}`);
	return i > 0 ? Number(process.argv[i + 1]) : fallback;
}
