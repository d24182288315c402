/**
 * `n8n execute` for workflows whose run data is large (many items, base64 images in item JSON).
 * n8n prints the run data and exits at once; through a pipe, whatever has not been flushed by then
 * is lost, so a run of several megabytes arrives cut off. Here n8n's output goes to a file, which
 * Node writes synchronously, and is parsed from there.
 */
import { spawn } from 'node:child_process';
import { appendFileSync, closeSync, openSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

import { parseRunOutput, type ExecutionResult, type N8nHome } from './n8n';
import { N8N_BIN } from './paths';

export async function executeLargeWorkflow(
	home: N8nHome,
	id: string,
	timeoutMs = 300_000,
): Promise<ExecutionResult> {
	const outputFile = join(home.importDir, `execute-${id}-${Date.now()}.out`);
	const fd = openSync(outputFile, 'w');
	appendFileSync(home.logFile, `\n$ n8n execute --id=${id} --rawOutput > ${outputFile}\n`);
	let code: number | null;
	try {
		code = await new Promise<number | null>((resolveRun, reject) => {
			const child = spawn(process.execPath, [N8N_BIN, 'execute', `--id=${id}`, '--rawOutput'], {
				env: home.env,
				stdio: ['ignore', fd, fd],
			});
			const timer = setTimeout(() => {
				child.kill('SIGKILL');
				reject(new Error(`n8n execute --id=${id} timed out after ${timeoutMs} ms`));
			}, timeoutMs);
			child.on('error', reject);
			child.on('close', (exitCode) => {
				clearTimeout(timer);
				resolveRun(exitCode);
			});
		});
	} finally {
		closeSync(fd);
	}
	const stdout = readFileSync(outputFile, 'utf8');
	const parsed = parseRunOutput(stdout);
	if (!parsed)
		throw new Error(`n8n execute --id=${id} printed no run data (exit ${code}); see ${outputFile}`);
	// Megabytes of images: kept only when it could not be read.
	rmSync(outputFile, { force: true });
	return {
		runData: parsed.resultData?.runData ?? {},
		error: parsed.resultData?.error,
		cli: { code, stdout: '', stderr: '' },
	};
}
