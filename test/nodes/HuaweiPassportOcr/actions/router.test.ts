/** The router: each operation runs its own code; an unknown one fails the node instead of running another. */
import { HuaweiPassportOcr } from '../../../../nodes/HuaweiPassportOcr/HuaweiPassportOcr.node';
import { DOCUMENTS } from '../../../fixtures';
import { runNode } from '../../../harness';

const run = async (operation: string) =>
	await runNode({
		nodeType: 'huaweiPassportOcr',
		nodeTypes: [new HuaweiPassportOcr()],
		items: [{ json: { mrz: DOCUMENTS['icao-specimen'].mrz.join('\n') } }],
		parameters: { operation, mrzText: '={{ $json.mrz }}', confidenceMode: 'off' },
	});

describe('router', () => {
	it('runs Parse MRZ for operation "parseMrz"', async () => {
		const result = await run('parseMrz');
		expect(result.error).toBeUndefined();
		expect(result.outputs[0]).toHaveLength(1);
		expect(result.outputs[0][0].json).toMatchObject({ mrz: { source: 'input', valid: true } });
	});

	it('fails with a clear error for an operation it does not know, and runs nothing', async () => {
		const result = await run('deletePassport');
		expect(result.error?.message).toBe(
			'The operation "deletePassport" is not known to this version of the node',
		);
		expect((result.error as { description?: string }).description).toBe(
			'Choose Recognize Passport or Parse MRZ as the Operation.',
		);
		expect(result.outputs.flat()).toEqual([]);
	});
});
