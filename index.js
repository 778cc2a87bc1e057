// n8n reads the node and credential list from package.json ("n8n" section); this entry point
// exposes the same classes for tools that require the package directly.
module.exports = {
	credentials: {
		KickOAuth2Api: require('./dist/credentials/KickOAuth2Api.credentials.js').KickOAuth2Api,
		KickAppOAuth2Api: require('./dist/credentials/KickAppOAuth2Api.credentials.js').KickAppOAuth2Api,
	},
	nodes: {
		Kick: require('./dist/nodes/Kick/Kick.node.js').Kick,
		KickTrigger: require('./dist/nodes/Kick/KickTrigger.node.js').KickTrigger,
		KickPollingTrigger: require('./dist/nodes/Kick/KickPollingTrigger.node.js').KickPollingTrigger,
		KickChatTrigger: require('./dist/nodes/Kick/KickChatTrigger.node.js').KickChatTrigger,
	},
};
