/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- dev-only code, not shipped: n8n's rules for node code do not apply (README "Verification") */
import { createHash } from 'node:crypto';

import type {
	SimAccount,
	SimAkSk,
	SimProject,
	SimulatorConfig,
	SimulatorOptions,
	SimUser,
} from './types';

/** The regions every simulated account has a default project in (docs/huawei-api.md, section 1). */
export const SIM_REGIONS = [
	'ap-southeast-1',
	'ap-southeast-2',
	'ap-southeast-3',
	'cn-north-4',
	'cn-north-1',
	'cn-east-3',
	'cn-south-1',
	'af-south-1',
	'la-south-2',
	'la-north-2',
	'ae-ad-1',
];

export const DEFAULT_USER: SimUser = {
	account: 'sim-account',
	name: 'sim-user',
	password: 'Sim-Passw0rd!',
};
export const DEFAULT_AKSK: SimAkSk = {
	account: 'sim-account',
	accessKey: 'SIMAK0000000000000000',
	secretKey: 'SIMSK00000000000000000000000000000000000',
};

/** Stable 32-hex ids, so the same account and region always get the same project id. */
export const hexId = (...parts: string[]) =>
	createHash('sha256').update(parts.join('\0')).digest('hex').slice(0, 32);

function buildAccount(name: string, extra: SimProject[]): SimAccount {
	const projects = SIM_REGIONS.map((region) => ({
		id: hexId('project', name, region),
		name: region,
		region,
	}));
	return { name, id: hexId('domain', name), projects: [...projects, ...extra] };
}

export function buildConfig(options: SimulatorOptions, region: string): SimulatorConfig {
	const users = options.users?.length ? options.users : [DEFAULT_USER];
	const aksk = options.aksk?.length ? options.aksk : [DEFAULT_AKSK];
	const accountNames = [
		...new Set([...users.map((u) => u.account), ...aksk.map((k) => k.account)]),
	];
	const accounts = accountNames.map((name, i) =>
		buildAccount(name, i === 0 ? (options.projects ?? []) : []),
	);
	const first = accounts[0];
	const projectId = first.projects.find((p) => p.name === region && p.region === region)?.id;
	if (!projectId) throw new Error(`unknown region ${region}; known: ${SIM_REGIONS.join(', ')}`);
	return {
		region,
		account: first.name,
		accountId: first.id,
		user: users[0].name,
		userId: userId(users[0]),
		password: users[0].password,
		accessKey: aksk[0].accessKey,
		secretKey: aksk[0].secretKey,
		projects: first.projects,
		projectId,
		accounts,
		users,
		aksk,
	};
}

export const userId = (user: SimUser) => hexId('user', user.account, user.name);

/** Lookups over the config (linear: the lists are tiny). */
export class Directory {
	constructor(readonly config: SimulatorConfig) {}

	account(by: { name?: string; id?: string }): SimAccount | undefined {
		return this.config.accounts.find((a) =>
			by.id !== undefined ? a.id === by.id : a.name === by.name,
		);
	}

	accountOfProject(projectId: string): SimAccount | undefined {
		return this.config.accounts.find((a) => a.projects.some((p) => p.id === projectId));
	}

	user(account: SimAccount, by: { name?: string; id?: string }): SimUser | undefined {
		return this.config.users.find(
			(u) =>
				u.account === account.name &&
				(by.id !== undefined ? userId(u) === by.id : u.name === by.name),
		);
	}

	userById(id: string): SimUser | undefined {
		return this.config.users.find((u) => userId(u) === id);
	}

	aksk(accessKey: string): SimAkSk | undefined {
		return this.config.aksk.find((k) => k.accessKey === accessKey);
	}

	project(account: SimAccount, by: { name?: string; id?: string }): SimProject | undefined {
		return account.projects.find((p) =>
			by.id !== undefined ? p.id === by.id : p.name === by.name,
		);
	}
}
