/**
 * Parse MRZ: MRZ text in (from any source: TD1, TD2, TD3, visas, France's 1994-2021 card), the same
 * parsed and checked JSON out as the document checks of Recognize Passport, `mrz.document` saying
 * what the document is. No credential, no API call.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { mrzCheck, mrzReport, validityCheck, validityReport } from '../../helpers/documentChecks';
import { combineChecks } from '../../helpers/verdict';
import { routeOutcomes } from '../common/outcomes';
import type { ItemOutcome } from '../common/outcomes';
import { readDocumentCheckOptions, readVerdictMode } from '../common/parameters';

/** The MRZ parameter as people pass it: text, or an array of lines from an expression. */
function mrzInput(value: unknown): string | string[] {
	if (Array.isArray(value)) return value.map((line) => String(line ?? ''));
	return typeof value === 'string' ? value : String(value ?? '');
}

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[][]> {
	const verdictMode = readVerdictMode(this);
	const today = new Date();
	const outcomes: ItemOutcome[] = items.map((_item, itemIndex) => {
		try {
			const options = readDocumentCheckOptions(this, itemIndex, today);
			const { parsed, report } = mrzReport(
				mrzInput(this.getNodeParameter('mrzText', itemIndex, '')),
				'input',
				options,
			);
			const validity = validityReport(
				{ dateOfBirth: parsed.fields?.birthDate, dateOfExpiry: parsed.fields?.expiryDate },
				options,
			);
			const result: IDataObject = { mrz: report, validity };
			if (verdictMode === 'off') return { status: 'fulfilled', value: { result } };
			const checks = [mrzCheck(report)];
			if (options.includeInVerdict) checks.push(validityCheck(validity, options));
			return { status: 'fulfilled', value: { result, verdict: combineChecks(checks) } };
		} catch (reason) {
			return { status: 'rejected', reason };
		}
	});
	return routeOutcomes(this, items, outcomes, verdictMode);
}
