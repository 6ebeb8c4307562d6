// 1,000 predictions queued, the server SIGKILLed, a restart: each ends with exactly one terminal
// result, none lost, the few the kill cut off run again (attempts recorded), and a worker the
// dead server left behind is killed at start. About 20 s: a real process, started twice.
import { describe, expect, it } from 'vitest';
import { freePort } from './free-port';
import { runCrashScenario } from './prediction-crash-scenario';

describe('async predictions across a crash', () => {
  it('1,000 queued, SIGKILL, restart: every one ends exactly once, none lost', async () => {
    const result = await runCrashScenario({ count: 1000, port: await freePort(), replicas: 2 });
    // The kill came while most still waited: the restart had real work to recover.
    expect(result.waitingAtKill, JSON.stringify(result)).toBeGreaterThan(100);
    expect(result.distinctIds).toBe(1000);
    expect(result.rows).toBe(1000);
    expect(result.succeeded + result.failed).toBe(1000);
    expect(result.failed).toBe(0);
    expect(result.wrongResults).toBe(0);
    // At most the two running when the kill came ran again, once more each.
    expect(result.rerun).toBeLessThanOrEqual(2);
    expect(result.maxAttempts).toBeLessThanOrEqual(2);
    expect(result.orphanKilled).toBe(true);
  }, 180_000);
});
