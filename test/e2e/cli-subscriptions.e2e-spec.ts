import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startApp, type RunningApp } from '../support/app-harness.js';
import { regtl } from '../support/regtl.js';
import { Receiver } from '../webhooks/receiver.js';

/** `regtl subscriptions create | list | test | rotate` against a server with a local receiver (WEBHOOK_ALLOW_PRIVATE=true). */
describe('regtl subscriptions', () => {
  let app: RunningApp;
  const receiver = new Receiver();
  beforeAll(async () => {
    process.env.WEBHOOK_ALLOW_PRIVATE = 'true';
    app = await startApp();
    await receiver.start();
  });
  afterAll(async () => {
    delete process.env.WEBHOOK_ALLOW_PRIVATE;
    await app?.stop();
    await receiver.stop();
  });

  it('creates, lists, tests (a signed webhook.test the receiver verifies) and rotates a subscription', async () => {
    const url = ['--url', app.baseUrl];
    const created = await regtl(['subscriptions', 'create', receiver.url, '-t', 'InstitutionsBanned', '-j', 'CN-GD,CN-ZJ', '--description', 'cli', '--json', ...url]);
    expect(created.code).toBe(0);
    const subscription = JSON.parse(created.stdout) as { id: string; secret: string };
    expect(subscription).toMatchObject({ url: receiver.url, jurisdictions: ['CN-GD', 'CN-ZJ'], description: 'cli', secret: expect.stringMatching(/^whsec_/) });
    receiver.secrets.push(subscription.secret);

    const listed = await regtl(['subscriptions', 'list', ...url]);
    expect(listed).toMatchObject({ code: 0 });
    expect(listed.stdout).toContain(`${subscription.id}  active  ${receiver.url}`);
    expect(listed.stdout).not.toContain(subscription.secret);
    // a page of one at a time: the list follows each page's `next` to the end, oldest first
    const second = JSON.parse((await regtl(['subscriptions', 'create', receiver.url, '--description', 'second', '--json', ...url])).stdout) as { id: string; secret: string };
    receiver.secrets.push(second.secret);
    const paged = await regtl(['subscriptions', 'list', '--limit', '1', '--json', ...url]);
    expect(JSON.parse(paged.stdout).subscriptions.map((s: { id: string }) => s.id)).toStrictEqual([subscription.id, second.id]);
    expect((await regtl(['subscriptions', 'list', '--limit', '0', ...url])).code).toBe(2);

    const tested = await regtl(['subscriptions', 'test', subscription.id, ...url]);
    expect(tested).toMatchObject({ code: 0, stdout: expect.stringMatching(/^webhook\.test msg_test_\S+ to subscription \S+: HTTP 204 in \d+ ms/) });
    expect(receiver.deliveries.at(-1)).toMatchObject({ payload: { type: 'webhook.test' }, verifiedWith: [subscription.secret] });

    receiver.respond = () => 500;
    const refused = await regtl(['subscriptions', 'test', subscription.id, ...url]);
    expect(refused).toMatchObject({ code: 1, stdout: expect.stringContaining('HTTP 500'), stderr: expect.stringContaining('did not accept the test event') });

    const rotated = await regtl(['subscriptions', 'rotate', subscription.id, ...url]);
    expect(rotated.code).toBe(0);
    expect(rotated.stdout).toMatch(/signing secret \(shown once, keep it\): whsec_/);
    expect(rotated.stdout).not.toContain(subscription.secret);

    const missing = await regtl(['subscriptions', 'test', 'no-such-subscription', ...url]);
    expect(missing).toMatchObject({ code: 2, stderr: expect.stringContaining('HTTP 404') });
  });
});
