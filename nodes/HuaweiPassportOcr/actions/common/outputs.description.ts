/**
 * The node's outputs depend on the verdict mode: a second output "Review" exists only in route mode.
 * n8n evaluates `outputs` as an expression over the parameters (like its Switch and Text Classifier
 * nodes), so the function below is stringified into that expression: it must stay self-contained.
 */
import type { INodeOutputConfiguration } from 'n8n-workflow';

const configuredOutputs = (parameters: { confidenceMode?: string }): INodeOutputConfiguration[] =>
	parameters.confidenceMode === 'route'
		? [
				{ type: 'main', displayName: 'Passed' },
				{ type: 'main', displayName: 'Review' },
			]
		: [{ type: 'main' }];

export const OUTPUTS_EXPRESSION: `={{${string}}}` = `={{(${configuredOutputs.toString()})($parameter)}}`;
