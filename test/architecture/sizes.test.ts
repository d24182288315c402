/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev-only code, not shipped: n8n's rules for node code do not apply (README "Verification") */
/**
 * The size limits of docs/architecture.md, measured with the TypeScript compiler: no file in nodes/
 * or credentials/ over 400 lines, no function (declaration, method, arrow or function expression,
 * accessor, constructor) over 60 lines, counted from its first to its last line.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as ts from 'typescript';

const ROOT = join(__dirname, '../..');
const MAX_FILE_LINES = 400;
const MAX_FUNCTION_LINES = 60;

function sourceFiles(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) return sourceFiles(path);
		return entry.name.endsWith('.ts') ? [path] : [];
	});
}

const FILES = ['nodes', 'credentials'].flatMap((dir) => sourceFiles(join(ROOT, dir)));

/** Every function-like node of a file with its name (as a reader would find it) and line count. */
function functionSizes(path: string, text: string): Array<{ name: string; lines: number }> {
	const file = ts.createSourceFile(path, text, ts.ScriptTarget.ES2022, true);
	const label = path.startsWith(ROOT) ? relative(ROOT, path) : path;
	const sizes: Array<{ name: string; lines: number }> = [];
	const lineOf = (position: number) => file.getLineAndCharacterOfPosition(position).line;
	const visit = (node: ts.Node) => {
		if (ts.isFunctionLike(node) && 'body' in node && node.body) {
			const parent = node.parent;
			const name =
				(node.name && node.name.getText(file)) ||
				(parent && ts.isVariableDeclaration(parent) ? parent.name.getText(file) : '(anonymous)');
			const lines = lineOf(node.getEnd()) - lineOf(node.getStart(file)) + 1;
			sizes.push({ name: `${label}: ${name}`, lines });
		}
		ts.forEachChild(node, visit);
	};
	visit(file);
	return sizes;
}

describe('size limits (nodes/ and credentials/)', () => {
	it('finds the code it measures', () => {
		expect(FILES.length).toBeGreaterThan(50);
		const measured = FILES.flatMap((path) => functionSizes(path, readFileSync(path, 'utf8')));
		expect(measured.length).toBeGreaterThan(200);
	});

	it(`has no file over ${MAX_FILE_LINES} lines`, () => {
		const long = FILES.map((path) => ({
			file: relative(ROOT, path),
			lines: readFileSync(path, 'utf8').split('\n').length - 1,
		})).filter(({ lines }) => lines > MAX_FILE_LINES);
		expect(long).toEqual([]);
	});

	it(`has no function over ${MAX_FUNCTION_LINES} lines`, () => {
		const long = FILES.flatMap((path) => functionSizes(path, readFileSync(path, 'utf8'))).filter(
			({ lines }) => lines > MAX_FUNCTION_LINES,
		);
		expect(long).toEqual([]);
	});

	it('measures a function from its first line to its last', () => {
		const body = Array.from({ length: 61 }, (_, index) => `\tconst v${index} = ${index};`);
		const text = ['function big() {', ...body, '}', 'const small = () => 1;'].join('\n');
		expect(functionSizes('x.ts', text)).toEqual([
			{ name: 'x.ts: big', lines: 63 },
			{ name: 'x.ts: small', lines: 1 },
		]);
	});
});
