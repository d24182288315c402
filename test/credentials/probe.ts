/* eslint-disable @n8n/community-nodes/node-connection-type-literal, @n8n/community-nodes/node-usable-as-tool, @n8n/community-nodes/require-node-api-error -- dev-only code, not shipped: n8n's rules for node code do not apply (README "Verification") */
/**
 * A minimal OCR-calling node for credential tests: one passport call per item through
 * httpRequestWithAuthentication, with the `{project_id}` placeholder the credentials fill in.
 */
import type { IExecuteFunctions, INodeExecutionData, INodeType } from 'n8n-workflow';

import { resolveEndpoints } from '../../credentials/common/regions';
import { PROJECT_ID_PLACEHOLDER } from '../../credentials/common/request';

export const PROBE_NODE_TYPE = 'huaweiCredentialProbe';

type Schedule = 'sequential' | 'allParallel' | 'firstThenParallel';

export class CredentialProbe implements INodeType {
	description: INodeType['description'] = {
		displayName: 'Huawei Credential Probe',
		name: PROBE_NODE_TYPE,
		group: ['transform'],
		version: 1,
		description: 'Calls OCR passport once per item',
		defaults: { name: 'Probe' },
		inputs: ['main'],
		outputs: ['main'],
		credentials: [
			{
				name: 'huaweiCloudApi',
				required: true,
				displayOptions: { show: { authentication: ['huaweiCloudApi'] } },
			},
			{
				name: 'huaweiCloudAkSkApi',
				required: true,
				displayOptions: { show: { authentication: ['huaweiCloudAkSkApi'] } },
			},
		],
		properties: [
			{
				displayName: 'Authentication',
				name: 'authentication',
				type: 'options',
				options: [
					{ name: 'IAM', value: 'huaweiCloudApi' },
					{ name: 'AK/SK', value: 'huaweiCloudAkSkApi' },
				],
				default: 'huaweiCloudApi',
			},
			{ displayName: 'Schedule', name: 'schedule', type: 'string', default: 'sequential' },
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const type = this.getNodeParameter('authentication', 0) as string;
		const schedule = this.getNodeParameter('schedule', 0) as Schedule;
		const { ocrEndpoint } = resolveEndpoints(await this.getCredentials(type));
		const call = async (index: number): Promise<INodeExecutionData> => {
			try {
				const json = await this.helpers.httpRequestWithAuthentication.call(this, type, {
					method: 'POST',
					url: `${ocrEndpoint}/v2/${PROJECT_ID_PLACEHOLDER}/ocr/passport`,
					body: { image: items[index].json.image },
					json: true,
				});
				return { json, pairedItem: { item: index } };
			} catch (error) {
				if (!this.continueOnFail()) throw error;
				return { json: { error: (error as Error).message }, pairedItem: { item: index } };
			}
		};
		const indexes = items.map((_item, index) => index);
		let output: INodeExecutionData[];
		if (schedule === 'allParallel') {
			output = await Promise.all(indexes.map(call));
		} else if (schedule === 'firstThenParallel') {
			const first = await call(0);
			output = [first, ...(await Promise.all(indexes.slice(1).map(call)))];
		} else {
			output = [];
			for (const index of indexes) output.push(await call(index));
		}
		return [output];
	}
}
