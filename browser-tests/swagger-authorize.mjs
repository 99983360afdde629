// Swagger UI against the running demo, in headless Chromium, as a person uses it: an operation tried without
// credentials shows the gateway's 401; after "Authorize" with a Bearer token and a Basic user, operations show 200.
// (The anonymous try is on a Bearer route: a Basic challenge to a fetch makes the browser ask for a password itself.)
// Usage: node swagger-authorize.mjs <base URL> <token> <user> <password> <screenshot path>
import { chromium } from 'playwright-core';

const [base, token, user, password, screenshot] = process.argv.slice(2);
const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync'],
});
const seen = {};
const failures = [];
try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${base}/q/swagger-ui/`);

    async function tryOut(path) {
        const operation = page.locator('.opblock', { has: page.locator(`.opblock-summary-path[data-path="${path}"]`) });
        const execute = operation.getByRole('button', { name: 'Execute' });
        if (!(await execute.isVisible())) {
            if (!(await operation.locator('.opblock-body').isVisible())) {
                await operation.locator('.opblock-summary').click();
            }
            await operation.getByRole('button', { name: 'Try it out' }).click();
        }
        await execute.click();
        const status = operation.locator('.live-responses-table tr.response .response-col_status').first();
        await status.waitFor({ timeout: 15000 });
        const text = (await status.innerText()).trim();
        const body = (await operation.locator('.live-responses-table tr.response .response-col_description').first().innerText());
        await operation.getByRole('button', { name: 'Clear' }).click();
        return { status: text.split(/\s/)[0], body };
    }

    async function authorize(fill) {
        await page.locator('.auth-wrapper .authorize').click();
        await fill(page.locator('.modal-ux'));
        await page.locator('.modal-ux .close-modal').click();
    }

    seen.anonymous = await tryOut('/api/orders');
    if (seen.anonymous.status !== '401' || !seen.anonymous.body.includes('missing_credentials')) {
        failures.push(`without credentials: ${JSON.stringify(seen.anonymous)}`);
    }
    await authorize(async modal => {
        await modal.getByLabel('auth-bearer-value').fill(token);
        await modal.locator('.auth-container', { has: page.locator('#auth-bearer-value') })
            .getByRole('button', { name: 'Apply credentials' }).click();
        await modal.getByLabel('auth-basic-username').fill(user);
        await modal.getByLabel('auth-basic-password').fill(password);
        await modal.locator('.auth-container', { has: page.locator('#auth-basic-username') })
            .getByRole('button', { name: 'Apply credentials' }).click();
    });
    seen.bearer = await tryOut('/api/orders');
    if (seen.bearer.status !== '200') failures.push(`Bearer after Authorize: ${JSON.stringify(seen.bearer)}`);
    seen.basic = await tryOut('/api/admin/stats');
    if (seen.basic.status !== '200') failures.push(`Basic after Authorize: ${JSON.stringify(seen.basic)}`);
    await page.screenshot({ path: screenshot });
    console.log(JSON.stringify(seen));
} finally {
    await browser.close();
}
if (failures.length) {
    console.error(failures.join('\n'));
    process.exit(1);
}
