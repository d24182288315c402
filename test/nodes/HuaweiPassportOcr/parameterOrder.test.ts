/**
 * The form as users see it: its parameters in order, and when each one shows. A change to how the
 * descriptions are written (updateDisplayOptions, files moved) must keep both.
 */
import type { INodeProperties } from 'n8n-workflow';

import { HuaweiPassportOcr } from '../../../nodes/HuaweiPassportOcr/HuaweiPassportOcr.node';

const { properties } = new HuaweiPassportOcr().description;
const collection = (name: string) =>
	(properties.find((property) => property.name === name)?.options ?? []) as INodeProperties[];

const RECOGNIZE = { show: { operation: ['recognize'] } };
const RECOGNIZE_OPTION = { show: { '/operation': ['recognize'] } };
const THRESHOLD_ON = { show: { operation: ['recognize'] }, hide: { confidenceMode: ['off'] } };

describe('the form', () => {
	it('lists the parameters in this order', () => {
		expect(properties.map((property) => property.name)).toEqual([
			'operation',
			'toolDescription',
			'toolDescription',
			'authentication',
			'imageSource',
			'binaryPropertyName',
			'imageUrl',
			'imageBase64',
			'pdfPage',
			'pdfPageNumber',
			'recognitionMode',
			'mrzText',
			'confidenceMode',
			'toolModeNotice',
			'confidenceThreshold',
			'confidenceFields',
			'confidenceCombine',
			'missingConfidence',
			'documentChecks',
			'options',
		]);
		expect(collection('documentChecks').map((option) => option.name)).toEqual([
			'correctMrz',
			'includeInVerdict',
			'minAgeYears',
			'minValidityMonths',
			'strictMrz',
			'secondRead',
		]);
		expect(collection('options').map((option) => option.name)).toEqual([
			'concurrency',
			'edition',
			'includeRawResponse',
			'keepInputBinary',
			'maxRequestsPerSecond',
			'maxRetries',
			'maxThrottleWait',
			'resultProperty',
			'retryDelay',
			'timeout',
		]);
	});

	it('shows each parameter for the operation(s) it belongs to', () => {
		expect(properties.map((property) => [property.name, property.displayOptions])).toEqual([
			['operation', undefined],
			['toolDescription', { show: { '@tool': [true], operation: ['recognize'] } }],
			['toolDescription', { show: { '@tool': [true], operation: ['parseMrz'] } }],
			['authentication', RECOGNIZE],
			['imageSource', RECOGNIZE],
			['binaryPropertyName', { show: { operation: ['recognize'], imageSource: ['binaryData'] } }],
			['imageUrl', { show: { operation: ['recognize'], imageSource: ['url'] } }],
			['imageBase64', { show: { operation: ['recognize'], imageSource: ['base64'] } }],
			[
				'pdfPage',
				{ show: { operation: ['recognize'], imageSource: ['binaryData', 'allFiles', 'base64'] } },
			],
			[
				'pdfPageNumber',
				{
					show: {
						operation: ['recognize'],
						imageSource: ['binaryData', 'allFiles', 'base64'],
						pdfPage: ['page'],
					},
				},
			],
			['recognitionMode', RECOGNIZE],
			['mrzText', { show: { operation: ['parseMrz'] } }],
			['confidenceMode', undefined],
			['toolModeNotice', { show: { '@tool': [true], confidenceMode: ['filter', 'route'] } }],
			['confidenceThreshold', THRESHOLD_ON],
			['confidenceFields', THRESHOLD_ON],
			['confidenceCombine', THRESHOLD_ON],
			['missingConfidence', THRESHOLD_ON],
			['documentChecks', undefined],
			['options', undefined],
		]);
		const recognizeOnly = (name: string) =>
			collection(name)
				.filter((option) => option.displayOptions !== undefined)
				.map((option) => [option.name, option.displayOptions]);
		expect(recognizeOnly('documentChecks')).toEqual([['secondRead', RECOGNIZE_OPTION]]);
		// Both operations shape their output: Put Result In Field and Keep Input Binary show for both.
		expect(recognizeOnly('options')).toEqual(
			collection('options')
				.filter((option) => option.name !== 'keepInputBinary')
				.filter((option) => option.name !== 'resultProperty')
				.map((option) => [option.name, RECOGNIZE_OPTION]),
		);
	});
});
