/* eslint-disable @n8n/community-nodes/require-node-api-error -- dev-only code, not shipped: n8n's rules for node code do not apply (README "Verification") */
/**
 * A model of Huawei's API gateway in virtual time, written here as the oracle (it shares nothing with
 * the node or the simulator): one token bucket of `qps` calls, full at the start and refilled
 * continuously, for the whole account; a call over it is refused at once with 429 APIGW.0308 and
 * Retry-After, the others are answered after `latencyMs`. And executions as the node runs them: a
 * ConcurrencyWindow, a SendScheduler and an OcrTransport each, items through runPool.
 */
import type { IExecuteFunctions } from 'n8n-workflow';

import { runPool } from '../../../../nodes/HuaweiPassportOcr/helpers/pool';
import { ConcurrencyWindow } from '../../../../nodes/HuaweiPassportOcr/transport/concurrencyWindow';
import type { HuaweiFailure } from '../../../../nodes/HuaweiPassportOcr/transport/failure';
import type { VirtualTime } from './virtualTime';

export interface GatewaySettings {
	/** Calls per second for the account; 0 = unlimited. */
	qps: number;
	latencyMs: number;
	/** The refusal's message states the limit per minute, as Huawei's does. */
	statesLimit?: boolean;
	retryAfterSeconds?: number;
}

export class ModelGateway {
	refused = 0;
	/** Calls that reached the gateway before the first answer left it. */
	sentBeforeFirstAnswer = 0;
	private answered = false;
	readonly acceptedBy = new Map<string, number>();
	/** When each accepted call reached the gateway, and whose it was. */
	readonly acceptedAt: Array<{ caller: string; at: number }> = [];
	/** When each refused call reached the gateway. */
	readonly refusedAt: number[] = [];
	private tokens: number;
	private refilledAt = 0;

	constructor(
		private readonly time: VirtualTime,
		private readonly settings: GatewaySettings,
	) {
		this.tokens = settings.qps;
	}

	get accepted(): number {
		return [...this.acceptedBy.values()].reduce((sum, count) => sum + count, 0);
	}

	private admits(): boolean {
		const { qps } = this.settings;
		if (qps <= 0) return true;
		const now = this.time.now();
		this.tokens = Math.min(qps, this.tokens + ((now - this.refilledAt) / 1000) * qps);
		this.refilledAt = now;
		if (this.tokens < 1) return false;
		this.tokens -= 1;
		return true;
	}

	/** What n8n hands the node: the gateway behind httpRequestWithAuthentication. */
	context(credentialId: string | undefined, caller = 'n8n'): IExecuteFunctions {
		const answer = async () => {
			if (!this.answered) this.sentBeforeFirstAnswer++;
			try {
				return await this.answer(caller);
			} finally {
				this.answered = true;
			}
		};
		return {
			getNode: () => ({
				credentials: credentialId ? { huaweiCloudApi: { id: credentialId, name: 'c' } } : {},
			}),
			helpers: { httpRequestWithAuthentication: answer },
		} as unknown as IExecuteFunctions;
	}

	private async answer(caller: string) {
		if (!this.admits()) {
			this.refused++;
			this.refusedAt.push(this.time.now());
			const { qps, statesLimit, retryAfterSeconds } = this.settings;
			return {
				statusCode: 429,
				headers: { 'retry-after': String(retryAfterSeconds ?? 1) },
				body: {
					error_code: 'APIGW.0308',
					error_msg: statesLimit
						? `The throttling threshold has been reached: policy user over ratelimit,limit:${qps * 60},time:1 minute`
						: 'The throttling threshold has been reached',
				},
			};
		}
		this.acceptedAt.push({ caller, at: this.time.now() });
		await this.time.wait(this.settings.latencyMs);
		this.acceptedBy.set(caller, (this.acceptedBy.get(caller) ?? 0) + 1);
		return { statusCode: 200, headers: {}, body: { result: { passport_number: 'E1' } } };
	}
}

/** The transport and scheduler modules of one n8n process (a queue worker loads its own copy). */
export interface ProcessModules {
	OcrTransport: typeof import('../../../../nodes/HuaweiPassportOcr/transport/ocrTransport').OcrTransport;
	SendScheduler: typeof import('../../../../nodes/HuaweiPassportOcr/transport/sharedPacer').SendScheduler;
}

export interface ExecutionSettings {
	items: number;
	concurrency: number;
	/** The credential's n8n id: executions with the same one share a pace. */
	credentialId?: string;
	maxRps?: number;
	maxThrottleWaitMs?: number;
	/** Which process runs it (the gateway counts per caller). */
	caller?: string;
	/** The transport's first-call gate (off by default: a token is taken to be stored). */
	firstCallAlone?: boolean;
}

export interface ItemResult {
	ok: boolean;
	failure?: HuaweiFailure;
	/** Virtual time the item finished, ms. */
	at: number;
}

/** One execution of the node: its items through runPool, each one OCR call (with its retries). */
export async function execution(
	modules: ProcessModules,
	gateway: ModelGateway,
	time: VirtualTime,
	settings: ExecutionSettings,
): Promise<ItemResult[]> {
	const window = new ConcurrencyWindow(settings.concurrency);
	const scheduler = new modules.SendScheduler({
		window,
		maxRps: settings.maxRps,
		memoryKey: settings.credentialId && `huaweiCloudApi:${settings.credentialId}@ocr`,
		now: time.now,
		wait: time.wait,
	});
	const transport = new modules.OcrTransport(
		gateway.context(settings.credentialId, settings.caller),
		{
			credentialType: 'huaweiCloudApi',
			timeoutMs: 60_000,
			maxRetries: 3,
			maxThrottleWaitMs: settings.maxThrottleWaitMs ?? 300_000,
			retryDelayMs: 1000,
			scheduler,
			firstCallAlone: settings.firstCallAlone ?? false,
			now: time.now,
			wait: time.wait,
		},
	);
	try {
		const settled = await runPool(settings.items, window, async (): Promise<ItemResult> => {
			try {
				await transport.post('https://ocr.model/v2/{project_id}/ocr/passport', { image: 'x' });
				return { ok: true, at: time.now() };
			} catch (error) {
				// By shape: another process's modules have their own TransportError class.
				if (!(error instanceof Error && 'failure' in error)) throw error;
				return { ok: false, failure: error.failure as HuaweiFailure, at: time.now() };
			}
		});
		return settled.map((entry) => {
			if (entry.status === 'rejected') throw entry.reason;
			return entry.value;
		});
	} finally {
		scheduler.close();
	}
}
