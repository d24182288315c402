/**
 * The parameter defaults the code falls back to, read from the descriptions (n8n's linter wants each
 * default written as a literal there), so the form and the code can never disagree.
 */
import type { INodeProperties, NodeParameterValueType } from 'n8n-workflow';

import { confidenceRuleProperties, imageProperties } from '../recognize/recognize.description';
import { optionsProperty } from './options.description';
import { verdictModeProperty } from './verdict.description';

const PARAMETERS: INodeProperties[] = [
	...imageProperties,
	verdictModeProperty,
	...confidenceRuleProperties,
	...(optionsProperty.options as INodeProperties[]),
];

function defaultOf(name: string): NodeParameterValueType {
	const property = PARAMETERS.find((candidate) => candidate.name === name);
	if (!property) throw new Error(`No parameter "${name}" to take a default from`);
	return property.default;
}

const stringDefault = (name: string) => defaultOf(name) as string;
const numberDefault = (name: string) => defaultOf(name) as number;

export const DEFAULTS = {
	/** The Verdict parameter (saved as `confidenceMode`). */
	verdictMode: stringDefault('confidenceMode'),
	confidenceThreshold: numberDefault('confidenceThreshold'),
	confidenceCombine: stringDefault('confidenceCombine'),
	missingConfidence: stringDefault('missingConfidence'),
	binaryPropertyName: stringDefault('binaryPropertyName'),
	recognitionMode: stringDefault('recognitionMode'),
	pdfPage: stringDefault('pdfPage'),
	pdfPageNumber: numberDefault('pdfPageNumber'),
	edition: stringDefault('edition'),
	concurrency: numberDefault('concurrency'),
	maxRequestsPerSecond: numberDefault('maxRequestsPerSecond'),
	timeoutMs: numberDefault('timeout'),
	maxRetries: numberDefault('maxRetries'),
	maxThrottleWaitSeconds: numberDefault('maxThrottleWait'),
	retryDelayMs: numberDefault('retryDelay'),
};
