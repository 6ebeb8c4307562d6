// In the server's tests an unhandled rejection is a failure of the test that caused it: in the
// real server it would stop the process (Node's default), so it is never merely noise here.
import { afterEach } from 'vitest';

const unhandled: unknown[] = [];
process.on('unhandledRejection', (reason) => unhandled.push(reason));

afterEach(async () => {
  // Rejections of this test's last promises surface a tick or two after it ends.
  await new Promise((resolve) => setImmediate(resolve));
  if (unhandled.length === 0) return;
  const reasons = unhandled.splice(0).map((reason) => (reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)));
  throw new Error(`Unhandled rejection (it would stop the server):\n${reasons.join('\n')}`);
});
