/* eslint-disable @n8n/community-nodes/no-restricted-imports -- dev-only code, not shipped: n8n's rules for node code do not apply (README "Verification") */
/**
 * In-process n8n runner for node tests: a two-node workflow (feed → node under test) executed by
 * n8n-core's real WorkflowExecute, so nodes run through n8n's real helpers (httpRequestWithAuthentication,
 * getBinaryDataBuffer/prepareBinaryData via BinaryDataService, continueOnFail, error output,
 * pairedItem). Credentials go through TestCredentialsHelper (n8n's cli semantics, in memory).
 *
 *   const result = await runNode({ nodeType: 'huaweiPassportOcr', nodeTypes: [new HuaweiPassportOcr()],
 *     parameters: {...}, items: [{ json: {}, binary: { data: { data: jpegBuffer, fileName: 'p.jpg' } } }],
 *     credentials: { huaweiCloudApi: { region: 'custom', ... } } });
 *   result.outputs[0][0].json
 */
import './jestShims';

import { rm } from 'node:fs/promises';

import { ExecuteContext, ExecutionLifecycleHooks, RoutingNode, WorkflowExecute } from 'n8n-core';
import { NodeHelpers, Workflow } from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IExecuteData,
	IExecuteFunctions,
	INode,
	INodeCredentials,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	INodeTypes,
	IRun,
	IRunExecutionData,
	IVersionedNodeType,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';

import { HuaweiCloudAkSkApi } from '../../credentials/HuaweiCloudAkSkApi.credentials';
import { HuaweiCloudApi } from '../../credentials/HuaweiCloudApi.credentials';
import { CredentialStore, TestCredentialsHelper } from './credentialsHelper';
import type { PreAuthenticationCall } from './credentialsHelper';
import { binaryDataService, capturedLogs, setUpEnvironment } from './environment';
import type { BinaryMode } from './environment';

export { CredentialStore, TestCredentialsHelper } from './credentialsHelper';
export type { PreAuthenticationCall, StoredCredential } from './credentialsHelper';
export { capturedLogs } from './environment';
export type { BinaryMode } from './environment';

export const FEED_NODE_TYPE = 'harness.feed';

// n8n ≥ 1.1xx gives nodes the workflow settings (getWorkflowSettings); this n8n-core 2.0 does not.
// The emulation returns what those versions return: the workflow's settings, frozen.
const contextPrototype = ExecuteContext.prototype as unknown as {
	getWorkflowSettings?: () => unknown;
};
contextPrototype.getWorkflowSettings ??= function (this: { workflow: Workflow }) {
	return Object.freeze(structuredClone(this.workflow.settings));
};
const FEED_NODE_NAME = 'Feed';
const TARGET_NODE_NAME = 'Node Under Test';

export interface FeedBinary {
	data: Buffer;
	fileName?: string;
	mimeType?: string;
	/** Filesystem mode: the stored file is deleted before the next node reads it (a lost upload). */
	lost?: boolean;
}

export interface FeedItem {
	json: INodeExecutionData['json'];
	binary?: Record<string, FeedBinary>;
}

/** The project's credential types; tests may add more. */
export function defaultCredentialTypes(): ICredentialType[] {
	return [new HuaweiCloudApi(), new HuaweiCloudAkSkApi()];
}

/** Emits the given items; binaries go through the real prepareBinaryData (BinaryDataService). */
function createFeedNodeType(items: FeedItem[], combined = false): INodeType {
	return {
		description: {
			displayName: 'Harness Feed',
			name: FEED_NODE_TYPE,
			group: ['input'],
			version: 1,
			description: 'Emits test items',
			defaults: { name: FEED_NODE_NAME },
			inputs: ['main'],
			outputs: ['main'],
			properties: [],
		},
		async execute(this: IExecuteFunctions) {
			const output: INodeExecutionData[] = [];
			for (const item of items) {
				const out: INodeExecutionData = {
					json: structuredClone(item.json),
					pairedItem: { item: 0 },
				};
				if (item.binary) {
					out.binary = {};
					for (const [key, file] of Object.entries(item.binary)) {
						out.binary[key] = await this.helpers.prepareBinaryData(
							file.data,
							file.fileName,
							file.mimeType,
						);
						const { id } = out.binary[key];
						if (file.lost && id) await rm(binaryDataService().getPath(id));
					}
					if (combined) {
						out.json._files = { ...(out.json._files as object | undefined), ...out.binary };
						delete out.binary;
					}
				}
				output.push(out);
			}
			return [output];
		},
	};
}

