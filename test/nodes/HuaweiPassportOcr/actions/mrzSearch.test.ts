/** Pieces of the recognize operation that the simulator cannot easily provoke. */
import { findMrz } from '../../../../nodes/HuaweiPassportOcr/actions/recognize/mrzSearch';
import { HuaweiCallError } from '../../../../nodes/HuaweiPassportOcr/helpers/nodeErrors';
import { DOCUMENTS } from '../../../fixtures';

const MRZ = DOCUMENTS['icao-specimen'].mrz;
const never = async () => {
	throw new Error('must not be called');
};

describe('findMrz', () => {
	it('prefers the lines Huawei returned and makes no second read', async () => {
		expect(await findMrz({ machine_code: MRZ[0], machine_code2: MRZ[1] }, true, never)).toEqual({
			lines: MRZ,
			source: 'passport',
		});
	});

	it('reads a second time only when asked', async () => {
		expect(await findMrz({}, false, never)).toEqual({});
		expect(await findMrz({}, true, async () => [...MRZ])).toEqual({
			lines: MRZ,
			source: 'general-text',
		});
	});

	it('reports a second read that finds nothing or fails, without failing the item', async () => {
		expect(await findMrz({}, true, async () => undefined)).toEqual({
			source: 'general-text',
			message: 'The second read found no MRZ lines.',
		});
		const failed = await findMrz({}, true, async () => {
			throw new HuaweiCallError({ failure: { status: 400, code: 'AIS.0104' } });
		});
		expect(failed).toEqual({
			source: 'general-text',
			message: 'The second read failed: Huawei found no readable passport in the image',
			code: 'AIS.0104',
		});
	});
});
