// Removes dist/ so a build never ships or lints files left over from deleted sources.
'use strict';
require('node:fs').rmSync(require('node:path').join(__dirname, '..', 'dist'), { recursive: true, force: true });