type NodeClass = INodeType | IVersionedNodeType;

function latestVersion(node: NodeClass): number {
	const description = node.description as { defaultVersion?: number; version?: number | number[] };
	const version = description.defaultVersion ?? description.version ?? 1;
	return Array.isArray(version) ? Math.max(...version) : version;
}

/** INodeTypes over the given node instances, keyed by description.name. */
export function createNodeTypes(nodes: NodeClass[]): INodeTypes {
	const byName = new Map(nodes.map((node) => [node.description.name, node]));
	return {
		getByName: (name) => {
			const found = byName.get(name);
			if (!found) throw new Error(`Harness: unknown node type ${name}`);
			return found;
		},
		getByNameAndVersion: (name, version) => {
			const found = byName.get(name);
			if (!found) throw new Error(`Harness: unknown node type ${name}`);
			return NodeHelpers.getVersionedNodeType(found, version);
		},
		getKnownTypes: () => ({}),
	};
}

function createAdditionalData(
	credentialsHelper: TestCredentialsHelper,
	workflowData: IWorkflowBase,
	mode: WorkflowExecuteMode,
	executionId: string,
): IWorkflowExecuteAdditionalData {
	const unsupported = async () => {
		throw new Error('Harness: not supported');
	};
	return {
		credentialsHelper,
		hooks: new ExecutionLifecycleHooks(mode, executionId, workflowData),
		executionId,
		executeWorkflow: unsupported,
		getRunExecutionData: unsupported,
		startRunnerTask: unsupported,
		logAiEvent: () => {},
		restApiUrl: 'http://127.0.0.1:5678/rest',
		instanceBaseUrl: 'http://127.0.0.1:5678/',
		formWaitingBaseUrl: 'http://127.0.0.1:5678/form-waiting',
		webhookBaseUrl: 'http://127.0.0.1:5678/webhook',
		webhookWaitingBaseUrl: 'http://127.0.0.1:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://127.0.0.1:5678/webhook-test',
		currentNodeParameters: undefined,
		executionTimeoutTimestamp: undefined,
		userId: 'harness-user',
		variables: {},
	} as unknown as IWorkflowExecuteAdditionalData;
}

let executionCounter = 0;

export interface RunNodeOptions {
	/** description.name of the node under test (one of `nodeTypes`). */
	nodeType: string;
	/** Node instances to register (e.g. `new HuaweiPassportOcr()`); the feed node is added automatically. */
	nodeTypes: NodeClass[];
	typeVersion?: number;
	parameters?: INodeParameters;
	items?: FeedItem[];
	/** Credential data by type, stored fresh for this run (ignored for types already in `credentialStore`). */
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	/** Share one store across runs to see n8n's cross-execution token reuse. */
	credentialStore?: CredentialStore;
	credentialTypes?: ICredentialType[];
	/** Legacy "Continue On Fail" switch. */
	continueOnFail?: boolean;
	onError?: 'stopWorkflow' | 'continueRegularOutput' | 'continueErrorOutput';
	binaryMode?: BinaryMode;
	/**
	 * n8n 2.5's binary mode "combined" (workflow setting `binaryMode`): the feed's files reach the node
	 * in `json._files`, with no `binary`, as n8n ≥ 2.5 hands them over after each node (its
	 * convertBinaryData, filesystem/database storage), and the node sees the setting through
	 * getWorkflowSettings (n8n ≥ 1.1xx; emulated on this n8n-core 2.0, which lacks it).
	 */
	workflowBinaryMode?: 'separate' | 'combined';
}

