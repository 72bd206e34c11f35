import { startBaseline } from './baseline-app.js';
const b = await startBaseline();
console.log(b.baseUrl);
process.on('SIGTERM', () => { void b.close().then(() => process.exit(0)); });
