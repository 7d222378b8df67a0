// What the browser journeys share: Chromium driven by playwright-core, an accessibility check
// (axe-core) on every page a journey loads, the development mailbox (.eml files), keyboard
// helpers, a PDF to upload and a reader of downloads.
//
// A journey moves between pages only through `Actor.visit` and `Actor.navigates`, which check
// the page they land on; after each step the runner calls `Actor.settle`, which fails when a page
// was loaded some other way (so unchecked), when a script of the page threw, when the page broke
// its Content Security Policy, or when one of its resources failed to load.

import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { setTimeout as delay } from 'node:timers/promises';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);

// How long one action or wait may take (a click, a navigation, a selector to appear).
export const ACTION_TIMEOUT_MS = 15_000;

// The WCAG 2.1 A and AA rules of axe-core.
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
// The impacts that fail a page.
const BLOCKING_IMPACTS = new Set(['serious', 'critical']);
// Evaluated through the DevTools protocol rather than added as a <script>: Vivier's Content
// Security Policy refuses inline scripts, and the tests keep it on.
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

// A failed expectation, with a message in the words of the journey.
export class JourneyError extends Error {}

// Fails with `message` unless `condition` holds.
export function expect(condition, message) {
  if (!condition) {
    throw new JourneyError(message);
  }
}

// Headless Chromium at `executablePath` (we run as root: no sandbox).
export async function launch(executablePath) {
  return chromium.launch({
    executablePath,
    headless: true,
    args: ['--no-sandbox'],
    timeout: 60_000,
  });
}

// The width at which pages are checked a second time: WCAG 2.1's reflow width (1.4.10), where
// menus fold and wide content scrolls.
export const NARROW_WIDTH = 320;

// Waits until the page has laid itself out again (two animation frames).
async function repainted(page) {
  await page.evaluate(
    () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))),
  );
}

// Runs axe-core's WCAG 2.1 A/AA rules on `page`, at its width and at `NARROW_WIDTH`; fails on
// any serious or critical violation, with one line per element (rule, impact, width, what is
// wrong, where). `label` names the page in the message.
export async function checkA11y(page, label) {
  await page.waitForLoadState('load');
  const hasAxe = await page.evaluate(() => typeof window.axe !== 'undefined');
  if (!hasAxe) {
    await page.evaluate(AXE_SOURCE);
  }
  const viewport = page.viewportSize();
  const widths = viewport && viewport.width > NARROW_WIDTH ? [viewport.width, NARROW_WIDTH] : [];
  const blocking = [];
  try {
    for (const width of widths.length > 0 ? widths : [null]) {
      if (width !== null && width !== page.viewportSize().width) {
        await page.setViewportSize({ width, height: viewport.height });
        await repainted(page);
      }
      const results = await page.evaluate(
        (tags) =>
          window.axe.run(document, {
            runOnly: { type: 'tag', values: tags },
            resultTypes: ['violations'],
          }),
        AXE_TAGS,
      );
      for (const violation of results.violations) {
        if (BLOCKING_IMPACTS.has(violation.impact)) {
          blocking.push({ width, violation });
        }
      }
    }
  } finally {
    if (viewport && page.viewportSize().width !== viewport.width) {
      await page.setViewportSize(viewport);
      await repainted(page);
    }
  }
  // Marks the document as checked (see `Actor.settle`).
  await page.evaluate(() => {
    window.__vivierA11yChecked = true;
  });
  if (blocking.length > 0) {
    const lines = [];
    for (const { width, violation } of blocking) {
      for (const node of violation.nodes) {
        lines.push(
          `  - ${violation.id} (${violation.impact}${width ? `, ${width} px` : ''}): ` +
            `${violation.help} — ${node.target.join(' ')}\n` +
            `    ${node.failureSummary?.replaceAll('\n', '\n    ') ?? ''}\n` +
            `    ${node.html}`,
        );
      }
    }
    throw new JourneyError(
      `accessibilité : ${lines.length} élément(s) enfreignent des règles WCAG 2.1 A/AA ` +
        `(serious/critical) sur ${label} (${page.url()}):\n${lines.join('\n')}`,
    );
  }
}

