// The journeys' checks, shown to fail on what they look for: `node --test lib.test.mjs` with
// VIVIER_CHROMIUM set. Pages are served by Playwright's request interception, without a server.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import {
  Actor,
  JourneyError,
  Mailbox,
  checkA11y,
  chooseFileWithKeyboard,
  expectTabOrder,
  launch,
  parseMail,
  samplePdf,
  tabTo,
  typeInOrder,
} from './lib.mjs';

const BASE = 'http://vivier.test/';

// A French page holding `body`, well formed otherwise.
function page(body, title = 'Essai') {
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>${title}</title></head>
<body><header><p>Vivier</p></header><main><h1>${title}</h1>${body}</main></body></html>`;
}

let browser;
before(async () => {
  browser = await launch(process.env.VIVIER_CHROMIUM);
});
after(async () => {
  await browser?.close();
});

// An actor whose requests are answered from `pages` (path → HTML, or a full answer for
// `route.fulfill`).
async function actorOn(pages) {
  const actor = await Actor.open(browser, 'essai', BASE);
  await actor.context.route('**/*', (route) => {
    const { pathname } = new URL(route.request().url());
    const answer = pages[pathname];
    if (answer === undefined) {
      return route.fulfill({ status: 404, contentType: 'text/plain', body: 'absent' });
    }
    return typeof answer === 'string'
      ? route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: answer })
      : route.fulfill(answer);
  });
  return actor;
}

test('checkA11y fails on serious and critical violations, naming rule and element', async () => {
  const actor = await actorOn({
    '/mauvaise': page(
      '<form><input type="text" id="sans-etiquette">' +
        '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" id="sans-alt"></form>' +
        '<p style="color:#bbb;background:#fff" id="pale">Texte trop pâle sur fond blanc</p>',
    ),
    '/bonne': page('<form><label for="nom">Nom</label><input type="text" id="nom"></form>'),
  });
  await actor.page.goto('/mauvaise');
  const error = await checkA11y(actor.page, 'la page mauvaise').then(
    () => null,
    (e) => e,
  );
  assert.ok(error instanceof JourneyError, 'the bad page fails the check');
  for (const expected of [
    'label (critical, 1280 px)',
    '#sans-etiquette',
    'image-alt (critical, 1280 px)',
    '#sans-alt',
  ]) {
    assert.ok(error.message.includes(expected), `${expected} in:\n${error.message}`);
  }
  assert.ok(error.message.includes('color-contrast (serious, 1280 px)'), error.message);
  assert.ok(error.message.includes('la page mauvaise'), error.message);
  await actor.page.goto('/bonne');
  await checkA11y(actor.page, 'la page bonne');
  await actor.context.close();
});

test('checkA11y also checks the page 320 px wide, and gives it back its width', async () => {
  // A region that scrolls only on a narrow screen, with nothing the keyboard can focus in it.
  const actor = await actorOn({
    '/etroite': page(
      '<div id="defile" style="overflow:auto"><table><tr><td style="white-space:nowrap">' +
        'Une ligne de tableau bien trop large pour un écran de trois cent vingt pixels' +
        '</td></tr></table></div>',
    ),
  });
  await actor.page.goto('/etroite');
  await assert.rejects(
    checkA11y(actor.page, 'la page étroite'),
    (error) =>
      error.message.includes('scrollable-region-focusable (serious, 320 px)') &&
      error.message.includes('#defile') &&
      !error.message.includes('1280 px'),
  );
  assert.equal(actor.page.viewportSize().width, 1280);
  await actor.context.close();
});

test('settle fails on a page loaded without a check, and on a script error', async () => {
  const actor = await actorOn({
    '/a': page('<p><a href="/b">Vers b</a></p>', 'Page a'),
    '/b': page('<p>Arrivée</p>', 'Page b'),
    '/c': page('<p>Rien</p>', 'Page c'),
  });
  await actor.visit('/a');
  await actor.settle();
  await actor.page.getByRole('link', { name: 'Vers b' }).click();
  await actor.page.waitForURL('**/b');
  await assert.rejects(actor.settle(), /sans contrôle d’accessibilité : http:\/\/vivier\.test\/b/);

  await actor.visit('/c');
  const thrown = actor.page.waitForEvent('pageerror');
  await actor.page.evaluate(() => setTimeout(() => undefined.boom, 0));
  await thrown;
  await assert.rejects(actor.settle(), /erreur de script/);

  await assert.rejects(actor.visit('/absente'), /a répondu 404 au lieu de 200/);
  await actor.context.close();
});

test('the keyboard helpers follow and assert the Tab order', async () => {
  const form = (order) =>
    page(
      `<form>${order
        .map(([id, index]) => `<label for="${id}">${id}</label><input id="${id}" tabindex="${index}">`)
        .join('')}</form>`,
    );
  const actor = await actorOn({
    '/dans-l-ordre': form([
      ['un', 0],
      ['deux', 0],
      ['trois', 0],
    ]),
    '/desordre': form([
      ['un', 1],
      ['deux', 3],
      ['trois', 2],
    ]),
  });
  await actor.visit('/dans-l-ordre');
  await typeInOrder(actor.page, [
    ['#un', 'a'],
    ['#deux', 'b'],
    ['#trois', 'c'],
  ]);
  assert.equal(await actor.page.inputValue('#deux'), 'b');
  await actor.visit('/desordre');
  await assert.rejects(
    expectTabOrder(actor.page, ['#un', '#deux', '#trois']),
    /le focus devrait être sur #deux, il est sur input#trois/,
  );
  await assert.rejects(
    (async () => {
      await actor.visit('/desordre');
      await expectTabOrder(actor.page, ['#absent']);
    })(),
    /#absent n’a pas reçu le focus après 60 appuis sur Tab/,
  );
  await actor.context.close();
});

// A mail as lettre writes it: multipart/alternative, quoted-printable UTF-8 bodies whose long
// lines are cut by soft line breaks, an RFC 2047 subject.
const TOKEN = 'AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-abcd';
const MAIL = [
  'From: Vivier <ne-pas-repondre@vivier.localhost>',
  'To: dominique.temoin@exemple.fr',
  'Subject: =?utf-8?q?Confirmez_votre_adresse_=C3=A9lectronique?=',
  'MIME-Version: 1.0',
  'Content-Type: multipart/alternative;',
  ' boundary="frontiere"',
  '',
  '--frontiere',
  'Content-Type: text/plain; charset=utf-8',
  'Content-Transfer-Encoding: quoted-printable',
  '',
  'Bonjour Dominique T=C3=A9moin,',
  `Suivez ce lien : http://127.0.0.1:4321/inscription/confirmation?jeton=3D${TOKEN.slice(0, 20)}=`,
  `${TOKEN.slice(20)}`,
  '--frontiere',
  'Content-Type: text/html; charset=utf-8',
  'Content-Transfer-Encoding: quoted-printable',
  '',
  '<p>Bonjour</p>',
  '--frontiere--',
  '',
].join('\r\n');

