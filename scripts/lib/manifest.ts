/**
 * What a provenance publish and n8n's verification need from package.json, checked offline
 * (`npm run check:manifest`, in `npm run lint`; scripts/checkManifest.ts):
 * - `npm publish --provenance` is refused (E422) unless package.json's repository.url names the GitHub
 *   repository the workflow runs in, so repository must be { type: "git", url: <a GitHub URL> };
 * - homepage and bugs point at that same repository, and so does every README link to it (same owner
 *   or same repository name), so users and npm's page land in one place;
 * - the repository is named like the package; the name has n8n's `n8n-nodes-` prefix and the keywords
 *   n8n's `n8n-community-node-package`; the package is not private;
 * - the publish workflow asks for an OIDC token (`id-token: write`) and publishes with `--provenance`.
 */

export interface GitHubRepository {
	owner: string;
	repo: string;
	/** https://github.com/<owner>/<repo> */
	url: string;
}

const GITHUB_REPOSITORY_URL =
	/^(?:git\+https:\/\/|https:\/\/|git:\/\/|git\+ssh:\/\/git@|ssh:\/\/git@)github\.com[/:]([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))\/([A-Za-z0-9._-]+?)(?:\.git)?\/?$/;
const PACKAGE_NAME = /^(?:@[a-z0-9-~][a-z0-9-._~]*\/)?n8n-nodes-[a-z0-9-._~]+$/;
const COMMUNITY_PACKAGE_TAG = 'n8n-community-node-package';

/** The GitHub repository a repository.url names, or undefined if it names none. */
export function parseGitHubUrl(url: string): GitHubRepository | undefined {
	const match = GITHUB_REPOSITORY_URL.exec(url.trim());
	if (!match) return undefined;
	const [, owner, repo] = match;
	return { owner, repo, url: `https://github.com/${owner}/${repo}` };
}

function sameRepository(url: string, repository: GitHubRepository): boolean {
	const prefix = repository.url.toLowerCase();
	const candidate = url.trim().toLowerCase();
	return (
		candidate === prefix || candidate.startsWith(`${prefix}#`) || candidate.startsWith(`${prefix}/`)
	);
}

/**
 * Every problem found (an empty list = the fields agree). `readme` and `publishWorkflow` are the texts
 * of README.md and .github/workflows/publish.yml; left out, they are not checked.
 */
export function manifestProblems(
	manifest: Record<string, unknown>,
	texts: { readme?: string; publishWorkflow?: string } = {},
): string[] {
	const problems: string[] = [];
	const name = typeof manifest.name === 'string' ? manifest.name : '';
	if (!PACKAGE_NAME.test(name))
		problems.push(
			`name "${name}" is not an n8n community package name (n8n-nodes-… or @scope/n8n-nodes-…)`,
		);
	const keywords = Array.isArray(manifest.keywords) ? manifest.keywords : [];
	if (!keywords.includes(COMMUNITY_PACKAGE_TAG))
		problems.push(`keywords do not include "${COMMUNITY_PACKAGE_TAG}"`);
	if (manifest.private === true) problems.push('"private": true: npm refuses to publish it');

	const repositoryField = manifest.repository;
	let repository: GitHubRepository | undefined;
	if (repositoryField === undefined) {
		problems.push('no "repository": npm refuses a --provenance publish without repository.url');
	} else if (typeof repositoryField !== 'object' || repositoryField === null) {
		problems.push(
			'"repository" must be { "type": "git", "url": "git+https://github.com/<owner>/<repo>.git" }',
		);
	} else {
		const { type, url } = repositoryField as Record<string, unknown>;
		if (type !== 'git') problems.push(`repository.type is ${JSON.stringify(type)}, not "git"`);
		if (typeof url !== 'string') {
			problems.push('repository.url is missing: npm refuses a --provenance publish without it');
		} else {
			repository = parseGitHubUrl(url);
			if (!repository)
				problems.push(
					`repository.url ${url} is not a GitHub repository URL (https or git): provenance names the GitHub repository the package was built in`,
				);
		}
	}
	if (!repository) return problems;

	const unscoped = name.replace(/^@[^/]+\//, '');
	if (repository.repo.toLowerCase() !== unscoped.toLowerCase())
		problems.push(`repository ${repository.url} is not named like the package (${unscoped})`);

	const homepage = manifest.homepage;
	if (typeof homepage !== 'string')
		problems.push(`no "homepage" (expected ${repository.url}#readme)`);
	else if (!sameRepository(homepage, repository))
		problems.push(`homepage ${homepage} is not in the repository ${repository.url}`);

	const bugs = manifest.bugs;
	const bugsUrl =
		typeof bugs === 'string' ? bugs : (bugs as Record<string, unknown> | undefined)?.url;
	const expectedBugs = `${repository.url}/issues`;
	if (typeof bugsUrl !== 'string') problems.push(`no "bugs" url (expected ${expectedBugs})`);
	else if (bugsUrl.toLowerCase() !== expectedBugs.toLowerCase())
		problems.push(`bugs url ${bugsUrl} is not ${expectedBugs}`);

	if (texts.readme !== undefined) {
		for (const [link, owner, repo] of texts.readme.matchAll(
			/https:\/\/github\.com\/([A-Za-z0-9-]+)\/([A-Za-z0-9._-]+)/g,
		)) {
			const ours =
				owner.toLowerCase() === repository.owner.toLowerCase() ||
				repo.replace(/\.git$/, '').toLowerCase() === repository.repo.toLowerCase();
			if (ours && !sameRepository(link, repository))
				problems.push(`README links to ${link}, not to the repository ${repository.url}`);
		}
	}

	if (texts.publishWorkflow !== undefined) {
		if (!/^\s*id-token:\s*write\b/m.test(texts.publishWorkflow))
			problems.push(
				'the publish workflow does not grant `id-token: write` (the provenance signature)',
			);
		if (!/npm publish\b[^\n]*--provenance/.test(texts.publishWorkflow))
			problems.push('the publish workflow does not run `npm publish --provenance`');
	}
	return problems;
}
