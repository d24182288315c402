import { IAM_CREDENTIAL } from '../../e2e/lib/credentials';
import type { WorkflowExport } from '../../e2e/lib/n8n';
import { readFiles, toCsv } from '../../e2e/lib/n8nNodes';
import { node, ocrNode, workflow } from '../../e2e/lib/workflowBuilder';

const IAM = { ...IAM_CREDENTIAL, type: 'huaweiCloudApi' as const };

export const WEBHOOK_WORKFLOW_ID = 'queueWebhookOcr1';
export const WEBHOOK_PATH = 'passport-ocr';
export const BATCH_WORKFLOW_ID = 'queueSchedBatch1';
/** The request id the client sends next to the file, echoed in the answer. */
export const REQUEST_ID_FIELD = 'requestId';

/**
 * The webhook runs the node's default options, as a new user would: throttling across executions is
 * the pace each worker shares per credential, bounded by the default Max Throttling Wait.
 */
export const QUEUE_OCR_OPTIONS = {};

/**
 * The production webhook: a multipart upload (file field `data`) → Huawei Passport OCR → Respond to
 * Webhook with the request id the client sent, the execution id, and the node's item (fields and
 * verdict, or `error` for a refused image).
 */
export function webhookWorkflow(): WorkflowExport {
	return workflow(
		WEBHOOK_WORKFLOW_ID,
		'Queue: passport upload webhook',
		[
			node(
				'Webhook',
				'n8n-nodes-base.webhook',
				2,
				{ httpMethod: 'POST', path: WEBHOOK_PATH, responseMode: 'responseNode', options: {} },
				{ webhookId: '7c0f6a52-1d3e-4b8a-9e57-2f4c6d8b1a90' },
			),
			ocrNode(
				'Passport OCR',
				{
					imageSource: 'binaryData',
					binaryPropertyName: 'data',
					confidenceMode: 'flag',
					options: QUEUE_OCR_OPTIONS,
				},
				IAM,
				{ onError: 'continueRegularOutput' },
			),
			node('Respond', 'n8n-nodes-base.respondToWebhook', 1.1, {
				respondWith: 'json',
				responseBody: `={{ JSON.stringify({ requestId: $('Webhook').item.json.body.${REQUEST_ID_FIELD}, execution: $execution.id, ocr: $json }) }}`,
				options: {},
			}),
		],
		[
			['Webhook', 'Passport OCR'],
			['Passport OCR', 'Respond'],
		],
	);
}

/** The CSV columns of the batch, read from the OCR item (error for a refused image). */
export const BATCH_COLUMNS = ['file', 'passport_number', 'surname', 'date_of_birth', 'error'];

/**
 * A scheduled batch: every `everySeconds` the trigger (on main) enqueues a run; a worker reads every
 * image in `inputDir`, recognises them and writes one CSV per run to `outputDir`.
 */
export function batchWorkflow(
	inputDir: string,
	outputDir: string,
	everySeconds: number,
): WorkflowExport {
	return workflow(
		BATCH_WORKFLOW_ID,
		'Queue: scheduled passport batch',
		[
			node('Schedule', 'n8n-nodes-base.scheduleTrigger', 1.2, {
				rule: { interval: [{ field: 'seconds', secondsInterval: everySeconds }] },
			}),
			readFiles('Read images', `${inputDir}/*`),
			ocrNode(
				'Passport OCR',
				{
					imageSource: 'binaryData',
					confidenceMode: 'flag',
					options: { concurrency: 3, keepInputBinary: false },
				},
				IAM,
				{ onError: 'continueRegularOutput' },
			),
			node('Columns', 'n8n-nodes-base.set', 3.4, {
				assignments: {
					assignments: BATCH_COLUMNS.map((column, index) => ({
						id: `c${index}`,
						name: column,
						value:
							column === 'file'
								? "={{ $('Read images').item.binary.data.fileName }}"
								: `={{ $json.${column} ?? '' }}`,
						type: 'string',
					})),
				},
				includeOtherFields: false,
				options: {},
			}),
			toCsv('To CSV', 'batch.csv'),
			node('Write CSV', 'n8n-nodes-base.readWriteFile', 1, {
				operation: 'write',
				fileName: `=${outputDir}/batch-{{ $execution.id }}.csv`,
				dataPropertyName: 'data',
				options: {},
			}),
		],
		[
			['Schedule', 'Read images'],
			['Read images', 'Passport OCR'],
			['Passport OCR', 'Columns'],
			['Columns', 'To CSV'],
			['To CSV', 'Write CSV'],
		],
	);
}
