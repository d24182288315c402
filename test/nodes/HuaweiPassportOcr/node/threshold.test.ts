/** The confidence threshold in its four modes, through n8n (outputs as n8n computes them). */
import { NodeHelpers, Workflow } from 'n8n-workflow';
import type { INode } from 'n8n-workflow';

import { HuaweiPassportOcr } from '../../../../nodes/HuaweiPassportOcr/HuaweiPassportOcr.node';
import { createNodeTypes, runNode } from '../../../harness';
import { binaryItem, iamCredentials, image, jsonOf, pairedOf, runOcr, useSimulator } from './kit';

interface Verdict {
	passed: boolean;
	reasons: string[];
	confidence: { score: number; belowThreshold: string[]; missing: string[]; fields: string[] };
}

/** good, weak (surname 0.42), good, missing confidence (passport_number, date_of_expiry). */
const batch = () => [
	binaryItem(image('icao-specimen.jpg')),
	binaryItem(image('low-confidence.jpg')),
	binaryItem(image('usa.jpg')),
	binaryItem(image('missing-confidence.jpg')),
];

describe('confidence threshold modes', () => {
	const sim = useSimulator('international');

	it('off: no verdict, every item on the one output', async () => {
		const result = await runOcr(sim, { items: batch(), parameters: { confidenceMode: 'off' } });
		expect(result.outputs).toHaveLength(1);
		expect(pairedOf(result.outputs[0])).toEqual([0, 1, 2, 3]);
		for (const json of jsonOf(result.outputs[0])) expect(json.verdict).toBeUndefined();
	});

	it('flag: every item carries the verdict, all on the one output', async () => {
		const result = await runOcr(sim, {
			items: batch(),
			parameters: { confidenceMode: 'flag', confidenceThreshold: 0.8 },
		});
		expect(result.outputs).toHaveLength(1);
		const verdicts = jsonOf(result.outputs[0]).map((json) => json.verdict as Verdict);
		expect(verdicts.map((verdict) => verdict.passed)).toEqual([true, false, true, false]);
		expect(verdicts[1].confidence).toMatchObject({
			score: 0.42,
			belowThreshold: ['passport_number', 'surname', 'date_of_birth'],
		});
		expect(verdicts[1].reasons[0]).toMatch(/lowest confidence 0.42 is below 0.8/);
		expect(verdicts[3].confidence.missing).toEqual(['passport_number', 'date_of_expiry']);
	});

	it('flag with missing = ignore, a chosen field list and the mean', async () => {
		const result = await runOcr(sim, {
			items: batch(),
			parameters: {
				confidenceMode: 'flag',
				confidenceThreshold: 0.8,
				missingConfidence: 'ignore',
				confidenceFields: ['surname', 'passport_number', 'date_of_expiry'],
				confidenceCombine: 'mean',
			},
		});
		const verdicts = jsonOf(result.outputs[0]).map((json) => json.verdict as Verdict);
		expect(verdicts.map((verdict) => verdict.passed)).toEqual([true, false, true, true]);
		expect(verdicts[3].confidence.fields).toEqual(['surname', 'passport_number', 'date_of_expiry']);
	});

	it('filter: items below the threshold are dropped, the rest keep order and pairedItem', async () => {
		const result = await runOcr(sim, { items: batch(), parameters: { confidenceMode: 'filter' } });
		expect(result.outputs).toHaveLength(1);
		expect(pairedOf(result.outputs[0])).toEqual([0, 2]);
	});

	it('route: passing items on "Passed", the others on "Review", both with verdicts', async () => {
		const result = await runOcr(sim, { items: batch(), parameters: { confidenceMode: 'route' } });
		expect(result.outputs).toHaveLength(2);
		expect(pairedOf(result.outputs[0])).toEqual([0, 2]);
		expect(pairedOf(result.outputs[1])).toEqual([1, 3]);
		for (const json of jsonOf(result.outputs[1]))
			expect((json.verdict as { passed: boolean }).passed).toBe(false);
	});

	it('as an AI agent tool (type …Tool), route and filter keep every item on output 0 with its verdict', async () => {
		const tool = new HuaweiPassportOcr();
		tool.description = { ...tool.description, name: 'huaweiPassportOcrTool' };
		for (const confidenceMode of ['route', 'filter']) {
			const result = await runNode({
				nodeType: 'huaweiPassportOcrTool',
				nodeTypes: [tool],
				items: [{ json: { b64: image('low-confidence.jpg').toString('base64') } }],
				credentials: { huaweiCloudApi: iamCredentials(sim) },
				parameters: {
					operation: 'recognize',
					imageSource: 'base64',
					imageBase64: '={{ $json.b64 }}',
					confidenceMode,
					options: { retryDelay: 5 },
				},
			});
			expect(result.outputs[0]).toHaveLength(1);
			expect((result.outputs[0][0].json.verdict as Verdict).passed).toBe(false);
			expect(result.outputs[1] ?? []).toHaveLength(0);
		}
	});

	it('n8n computes the outputs from the parameters: "Review" exists only in route mode', () => {
		const nodeType = new HuaweiPassportOcr();
		const outputsFor = (confidenceMode: string, onError?: INode['onError']) => {
			const node: INode = {
				id: '1',
				name: 'OCR',
				type: 'huaweiPassportOcr',
				typeVersion: 1,
				position: [0, 0],
				parameters: { confidenceMode },
				...(onError ? { onError } : {}),
			};
			const workflow = new Workflow({
				nodes: [node],
				connections: {},
				active: false,
				nodeTypes: createNodeTypes([nodeType]),
			});
			return NodeHelpers.getNodeOutputs(workflow, node, nodeType.description).map((output) =>
				typeof output === 'string' ? output : output.displayName,
			);
		};
		expect(outputsFor('route')).toEqual(['Passed', 'Review']);
		expect(outputsFor('flag')).toEqual([undefined]);
		expect(outputsFor('filter')).toHaveLength(1);
		expect(outputsFor('route', 'continueErrorOutput')).toEqual(['Passed', 'Review', 'Error']);
		expect(outputsFor('flag', 'continueErrorOutput')).toEqual(['Success', 'Error']);
	});
});
