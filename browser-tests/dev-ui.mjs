// The Auth Gateway card of the Dev UI, in headless Chromium, against an application in dev mode: the card is there,
// the policy table lists the endpoints, a refusal made from outside shows up, and a revocation made on the page
// is listed (the caller checks that the revoked subject's token now fails).
// Usage: node dev-ui.mjs <base URL> <expected endpoint path> <refused path> <subject to revoke> <screenshot prefix>
import { chromium } from 'playwright-core';

const [base, endpoint, refusedPath, subject, screenshots] = process.argv.slice(2);
const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync'],
});
const seen = {};
const refused = [];
const pending = new Set();
try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.on('response', response => {
        if (response.status() >= 400) refused.push(`${response.status()} ${response.url()}`);
    });
    page.on('request', request => pending.add(request.url()));
    page.on('requestfinished', request => pending.delete(request.url()));
    page.on('requestfailed', request => { pending.delete(request.url()); refused.push(`failed ${request.url()}`); });
    await page.goto(`${base}/q/dev-ui/extensions`, { waitUntil: 'domcontentloaded' });
    const card = page.locator('qwc-extension', { hasText: 'Auth Gateway' }).first();
    await card.waitFor({ timeout: 60000 });
    seen.card = (await card.innerText()).replace(/\s+/g, ' ').trim();
    seen.pages = [];
    for (const title of ['Policy table', 'Issuers and key sets', 'Recent refusals', 'Revocations']) {
        if (await card.getByText(title).count() > 0) seen.pages.push(title);
    }
    await page.screenshot({ path: `${screenshots}-card.png`, timeout: 60000 });

    await card.getByText('Policy table').click();
    await page.getByText(endpoint, { exact: true }).first().waitFor({ timeout: 30000 });
    seen.policyTable = true;
    await page.screenshot({ path: `${screenshots}-policies.png` });

    await page.goto(`${base}/q/dev-ui/extensions`, { waitUntil: 'domcontentloaded' });
    await page.locator('qwc-extension', { hasText: 'Auth Gateway' }).first().getByText('Recent refusals').click();
    const refusal = page.locator('vaadin-grid-cell-content', { hasText: refusedPath }).first();
    await refusal.waitFor({ timeout: 30000 });
    seen.refusals = (await page.locator('qwc-auth-gateway-refusals vaadin-grid-cell-content').allInnerTexts())
        .map(text => text.trim()).filter(text => text).slice(0, 40).join(' | ');
    await page.screenshot({ path: `${screenshots}-refusals.png` });

    await page.goto(`${base}/q/dev-ui/extensions`, { waitUntil: 'domcontentloaded' });
    await page.locator('qwc-extension', { hasText: 'Auth Gateway' }).first().getByText('Revocations').click();
    const revocations = page.locator('qwc-auth-gateway-revocations');
    await revocations.locator('#revoke-id input').fill(subject);
    await revocations.locator('#revoke-reason input').fill('left the team');
    await revocations.locator('#revoke').click();
    await revocations.locator('vaadin-grid-cell-content', { hasText: 'left the team' }).first()
        .waitFor({ timeout: 30000 });
    seen.revoked = subject;
    await page.screenshot({ path: `${screenshots}-revocations.png` });
    console.log(JSON.stringify(seen));
} catch (error) {
    console.error(`failed after ${JSON.stringify(seen)}: ${error.message}`);
    console.error(`refused requests: ${refused.slice(0, 20).join(', ')}`);
    console.error(`unanswered requests: ${[...pending].slice(0, 20).join(', ')}`);
    const page = browser.contexts()[0]?.pages()[0];
    if (page) {
        console.error(`at ${page.url()}`);
        await page.screenshot({ path: `${screenshots}-failure.png`, timeout: 10000 }).catch(() => {});
    }
    process.exitCode = 1;
} finally {
    await browser.close();
}