// One person's browser: a context of its own (cookies, session) and one page.
export class Actor {
  constructor(name, context, page) {
    this.name = name;
    this.context = context;
    this.page = page;
    // Pages loaded, and pages loaded through `visit` or `navigates` (so checked).
    this.loads = [];
    this.checkedLoads = 0;
    // What went wrong in the page itself since the last `settle`.
    this.problems = [];
    page.on('load', () => this.loads.push(page.url()));
    page.on('pageerror', (error) => this.problems.push(`erreur de script : ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error' && /Content[- ]Security[- ]Policy/i.test(message.text())) {
        this.problems.push(`CSP : ${message.text()}`);
      }
    });
    page.on('response', (response) => {
      const request = response.request();
      if (response.status() >= 400 && request.resourceType() !== 'document') {
        this.problems.push(`ressource en erreur ${response.status()} : ${response.url()}`);
      }
    });
    page.on('requestfailed', (request) => {
      // A navigation that replaces a page cancels its pending requests: not a fault.
      if (request.failure()?.errorText !== 'net::ERR_ABORTED') {
        this.problems.push(`requête échouée : ${request.url()} (${request.failure()?.errorText})`);
      }
    });
  }

  // A new actor in `browser`, whose relative URLs are resolved against `baseURL`.
  static async open(browser, name, baseURL) {
    const context = await browser.newContext({
      baseURL,
      locale: 'fr-FR',
      timezoneId: 'Europe/Paris',
      viewport: { width: 1280, height: 900 },
    });
    context.setDefaultTimeout(ACTION_TIMEOUT_MS);
    context.setDefaultNavigationTimeout(ACTION_TIMEOUT_MS);
    const page = await context.newPage();
    return new Actor(name, context, page);
  }

  // The path and query of the current page.
  get path() {
    const url = new URL(this.page.url());
    return url.pathname + url.search;
  }

  // Goes to `target` (a path), expects `status`, and checks the page it lands on.
  async visit(target, { status = 200 } = {}) {
    const response = await this.page.goto(target);
    expect(response !== null, `${this.name} : aucune réponse pour ${target}`);
    expect(
      response.status() === status,
      `${this.name} : ${target} a répondu ${response.status()} au lieu de ${status}`,
    );
    await this.#checked(target);
    return response;
  }

  // Runs `action` (a click, a key press…) that loads a new page, waits for it, and checks it.
  async navigates(action, label = 'après envoi') {
    const loaded = this.page.waitForEvent('load');
    await action();
    await loaded;
    await this.#checked(label);
  }

  async #checked(label) {
    this.checkedLoads += 1;
    await checkA11y(this.page, `${label} (${this.name})`);
  }

  // Fails on what went wrong in the pages since the last call: a page loaded without an
  // accessibility check, a script error, a CSP violation, a resource in error.
  async settle() {
    const problems = this.problems.splice(0);
    if (this.loads.length > this.checkedLoads) {
      const unchecked = this.loads.slice(this.checkedLoads);
      problems.push(
        `page(s) chargée(s) sans passer par visit/navigates, donc sans contrôle d’accessibilité : ` +
          unchecked.join(', '),
      );
    }
    this.loads = [];
    this.checkedLoads = 0;
    if (this.page.url() !== 'about:blank') {
      const checked = await this.page.evaluate(() => window.__vivierA11yChecked === true);
      if (!checked) {
        problems.push(`la page actuelle n’a pas été contrôlée : ${this.page.url()}`);
      }
    }
    expect(problems.length === 0, `${this.name} :\n  - ${problems.join('\n  - ')}`);
  }

  // Runs `action` (a click on an export link…) that downloads a file; gives its suggested name
  // and its content.
  async downloads(action) {
    const download = this.page.waitForEvent('download');
    await action();
    const file = await download;
    const failure = await file.failure();
    expect(failure === null, `${this.name} : téléchargement échoué (${failure})`);
    const stream = await file.createReadStream();
    const chunks = [];
    for await (const chunk of stream) {
      chunks.push(chunk);
    }
    return { name: file.suggestedFilename(), content: Buffer.concat(chunks) };
  }

  // The text of the page's `h1`.
  async heading() {
    return (await this.page.locator('h1').first().innerText()).trim();
  }

  // Expects the page's `h1` to be `text` (or to match it, for a RegExp).
  async expectHeading(text) {
    const heading = await this.heading();
    const ok = text instanceof RegExp ? text.test(heading) : heading === text;
    expect(ok, `${this.name} : titre « ${heading} » au lieu de « ${text} » sur ${this.path}`);
  }

  // Expects the page's main content to contain `text`.
  async expectText(text) {
    const content = await this.page.locator('main').innerText();
    expect(
      content.includes(text),
      `${this.name} : « ${text} » absent de ${this.path}:\n${content.slice(0, 2000)}`,
    );
  }
}

// --- keyboard ---------------------------------------------------------------------------------

// Describes the focused element, for messages: `tag#id[name] « accessible text »`.
export async function describeFocus(page) {
  return page.evaluate(() => {
    const element = document.activeElement;
    if (!element || element === document.body) {
      return '(rien : body)';
    }
    let text = element.id ? `#${element.id}` : '';
    if (element.getAttribute('name')) {
      text += `[name=${element.getAttribute('name')}]`;
    }
    const label =
      element.getAttribute('aria-label') ||
      (element.labels && element.labels[0]?.innerText) ||
      element.innerText ||
      element.value ||
      '';
    return `${element.tagName.toLowerCase()}${text} « ${label.trim().slice(0, 60)} »`;
  });
}

// Whether the focused element matches `selector`.
export async function focusIs(page, selector) {
  return page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector);
}

// Presses Tab until `selector` has the focus, at most `max` times; fails with the elements the
// focus went through.
export async function tabTo(page, selector, { max = 60 } = {}) {
  const seen = [];
  for (let presses = 0; presses <= max; presses += 1) {
    if (await focusIs(page, selector)) {
      return presses;
    }
    seen.push(await describeFocus(page));
    await page.keyboard.press('Tab');
  }
  throw new JourneyError(
    `${selector} n’a pas reçu le focus après ${max} appuis sur Tab ; le focus est passé par :\n  ` +
      seen.join('\n  '),
  );
}

// Expects the focus on `selector`.
export async function expectFocus(page, selector) {
  expect(
    await focusIs(page, selector),
    `le focus devrait être sur ${selector}, il est sur ${await describeFocus(page)}`,
  );
}

// Fills a form with the keyboard only: Tab to the first field, then for each field in turn
// expects the focus on it (so the Tab order is the one given), types its text, and presses Tab
// to the next one. `fields` is a list of `[selector, text]`; the focus stays on the last.
export async function typeInOrder(page, fields) {
  const [first] = fields[0];
  await tabTo(page, first);
  for (const [index, [selector, text]] of fields.entries()) {
    await expectFocus(page, selector);
    await page.keyboard.type(text);
    if (index + 1 < fields.length) {
      await page.keyboard.press('Tab');
    }
  }
}

// Expects Tab to move the focus through `selectors`, in that order, from the first.
export async function expectTabOrder(page, selectors) {
  await tabTo(page, selectors[0]);
  for (const selector of selectors.slice(1)) {
    await page.keyboard.press('Tab');
    await expectFocus(page, selector);
  }
}

// With the focus on the file input `selector`, opens its file chooser with the Space key, as a
// keyboard user does, and picks `file`: a path, or `{ name, mimeType, buffer }`.
export async function chooseFileWithKeyboard(page, selector, file) {
  await expectFocus(page, selector);
  const chooser = page.waitForEvent('filechooser');
  await page.keyboard.press('Space');
  await (await chooser).setFiles(file);
}

// A small valid PDF of one page showing `text` (ASCII), for forms that take a PDF file.
export function samplePdf(text = 'Curriculum vitae') {
  const escaped = text.replace(/[\\()]/g, (c) => `\\${c}`);
  const stream = `BT /F1 24 Tf 72 720 Td (${escaped}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R ' +
      '/Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let pdf = '%PDF-1.4\n';
  const offsets = [];
  objects.forEach((body, index) => {
    offsets.push(pdf.length);
    pdf += `${index + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) {
    pdf += `${String(offset).padStart(10, '0')} 00000 n \n`;
  }
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}

// --- mail -------------------------------------------------------------------------------------

// Decodes a quoted-printable body into bytes (soft line breaks joined, `=XX` decoded).
export function decodeQuotedPrintable(text) {
  const joined = text.replace(/=\r?\n/g, '');
  const bytes = [];
  for (let i = 0; i < joined.length; i += 1) {
    const hex = joined.slice(i + 1, i + 3);
    if (joined[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(joined.charCodeAt(i) & 0xff);
    }
  }
  return Buffer.from(bytes);
}

// Decodes the RFC 2047 encoded words of a header (`=?utf-8?q?…?=`, `=?utf-8?b?…?=`).
function decodeHeader(value) {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g, (_, charset, encoding, text) => {
      const bytes =
        encoding.toUpperCase() === 'B'
          ? Buffer.from(text, 'base64')
          : decodeQuotedPrintable(text.replaceAll('_', ' '));
      return new TextDecoder(charset).decode(bytes);
    });
}

// A MIME entity (read as latin1, one character per byte): its headers and its leaf parts.
function parseEntity(raw) {
  const split = raw.search(/\r?\n\r?\n/);
  const head = split < 0 ? raw : raw.slice(0, split);
  const body = split < 0 ? '' : raw.slice(split).replace(/^\r?\n\r?\n/, '');
  const headers = {};
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) {
      headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
  }
  const type = headers['content-type'] ?? 'text/plain; charset=us-ascii';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (type.toLowerCase().startsWith('multipart/') && boundary) {
    const parts = body.split(`--${boundary}`).slice(1);
    const leaves = [];
    let complete = false;
    for (const part of parts) {
      if (part.startsWith('--')) {
        complete = true;
        break;
      }
      leaves.push(...parseEntity(part.replace(/^\r?\n/, '')).parts);
    }
    return { headers, parts: leaves, complete };
  }
  const encoding = (headers['content-transfer-encoding'] ?? '7bit').toLowerCase();
  const bytes =
    encoding === 'quoted-printable'
      ? decodeQuotedPrintable(body)
      : encoding === 'base64'
        ? Buffer.from(body, 'base64')
        : Buffer.from(body, 'latin1');
  const charset = /charset="?([^";]+)"?/i.exec(type)?.[1] ?? 'utf-8';
  const text = new TextDecoder(charset).decode(bytes);
  return { headers, parts: [{ type: type.split(';')[0].trim().toLowerCase(), text }], complete: true };
}

