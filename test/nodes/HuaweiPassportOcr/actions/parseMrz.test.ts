/** Parse MRZ through n8n with every MRZ format: `mrz.document` says what the document is. */
import type { IDataObject } from 'n8n-workflow';

import { HuaweiPassportOcr } from '../../../../nodes/HuaweiPassportOcr/HuaweiPassportOcr.node';
import { findMrzLines } from '../../../../nodes/HuaweiPassportOcr/helpers/documentChecks';
import { runNode } from '../../../harness';
import { FRENCH_ID, ICAO_MRV_A, ICAO_MRV_B, ICAO_TD1, ICAO_TD2, ICAO_TD3 } from '../mrz/specimens';

const run = async (mrzs: string[][]) =>
	await runNode({
		nodeType: 'huaweiPassportOcr',
		nodeTypes: [new HuaweiPassportOcr()],
		items: mrzs.map((lines) => ({ json: { mrz: lines.join('\n') } })),
		parameters: { operation: 'parseMrz', mrzText: '={{ $json.mrz }}', confidenceMode: 'off' },
	});

describe('Parse MRZ: every format, and what the document is', () => {
	it('passport, identity cards, visas and the French 1994-2021 card', async () => {
		const result = await run([ICAO_TD3, ICAO_TD2, ICAO_TD1, ICAO_MRV_A, ICAO_MRV_B, FRENCH_ID]);
		expect(result.error).toBeUndefined();
		const reports = result.outputs[0].map((item) => item.json.mrz as IDataObject);
		expect(reports.map((r) => [r.format, r.valid, r.document])).toEqual([
			['TD3', true, { kind: 'passport', code: 'P', format: 'TD3' }],
			['TD2', true, { kind: 'id_card', code: 'I', format: 'TD2' }],
			['TD1', true, { kind: 'id_card', code: 'I', format: 'TD1' }],
			['MRV-A', true, { kind: 'visa', code: 'VI', format: 'MRV-A' }],
			['MRV-B', true, { kind: 'visa', code: 'VI', format: 'MRV-B' }],
			['FRA-ID', true, { kind: 'id_card', code: 'ID', format: 'FRA-ID' }],
		]);
	});

	it('no format: document null', async () => {
		const result = await run([['not an mrz']]);
		expect((result.outputs[0][0].json.mrz as IDataObject).document).toBeNull();
	});

	it('the French card has no expiry in its MRZ: validity says so', async () => {
		const result = await run([FRENCH_ID]);
		const validity = result.outputs[0][0].json.validity as IDataObject;
		expect(validity.expired).toBeNull();
		expect(validity.problems).toContain('expiry_date_missing');
	});
});

describe('the second read finds two 36- or 44-character lines of the new formats', () => {
	it.each([
		['MRV-A', ICAO_MRV_A],
		['MRV-B', ICAO_MRV_B],
		['FRA-ID', FRENCH_ID],
	])('%s', (_name, lines) => {
		expect(findMrzLines(['VISA', 'SURNAME ERIKSSON', ...lines])).toEqual(lines);
	});

	it('a data line with every field fully used (no filler at all) is still found', () => {
		// Given names filling all 14 positions: line 2 of the French card carries no '<'.
		const full = ['IDFRAMARTIN<<<<<<<<<<<<<<<<<<<<932013', '0506932020438JEANCHRISTOPHE2906209M3'];
		expect(full[1]).not.toContain('<');
		expect(findMrzLines(['CARTE NATIONALE D IDENTITE', ...full])).toEqual(full);
		// Prose stays out: spaces, lower case, or too few digits.
		expect(findMrzLines(['REPUBLIQUE FRANCAISE CARTE NATIONALE'])).toBeUndefined();
		expect(findMrzLines(['Date of birth 12 08 1974 expiry 15 04 2012 ok'])).toBeUndefined();
	});
});
