// What a person sees when the demo refuses a page, in headless Chromium: a navigation shows the gateway's page in
// plain words with the same status and challenges, a fetch from that page gets the JSON answer, the page's sign-in
// link leads back to the page after signing in, and the sign-in page never sends the browser to another site.
// Usage: node refusal-page.mjs <base URL> <token that lacks a step-up> <screenshot path>
import { chromium } from 'playwright-core';

const [base, weakToken, screenshot] = process.argv.slice(2);
const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync'],
});
const seen = {};
const failures = [];
const expect = (what, condition, detail) => { if (!condition) failures.push(`${what}: ${JSON.stringify(detail)}`); };

async function visit(context, path, headers = {}) {
    const page = await context.newPage();
    await page.setExtraHTTPHeaders(headers);
    const response = await page.goto(`${base}${path}`);
    const link = page.locator('a.action');
    return {
        page,
        status: response.status(),
        type: response.headers()['content-type'],
        challenges: (await response.headerValues('www-authenticate')),
        heading: await page.getByRole('heading', { level: 1 }).innerText(),
        text: await page.locator('main').innerText(),
        link: (await link.count()) ? { name: await link.innerText(), href: await link.getAttribute('href') } : null,
        scripts: await page.locator('script').count(),
        url: page.url(),
    };
}

try {
    const anonymous = await browser.newContext();

    // 1. a Bearer-only page opened in the browser: the page, and the same answer as for an API client otherwise
    const orders = await visit(anonymous, '/api/orders');
    seen.orders = { ...orders, page: undefined };
    expect('status', orders.status === 401, orders.status);
    expect('content type', orders.type === 'text/html; charset=utf-8', orders.type);
    expect('challenge', orders.challenges.length === 1 && orders.challenges[0].startsWith('Bearer realm="demo"')
        && orders.challenges[0].includes('resource_metadata='), orders.challenges);
    expect('heading', orders.heading === 'Sign in to continue', orders.heading);
    expect('link', orders.link && orders.link.name === 'Sign in' && orders.link.href === '/login?return_to=%2Fapi%2Forders',
        orders.link);
    expect('no script', orders.scripts === 0, orders.scripts);
    await orders.page.screenshot({ path: screenshot });

    // 2. a fetch from a page of the application: JSON, never HTML or a redirect (the refusal page itself allows no
    // script and no connection: default-src 'none')
    const app = await anonymous.newPage();
    await app.goto(`${base}/api/public/hello`);
    seen.fetch = await app.evaluate(async () => {
        const response = await fetch('/api/orders');
        return { status: response.status, type: response.headers.get('content-type'), body: await response.json(),
            redirected: response.redirected };
    });
    expect('fetch', seen.fetch.status === 401 && seen.fetch.type === 'application/problem+json' && !seen.fetch.redirected
        && seen.fetch.body.code === 'missing_credentials' && seen.fetch.body.action === 'authenticate'
        && seen.fetch.body.instance === '/api/orders', seen.fetch);

    // 3. a valid token without the step-up the export needs
    const exported = await visit(anonymous, '/api/orders/export', { Authorization: `Bearer ${weakToken}` });
    seen.stepUp = { ...exported, page: undefined };
    expect('step-up', exported.status === 401 && exported.heading === 'Confirm it is you'
        && exported.challenges[0].includes('error="insufficient_user_authentication"')
        && exported.challenges[0].includes('acr_values="mfa", max_age="300"')
        && exported.link.href === '/login?return_to=%2Fapi%2Forders%2Fexport&acr_values=mfa&max_age=300', seen.stepUp);

    // 4. signed in as someone who may not see the page
    const bob = await browser.newContext({ httpCredentials: { username: 'bob', password: 'bob-secret' } });
    const stats = await visit(bob, '/api/admin/stats');
    seen.forbidden = { ...stats, page: undefined };
    expect('forbidden', stats.status === 403 && stats.heading === 'You do not have access to this page'
        && stats.link.name === 'Sign in as someone else' && !stats.text.includes('bob'), seen.forbidden);

    // 5. "sign in as someone else": the browser signs in as an admin, then lands on the page it was refused
    // (an anonymous navigation to a Basic page would get the browser's own password dialog first)
    const alice = await browser.newContext({ httpCredentials: { username: 'alice', password: 'alice-secret' } });
    const signedIn = await alice.newPage();
    const landed = await signedIn.goto(`${base}${stats.link.href}`);
    seen.signIn = { status: landed.status(), url: signedIn.url(), text: await signedIn.innerText('body') };
    expect('sign-in returns', landed.status() === 200 && signedIn.url() === `${base}/api/admin/stats`, seen.signIn);

    // 6. the sign-in page as an open redirect: refused, whatever the spelling
    seen.redirects = [];
    for (const target of ['https://evil.example/', '//evil.example/', '/\\evil.example/', '/%2F/evil.example']) {
        const page = await alice.newPage();
        let requestedElsewhere = false;
        page.on('request', request => { if (!request.url().startsWith(base)) requestedElsewhere = true; });
        const landed = await page.goto(`${base}/login?return_to=${encodeURIComponent(target)}`);
        seen.redirects.push({ target, url: page.url(), status: landed.status(), requestedElsewhere });
        expect(`return_to ${target}`, page.url().startsWith(base) && !requestedElsewhere, seen.redirects.at(-1));
    }
} catch (e) {
    failures.push(String(e && e.stack || e));
} finally {
    await browser.close();
}
console.log(JSON.stringify(seen));
if (failures.length > 0) {
    console.error(failures.join('\n'));
    process.exit(1);
}
