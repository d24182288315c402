/** Reading the parameters both operations share (parameters are read only in actions/). */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { DocumentCheckOptions } from '../../helpers/documentChecks';
import type { OutputOptions } from '../../helpers/output';
import type { ThresholdMode } from '../../helpers/verdict';
import { DEFAULTS } from './defaults';

function numberOf(options: IDataObject, name: string, fallback: number): number {
	const value = options[name];
	return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

export function readOutputOptions(context: IExecuteFunctions, itemIndex: number): OutputOptions {
	const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
	return {
		includeRawResponse: options.includeRawResponse === true,
		resultProperty: typeof options.resultProperty === 'string' ? options.resultProperty : '',
		keepInputBinary: options.keepInputBinary !== false,
	};
}

/** Run-level numbers from the Options collection (read once, at item 0). */
export function readRunNumber(context: IExecuteFunctions, name: string, fallback: number): number {
	return numberOf(context.getNodeParameter('options', 0, {}) as IDataObject, name, fallback);
}

export function readDocumentCheckOptions(
	context: IExecuteFunctions,
	itemIndex: number,
	today: Date,
): DocumentCheckOptions & { secondRead: boolean } {
	const checks = context.getNodeParameter('documentChecks', itemIndex, {}) as IDataObject;
	return {
		correct: checks.correctMrz === true,
		strict: checks.strictMrz === true,
		minValidityMonths: numberOf(checks, 'minValidityMonths', 0),
		minAgeYears: numberOf(checks, 'minAgeYears', 0),
		includeInVerdict: checks.includeInVerdict === true,
		secondRead: checks.secondRead === true,
		today,
	};
}

/**
 * The verdict mode in effect. An AI agent sees output 0 only (n8n runs the node as "…Tool"), so as a
 * tool every item stays there with its verdict: filter and route act like "Add Verdict Only".
 */
export function readMode(context: IExecuteFunctions): ThresholdMode {
	const mode = context.getNodeParameter(
		'confidenceMode',
		0,
		DEFAULTS.confidenceMode,
	) as ThresholdMode;
	const asTool = context.getNode().type.endsWith('Tool');
	return asTool && (mode === 'filter' || mode === 'route') ? 'flag' : mode;
}
