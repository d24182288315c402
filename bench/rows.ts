/** One line of the benchmark table: a figure, the reference it was measured against in the same run, and the target. */
export interface Row {
	figure: string;
	measured: string;
	reference: string;
	/** measured ÷ reference (or the count the target is about). */
	ratio: number | null;
	target: string;
	/** null: a figure given for information, without a target. */
	met: boolean | null;
	/** Raw numbers for --json. */
	values: Record<string, number>;
}

export const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
export const megabytes = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(0)} MB`;

export function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

const pad = (text: string, width: number) => text + ' '.repeat(Math.max(0, width - text.length));

/** A Markdown table, readable as plain text too. */
export function formatTable(rows: Row[]): string {
	const header = ['Figure', 'Measured', 'Reference (same run)', 'Ratio', 'Target', 'Met'];
	const cells = rows.map((row) => [
		row.figure,
		row.measured,
		row.reference,
		row.ratio === null ? '–' : `${row.ratio.toFixed(2)}×`,
		row.target,
		row.met === null ? 'info' : row.met ? 'yes' : 'NO',
	]);
	const widths = header.map((title, column) =>
		Math.max(title.length, ...cells.map((line) => line[column].length)),
	);
	const line = (values: string[]) =>
		`| ${values.map((value, column) => pad(value, widths[column])).join(' | ')} |`;
	return [
		line(header),
		`|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`,
		...cells.map(line),
	].join('\n');
}
