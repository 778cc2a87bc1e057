/**
 * `npm run emulator [-- --port 8787 --host 127.0.0.1]`: runs the Kick emulator on its own and
 * prints what a client needs to talk to it. Ctrl-C stops it.
 */
import { parseArgs } from 'node:util';
import { SEED, startKickEmulator } from './index';

async function main(): Promise<void> {
	const { values } = parseArgs({
		options: { port: { type: 'string' }, host: { type: 'string' } },
	});
	const port = values.port === undefined ? 0 : Number(values.port);
	if (!Number.isInteger(port) || port < 0 || port > 65535) {
		throw new Error(`--port must be 0–65535, got ${values.port}`);
	}
	const emulator = await startKickEmulator({ port, host: values.host });
	const userToken = emulator.issueUserToken({ userId: SEED.broadcaster.userId });
	const appToken = emulator.issueAppToken();
	const orgToken = emulator.issueAppToken({ clientId: SEED.orgApp.clientId });

	const lines = [
		`Kick emulator listening on ${emulator.url}`,
		'',
		`  API base URL        ${emulator.url}   (api.kick.com, /public/...)`,
		`  OAuth server URL    ${emulator.url}   (id.kick.com, /oauth/...)`,
		`  Website base URL    ${emulator.url}   (kick.com, /api/...)`,
		`  Public key          ${emulator.url}/public/v1/public-key`,
		`  Live socket         ${emulator.pusher.url}   (Pusher Host for the Kick Chat Trigger; app key ${emulator.pusher.key})`,
		'',
		`  App                 client id ${SEED.app.clientId}   secret ${SEED.app.clientSecret}`,
		`  Redirect URIs       ${emulator.apps[0].redirectUris.join('  ')}`,
		`  Organization app    client id ${SEED.orgApp.clientId}   secret ${SEED.orgApp.clientSecret}`,
		'',
		`  User token (NeonVale, user id ${SEED.broadcaster.userId}, all scopes)`,
		`    access  ${userToken.access_token}`,
		`    refresh ${userToken.refresh_token}`,
		`  App token           ${appToken.access_token}`,
		`  Org app token       ${orgToken.access_token}`,
		'',
		'Ctrl-C to stop.',
	];
	console.log(lines.join('\n'));

	const stop = () => {
		emulator.close().then(
			() => process.exit(0),
			() => process.exit(1),
		);
	};
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
	console.error(error instanceof Error ? error.message : error);
	process.exit(1);
});
