import { packageTestConfig } from '../../vitest.shared.js';

// Process-level tests spawn the built CLI, so the global setup builds it first.
export default packageTestConfig('agent', { globalSetup: ['tests/global-setup.ts'] });
