/* eslint-disable @n8n/community-nodes/no-restricted-globals -- dev-only code, not shipped: n8n's rules for node code do not apply (README "Verification") */
import {
	AKSK_CREDENTIAL,
	IAM_CREDENTIAL,
	akSkCredentialFor,
	iamCredentialFor,
} from '../../test/e2e/lib/credentials';
import { startFileServer, type FileServer } from '../../test/e2e/lib/fileServer';
import type { CredentialExport } from '../../test/e2e/lib/n8n';
import { startSimulatorProcess, type SimulatorProcess } from '../../test/e2e/lib/simulator';

/**
 * Where the demo's OCR calls go: the local simulator, or the real Huawei Cloud when the user put
 * a credential in the environment (read here, by the demo only; the node never reads env vars).
 */
export interface Backend {
	credential: CredentialExport;
	simulator?: SimulatorProcess;
	/** Serves the demo images on loopback for the URL example (simulator mode only). */
	files?: FileServer;
	describe(): string[];
	stop(): Promise<void>;
}

const env = (name: string) => process.env[name]?.trim() || undefined;

/** A credential from HUAWEI_* variables, or undefined when none is configured. */
export function credentialFromEnv(): CredentialExport | undefined {
	const region = env('HUAWEI_REGION') ?? 'ap-southeast-1';
	const ocrEndpoint = env('HUAWEI_OCR_ENDPOINT') ?? '';
	const iamEndpoint = env('HUAWEI_IAM_ENDPOINT') ?? '';
	// The credential applies endpoint overrides of a table region only with "Override Endpoints" on.
	const endpoints = {
		customEndpoints: Boolean(ocrEndpoint || iamEndpoint),
		ocrEndpoint,
		iamEndpoint,
	};
	if (env('HUAWEI_AK') && env('HUAWEI_SK')) {
		return {
			id: 'hwAkSkFromEnv01',
			name: `Huawei Cloud AK/SK (${region})`,
			type: 'huaweiCloudAkSkApi',
			data: {
				region,
				accessKey: env('HUAWEI_AK'),
				secretKey: env('HUAWEI_SK'),
				projectId: env('HUAWEI_PROJECT_ID') ?? '',
				...endpoints,
			},
		};
	}
	if (env('HUAWEI_ACCOUNT') && env('HUAWEI_USER') && env('HUAWEI_PASSWORD')) {
		return {
			id: 'hwIamFromEnv001',
			name: `Huawei Cloud IAM user (${region})`,
			type: 'huaweiCloudApi',
			data: {
				region,
				domainName: env('HUAWEI_ACCOUNT'),
				userName: env('HUAWEI_USER'),
				password: env('HUAWEI_PASSWORD'),
				projectName: env('HUAWEI_PROJECT') ?? region,
				...endpoints,
			},
		};
	}
	return undefined;
}

export async function startBackend(imagesDir: string, logFile?: string): Promise<Backend> {
	const fromEnv = credentialFromEnv();
	if (fromEnv) {
		return {
			credential: fromEnv,
			describe: () => [
				`Huawei Cloud: the real service, credential "${fromEnv.name}" from HUAWEI_* variables`,
			],
			stop: async () => undefined,
		};
	}
	const port = env('DEMO_SIMULATOR_PORT');
	const simulator = await startSimulatorProcess({ port: port ? Number(port) : undefined, logFile });
	const files = await startFileServer(imagesDir);
	const useAkSk = env('DEMO_AUTH') === 'aksk';
	const credential = useAkSk ? akSkCredentialFor(simulator.info) : iamCredentialFor(simulator.info);
	return {
		credential,
		simulator,
		files,
		describe: () => [
			`Huawei Cloud simulator: ${simulator.url} (counters: ${simulator.url}/__sim/counters)`,
			`  credential "${useAkSk ? AKSK_CREDENTIAL.name : IAM_CREDENTIAL.name}" points at it` +
				` (IAM user ${simulator.info.user} of account ${simulator.info.account})`,
			'  set HUAWEI_ACCOUNT/HUAWEI_USER/HUAWEI_PASSWORD or HUAWEI_AK/HUAWEI_SK (+ HUAWEI_REGION) to use the real service',
		],
		stop: async () => {
			await files.stop();
			await simulator.stop();
		},
	};
}
