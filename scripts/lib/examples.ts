/* eslint-disable @n8n/community-nodes/no-restricted-imports -- dev-only code, not shipped: n8n's rules for node code do not apply (README "Verification") */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CredentialExport, WorkflowExport } from '../../test/e2e/lib/n8n';
import { EXAMPLES_DIR } from '../../test/e2e/lib/paths';
import { OCR_NODE_TYPE } from '../../test/e2e/lib/workflowBuilder';

/**
 * The node types in the example files are what n8n calls them once the package is installed from
 * npm: `n8n-nodes-huawei-ocr.huaweiPassportOcr` (and `…Tool` when an AI agent uses it as a tool).
 * Loaded through N8N_CUSTOM_EXTENSIONS, the prefix is `CUSTOM.` instead.
 */
export const PUBLISHED_PREFIX = 'n8n-nodes-huawei-ocr.';
const CUSTOM_PREFIX = `${OCR_NODE_TYPE.split('.')[0]}.`;

/** Placeholders the example files carry; the demo replaces them with its own folders and URLs. */
export const PLACEHOLDERS = {
	passportsDir: '/data/passports',
	outputDir: '/data/output',
	imageUrl: 'https://example.com/passport.jpg',
} as const;

export const EXAMPLE_FILES = {
	folderToCsv: 'passport-folder-to-csv.json',
	byUrl: 'passport-by-url.json',
	oneFile: 'passport-one-file.json',
	agentTool: 'passport-ai-agent-tool.json',
} as const;

type ExampleNode = Record<string, unknown> & { type: string; parameters: Record<string, unknown> };

export interface ExampleAdaptation {
	credential: CredentialExport;
	/** Placeholder → value, applied to every string parameter. */
	replacements: Array<[string, string]>;
}

function replaceInStrings(value: unknown, replacements: Array<[string, string]>): unknown {
	if (typeof value === 'string')
		return replacements.reduce((text, [from, to]) => text.split(from).join(to), value);
	if (Array.isArray(value)) return value.map((entry) => replaceInStrings(entry, replacements));
	if (value && typeof value === 'object') {
		return Object.fromEntries(
			Object.entries(value).map(([key, entry]) => [key, replaceInStrings(entry, replacements)]),
		);
	}
	return value;
}

/**
 * Loads an example workflow and fits it to a local n8n that loads the package through
 * N8N_CUSTOM_EXTENSIONS: the CUSTOM. node types, the given credential, and local paths/URLs.
 */
export function loadExample(file: string, adaptation: ExampleAdaptation): WorkflowExport {
	const example = JSON.parse(readFileSync(join(EXAMPLES_DIR, file), 'utf8')) as WorkflowExport;
	const { credential } = adaptation;
	const nodes = (example.nodes as ExampleNode[]).map((node) => {
		const parameters = replaceInStrings(node.parameters, adaptation.replacements) as Record<
			string,
			unknown
		>;
		if (!node.type.startsWith(PUBLISHED_PREFIX)) return { ...node, parameters };
		return {
			...node,
			type: CUSTOM_PREFIX + node.type.slice(PUBLISHED_PREFIX.length),
			parameters: { ...parameters, authentication: credential.type },
			credentials: { [credential.type]: { id: credential.id, name: credential.name } },
		};
	});
	return { ...example, nodes };
}
