// `tsc` (tsconfig.json, the config `n8n-node build` compiles with too) emits the .js and the codex files
// (*.node.json). gulp does the one step left: copy the node's and the credentials' icons next to them.
// (`n8n-node build` copies every PNG/SVG of the repository into dist/, screenshots and test images too.)
const { src, dest, task } = require('gulp');

task('build:icons', () =>
	src(['nodes/**/*.{png,svg}', 'credentials/**/*.{png,svg}'], {
		base: '.',
		encoding: false,
	}).pipe(dest('dist')),
);
