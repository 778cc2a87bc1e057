// Copies the files tsc does not emit (icons and codex metadata) into dist/, keeping their paths.
const { src, dest, task } = require('gulp');

task('build:assets', () =>
	src(['nodes/**/*.svg', 'nodes/**/*.node.json', 'credentials/**/*.svg'], { base: '.' }).pipe(dest('dist')),
);
