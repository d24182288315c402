/**
 * All parameters of the node, in display order. Each operation keeps its own parameters beside its
 * code (recognize/, parseMrz/); common/ holds those both use. n8n's linter wants literal values in
 * parameters, so the Authentication values spell the credential type names (the description test
 * checks them against credentials/common/credentialTypes.ts).
 */
import type { INodeProperties } from 'n8n-workflow';

import { operationProperty } from './operation.description';
import { mrzTextProperties } from './parseMrz/parseMrz.description';
import {
	authenticationProperties,
	confidenceRuleProperties,
	imageProperties,
} from './recognize/recognize.description';
import { documentChecksProperty } from './common/documentChecks.description';
import { optionsProperty } from './common/options.description';
import { toolDescriptionProperties, toolModeNotice } from './common/tool.description';
import { verdictModeProperty } from './common/verdict.description';

export const nodeProperties: INodeProperties[] = [
	operationProperty,
	...toolDescriptionProperties,
	...authenticationProperties,
	...imageProperties,
	...mrzTextProperties,
	verdictModeProperty,
	toolModeNotice,
	...confidenceRuleProperties,
	documentChecksProperty,
	optionsProperty,
];
