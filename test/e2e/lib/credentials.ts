import type { CredentialExport } from './n8n';
import type { SimulatorInfo } from './simulator';

/** Credential ids/names the e2e workflows, the editor check and the demo refer to. */
export const IAM_CREDENTIAL = { id: 'hwIamSimulator1', name: 'Huawei Cloud IAM (simulator)' };
export const AKSK_CREDENTIAL = { id: 'hwAkSkSimulator', name: 'Huawei Cloud AK/SK (simulator)' };

/** The IAM-user credential pointing both endpoints at the simulator (plain data: n8n encrypts on import). */
export function iamCredentialFor(sim: SimulatorInfo): CredentialExport {
	return {
		...IAM_CREDENTIAL,
		type: 'huaweiCloudApi',
		data: {
			region: sim.region,
			domainName: sim.account,
			userName: sim.user,
			password: sim.password,
			projectName: sim.region,
			customEndpoints: true,
			ocrEndpoint: sim.url,
			iamEndpoint: sim.url,
		},
	};
}

export function akSkCredentialFor(sim: SimulatorInfo): CredentialExport {
	return {
		...AKSK_CREDENTIAL,
		type: 'huaweiCloudAkSkApi',
		data: {
			region: sim.region,
			accessKey: sim.accessKey,
			secretKey: sim.secretKey,
			projectId: sim.projectId,
			customEndpoints: true,
			ocrEndpoint: sim.url,
			iamEndpoint: sim.url,
		},
	};
}
