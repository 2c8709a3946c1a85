import { config } from '@n8n/node-cli/eslint';
import { globalIgnores } from 'eslint/config';

// n8n's community-node rules (no fs/process/child_process, no runtime dependencies) apply to the
// n8n package: nodes/, credentials/ and package.json. The sidecar is a separate server package
// (its own workspace) and the tests, benchmarks and CI scripts drive it, so they are outside these
// rules; build/ holds the staged packages.
export default [globalIgnores(['sidecar/', 'test/', 'bench/', 'scripts/', 'examples/', 'build/', 'docker/', 'docs/', '.ci/']), ...config];
