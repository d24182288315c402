/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev-only code, not shipped: n8n's rules for node code do not apply (README "Verification") */
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { signalGroup, trackGroup, untrackGroup } from './cleanup';

/** A long-running child in its own process group, its output appended to a log file. */
export interface ManagedProcess {
	name: string;
	process: ChildProcess;
	pid: number;
	logFile: string;
	/** Set once the child exited: its code or signal. */
	exited(): string | undefined;
	/** Resolves when the child exited (immediately if it has). */
	waitExit(): Promise<void>;
	/** `signal` to the group, SIGKILL after `graceMs`; resolves when the child exited. */
	stop(signal?: NodeJS.Signals, graceMs?: number): Promise<void>;
	/** SIGKILL to the whole group, no grace: what a crashed machine or the OOM killer does. */
	kill(): Promise<void>;
}

export function startManaged(
	name: string,
	command: string,
	args: string[],
	options: { env?: NodeJS.ProcessEnv; cwd?: string; logFile: string },
): ManagedProcess {
	appendFileSync(options.logFile, `\n$ ${command} ${args.join(' ')}\n`);
	// detached: its own process group, so stopping it also stops what it starts (n8n's task runner).
	const child = spawn(command, args, {
		env: options.env ?? process.env,
		cwd: options.cwd,
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: true,
	});
	const pid = child.pid;
	if (pid === undefined) throw new Error(`${name} did not start (${command})`);
	trackGroup(pid);
	const record = (chunk: Buffer) => appendFileSync(options.logFile, chunk);
	child.stdout?.on('data', record);
	child.stderr?.on('data', record);
	let exitStatus: string | undefined;
	const exit = new Promise<void>((done) => {
		child.once('exit', (code, signal) => {
			exitStatus = signal ?? String(code);
			appendFileSync(options.logFile, `\n# ${name} exited (${exitStatus})\n`);
			// Leftovers of the group (a task runner whose parent died), then forget the group.
			signalGroup(pid, 'SIGKILL');
			untrackGroup(pid);
			done();
		});
	});
	const stop = async (signal: NodeJS.Signals = 'SIGTERM', graceMs = 20_000) => {
		if (exitStatus !== undefined) return;
		signalGroup(pid, signal);
		const timer = setTimeout(() => signalGroup(pid, 'SIGKILL'), graceMs);
		await exit;
		clearTimeout(timer);
	};
	return {
		name,
		process: child,
		pid,
		logFile: options.logFile,
		exited: () => exitStatus,
		waitExit: () => exit,
		stop,
		kill: () => stop('SIGKILL', 0),
	};
}