test('parseMail decodes quoted-printable bodies and encoded subjects', () => {
  const mail = parseMail(Buffer.from(MAIL, 'latin1'));
  assert.equal(mail.complete, true);
  assert.equal(mail.subject, 'Confirmez votre adresse électronique');
  assert.ok(mail.text.includes('Bonjour Dominique Témoin,'), mail.text);
  const link = mail.link('/inscription/confirmation');
  assert.equal(link.searchParams.get('jeton'), TOKEN);
  assert.equal(mail.html.trim(), '<p>Bonjour</p>');
  assert.throws(() => mail.link('/mot-de-passe-oublie'), /aucun lien \/mot-de-passe-oublie/);
});

test('the mailbox gives the newest complete unread mail of a recipient, once', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vivier-mailbox-'));
  try {
    const write = (name, text, mtime) => {
      fs.writeFileSync(path.join(dir, name), text, 'latin1');
      fs.utimesSync(path.join(dir, name), mtime, mtime);
    };
    write('1.eml', MAIL.replace('Bonjour Dominique', 'Ancien Dominique'), 1_000);
    write('2.eml', MAIL, 2_000);
    write('3.eml', MAIL.replace('dominique.temoin', 'autre'), 3_000);
    // Still being written: no closing boundary yet.
    write('4.eml', MAIL.slice(0, MAIL.indexOf('--frontiere--')), 4_000);
    const mailbox = new Mailbox(dir);
    const mail = await mailbox.next('Dominique.Temoin@exemple.fr');
    assert.equal(mail.file, '2.eml');
    await assert.rejects(
      mailbox.next('dominique.temoin@exemple.fr', { timeoutMs: 300 }),
      /aucun courriel pour dominique\.temoin@exemple\.fr/,
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a file is chosen with the keyboard, and a download is read', async () => {
  const actor = await actorOn({
    '/envoi': page(
      '<form><label for="cv">CV (PDF)</label><input type="file" id="cv" accept="application/pdf">' +
        '</form><p><a href="/export.json">Exporter mes données</a></p>',
    ),
    '/export.json': {
      status: 200,
      headers: { 'content-disposition': 'attachment; filename="mes-donnees.json"' },
      contentType: 'application/json',
      body: '{"nom":"Dominique"}',
    },
  });
  await actor.visit('/envoi');
  await tabTo(actor.page, '#cv');
  const pdf = samplePdf('CV de Dominique');
  await chooseFileWithKeyboard(actor.page, '#cv', {
    name: 'cv.pdf',
    mimeType: 'application/pdf',
    buffer: pdf,
  });
  const chosen = await actor.page.evaluate(() => {
    const file = document.getElementById('cv').files[0];
    return { name: file.name, size: file.size };
  });
  assert.deepEqual(chosen, { name: 'cv.pdf', size: pdf.length });
  const { name, content } = await actor.downloads(() =>
    actor.page.getByRole('link', { name: 'Exporter mes données' }).click(),
  );
  assert.equal(name, 'mes-donnees.json');
  assert.deepEqual(JSON.parse(content.toString('utf8')), { nom: 'Dominique' });
  await actor.settle();
  await actor.context.close();
});

test('samplePdf is a PDF whose cross-reference table points at its objects', () => {
  const pdf = samplePdf('Un (petit) CV').toString('latin1');
  assert.ok(pdf.startsWith('%PDF-1.4\n') && pdf.endsWith('%%EOF\n'));
  assert.ok(pdf.includes('(Un \\(petit\\) CV) Tj'));
  const xref = Number(/startxref\n(\d+)\n/.exec(pdf)[1]);
  assert.ok(pdf.startsWith('xref\n', xref));
  const offsets = [...pdf.slice(xref).matchAll(/^(\d{10}) 00000 n $/gm)].map((m) => Number(m[1]));
  assert.equal(offsets.length, 5);
  offsets.forEach((offset, index) => {
    assert.ok(pdf.startsWith(`${index + 1} 0 obj\n`, offset), `object ${index + 1}`);
  });
});
