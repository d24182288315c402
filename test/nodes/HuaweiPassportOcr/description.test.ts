/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev-only code, not shipped: n8n's rules for node code do not apply (README "Verification") */
/** The node description as n8n reads it: defaults resolve, icons and codex exist, rules of the package. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NodeHelpers } from 'n8n-workflow';
import type { INode, INodeProperties } from 'n8n-workflow';

import { HuaweiCloudAkSkApi } from '../../../credentials/HuaweiCloudAkSkApi.credentials';
import { HuaweiCloudApi } from '../../../credentials/HuaweiCloudApi.credentials';
import { HuaweiPassportOcr } from '../../../nodes/HuaweiPassportOcr/HuaweiPassportOcr.node';

const NODE_DIR = join(__dirname, '../../../nodes/HuaweiPassportOcr');
const description = new HuaweiPassportOcr().description;

function allProperties(properties: INodeProperties[]): INodeProperties[] {
	return properties.flatMap((property) => [
		property,
		...allProperties(
			((property.options ?? []) as INodeProperties[]).filter(
				(option) => 'displayName' in option && 'type' in option,
			),
		),
	]);
}

describe('node description', () => {
	it('is the node the package registers', () => {
		expect(description).toMatchObject({
			name: 'huaweiPassportOcr',
			displayName: 'Huawei Passport OCR',
			usableAsTool: true,
			version: 1,
		});
		const pkg = JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8'));
		expect(pkg.n8n.nodes).toContain('dist/nodes/HuaweiPassportOcr/HuaweiPassportOcr.node.js');
		const codex = JSON.parse(readFileSync(join(NODE_DIR, 'HuaweiPassportOcr.node.json'), 'utf8'));
		expect(codex.node).toBe(`${pkg.name}.huaweiPassportOcr`);
		expect(codex.categories).not.toContain('Core Nodes');
		for (const category of codex.categories) expect(category).not.toMatch(/logic|flow/i);
	});

	it('has its icons', () => {
		const icon = description.icon as { light: string; dark: string };
		for (const file of [icon.light, icon.dark]) {
			const path = join(NODE_DIR, file.replace(/^file:/, ''));
			expect(existsSync(path)).toBe(true);
			expect(readFileSync(path, 'utf8')).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
		}
		expect(icon.light).not.toBe(icon.dark);
	});

	it('resolves every default the way n8n does, for both operations', () => {
		for (const operation of ['recognize', 'parseMrz']) {
			const node = { parameters: { operation } } as unknown as INode;
			const parameters = NodeHelpers.getNodeParameters(
				description.properties,
				{ operation },
				true,
				false,
				node,
				description,
			);
			expect(parameters).toMatchObject({ operation, confidenceMode: 'flag' });
			if (operation === 'recognize') {
				expect(parameters).toMatchObject({
					authentication: 'huaweiCloudApi',
					imageSource: 'binaryData',
					binaryPropertyName: 'data',
				});
			} else {
				expect(parameters).not.toHaveProperty('imageSource');
			}
		}
	});

	it('every options parameter defaults to one of its options', () => {
		for (const property of allProperties(description.properties)) {
			if (property.type !== 'options') continue;
			const values = (property.options as Array<{ value: unknown }>).map((option) => option.value);
			expect(values).toContain(property.default);
		}
	});

	it('asks for a credential only to recognize, the one chosen', () => {
		for (const credential of description.credentials ?? []) {
			expect(credential.displayOptions?.show?.operation).toEqual(['recognize']);
			expect(credential.displayOptions?.show?.authentication).toEqual([credential.name]);
		}
		// The Authentication choices are the credential types the package registers.
		const authentication = description.properties.find(
			(property) => property.name === 'authentication',
		);
		const choices = (authentication?.options as Array<{ value: unknown }>).map(
			(option) => option.value,
		);
		expect(choices.sort()).toEqual(
			[new HuaweiCloudApi().name, new HuaweiCloudAkSkApi().name].sort(),
		);
		expect(description.credentials?.map((credential) => credential.name).sort()).toEqual(
			choices.sort(),
		);
	});
});
