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

const text = (name: string) => defaultOf(name) as string;
const number = (name: string) => defaultOf(name) as number;

export const DEFAULTS = {
	confidenceMode: text('confidenceMode'),
	confidenceThreshold: number('confidenceThreshold'),
	confidenceCombine: text('confidenceCombine'),
	missingConfidence: text('missingConfidence'),
	binaryPropertyName: text('binaryPropertyName'),
	recognitionMode: text('recognitionMode'),
	pdfPage: text('pdfPage'),
	pdfPageNumber: number('pdfPageNumber'),
	edition: text('edition'),
	concurrency: number('concurrency'),
	maxRequestsPerSecond: number('maxRequestsPerSecond'),
	timeoutMs: number('timeout'),
	maxRetries: number('maxRetries'),
	maxThrottleWaitSeconds: number('maxThrottleWait'),
	retryDelayMs: number('retryDelay'),
};