// An e-mail as Vivier's development transport writes it: recipient, subject, text, HTML.
export function parseMail(raw, file = '') {
  const { headers, parts, complete } = parseEntity(raw.toString('latin1'));
  const text = parts.find((p) => p.type === 'text/plain')?.text ?? '';
  const html = parts.find((p) => p.type === 'text/html')?.text ?? '';
  return {
    file,
    // False while the server is still writing the file (its closing boundary is missing).
    complete,
    to: decodeHeader(headers.to ?? ''),
    subject: decodeHeader(headers.subject ?? ''),
    text,
    html,
    // The first link of the text part whose path starts with `prefix`.
    link(prefix) {
      for (const match of text.matchAll(/https?:\/\/[^\s<>"]+/g)) {
        const url = new URL(match[0]);
        if (url.pathname.startsWith(prefix)) {
          return url;
        }
      }
      throw new JourneyError(`aucun lien ${prefix}… dans le courriel « ${this.subject} » :\n${text}`);
    },
  };
}

// The development mailbox: `VIVIER_MAIL_DIR`, where the server writes each mail as an `.eml`
// file. Each mail is given once.
export class Mailbox {
  constructor(dir) {
    this.dir = dir;
    this.seen = new Set();
  }

  // The newest mail to `recipient` not given yet, waiting for it up to `timeoutMs` (the server
  // sends its outbox every few seconds); older unread mails to `recipient` are passed over.
  async next(recipient, { timeoutMs = 30_000 } = {}) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.#unread(recipient);
      if (found.length > 0) {
        for (const mail of found) {
          this.seen.add(mail.file);
        }
        return found[found.length - 1];
      }
      if (Date.now() > deadline) {
        throw new JourneyError(`aucun courriel pour ${recipient} dans ${this.dir} en ${timeoutMs} ms`);
      }
      await delay(100);
    }
  }

  #unread(recipient) {
    if (!fs.existsSync(this.dir)) {
      return [];
    }
    const wanted = recipient.toLowerCase();
    return fs
      .readdirSync(this.dir)
      .filter((name) => name.endsWith('.eml') && !this.seen.has(name))
      .map((name) => {
        const file = path.join(this.dir, name);
        return { name, file, mtime: fs.statSync(file).mtimeMs };
      })
      .sort((a, b) => a.mtime - b.mtime)
      .map(({ name, file }) => parseMail(fs.readFileSync(file), name))
      .filter((mail) => mail.complete && mail.to.toLowerCase().includes(wanted));
  }
}
