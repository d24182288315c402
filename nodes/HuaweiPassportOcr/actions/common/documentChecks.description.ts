/** Document checks (MRZ, cross-check, expiry, age), shared by both operations. */
import type { INodeProperties } from 'n8n-workflow';

import { optionFor } from '../operation.description';

export const documentChecksProperty: INodeProperties = {
	displayName: 'Document Checks',
	name: 'documentChecks',
	type: 'collection',
	placeholder: 'Add Check',
	default: {},
	description:
		'MRZ check digits and the MRZ-vs-printed cross-check run whenever MRZ lines are available (G42 edition, second read, Parse MRZ); expiry and age always',
	options: [
		{
			displayName: 'Correct OCR Confusions in MRZ',
			name: 'correctMrz',
			type: 'boolean',
			default: false,
			description:
				'Whether to repair 0/O, 1/I, 5/S, 8/B, 2/Z, 6/G confusions by field type when only one repair makes the check digits hold; every change is reported',
		},
		{
			displayName: 'Failed Checks Need Review',
			name: 'includeInVerdict',
			type: 'boolean',
			default: false,
			description:
				'Whether an invalid MRZ, an MRZ that disagrees with the printed fields, an expired passport or a failed minimum makes the verdict fail (so route mode sends the item to Review). Parse MRZ always judges the MRZ.',
		},
		{
			displayName: 'Minimum Age (Years)',
			name: 'minAgeYears',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 0,
			description: 'The holder must be at least this old on the run date (UTC). 0 = no rule.',
		},
		{
			displayName: 'Minimum Remaining Validity (Months)',
			name: 'minValidityMonths',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 0,
			description:
				'The passport must stay valid at least this many months after the run date (e.g. 6 for travel). 0 = no rule.',
		},
		{
			displayName: 'Strict MRZ',
			name: 'strictMrz',
			type: 'boolean',
			default: false,
			description:
				'Whether to never change a document number and to treat notable findings (specimen or unknown country, sex X, cut lines) as errors',
		},
		optionFor('recognize', {
			displayName: 'Verify With a Second Read (Extra API Call)',
			name: 'secondRead',
			type: 'boolean',
			default: false,
			description:
				"Whether to read the MRZ with Huawei's general-text API when the passport result has no MRZ lines (international edition). Costs one more billed call per item.",
		}),
	],
};
