/** Reading the parameters both operations share (parameters are read only in actions/). */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { DocumentCheckOptions } from '../../helpers/documentChecks';
import type { OutputOptions } from '../../helpers/output';
import type { VerdictMode } from '../../helpers/verdict';
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
export function readVerdictMode(context: IExecuteFunctions): VerdictMode {
	const mode = context.getNodeParameter('confidenceMode', 0, DEFAULTS.verdictMode) as VerdictMode;
	return isTool(context) && (mode === 'filter' || mode === 'route') ? 'flag' : mode;
}

/** n8n runs a `usableAsTool` node attached to an AI agent as the type "<name>Tool". */
function isTool(context: IExecuteFunctions): boolean {
	return context.getNode().type.endsWith('Tool');
}

/**
 * How a failed item leaves the node: thrown (the workflow stops), as an error item (continue on
 * fail), or, for an AI agent's tool, as the tool's answer. A tool that throws never reaches the model
 * in n8n 2.0.3: Agent v3 runs the tool as a workflow node, so the whole execution fails; Agent v2.2
 * runs it through LangChain's AgentExecutor, which swallows the error and hands the model an empty
 * result. The message itself, returned as output, is what the model can act on.
 */
export function failureHandling(context: IExecuteFunctions): 'throw' | 'errorItem' | 'toolAnswer' {
	if (isTool(context)) return 'toolAnswer';
	return context.continueOnFail() ? 'errorItem' : 'throw';
}
