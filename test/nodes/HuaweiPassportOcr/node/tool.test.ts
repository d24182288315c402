/**
 * The node as an AI agent's tool (n8n runs it as the type "…Tool"): a failure is the tool's answer,
 * and the description the model reads defaults per operation.
 */
import { NodeHelpers } from 'n8n-workflow';
import type { INode, INodeParameters } from 'n8n-workflow';

import {
	PARSE_MRZ_TOOL_DESCRIPTION,
	RECOGNIZE_TOOL_DESCRIPTION,
} from '../../../../nodes/HuaweiPassportOcr/actions/common/tool.description';
import { HuaweiPassportOcr } from '../../../../nodes/HuaweiPassportOcr/HuaweiPassportOcr.node';
import { runNode } from '../../../harness';
import { badImage, FAST_OPTIONS, iamCredentials, image, NODE_TYPE, useSimulator } from './kit';

const TOOL_TYPE = `${NODE_TYPE}Tool`;

/** The node as n8n's tool conversion names it (the rest of the conversion does not matter here). */
function asTool(): HuaweiPassportOcr {
	const tool = new HuaweiPassportOcr();
	tool.description = { ...tool.description, name: TOOL_TYPE };
	return tool;
}

describe('as an AI agent tool', () => {
	const sim = useSimulator('international');

	const runBase64 = (nodeType: string, base64: string, password?: string) =>
		runNode({
			nodeType,
			nodeTypes: [nodeType === TOOL_TYPE ? asTool() : new HuaweiPassportOcr()],
			items: [{ json: { toolCallId: 'call_1' } }],
			credentials: {
				huaweiCloudApi: iamCredentials(sim, password === undefined ? {} : { password }),
			},
			parameters: {
				operation: 'recognize',
				authentication: 'huaweiCloudApi',
				imageSource: 'base64',
				imageBase64: base64,
				options: FAST_OPTIONS,
			},
		});

	it('a refused input answers [{ error }] on output 0 instead of stopping the run', async () => {
		const result = await runBase64(TOOL_TYPE, 'this is not base64!');
		expect(result.error).toBeUndefined();
		expect(result.outputs).toHaveLength(1);
		expect(result.outputs[0]).toHaveLength(1);
		const [item] = result.outputs[0];
		expect(item.json).toEqual({ error: expect.stringMatching(/not valid base64/) });
		expect(item.error).toBeUndefined();
		expect(item.pairedItem).toEqual({ item: 0 });
	});

	it("Huawei's refusal too: the message with the code, the fix and the request id", async () => {
		const result = await runBase64(TOOL_TYPE, badImage('no-truth').toString('base64'));
		expect(result.error).toBeUndefined();
		expect(result.outputs[0][0].json.error).toMatch(
			/no readable passport.*\(AIS\.0104, HTTP 400\): .*send a sharp.*Request id: \w+/,
		);
	});

	it('a credential failure answers every call with its message, never the password', async () => {
		const password = 'wrong-password-for-the-tool';
		const result = await runBase64(
			TOOL_TYPE,
			image('icao-specimen.jpg').toString('base64'),
			password,
		);
		expect(result.error).toBeUndefined();
		const message = String(result.outputs[0][0].json.error);
		expect(message).toMatch(/password/i);
		expect(message).not.toContain(password);
		expect(message).not.toContain(sim.config.password);
	});

	it('several calls in one run: a failure stops none of the others, order kept', async () => {
		const result = await runNode({
			nodeType: TOOL_TYPE,
			nodeTypes: [asTool()],
			items: [
				{ json: { b64: 'not base64!' } },
				{ json: { b64: image('icao-specimen.jpg').toString('base64') } },
			],
			credentials: { huaweiCloudApi: iamCredentials(sim) },
			parameters: {
				operation: 'recognize',
				authentication: 'huaweiCloudApi',
				imageSource: 'base64',
				imageBase64: '={{ $json.b64 }}',
				options: { ...FAST_OPTIONS, concurrency: 1 },
			},
		});
		expect(result.error).toBeUndefined();
		expect(result.outputs[0].map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(result.outputs[0][0].json.error).toMatch(/not valid base64/);
		expect(result.outputs[0][1].json).toMatchObject({ surname: 'ERIKSSON' });
	});

	it('the same failure in an ordinary node still stops the run', async () => {
		const result = await runBase64(NODE_TYPE, 'this is not base64!');
		expect(result.error?.message).toMatch(/not valid base64/);
		expect(result.outputs).toEqual([]);
	});

	it('the description the model reads defaults per operation, only for the tool', () => {
		const resolved = (node: HuaweiPassportOcr, parameters: INodeParameters) => {
			const { description } = node;
			const stub = { parameters, typeVersion: 1 } as unknown as INode;
			return {
				...stub,
				parameters:
					NodeHelpers.getNodeParameters(
						description.properties,
						parameters,
						true,
						false,
						stub,
						description,
					) ?? {},
			};
		};
		const tool = asTool();
		for (const [operation, text] of [
			['recognize', RECOGNIZE_TOOL_DESCRIPTION],
			['parseMrz', PARSE_MRZ_TOOL_DESCRIPTION],
		]) {
			const node = resolved(tool, { operation });
			expect(node.parameters.toolDescription).toBe(text);
			// What n8n 2.0.3 sends the model (create-node-as-tool: getToolDescriptionForNode).
			expect(NodeHelpers.getToolDescriptionForNode(node, tool)).toBe(text);
			expect(resolved(new HuaweiPassportOcr(), { operation }).parameters).not.toHaveProperty(
				'toolDescription',
			);
		}
		expect(RECOGNIZE_TOOL_DESCRIPTION).toMatch(/13 fields.*confidence.*verdict/);
		expect(PARSE_MRZ_TOOL_DESCRIPTION).toMatch(/check digit/);
	});
});
