/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev-only code, not shipped: n8n's rules for node code do not apply (README "Verification") */
import { rmSync } from 'node:fs';

/**
 * Last-resort cleanup for what the queue test starts outside Jest's control: process groups and
 * temp folders. afterAll stops everything politely; these synchronous handlers cover a test run
 * that dies or is interrupted first, so no Redis, PostgreSQL or n8n outlives it.
 */
const groups = new Set<number>();
const folders = new Set<string>();
let installed = false;

function killGroup(pid: number, signal: NodeJS.Signals): void {
	try {
		process.kill(-pid, signal);
	} catch {
		// already gone
	}
}

function emergencyCleanup(): void {
	for (const pid of groups) killGroup(pid, 'SIGKILL');
	groups.clear();
	for (const folder of folders) rmSync(folder, { recursive: true, force: true });
	folders.clear();
}

function install(): void {
	if (installed) return;
	installed = true;
	process.once('exit', emergencyCleanup);
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
		process.once(signal, () => {
			emergencyCleanup();
			process.exit(128 + (signal === 'SIGINT' ? 2 : signal === 'SIGTERM' ? 15 : 1));
		});
	}
}

/** Kill this process group (the pid of a `detached` child) if the test process ends first. */
export function trackGroup(pid: number): void {
	install();
	groups.add(pid);
}

export function untrackGroup(pid: number): void {
	groups.delete(pid);
}

/** Remove this folder if the test process ends first. */
export function trackFolder(folder: string): void {
	install();
	folders.add(folder);
}

export function untrackFolder(folder: string): void {
	folders.delete(folder);
}

/** Sends `signal` to a whole process group; true if the group existed. */
export function signalGroup(pid: number, signal: NodeJS.Signals | 0): boolean {
	try {
		process.kill(-pid, signal);
		return true;
	} catch {
		return false;
	}
}
