/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev-only code, not shipped: n8n's rules for node code do not apply (README "Verification") */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { manifestProblems, parseGitHubUrl } from '../../scripts/lib/manifest';

const ROOT = join(__dirname, '..', '..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

const REPO = 'https://github.com/acme/n8n-nodes-acme';
const good = (): Record<string, unknown> => ({
	name: 'n8n-nodes-acme',
	keywords: ['n8n-community-node-package'],
	homepage: `${REPO}#readme`,
	repository: { type: 'git', url: `git+${REPO}.git` },
	bugs: { url: `${REPO}/issues` },
});
const without = (manifest: Record<string, unknown>, ...keys: string[]) =>
	Object.fromEntries(Object.entries(manifest).filter(([key]) => !keys.includes(key)));
const PUBLISH =
	'permissions:\n  id-token: write\nsteps:\n  - run: npm publish --provenance --access public\n';

describe('manifestProblems (npm run check:manifest)', () => {
	it("passes this repository's package.json, README and publish workflow", () => {
		expect(
			manifestProblems(JSON.parse(read('package.json')), {
				readme: read('README.md'),
				publishWorkflow: read('.github/workflows/publish.yml'),
			}),
		).toEqual([]);
	});

	it('passes a consistent manifest', () => {
		expect(
			manifestProblems(good(), { readme: `see ${REPO}/issues`, publishWorkflow: PUBLISH }),
		).toEqual([]);
	});

	it('fails without repository, or with a repository npm provenance cannot match', () => {
		expect(manifestProblems(without(good(), 'repository'))).toEqual([
			'no "repository": npm refuses a --provenance publish without repository.url',
		]);
		expect(manifestProblems({ ...good(), repository: 'acme/n8n-nodes-acme' })).toEqual([
			'"repository" must be { "type": "git", "url": "git+https://github.com/<owner>/<repo>.git" }',
		]);
		expect(manifestProblems({ ...good(), repository: { type: 'git' } })).toEqual([
			'repository.url is missing: npm refuses a --provenance publish without it',
		]);
		expect(
			manifestProblems({
				...good(),
				repository: { type: 'git', url: 'https://gitlab.com/acme/n8n-nodes-acme.git' },
			}),
		).toEqual([
			'repository.url https://gitlab.com/acme/n8n-nodes-acme.git is not a GitHub repository URL (https or git): provenance names the GitHub repository the package was built in',
		]);
		expect(manifestProblems({ ...good(), repository: { type: 'svn', url: REPO } })).toEqual([
			'repository.type is "svn", not "git"',
		]);
	});

	it('fails when homepage, bugs or the repository name disagree with repository.url', () => {
		expect(
			manifestProblems({ ...good(), homepage: 'https://www.npmjs.com/package/n8n-nodes-acme' }),
		).toEqual([
			`homepage https://www.npmjs.com/package/n8n-nodes-acme is not in the repository ${REPO}`,
		]);
		expect(
			manifestProblems({
				...good(),
				bugs: { url: 'https://github.com/other/n8n-nodes-acme/issues' },
			}),
		).toEqual([`bugs url https://github.com/other/n8n-nodes-acme/issues is not ${REPO}/issues`]);
		expect(manifestProblems(without(good(), 'homepage', 'bugs'))).toEqual([
			`no "homepage" (expected ${REPO}#readme)`,
			`no "bugs" url (expected ${REPO}/issues)`,
		]);
		expect(manifestProblems({ ...good(), name: 'n8n-nodes-other' })).toEqual([
			`repository ${REPO} is not named like the package (n8n-nodes-other)`,
		]);
	});

	it("fails on a name, keyword or private flag n8n's verification or npm would refuse", () => {
		expect(
			manifestProblems({ ...good(), name: 'acme-nodes', keywords: [], private: true }),
		).toEqual([
			'name "acme-nodes" is not an n8n community package name (n8n-nodes-… or @scope/n8n-nodes-…)',
			'keywords do not include "n8n-community-node-package"',
			'"private": true: npm refuses to publish it',
			`repository ${REPO} is not named like the package (acme-nodes)`,
		]);
		expect(manifestProblems({ ...good(), name: '@acme/n8n-nodes-acme' })).toEqual([]);
	});

	it('fails on README links to another owner or copy of the repository, not on links to other projects', () => {
		const readme = [
			`${REPO}/blob/main/docs/x.md`,
			'https://github.com/acme/n8n-nodes-acmee',
			'https://github.com/someone/n8n-nodes-acme',
			'https://github.com/n8n-io/n8n',
		].join('\n');
		expect(manifestProblems(good(), { readme })).toEqual([
			`README links to https://github.com/acme/n8n-nodes-acmee, not to the repository ${REPO}`,
			`README links to https://github.com/someone/n8n-nodes-acme, not to the repository ${REPO}`,
		]);
	});

	it('fails on a publish workflow without the OIDC token or --provenance', () => {
		expect(
			manifestProblems(good(), {
				publishWorkflow:
					'permissions:\n  contents: read\nsteps:\n  - run: npm publish --access public\n',
			}),
		).toEqual([
			'the publish workflow does not grant `id-token: write` (the provenance signature)',
			'the publish workflow does not run `npm publish --provenance`',
		]);
	});
});

describe('parseGitHubUrl', () => {
	it.each([
		['git+https://github.com/acme/n8n-nodes-acme.git'],
		['https://github.com/acme/n8n-nodes-acme'],
		['git://github.com/acme/n8n-nodes-acme.git'],
		['git+ssh://git@github.com/acme/n8n-nodes-acme.git'],
	])('reads %s', (url) => {
		expect(parseGitHubUrl(url)).toEqual({ owner: 'acme', repo: 'n8n-nodes-acme', url: REPO });
	});

	it.each([
		['https://gitlab.com/acme/n8n-nodes-acme'],
		['https://github.com/acme'],
		['https://github.com/acme/n8n-nodes-acme/tree/main'],
		['github:acme/n8n-nodes-acme'],
	])('rejects %s', (url) => {
		expect(parseGitHubUrl(url)).toBeUndefined();
	});
});
