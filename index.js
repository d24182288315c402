// The repository's entry point of the n8n-nodes-starter layout. n8n loads the nodes and credentials
// listed in package.json's "n8n" section, so there is nothing to export, and the published tarball
// ("files": ["dist/nodes", "dist/credentials"], no "main") leaves this file out.
module.exports = {};
