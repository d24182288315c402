/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev-only code, not shipped: n8n's rules for node code do not apply (README "Verification") */
/**
 * cheminfo's `mrz` package as a test oracle. It is ESM-only and jest (CommonJS via swc, Node 20) cannot
 * import it, so a child `node --input-type=module` parses a batch and answers in JSON.
 */
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

export interface OracleResult {
	format: string | null;
	valid: boolean;
	fields: Record<string, string | null>;
	documentNumber: string | null;
	/** Names of the fields the oracle found invalid. */
	invalid: string[];
	error?: string;
}

const SCRIPT = `
import { parse } from 'mrz';
let input = '';
for await (const chunk of process.stdin) input += chunk;
const out = JSON.parse(input).map((lines) => {
	try {
		const r = parse(lines);
		return { format: r.format, valid: r.valid, fields: r.fields, documentNumber: r.documentNumber,
			invalid: r.details.filter((d) => !d.valid).map((d) => d.field) };
	} catch (error) {
		return { format: null, valid: false, fields: {}, documentNumber: null, invalid: [], error: String(error.message) };
	}
});
process.stdout.write(JSON.stringify(out));
`;

export function oracleParse(batch: string[][]): OracleResult[] {
	const root = resolve(__dirname, '../../../..');
	const stdout = execFileSync(process.execPath, ['--input-type=module', '-e', SCRIPT], {
		cwd: root,
		input: JSON.stringify(batch),
		encoding: 'utf8',
		maxBuffer: 64 * 1024 * 1024,
	});
	return JSON.parse(stdout) as OracleResult[];
}

/** The country codes the oracle knows. */
export function oracleStates(): string[] {
	const stdout = execFileSync(
		process.execPath,
		[
			'--input-type=module',
			'-e',
			"import { states } from 'mrz'; process.stdout.write(JSON.stringify(Object.keys(states)));",
		],
		{ cwd: resolve(__dirname, '../../../..'), encoding: 'utf8' },
	);
	return JSON.parse(stdout) as string[];
}