export interface RunNodeResult {
	/** The node's outputs (index 0 = first output; with continueErrorOutput the last one holds errors). */
	outputs: INodeExecutionData[][];
	/** The error that stopped the node, when it did. */
	error?: Error;
	credentialStore: CredentialStore;
	/** preAuthentication calls made during this run (token exchanges / project lookups). */
	preAuthCalls: number;
	preAuthentications: PreAuthenticationCall[];
	/** Log lines written during this run. */
	logs: string[];
	run: IRun;
}

function nodeCredentialsFor(
	store: CredentialStore,
	given: Record<string, ICredentialDataDecryptedObject> | undefined,
): INodeCredentials {
	const result: INodeCredentials = {};
	for (const [type, data] of Object.entries(given ?? {})) {
		result[type] = store.details(type) ?? store.add(type, data);
	}
	return result;
}

export async function runNode(options: RunNodeOptions): Promise<RunNodeResult> {
	await setUpEnvironment(options.binaryMode ?? 'default');
	const logStart = capturedLogs.length;
	const store = options.credentialStore ?? new CredentialStore();
	const credentialTypes = [...defaultCredentialTypes(), ...(options.credentialTypes ?? [])];
	const helper = new TestCredentialsHelper(
		Object.fromEntries(credentialTypes.map((type) => [type.name, type])),
		store,
	);
	const target = options.nodeTypes.find((node) => node.description.name === options.nodeType);
	if (!target) throw new Error(`Harness: node type ${options.nodeType} was not given in nodeTypes`);
	const typeVersion = options.typeVersion ?? latestVersion(target);

	const credentials = nodeCredentialsFor(store, options.credentials);
	for (const type of Object.keys(credentials)) {
		if (!helper.getCredentialsProperties(type))
			throw new Error(`Harness: unknown credential type ${type}`);
	}
	const feed: INode = {
		id: 'feed',
		name: FEED_NODE_NAME,
		type: FEED_NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const node: INode = {
		id: 'target',
		name: TARGET_NODE_NAME,
		type: options.nodeType,
		typeVersion,
		position: [200, 0],
		parameters: options.parameters ?? {},
		credentials,
		...(options.continueOnFail ? { continueOnFail: true } : {}),
		...(options.onError ? { onError: options.onError } : {}),
	};
	const connections = {
		[FEED_NODE_NAME]: { main: [[{ node: TARGET_NODE_NAME, type: 'main' as const, index: 0 }]] },
	};
	const nodeTypes = createNodeTypes([
		createFeedNodeType(options.items ?? [{ json: {} }], options.workflowBinaryMode === 'combined'),
		...options.nodeTypes,
	]);
	const settings = {
		executionOrder: 'v1' as const,
		...(options.workflowBinaryMode ? { binaryMode: options.workflowBinaryMode } : {}),
	};
	const workflow = new Workflow({
		id: 'harness-workflow',
		name: 'Harness',
		nodes: [feed, node],
		connections,
		active: false,
		nodeTypes,
		settings,
	});
	const workflowData = {
		id: 'harness-workflow',
		name: 'Harness',
		nodes: [feed, node],
		connections,
		active: false,
		settings,
		createdAt: new Date(),
		updatedAt: new Date(),
	} as unknown as IWorkflowBase;
	const mode: WorkflowExecuteMode = 'manual';
	const executionId = `harness-${++executionCounter}`;
	const additionalData = createAdditionalData(helper, workflowData, mode, executionId);
	const callsBefore = helper.preAuthenticationCalls.length;
	const run = await new WorkflowExecute(additionalData, mode).run(workflow, feed);

	const taskData = run.data.resultData.runData[TARGET_NODE_NAME]?.[0];
	const outputs = (taskData?.data?.main ?? []).map((output) => output ?? []);
	const error = (taskData?.error ?? run.data.resultData.error) as Error | undefined;
	const preAuthentications = helper.preAuthenticationCalls.slice(callsBefore);
	return {
		outputs,
		error,
		credentialStore: store,
		preAuthCalls: preAuthentications.length,
		preAuthentications,
		logs: capturedLogs.slice(logStart),
		run,
	};
}

/** The bytes of an output item's binary, read back through n8n's BinaryDataService. */
export async function readBinary(item: INodeExecutionData, key = 'data'): Promise<Buffer> {
	const binary = item.binary?.[key];
	if (!binary) throw new Error(`Harness: item has no binary "${key}"`);
	return await binaryDataService().getAsBuffer(binary);
}

export interface CredentialTestResult {
	status: 'OK' | 'Error';
	message: string;
	preAuthCalls: number;
	logs: string[];
}

/**
 * Runs a credential's `test.request` the way n8n's CredentialsTester does: a temporary NoOp node
 * whose `temp` property routes the request, executed by n8n-core's RoutingNode (so preAuthentication
 * always runs, then authenticate, then the request). Message rules follow the tester too.
 */
export async function testCredential(
	type: string,
	data: ICredentialDataDecryptedObject,
	extraTypes: ICredentialType[] = [],
): Promise<CredentialTestResult> {
	await setUpEnvironment();
	const logStart = capturedLogs.length;
	const credentialTypes = [...defaultCredentialTypes(), ...extraTypes];
	const credentialType = credentialTypes.find((candidate) => candidate.name === type);
	if (!credentialType?.test)
		throw new Error(`Harness: credential type ${type} has no test request`);
	const store = new CredentialStore();
	const details = store.add(type, data);
	const helper = new TestCredentialsHelper(
		Object.fromEntries(credentialTypes.map((t) => [t.name, t])),
		store,
	);
	const noOpType: INodeType = {
		description: {
			displayName: 'No Operation',
			name: 'n8n-nodes-base.noOp',
			group: ['organization'],
			version: 1,
			description: 'Credential test',
			defaults: { name: 'Temp-Node' },
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: type, required: true }],
			properties: [
				{
					displayName: 'Temp',
					name: 'temp',
					type: 'string',
					routing: { request: credentialType.test.request },
					default: '',
				},
			],
		},
	};
	const node: INode = {
		id: 'temp',
		name: 'Temp-Node',
		type: 'n8n-nodes-base.noOp',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		credentials: { [type]: details },
	};
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: createNodeTypes([noOpType]),
	});
	const workflowData = {
		id: 'credential-test',
		name: 'Credential test',
		nodes: [node],
		connections: {},
	} as unknown as IWorkflowBase;
	const additionalData = createAdditionalData(
		helper,
		workflowData,
		'internal',
		`credential-test-${++executionCounter}`,
	);
	const runExecutionData: IRunExecutionData = { resultData: { runData: {} } } as IRunExecutionData;
	const executeData: IExecuteData = { node, data: {}, source: null };
	const context = new ExecuteContext(
		workflow,
		node,
		additionalData,
		'internal',
		runExecutionData,
		0,
		[],
		{ main: [[{ json: {} }]] },
		executeData,
		[],
	);
	const decrypted = helper.withDefaults(type, data);
	const routingNode = new RoutingNode(context, noOpType, {
		id: details.id ?? '',
		name: details.name,
		type,
		data: decrypted,
	});
	const finish = (status: 'OK' | 'Error', message: string): CredentialTestResult => ({
		status,
		message,
		preAuthCalls: helper.preAuthenticationCalls.length,
		logs: capturedLogs.slice(logStart),
	});
	try {
		await routingNode.runNode();
	} catch (error) {
		const cause = (
			error as { cause?: { response?: { status: number; statusText?: string }; code?: string } }
		).cause;
		if (cause?.response) {
			const { status, statusText } = cause.response;
			if (status < 199 || status > 299)
				return finish('Error', statusText || `Received HTTP status code: ${status}`);
		} else if (cause?.code) {
			return finish('Error', cause.code);
		}
		return finish('Error', String((error as Error).message));
	}
	return finish('OK', 'Connection successful!');
}
