/**
 * The node's dependency rules (docs/architecture.md, "One-way dependencies"), checked by
 * `npm run lint:deps` over nodes/ and credentials/. Any violation is an error: the command exits
 * non-zero.
 */
const NODE = '^nodes/HuaweiPassportOcr/';
const SEAM = `${NODE}credentialsSeam[.]ts$`;

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
	forbidden: [
		{
			name: 'no-circular',
			severity: 'error',
			comment: 'No import cycle between files: every dependency points one way.',
			from: {},
			to: { circular: true },
		},
		{
			name: 'transport-is-the-bottom',
			severity: 'error',
			comment: 'transport/ talks HTTP and knows nothing of the helpers or the actions above it.',
			from: { path: `${NODE}transport/` },
			to: { path: `${NODE}(helpers|actions)/` },
		},
		{
			name: 'helpers-below-actions',
			severity: 'error',
			comment: 'helpers/ never reach up into actions/ (parameters are read only in actions/).',
			from: { path: `${NODE}helpers/` },
			to: { path: `${NODE}actions/` },
		},
		{
			name: 'engines-stand-alone',
			severity: 'error',
			comment:
				'The pure engines (mrz/, pdf/, image/) import nothing outside themselves: no n8n, no node helpers.',
			from: { path: `${NODE}(mrz|pdf|image)/` },
			to: { pathNot: [`${NODE}$1/`] },
		},
		{
			name: 'credentials-through-the-seam',
			severity: 'error',
			comment:
				'Node code reaches credentials/common/ through one file (credentialsSeam.ts), so what the node borrows from the credentials is listed in one place.',
			from: { path: NODE, pathNot: SEAM },
			to: { path: '^credentials/' },
		},
		{
			name: 'credentials-know-no-node',
			severity: 'error',
			comment: 'The credentials stand on their own: they import nothing of the node.',
			from: { path: '^credentials/' },
			to: { path: '^nodes/' },
		},
		{
			name: 'only-allowed-packages',
			severity: 'error',
			comment:
				'Verified community nodes may import n8n-workflow and a few node built-ins only (no runtime dependencies).',
			from: { path: '^(nodes|credentials)/' },
			to: {
				dependencyTypesNot: ['local'],
				pathNot: ['^(node_modules/)?n8n-workflow(/|$)', '^(node:)?crypto$'],
			},
		},
	],
	options: {
		doNotFollow: { path: 'node_modules' },
		exclude: { path: '^(dist|test)/' },
		tsPreCompilationDeps: true,
		tsConfig: { fileName: 'tsconfig.json' },
		enhancedResolveOptions: {
			exportsFields: ['exports'],
			conditionNames: ['import', 'require', 'node', 'default', 'types'],
			mainFields: ['module', 'main', 'types', 'typings'],
		},
	},
};
