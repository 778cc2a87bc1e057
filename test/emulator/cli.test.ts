import { spawn } from 'node:child_process';
import { join } from 'node:path';
import axios from 'axios';

const ROOT = join(__dirname, '..', '..');

it('npm run emulator prints its URL and credentials, serves, and exits 0 on SIGINT', async () => {
	const child = spawn(
		process.execPath,
		['-r', 'ts-node/register/transpile-only', join(__dirname, 'cli.ts'), '--port', '0'],
		{ cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
	);
	let output = '';
	child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
	const url = await new Promise<string>((resolve, reject) => {
		child.stdout.on('data', (chunk: Buffer) => {
			output += chunk.toString();
			const match = /listening on (http:\/\/\S+)/.exec(output);
			if (match && output.includes('Ctrl-C')) resolve(match[1]);
		});
		child.on('exit', (code) => reject(new Error(`exited early (${code}): ${output}`)));
	});
	expect(output).toContain('kick-test-client');
	expect(output).toContain('kick-test-secret');
	const token = /access\s+(\S+)/.exec(output)?.[1];
	const me = await axios.get(`${url}/public/v1/users`, { headers: { Authorization: `Bearer ${token}` } });
	expect(me.data.data[0].name).toBe('NeonVale');

	const exit = new Promise<number | null>((resolve) => child.on('exit', resolve));
	child.kill('SIGINT');
	expect(await exit).toBe(0);
}, 30_000);
