import type { WorkflowExport } from './n8n';

/** A node in n8n's workflow JSON (the parts we set). */
export interface WorkflowNode {
	id: string;
	name: string;
	type: string;
	typeVersion: number;
	position: [number, number];
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id: string; name: string }>;
	onError?: 'stopWorkflow' | 'continueRegularOutput' | 'continueErrorOutput';
	[key: string]: unknown;
}

/** Our node as n8n sees it when loaded through N8N_CUSTOM_EXTENSIONS. */
export const OCR_NODE_TYPE = 'CUSTOM.huaweiPassportOcr';

let nodeCounter = 0;

export function node(
	name: string,
	type: string,
	typeVersion: number,
	parameters: Record<string, unknown> = {},
	extra: Partial<WorkflowNode> = {},
): WorkflowNode {
	nodeCounter += 1;
	return {
		id: `00000000-0000-4000-a000-${String(nodeCounter).padStart(12, '0')}`,
		name,
		type,
		typeVersion,
		position: [0, 0],
		parameters,
		...extra,
	};
}

export const manualTrigger = (name = 'Start') => node(name, 'n8n-nodes-base.manualTrigger', 1);

/** A Code node that returns `items` (JS source of an array of {json} objects, or full code). */
export const codeNode = (name: string, jsCode: string) =>
	node(name, 'n8n-nodes-base.code', 2, {
		mode: 'runOnceForAllItems',
		language: 'javaScript',
		jsCode,
	});

/** Connections as a chain plus explicit extra edges: [from, to, fromOutput?, toInput?]. */
export type Edge = [string, string, number?, number?];

/**
 * Builds a workflow from nodes and edges, lays the nodes out left to right (the editor check
 * opens these workflows too), and returns it in import:workflow's shape.
 */
export function workflow(
	id: string,
	name: string,
	nodes: WorkflowNode[],
	edges: Edge[],
): WorkflowExport {
	const connections: Record<
		string,
		{ main: Array<Array<{ node: string; type: 'main'; index: number }>> }
	> = {};
	for (const [from, to, fromOutput = 0, toInput = 0] of edges) {
		const outputs = (connections[from] ??= { main: [] }).main;
		while (outputs.length <= fromOutput) outputs.push([]);
		outputs[fromOutput].push({ node: to, type: 'main', index: toInput });
	}
	const column = new Map<string, number>();
	for (const n of nodes) column.set(n.name, 0);
	// Longest path from a start node decides the column; the edge list is small, so relax repeatedly.
	for (let pass = 0; pass < nodes.length; pass++) {
		for (const [from, to] of edges)
			column.set(to, Math.max(column.get(to) ?? 0, (column.get(from) ?? 0) + 1));
	}
	const rows = new Map<number, number>();
	const laidOut = nodes.map((n) => {
		const col = column.get(n.name) ?? 0;
		const row = rows.get(col) ?? 0;
		rows.set(col, row + 1);
		return { ...n, position: [col * 260, row * 200] as [number, number] };
	});
	// n8n's current execution order, the one the editor gives new workflows (see importWorkflows).
	return { id, name, nodes: laidOut, connections, settings: { executionOrder: 'v1' } };
}

/** Our node with its parameters (defaults filled in by n8n for anything not given). */
export function ocrNode(
	name: string,
	parameters: Record<string, unknown>,
	credential: { id: string; name: string; type: 'huaweiCloudApi' | 'huaweiCloudAkSkApi' },
	extra: Partial<WorkflowNode> = {},
): WorkflowNode {
	return node(
		name,
		OCR_NODE_TYPE,
		1,
		{ operation: 'recognize', authentication: credential.type, ...parameters },
		{ credentials: { [credential.type]: { id: credential.id, name: credential.name } }, ...extra },
	);
}
